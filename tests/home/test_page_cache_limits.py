"""What the page cache must never do, seen from an anonymous visitor's side:
replay one visitor's own answer to everybody (issue 15, hole 5), or grow
without bound when a scanner invents hostnames and query strings (hole 10)."""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

VOI = "voi.localhost:8000"
ALREADY_RATED = "Bạn đã đánh giá lần làm việc này"
RATING_FORM = '<form class="form" method="post"'


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def stored_keys() -> list[str]:
    """Every key the cache holds: Django's local memory (the suite's
    default) or django-redis (``REDIS_URL`` set)."""
    backend = caches["default"]
    if hasattr(backend, "_cache"):
        return list(backend._cache)
    if hasattr(backend, "keys"):
        return list(backend.keys("*"))
    pytest.skip("counts keys of the local-memory cache or django-redis")


def test_the_already_rated_page_is_never_replayed_to_other_visitors():
    """A citizen who rescans the counter's QR code after rating sees "you
    have already rated"; the next citizen in the queue must get the form."""
    citizen = Client()
    assert citizen.post("/danh-gia/", {"level": "hai_long"}, HTTP_HOST=VOI).status_code == 302
    own = citizen.get("/danh-gia/", HTTP_HOST=VOI)
    assert ALREADY_RATED in own.content.decode()
    for _ in range(2):
        next_citizen = Client().get("/danh-gia/", HTTP_HOST=VOI)
        assert ALREADY_RATED not in next_citizen.content.decode()
        assert RATING_FORM in next_citizen.content.decode()
        assert next_citizen.get("X-Cache") != "HIT"
    # Nor by a proxy or CDN in front: the answer says it depends on the cookie.
    assert "X-Cache" not in own
    assert "Cookie" in own["Vary"]


def test_made_up_subdomains_are_never_cached_and_leave_no_key():
    """The default site answers any Host header; none of it is stored."""
    for n in range(5):
        for _ in range(2):
            response = Client().get("/", {"n": n}, HTTP_HOST=f"quet-{n}.localhost:8000")
            assert response.status_code == 200
            assert "X-Cache" not in response
    assert [key for key in stored_keys() if "quet-" in key] == []


@override_settings(PAGE_CACHE_MAX_PAGES_PER_SITE=5)
def test_a_real_sites_stored_pages_are_bounded_by_count():
    """Query strings are endless; a site stores at most its budget of pages
    per cache lifetime, and what it stored is still served."""
    for n in range(12):
        Client().get("/", {"quet": n}, HTTP_HOST=VOI)
    stored = [key for key in stored_keys() if "quet=" in key]
    assert 0 < len(stored) <= 5
    assert Client().get("/", {"quet": 0}, HTTP_HOST=VOI)["X-Cache"] == "HIT"


def test_unknown_paths_of_a_real_site_create_no_keys():
    Client().get("/", HTTP_HOST=VOI)
    before = len(stored_keys())
    for n in range(10):
        assert Client().get(f"/khong-co-{n}/", HTTP_HOST=VOI).status_code == 404
    assert len(stored_keys()) == before
