"""A change purges what shows it, and nothing else (``home.caching``).

Seen from both sides: a write in Vôi refreshes at once the pages of Vôi (and
of the portal) that show it, while Vôi's other pages and every page of Kép
stay hits answered without a single query.
"""

from datetime import date, timedelta

import pytest
from django.test import Client, override_settings
from django_recaptcha.client import RecaptchaResponse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale, Page

from contact.models import Feedback, FeedbackStatus, Official, RatingPage, ReplyTemplate
from contact.services import moderate
from home.caching import registry
from home.caching.keys import host_version_key
from home.models import StandardPage
from procedures.models import Procedure
from tests.factories import NoticeFactory
from theme import versions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

PORTAL = None  # the default site, at the base domain


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def captcha_ok(monkeypatch):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit", lambda **kwargs: RecaptchaResponse(is_valid=True)
    )


@pytest.fixture
def bumped(monkeypatch) -> list[str]:
    """Every version counter bumped during the test, in order."""
    keys: list[str] = []
    real_bump = versions.bump

    def bump(some_keys):
        some_keys = list(some_keys)
        keys.extend(some_keys)
        real_bump(some_keys)

    monkeypatch.setattr(versions, "bump", bump)
    return keys


def host(slug: str | None) -> str:
    return f"{slug}.localhost:8000" if slug else "localhost:8000"


def get(slug, path="/", client=None, **extra):
    return (client or Client()).get(path, HTTP_HOST=host(slug), **extra)


def warm(*pages):
    """Each (commune, path) rendered once and stored."""
    for slug, path in pages:
        response = get(slug, path)
        assert response.status_code == 200, (slug, path)
        assert response["X-Cache"] == "MISS", (slug, path)


def assert_hits_without_queries(django_assert_num_queries, *pages):
    for slug, path in pages:
        with django_assert_num_queries(0):
            response = get(slug, path)
        assert response["X-Cache"] == "HIT", (slug, path)


def assert_fresh(slug, path, text=None) -> str:
    response = get(slug, path)
    assert response["X-Cache"] == "MISS", (slug, path)
    html = response.content.decode()
    if text is not None:
        assert text in html, (slug, path)
    return html


KEP_PAGES = [
    ("kep", "/"),
    ("kep", "/danh-gia/ket-qua/"),
    ("kep", "/gop-y/hoi-dap/"),
    ("kep", "/lien-he/"),
    ("kep", "/thu-tuc/"),
    ("tan-thanh", "/danh-gia/ket-qua/"),
]


def test_a_rating_refreshes_its_results_and_the_portals_figures_only(
    django_assert_num_queries,
):
    warm(
        *KEP_PAGES,
        ("voi", "/"),
        ("voi", "/danh-gia/ket-qua/"),
        ("voi", "/tin-tuc/"),
        ("voi", "/lien-he/"),
        (PORTAL, "/"),
        (PORTAL, "/hai-long/"),
    )
    rated = Client().post("/danh-gia/", {"level": "khong_hai_long"}, HTTP_HOST=host("voi"))
    assert rated.status_code == 302
    assert_hits_without_queries(
        django_assert_num_queries,
        *KEP_PAGES,
        ("voi", "/"),
        ("voi", "/tin-tuc/"),
        ("voi", "/lien-he/"),
    )
    assert_fresh("voi", "/danh-gia/ket-qua/", "0,0%")  # Vietnamese decimal comma
    assert "0,0%" in assert_fresh(PORTAL, "/")
    assert "0,0%" in assert_fresh(PORTAL, "/hai-long/")


def test_a_feedback_submission_refreshes_the_portals_figures_only(
    captcha_ok, django_assert_num_queries
):
    voi_pages = [("voi", "/"), ("voi", "/gop-y/hoi-dap/"), ("voi", "/lien-he/")]
    warm(*KEP_PAGES, *voi_pages, (PORTAL, "/"), (PORTAL, "/hai-long/"))
    response = Client().post(
        "/gop-y/",
        {
            "kind": "phan_anh",
            "subject": "Đèn đường thôn Chằm hỏng",
            "message": "Ba bóng đèn đường ở thôn Chằm hỏng từ tuần trước.",
            "name": "Nguyễn Thị Lan",
            "phone": "0912 345 678",
            "consent_to_publish": "on",
            "website": "",
            "g-recaptcha-response": "token-from-the-widget",
        },
        HTTP_HOST=host("voi"),
    )
    assert response.status_code == 302 and Feedback.objects.count() == 1
    assert_hits_without_queries(django_assert_num_queries, *KEP_PAGES, *voi_pages)
    assert_fresh(PORTAL, "/")
    assert_fresh(PORTAL, "/hai-long/")


