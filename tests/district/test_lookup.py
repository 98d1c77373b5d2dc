"""The citizen's dossier lookup: receipt code plus the phone's last four
digits, the same refusal for either mistake, nothing about the applicant."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings

from home.sections import SECTIONS_BY_KEY
from procedures.models import DossierLookupPage, DossierStatus

from .conftest import make_dossier

pytestmark = pytest.mark.django_db

LOOKUP_SLUG = SECTIONS_BY_KEY["dossier_lookup"].slug
URL = f"/{LOOKUP_SLUG}/"
NOT_FOUND = "Không tìm thấy hồ sơ"


def post(slug: str, code: str, digits: str, ip: str = "10.0.0.1"):
    return Client().post(
        URL,
        {"receipt_code": code, "phone_last_four": digits},
        HTTP_HOST=f"{slug}.localhost:8000",
        REMOTE_ADDR=ip,
    )


def test_every_commune_has_a_lookup_page(communes):
    for commune in communes.values():
        home = commune.site.root_page
        assert DossierLookupPage.objects.child_of(home).live().filter(slug=LOOKUP_SLUG).exists()


def test_right_code_and_digits_show_the_dossier_and_nothing_about_the_applicant(a_dossier):
    response = post("voi", "VOI-0001", "5678")
    assert response.status_code == 200
    page = response.content.decode()
    assert "VOI-0001" in page
    assert "Đăng ký khai sinh" in page
    assert "Trần Thị Lan" not in page
    assert "0912345678" not in page and "0912 345 678" not in page


def test_wrong_phone_and_wrong_code_get_the_same_refusal(a_dossier):
    wrong_phone = post("voi", "VOI-0001", "1234")
    wrong_code = post("voi", "VOI-0002", "5678", ip="10.0.0.2")
    assert wrong_phone.status_code == wrong_code.status_code == 404
    for response in (wrong_phone, wrong_code):
        page = response.content.decode()
        assert NOT_FOUND in page
        assert "Đăng ký khai sinh" not in page

    def neutral(response, code: str, digits: str) -> str:
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return page.replace(f'value="{code}"', "").replace(f'value="{digits}"', "")

    assert neutral(wrong_code, "VOI-0002", "5678") == neutral(wrong_phone, "VOI-0001", "1234")


def test_another_communes_dossier_is_not_found_from_this_site(a_dossier, b_dossier):
    response = post("voi", "KEP-0001", "4321")
    assert response.status_code == 404
    assert "Người Bí Mật" not in response.content.decode()
    assert post("kep", "KEP-0001", "4321").status_code == 200


def test_digits_must_be_four(a_dossier):
    response = post("voi", "VOI-0001", "678")
    assert response.status_code == 200
    assert "VOI-0001</h2>" not in response.content.decode()


@override_settings(LOOKUP_RATE_LIMIT=3)
def test_lookups_are_rate_limited(a_dossier):
    cache.clear()
    for _ in range(3):
        assert post("voi", "VOI-0001", "0000", ip="10.9.9.9").status_code == 404
    assert post("voi", "VOI-0001", "5678", ip="10.9.9.9").status_code == 429
    assert post("voi", "VOI-0001", "5678", ip="10.9.9.8").status_code == 200


def test_ready_and_late_dossiers_tell_the_citizen(communes):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    make_dossier(communes["voi"], receipt_code="R-1", status=DossierStatus.READY)
    make_dossier(
        communes["voi"],
        receipt_code="L-1",
        received_on=today - timedelta(days=9),
        appointment_date=today - timedelta(days=2),
    )
    assert "Kết quả đã có" in post("voi", "R-1", "5678").content.decode()
    assert "xin lỗi" in post("voi", "L-1", "5678").content.decode()


def test_lookup_page_in_bounded_queries(a_dossier, django_assert_max_num_queries):
    client = Client()
    host = {"HTTP_HOST": "voi.localhost:8000"}
    client.get(URL, **host)
    with django_assert_max_num_queries(12):
        assert client.get(URL, **host).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.post(URL, {"receipt_code": "VOI-0001", "phone_last_four": "5678"}, **host)
        assert response.status_code == 200
