"""What the news section adds to pages it does not own: the notice banner on
every page, the current greetings, the latest news and the feeds on the
home page."""

from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from home.fragments import valid_until
from theme.navigation import cached_for_navigation

from ..models import AnnouncementIndexPage, GreetingPage, NewsArticlePage, NewsIndexPage
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


@register.inclusion_tag("news/includes/home_feeds.html", takes_context=True)
def home_feeds(context):
    """The feeds of the home page's news and announcements, advertised in its
    head as the index pages advertise their own (``<link rel="alternate">``)."""
    home = context.get("page")
    if not isinstance(home, Page):
        return {"feeds": []}
    request = context.get("request")
    indexes = _public(
        Page.objects.child_of(home)
        .live()
        .type(NewsIndexPage, AnnouncementIndexPage)
        .specific()
        .order_by("path"),
        request,
    )
    feeds = []
    for index in indexes:
        url = index.get_url(request)
        if isinstance(index, NewsIndexPage):
            feeds.append(("application/rss+xml", f"{index.title} (RSS)", url + "rss/"))
            feeds.append(("application/atom+xml", f"{index.title} (Atom)", url + "atom/"))
        else:
            feeds.append(("application/rss+xml", f"{index.title} (podcast)", url + "podcast/"))
    return {"feeds": feeds}
