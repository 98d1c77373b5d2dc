"""The "result ready" text message carries the full address of the citizen's
own commune's dossier look-up page, found in its page tree (issue 17)."""

import pytest

from home.sms import segment_count
from procedures.dossiers import lookup_address, ready_text, save_dossier
from procedures.models import DossierLookupPage, DossierStatus, SmsMessage

from .conftest import make_dossier

pytestmark = pytest.mark.django_db


def lookup_page(commune) -> DossierLookupPage:
    return DossierLookupPage.objects.child_of(commune.site.root_page).get()


def test_the_ready_text_names_the_commune_s_own_lookup_page(communes):
    voi = make_dossier(communes["voi"], receipt_code="VOI-11")
    kep = make_dossier(communes["kep"], receipt_code="KEP-11")
    assert ready_text(voi).endswith(" Tra cứu: http://voi.localhost/tra-cuu-ho-so/")
    assert ready_text(kep).endswith(" Tra cứu: http://kep.localhost/tra-cuu-ho-so/")
    assert "voi.localhost" not in ready_text(kep)
    assert lookup_address(communes["voi"]) == lookup_page(communes["voi"]).get_full_url()


def test_the_address_follows_the_page_when_an_editor_renames_its_slug(communes):
    page = lookup_page(communes["voi"])
    page.slug = "theo-doi-ho-so"
    page.save_revision().publish()
    dossier = make_dossier(communes["voi"], receipt_code="VOI-12")
    assert ready_text(dossier).endswith(" Tra cứu: http://voi.localhost/theo-doi-ho-so/")


def test_without_its_lookup_page_the_text_names_the_commune_s_site(communes):
    lookup_page(communes["voi"]).unpublish()
    dossier = make_dossier(communes["voi"], receipt_code="VOI-13")
    assert ready_text(dossier).endswith(" Tra cứu: http://voi.localhost/")


def test_a_commune_without_a_site_gets_the_text_without_an_address(communes):
    commune = communes["tan-thanh"]
    dossier = make_dossier(commune, receipt_code="TT-1")
    commune.site = None
    assert lookup_address(commune) == ""
    assert ready_text(dossier) == (
        "Xã Tân Thanh: hồ sơ TT-1 (Đăng ký khai sinh) đã có kết quả. "
        "Mời ông/bà đến Bộ phận một cửa để nhận."
    )


def test_a_realistic_receipt_code_keeps_the_address_within_three_segments(communes):
    dossier = make_dossier(
        communes["tan-thanh"],
        receipt_code="H06.24-241001-0001",
        procedure_name="Thủ tục đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới",
    )
    text = ready_text(dossier)
    assert "H06.24-241001-0001" in text
    assert text.endswith(" Tra cứu: http://tan-thanh.localhost/tra-cuu-ho-so/")
    assert segment_count(text) <= 3


def test_the_message_sent_carries_the_address(communes, outbox, django_capture_on_commit_callbacks):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-14")
    dossier.status = DossierStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        save_dossier(dossier)
    [sent] = outbox.messages
    assert "http://voi.localhost/tra-cuu-ho-so/" in sent["text"]
    assert SmsMessage.objects.get(dossier=dossier).text == sent["text"]