def test_a_published_answer_refreshes_the_communes_answers_page(
    communes, django_assert_num_queries
):
    feedback = Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="TEST-0001",
        kind="phan_anh",
        subject="Rác ở chợ Vôi",
        message="Rác ở chợ không được thu gom.",
        name="Trần Văn Bình",
        consent_to_publish=True,
        due_date=date.today() + timedelta(days=14),
    )
    warm(*KEP_PAGES, ("voi", "/gop-y/hoi-dap/"), ("voi", "/"), ("voi", "/danh-gia/ket-qua/"))
    feedback.answer = "Đã bố trí xe thu gom rác hằng ngày."
    for status in (FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED):
        before, feedback.status = feedback.status, status
        moderate(feedback, user=None, before_status=before, changed=["status", "answer"])
    assert_fresh("voi", "/gop-y/hoi-dap/", "Đã bố trí xe thu gom rác hằng ngày.")
    assert_hits_without_queries(
        django_assert_num_queries, *KEP_PAGES, ("voi", "/"), ("voi", "/danh-gia/ket-qua/")
    )


def test_an_official_refreshes_the_contact_office_and_reception_pages_only(
    communes, django_assert_num_queries
):
    shown = [("voi", "/lien-he/"), ("voi", "/mot-cua/"), ("voi", "/tiep-cong-dan/")]
    warm(*KEP_PAGES, *shown, ("voi", "/"), ("voi", "/thu-tuc/"), ("voi", "/tin-tuc/"))
    official = Official.objects.create(
        commune=communes["voi"],
        full_name="Người Mới Nhậm Chức",
        post="chu_tich",
        phone="0912000999",
    )
    assert_hits_without_queries(
        django_assert_num_queries,
        *KEP_PAGES,
        ("voi", "/"),
        ("voi", "/thu-tuc/"),
        ("voi", "/tin-tuc/"),
    )
    assert_fresh("voi", "/lien-he/", "Người Mới Nhậm Chức")
    for slug, path in shown[1:]:
        assert_fresh(slug, path)
    vcard = f"/lien-he/vcard/{official.pk}/"
    assert "Người Mới Nhậm Chức" in get("voi", vcard).content.decode()
    official.full_name = "Người Mới Đổi Tên"
    official.save()
    assert "Người Mới Đổi Tên" in get("voi", vcard).content.decode()


def test_a_notice_refreshes_every_page_of_its_commune_only(communes, django_assert_num_queries):
    voi_pages = [("voi", "/"), ("voi", "/thu-tuc/"), ("voi", "/danh-gia/ket-qua/")]
    warm(*KEP_PAGES, *voi_pages, (PORTAL, "/"))
    NoticeFactory(commune=communes["voi"], message="Cắt điện thôn Đồng chiều nay")
    for slug, path in voi_pages:
        assert_fresh(slug, path, "Cắt điện thôn Đồng chiều nay")
    assert_hits_without_queries(django_assert_num_queries, *KEP_PAGES, (PORTAL, "/"))


def test_a_district_record_refreshes_every_catalogue_and_nothing_else(
    django_assert_num_queries,
):
    catalogues = [
        ("voi", "/thu-tuc/1.001193/"),
        ("kep", "/thu-tuc/1.001193/"),
        ("voi", "/thu-tuc/"),
    ]
    others = [("voi", "/"), ("kep", "/lien-he/"), (PORTAL, "/")]
    warm(*catalogues, *others)
    procedure = Procedure.objects.get(code="1.001193")
    procedure.fee = "Miễn lệ phí (sửa đổi)"
    procedure.save()
    for slug, path in catalogues[:2]:
        assert_fresh(slug, path, "Miễn lệ phí (sửa đổi)")
    assert_fresh(*catalogues[2])
    assert_hits_without_queries(django_assert_num_queries, *others)


def test_a_model_nobody_declares_purges_nothing(communes, django_assert_num_queries, bumped):
    warm(("voi", "/"), ("voi", "/gop-y/hoi-dap/"))
    ReplyTemplate.objects.create(commune=communes["voi"], title="Mẫu", text="Cảm ơn ông/bà.")
    assert bumped == []
    assert_hits_without_queries(django_assert_num_queries, ("voi", "/"), ("voi", "/gop-y/hoi-dap/"))


