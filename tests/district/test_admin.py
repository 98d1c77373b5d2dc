"""The district app's admin screens, attacked by the editor of Vôi (A)
towards Kép (B): dossiers, text messages, criteria progress, launches,
dashboard, drill-down, exports and the custom views."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contact.models import Rating, RatingLevel
from district.models import CommuneLaunch, Criterion, CriterionProgress, ProgressStatus
from home.models import Commune
from procedures.dossiers import save_dossier
from procedures.models import Dossier, DossierStatus, SmsMessage
from tests.shipped import PROVISIONED

from .conftest import make_dossier

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


@pytest.fixture
def attacker(editor_a, client_for):
    return client_for(editor_a)


@pytest.fixture
def b_sms(b_dossier):
    b_dossier.status = DossierStatus.READY
    save_dossier(b_dossier)
    return SmsMessage.objects.get(dossier=b_dossier)


@pytest.fixture
def b_progress(communes):
    return CriterionProgress.objects.create(
        commune=communes["kep"],
        criterion=Criterion.objects.get(code="1.1.2"),
        status=ProgressStatus.MET,
        note="Minh chứng bí mật của Kép",
        confirmed=True,
    )


@pytest.fixture
def b_launch(communes):
    return CommuneLaunch.objects.create(
        commune=communes["kep"], launch_date=date(2022, 11, 15), note="Ra mắt bí mật của Kép"
    )


def dossier_form(commune, **extra):
    today = timezone.localdate()
    return {
        "commune": commune.pk,
        "receipt_code": "VOI-NEW",
        "procedure": "",
        "procedure_name": "Chứng thực",
        "applicant_name": "Lê Văn Mới",
        "applicant_phone": "0912 000 111",
        "received_on": today.isoformat(),
        "appointment_date": (today + timedelta(days=3)).isoformat(),
        "returned_on": "",
        "status": DossierStatus.RECEIVED,
        "note": "",
        **extra,
    }


def test_editor_lists_and_exports_only_own_dossiers(attacker, a_dossier, b_dossier):
    listing = attacker.get(reverse("dossiers:index")).content.decode()
    assert "VOI-0001" in listing
    assert "KEP-0001" not in listing and "Người Bí Mật" not in listing
    response = attacker.get(reverse("dossiers:index") + "?export=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "VOI-0001" in export and "KEP-0001" not in export


def test_editor_cannot_edit_delete_or_read_history_of_another_communes_dossier(attacker, b_dossier):
    for name in ("dossiers:edit", "dossiers:delete", "dossiers:history"):
        assert denied(attacker.get(reverse(name, args=[b_dossier.pk]))), name
    response = attacker.post(
        reverse("dossiers:edit", args=[b_dossier.pk]),
        dossier_form(b_dossier.commune, receipt_code="KEP-0001", status=DossierStatus.READY),
    )
    assert denied(response)
    assert attacker.post(reverse("dossiers:delete", args=[b_dossier.pk])).status_code in (403, 404)
    b_dossier.refresh_from_db()
    assert b_dossier.status == DossierStatus.RECEIVED
    assert Dossier.objects.filter(pk=b_dossier.pk).exists()


def test_editor_cannot_create_a_dossier_for_another_commune(attacker, communes):
    response = attacker.post(reverse("dossiers:add"), dossier_form(communes["kep"]))
    assert response.status_code == 200  # the form refuses the choice
    assert not Dossier.objects.filter(receipt_code="VOI-NEW").exists()
    response = attacker.post(reverse("dossiers:add"), dossier_form(communes["voi"]))
    assert response.status_code == 302
    dossier = Dossier.objects.get(receipt_code="VOI-NEW")
    assert (dossier.commune, dossier.applicant_phone) == (communes["voi"], "0912000111")


def test_editor_marks_ready_in_the_admin_and_one_message_goes(
    attacker, a_dossier, outbox, django_capture_on_commit_callbacks
):
    form = dossier_form(a_dossier.commune, receipt_code="VOI-0001", status=DossierStatus.READY)
    url = reverse("dossiers:edit", args=[a_dossier.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert attacker.post(url, form).status_code == 302
        assert attacker.post(url, form).status_code == 302  # saved twice
    assert len(outbox.messages) == 1
    assert outbox.messages[0]["to"] == "0912000111"


def test_editor_sees_only_own_text_messages(attacker, b_sms, communes):
    a = make_dossier(communes["voi"], receipt_code="VOI-SMS", status=DossierStatus.READY)
    listing = attacker.get(reverse("sms_messages:index")).content.decode()
    assert "VOI-SMS" in listing and "KEP-0001" not in listing
    assert denied(attacker.get(reverse("sms_messages:inspect", args=[b_sms.pk])))
    own = SmsMessage.objects.get(dossier=a)
    assert attacker.get(reverse("sms_messages:inspect", args=[own.pk])).status_code == 200
    assert denied(attacker.get(reverse("sms_messages:edit", args=[own.pk])))


def test_editor_cannot_reach_another_communes_criteria_or_launch(attacker, b_progress, b_launch):
    listing = attacker.get(reverse("criterion_progress:index")).content.decode()
    assert "Công khai số điện thoại của bí thư" not in listing
    for name in ("criterion_progress:edit", "criterion_progress:delete"):
        assert denied(attacker.get(reverse(name, args=[b_progress.pk]))), name
    assert denied(attacker.get(reverse("launches:edit", args=[b_launch.pk])))
    assert "Ra mắt bí mật" not in attacker.get(reverse("launches:index")).content.decode()


def progress_form(commune, criterion, **extra):
    return {
        "commune": commune.pk,
        "criterion": criterion.pk,
        "status": ProgressStatus.MET,
        "date": "2022-10-15",
        "evidence_url": "https://voi.example/minh-chung",
        "evidence_document": "",
        "evidence_image": "",
        "note": "Đã niêm yết",
        "confirmed": "on",
        **extra,
    }


def test_editor_proposes_and_only_the_district_confirms(
    attacker, communes, district_admin, client_for
):
    criterion = Criterion.objects.get(code="1.1.1")
    response = attacker.post(
        reverse("criterion_progress:add"), progress_form(communes["voi"], criterion)
    )
    assert response.status_code == 302
    progress = CriterionProgress.objects.get(commune=communes["voi"], criterion=criterion)
    assert progress.status == ProgressStatus.MET
    assert progress.confirmed is False  # a proposal, whatever was posted
    assert not progress.counts_as_met
    admin = client_for(district_admin)
    response = admin.post(
        reverse("criterion_progress:edit", args=[progress.pk]),
        progress_form(communes["voi"], criterion),
    )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.confirmed and progress.confirmed_by == district_admin
    assert progress.counts_as_met
    attacker.post(
        reverse("criterion_progress:edit", args=[progress.pk]),
        progress_form(communes["voi"], criterion, note="Sửa minh chứng"),
    )
    progress.refresh_from_db()
    assert progress.confirmed is False  # a change by the commune needs a new confirmation


def test_editor_cannot_propose_for_another_commune(attacker, communes):
    criterion = Criterion.objects.get(code="1.1.3")
    response = attacker.post(
        reverse("criterion_progress:add"), progress_form(communes["kep"], criterion)
    )
    assert response.status_code == 200
    assert not CriterionProgress.objects.filter(commune=communes["kep"]).exists()


def test_dashboard_and_drill_down_are_scoped(attacker, communes, b_progress):
    page = attacker.get(reverse("district_dashboard")).content.decode()
    assert "Thị trấn Vôi" in page and "Thị trấn Kép" not in page
    csv_text = attacker.get(reverse("district_dashboard") + "?export=csv").content.decode()
    assert "Thị trấn Vôi" in csv_text and "Kép" not in csv_text
    assert attacker.get(reverse("district_commune", args=["07399"])).status_code == 404
    assert attacker.get(reverse("district_commune", args=["07375"])).status_code == 200


def test_district_admin_sees_every_commune_and_drills_down(
    district_admin, client_for, b_progress, communes
):
    admin = client_for(district_admin)
    page = admin.get(reverse("district_dashboard")).content.decode()
    assert sorted(communes) == sorted(PROVISIONED)
    for commune in communes.values():
        assert commune.full_name in page, commune.slug
    detail = admin.get(reverse("district_commune", args=["07399"])).content.decode()
    assert "Minh chứng bí mật của Kép" in detail


def test_import_and_merge_views_are_guarded(attacker, communes):
    upload = SimpleUploadedFile(
        "hs.csv",
        "ma_ho_so,ten_thu_tuc,nguoi_nop,so_dien_thoai,ngay_tiep_nhan,ngay_hen_tra,trang_thai\n"
        "KEP-X,Khai sinh,Ai Đó,0912345678,01/10/2025,03/10/2025,Đã tiếp nhận\n".encode(),
        content_type="text/csv",
    )
    response = attacker.post(
        reverse("procedures_dossier_import"), {"commune": communes["kep"].pk, "file": upload}
    )
    assert response.status_code == 200
    assert not Dossier.objects.filter(receipt_code="KEP-X").exists()
    assert denied(attacker.get(reverse("district_merge")))
    response = attacker.post(
        reverse("district_merge"),
        {"sources": [communes["kep"].pk], "target": "voi", "dry_run": ""},
    )
    assert denied(response)
    assert communes["kep"].site_id is not None
    assert not Commune.objects.filter(merged_into__isnull=False).exists()
    assert Dossier.objects.count() == 0


def test_editor_imports_own_dossiers_from_the_one_stop_csv(
    attacker, communes, outbox, django_capture_on_commit_callbacks
):
    content = (
        "ma_ho_so,ma_thu_tuc,ten_thu_tuc,nguoi_nop,so_dien_thoai,ngay_tiep_nhan,ngay_hen_tra,"
        "trang_thai\n"
        "VOI-A,,Đăng ký khai sinh,Trần Văn A,0912.345.678,01/10/2025,03/10/2025,Đã tiếp nhận\n"
        "VOI-B,,Chứng thực,Lê Thị B,+84 987 654 321,2025-10-01,2025-10-02,Có kết quả\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = attacker.post(
            reverse("procedures_dossier_import"),
            {"commune": communes["voi"].pk, "file": SimpleUploadedFile("hs.csv", content)},
        )
        assert response.status_code == 200
        attacker.post(
            reverse("procedures_dossier_import"),
            {"commune": communes["voi"].pk, "file": SimpleUploadedFile("hs.csv", content)},
        )
    dossiers = {d.receipt_code: d for d in Dossier.objects.filter(commune=communes["voi"])}
    assert set(dossiers) == {"VOI-A", "VOI-B"}
    assert dossiers["VOI-B"].status == DossierStatus.READY
    assert dossiers["VOI-B"].applicant_phone == "0987654321"
    assert dossiers["VOI-A"].appointment_date == date(2025, 10, 3)
    assert [m["to"] for m in outbox.messages] == ["0987654321"]


def test_a_bad_row_changes_nothing(communes):
    from procedures.dossiers import import_dossiers

    rows = [
        {
            "receipt_code": "V-1",
            "procedure_code": "",
            "procedure_name": "X",
            "applicant_name": "A",
            "applicant_phone": "0912345678",
            "received_on": "01/10/2025",
            "appointment_date": "03/10/2025",
            "status": "received",
        },
        {
            "receipt_code": "V-2",
            "procedure_code": "",
            "procedure_name": "X",
            "applicant_name": "B",
            "applicant_phone": "12",
            "received_on": "hôm qua",
            "appointment_date": "03/10/2025",
            "status": "???",
        },
    ]
    report = import_dossiers(commune=communes["voi"], rows=rows)
    assert len(report.errors) == 3
    assert not Dossier.objects.exists()


def test_late_dossier_offers_the_apology_letter(attacker, communes):
    today = timezone.localdate()
    late = make_dossier(
        communes["voi"],
        receipt_code="VOI-LATE",
        received_on=today - timedelta(days=10),
        appointment_date=today - timedelta(days=2),
    )
    page = attacker.get(reverse("dossiers:edit", args=[late.pk])).content.decode()
    assert "Soạn thư xin lỗi (mẫu 02)" in page
    on_time = make_dossier(communes["voi"], receipt_code="VOI-OK")
    page = attacker.get(reverse("dossiers:edit", args=[on_time.pk])).content.decode()
    assert reverse("letters:add") not in page


def test_apology_letter_link_opens_a_prefilled_form_02(attacker, communes):
    from urllib.parse import parse_qs, urlsplit

    from procedures.dossiers import apology_letter_url

    today = timezone.localdate()
    late = make_dossier(
        communes["voi"],
        receipt_code="VOI-LATE",
        received_on=today - timedelta(days=10),
        appointment_date=today - timedelta(days=2),
    )
    url = apology_letter_url(late)
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == reverse("letters:add")
    assert query["kind"] == ["apology"]
    assert query["recipient_name"] == ["Trần Thị Lan"]
    assert "VOI-LATE" in query["reason"][0]
    form = attacker.get(url).content.decode()
    assert 'value="Trần Thị Lan"' in form
    assert '<option value="apology" selected>' in form
    assert "VOI-LATE" in form
    page = attacker.get(reverse("dossiers:edit", args=[late.pk])).content.decode()
    assert reverse("letters:add") in page


def test_inspect_views_are_scoped_too(attacker, communes):
    """Wagtail's InspectView loads by primary key from the whole table: the
    scoped view set narrows it (contact's ratings use it as well)."""
    rating = Rating.objects.create(commune=communes["kep"], level=RatingLevel.UNSATISFIED)
    assert denied(attacker.get(reverse("ratings:inspect", args=[rating.pk])))
    own = Rating.objects.create(commune=communes["voi"], level=RatingLevel.SATISFIED)
    assert attacker.get(reverse("ratings:inspect", args=[own.pk])).status_code == 200
