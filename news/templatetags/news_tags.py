"""What the news section adds to pages it does not own: the notice banner on
every page, the current greetings and the latest news on the home page, and
plain share links (no third-party scripts)."""

from datetime import timedelta
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from home.fragments import valid_until
from theme.navigation import cached_for_navigation

from ..models import GreetingPage, NewsArticlePage
from ..models.pages import with_image_renditions
from ..notices import active_notices

register = template.Library()

HOME_NEWS_COUNT = 3
HOME_GREETING_COUNT = 2
# Greetings live now or within a fragment's lifetime read at once: more than
# a commune ever has on at the same time.
GREETING_ROWS = 50


@register.inclusion_tag("news/includes/notices.html", takes_context=True)
def site_notices(context):
    """The active notices of the request's commune (cached per site)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"notices": active_notices(site) if site else []}


def _in_tree(queryset, root: Page):
    return queryset.filter(path__startswith=root.path, locale_id=root.locale_id)


def _restricted_paths(request) -> list[str]:
    """Paths of pages with a view restriction: kept with the menu, which is
    dropped whenever a restriction or a page changes (``theme.navigation``)."""
    return cached_for_navigation("restricted-paths", "all", _read_restricted_paths)


def _read_restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _public(pages, request) -> list:
    """Pages under no view restriction: Wagtail's ``public()``, with the
    restrictions read in one query shared by the home page's sections."""
    restricted = _restricted_paths(request)
    return [p for p in pages if not any(p.path.startswith(path) for path in restricted)]


@register.inclusion_tag("news/includes/current_greetings.html", takes_context=True)
def current_greetings(context):
    """Greetings gone live and not yet expired under this home page.

    The same query brings the greetings about to go live within a fragment's
    lifetime, so that the home page's fragment knows when it stops being true
    (the first shown greeting to expire, the next one to start) for free."""
    home = context.get("page")
    if not isinstance(home, Page):
        return {"greetings": []}
    request = context.get("request")
    now = timezone.now()
    horizon = now + timedelta(seconds=max(settings.FRAGMENT_CACHE_SECONDS, 0))
    rows = _in_tree(GreetingPage.objects.live(), home).filter(
        ends_at__gt=now, starts_at__lte=horizon
    )
    rows = _public(with_image_renditions(rows.order_by("-starts_at"))[:GREETING_ROWS], request)
    greetings = [greeting for greeting in rows if greeting.starts_at <= now][:HOME_GREETING_COUNT]
    changes = [greeting.starts_at for greeting in rows if greeting.starts_at > now]
    changes += [greeting.ends_at for greeting in greetings]
    valid_until(context, min(changes, default=None))
    return {"greetings": greetings, "request": request}


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context):
    home = context.get("page")
    if not isinstance(home, Page):
        return {"articles": []}
    request = context.get("request")
    articles = _in_tree(NewsArticlePage.objects.live(), home).order_by("-date", "-pk")
    articles = _public(with_image_renditions(articles)[:HOME_NEWS_COUNT], request)
    index_url = _parent_url(articles[0], request) if articles else ""
    return {"articles": articles, "index_url": index_url, "request": request}


def _parent_url(page: Page, request) -> str:
    """The address of a page's parent without loading it: articles are the
    news index's direct children."""
    return page.get_url(request).rstrip("/").rsplit("/", 1)[0] + "/"


@register.simple_tag
def share_links(url: str) -> dict:
    """Facebook's and Zalo's share addresses as plain links."""
    return {
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "zalo": "https://sp.zalo.me/plugins/share?" + urlencode({"href": url}, quote_via=quote),
    }