def test_a_publish_still_purges_its_whole_site(communes, django_assert_num_queries):
    warm(("voi", "/"), ("voi", "/danh-gia/ket-qua/"), *KEP_PAGES)
    about = StandardPage.objects.child_of(communes["voi"].site.root_page).get(slug="gioi-thieu")
    about.title = "Giới thiệu thị trấn Vôi (mới)"
    about.save_revision().publish()
    assert_fresh("voi", "/danh-gia/ket-qua/")
    assert_fresh("voi", "/", "Giới thiệu thị trấn Vôi (mới)")
    assert_hits_without_queries(django_assert_num_queries, *KEP_PAGES)


def translate(page: Page, locale: Locale) -> Page:
    translated = page.copy_for_translation(locale)
    translated.save_revision().publish()
    return translated


def test_translations_are_found_in_the_page_tree(communes, django_assert_num_queries):
    """A rating refreshes ``/en/danh-gia/ket-qua/`` too; no address is spelt out."""
    english = Locale.objects.get(language_code="en")
    home = communes["voi"].site.root_page
    translate(home, english)
    translate(RatingPage.objects.child_of(home).get(), english)
    warm(("voi", "/en/danh-gia/ket-qua/"), ("voi", "/en/"), ("voi", "/danh-gia/ket-qua/"))
    Client().post("/danh-gia/", {"level": "hai_long"}, HTTP_HOST=host("voi"))
    assert_fresh("voi", "/en/danh-gia/ket-qua/", "100.0%")
    assert_fresh("voi", "/danh-gia/ket-qua/", "100,0%")
    assert_hits_without_queries(django_assert_num_queries, ("voi", "/en/"))


def purged(keys: list[str]) -> dict[str, set[str]]:
    """Hostname -> paths purged ("*" for the whole site), from counters' names."""
    sites: dict[str, set[str]] = {}
    prefix = "page-cache:version:"
    for key in keys:
        if not key.startswith(prefix):
            continue  # the menu's or the site lookup's own counter
        hostname, _, path = key[len(prefix) :].partition(":")
        sites.setdefault(hostname, set()).add(path or "*")
    return sites


def test_one_feedback_and_one_rating_purge_two_sites_and_three_addresses(captcha_ok, bumped):
    """The issue's measure: before, one feedback purged all 21 communes and
    one rating the whole of its commune."""
    Client().post(
        "/gop-y/",
        {
            "kind": "gop_y",
            "subject": "Cảm ơn bộ phận một cửa",
            "message": "Cán bộ hướng dẫn tận tình.",
            "name": "Lê Văn Hòa",
            "phone": "0912 345 678",
            "website": "",
            "g-recaptcha-response": "token-from-the-widget",
        },
        HTTP_HOST=host("voi"),
    )
    Client().post("/danh-gia/", {"level": "hai_long"}, HTTP_HOST=host("voi"))
    assert Feedback.objects.count() == 1
    assert purged(bumped) == {
        "voi.localhost": {"/danh-gia/ket-qua/"},
        "localhost": {"/", "/hai-long/"},
    }


def test_a_write_bumps_again_when_its_transaction_commits(
    communes, bumped, django_capture_on_commit_callbacks
):
    """A page rendered between the write and its commit read the old rows:
    the second bump makes sure it is not the one served afterwards."""
    with django_capture_on_commit_callbacks(execute=True):
        NoticeFactory(commune=communes["voi"])
        assert bumped == [host_version_key("voi.localhost")]
    assert bumped == [host_version_key("voi.localhost")] * 2


PURGED_URLS: list[str] = []


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it is asked to forget."""

    def purge(self, url):
        PURGED_URLS.append(url)


@override_settings(WAGTAILFRONTENDCACHE={"default": {"BACKEND": f"{__name__}.RecordingBackend"}})
def test_the_cdn_forgets_the_same_addresses(communes, django_capture_on_commit_callbacks):
    PURGED_URLS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/danh-gia/", {"level": "hai_long"}, HTTP_HOST=host("voi"))
    assert set(PURGED_URLS) == {
        "http://voi.localhost/danh-gia/ket-qua/",
        "http://localhost/",
        "http://localhost/hai-long/",
    }
    PURGED_URLS.clear()
    about = StandardPage.objects.child_of(communes["voi"].site.root_page).get(slug="gioi-thieu")
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert "http://voi.localhost/gioi-thieu/" in PURGED_URLS  # the whole site's pages
    assert "http://voi.localhost/" in PURGED_URLS
    assert not [url for url in PURGED_URLS if "kep." in url]


def test_only_declared_models_reach_the_declarations():
    assert registry.is_registered(Official)
    assert registry.is_registered(Page)
    assert not registry.is_registered(ReplyTemplate)
