"""The home page's greetings, news and launch date stay rendered between
publishes, and never show something that has stopped being true: a publish,
a restriction, a launch date or the clock (a greeting's start and end) ends
them."""

import time
from datetime import date, timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from district.models import CommuneLaunch
from home.fragments import seconds_until
from news.models import GreetingIndexPage, NewsIndexPage
from tests.factories import GreetingPageFactory, NewsArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]
# A fragment's lifetime is rounded up to whole seconds (Redis takes no
# fractions): it may outlive the moment it stops being true by under one.
WHOLE_SECOND = 1.1


@pytest.fixture
def fragments_on():
    with override_settings(FRAGMENT_CACHE_SECONDS=300):
        yield


def home(slug: str = "voi", host: str | None = None) -> str:
    response = Client().get("/", HTTP_HOST=host or f"{slug}.localhost:8000")
    assert response.status_code == 200
    return response.content.decode()


def publish(page):
    """What an editor's "Publish" does: a revision, then the publish signal."""
    page.save_revision().publish()
    return page


def index_of(model, communes, slug: str = "voi"):
    return model.objects.child_of(communes[slug].site.root_page).get()


def test_second_render_reuses_the_sections(communes, django_assert_max_num_queries):
    NewsArticlePageFactory(parent=index_of(NewsIndexPage, communes), title="Tin đầu tiên")
    first = home()
    with django_assert_max_num_queries(5):
        second = home()
    assert second == first
    assert "Tin đầu tiên" in second


def test_a_published_article_is_on_the_home_page_at_once(communes):
    home()
    article = NewsArticlePageFactory(
        parent=index_of(NewsIndexPage, communes), title="Tin mới xuất bản", live=False
    )
    assert "Tin mới xuất bản" not in home()  # a draft
    publish(article)
    assert "Tin mới xuất bản" in home()
    assert "Tin mới xuất bản" not in home("kep")


def test_a_restricted_article_leaves_the_home_page_at_once(communes):
    article = NewsArticlePageFactory(
        parent=index_of(NewsIndexPage, communes), title="Tin nội bộ sắp khóa"
    )
    assert "Tin nội bộ sắp khóa" in home()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert "Tin nội bộ sắp khóa" not in home()


def test_a_greeting_leaves_the_home_page_when_it_ends(communes):
    ends_at = timezone.now() + timedelta(seconds=2)
    GreetingPageFactory(
        parent=index_of(GreetingIndexPage, communes), title="Lời chúc sắp hết", ends_at=ends_at
    )
    assert "Lời chúc sắp hết" in home()
    time.sleep(max(0, (ends_at - timezone.now()).total_seconds()) + WHOLE_SECOND)
    assert "Lời chúc sắp hết" not in home()  # nothing was published in between


def test_a_greeting_comes_onto_the_home_page_when_it_starts(communes):
    starts_at = timezone.now() + timedelta(seconds=2)
    GreetingPageFactory(
        parent=index_of(GreetingIndexPage, communes), title="Lời chúc sắp đến", starts_at=starts_at
    )
    assert "Lời chúc sắp đến" not in home()
    time.sleep(max(0, (starts_at - timezone.now()).total_seconds()) + WHOLE_SECOND)
    assert "Lời chúc sắp đến" in home()


def test_a_new_launch_date_is_shown_at_once(communes):
    home()
    CommuneLaunch.objects.update_or_create(
        commune=communes["voi"], defaults={"launch_date": date(2026, 12, 15)}
    )
    assert "15/12/2026" in home()


def test_lifetime_is_the_limit_or_less_when_content_changes_sooner():
    now = timezone.now()
    assert seconds_until(None, 300) == 300
    assert seconds_until(now + timedelta(hours=2), 300) == 300
    assert seconds_until(now + timedelta(seconds=41.2), 300) == 42
    assert seconds_until(now - timedelta(seconds=5), 300) == 1


def test_a_site_answers_at_its_new_hostname_at_once(communes):
    """The site lookup is cached too: a changed hostname is seen at once."""
    site = Site.objects.get(pk=communes["voi"].site_id)
    voi_title = f'<h1 id="page-title">{site.root_page.title}</h1>'
    assert voi_title in home()
    site.hostname = "thitranvoi.localhost"
    site.save()
    assert voi_title in home(host="thitranvoi.localhost:8000")
    assert voi_title not in home(host="voi.localhost:8000")  # now the district's default site


def test_only_a_sites_own_hostname_is_kept(communes):
    """Any other Host header falls back to the default site without adding
    an entry, so clients cannot fill the cache with made-up hostnames."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from home.sites import site_key

    home(host="voi.localhost:8000")
    home(host="khong-co-xa-nay.localhost:8000")
    _, known = site_key(RequestFactory().get("/", HTTP_HOST="voi.localhost:8000"))
    _, unknown = site_key(RequestFactory().get("/", HTTP_HOST="khong-co-xa-nay.localhost:8000"))
    assert cache.get(known).hostname == "voi.localhost"
    assert cache.get(unknown) is None
