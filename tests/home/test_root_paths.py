"""Wagtail's list of site root paths (``home/root_paths.py``): the same
value as Wagtail's, rebuilt in the same number of queries whatever the
number of sites, and read at most once per request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from home import root_paths

pytestmark = pytest.mark.django_db


def add_bare_sites(count: int, prefix: str) -> None:
    """Sites with a root page each, nothing else (no commune provisioned)."""
    root = Page.get_first_root_node()
    for number in range(count):
        home = root.add_child(instance=Page(title=f"{prefix} {number}", slug=f"{prefix}-{number}"))
        Site.objects.create(hostname=f"{prefix}-{number}.test", root_page=home)


def queries_of_a_rebuild() -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        Site.get_site_root_paths()
    return len(queries)


def test_the_rebuilt_list_is_wagtails_own_with_translations(communes):
    home = communes["voi"].site.root_page
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    add_bare_sites(2, "extra")
    cache.clear()
    wagtails = root_paths.wagtail_site_root_paths()
    cache.clear()
    ours = root_paths.build_site_root_paths()
    assert ours == wagtails
    assert [type(path) for path in ours] == [type(path) for path in wagtails]
    voi = communes["voi"].site
    assert (voi.id, english.url_path, voi.root_url, "en") in ours
    assert len(ours) == Site.objects.count() + 1


def test_the_list_read_back_from_the_cache_is_the_same():
    cache.clear()
    built = Site.get_site_root_paths()
    assert cache.get("wagtail_site_root_paths", version=2) == built
    assert Site.get_site_root_paths() == built


def test_a_rebuild_costs_the_same_queries_with_3_or_30_more_sites():
    add_bare_sites(3, "few")
    with_few = queries_of_a_rebuild()
    add_bare_sites(27, "many")
    with_many = queries_of_a_rebuild()
    assert with_few == with_many <= 2
    cache.clear()
    assert Site.get_site_root_paths() == root_paths.wagtail_site_root_paths()


def test_a_site_saved_drops_the_list_and_the_next_read_sees_it():
    cache.clear()
    before = Site.get_site_root_paths()
    add_bare_sites(1, "new")
    assert cache.get("wagtail_site_root_paths", version=2) is None
    after = Site.get_site_root_paths()
    assert len(after) == len(before) + 1
    assert any(path.root_url == "http://new-0.test" for path in after)


@pytest.fixture
def cache_reads(monkeypatch):
    """How many times the list is read from the shared cache."""
    reads = []
    read = root_paths.cached_site_root_paths

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(root_paths, "cached_site_root_paths", counted)
    return reads


@pytest.mark.parametrize("path", ["/", "/thu-tuc/", "/lien-he/"])
def test_a_citizen_page_reads_the_list_once(communes, cache_reads, path):
    response = Client().get(path, HTTP_HOST="voi.localhost:8000")
    assert response.status_code == 200
    assert len(cache_reads) == 1


def test_outside_a_request_every_page_reads_the_list(communes, cache_reads):
    """The memo is the request's: without one, nothing outlives the call."""
    pages = list(Page.objects.descendant_of(communes["voi"].site.root_page)[:3])
    for page in pages:
        assert page.url
    assert len(cache_reads) == len(pages)


def test_a_site_saved_during_a_request_is_seen_by_the_rest_of_it(communes):
    with root_paths.read_once():
        before = Site.get_site_root_paths()
        add_bare_sites(1, "during")
        after = Site.get_site_root_paths()
    assert len(after) == len(before) + 1
