"""The site menu, built once per change of the pages instead of once per page view.

Every page shows the same menu: the live, in-menu children of its site's
root in its language. It is cached per root page under one version counter
(``theme.versions``), ``VERSION_KEY``, which ``home.caching`` bumps whenever
a page is published, unpublished, moved or deleted, or a view restriction
changes. Other small lists that change at the same moments (a page's
translations, the restricted pages) are kept under the same version
(``cached_for_navigation``). The theme itself listens to no signal.

How the menu is arranged (its groups, and which sections a wide screen
shows in the bar) is the sites' business, not the theme's: the app that
defines the sections registers a ``MenuLayout`` (``register_menu_layout``)
naming page types, as slots are filled. Without one, every section sits in
one untitled group.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.functional import Promise
from wagtail.models import Page

from theme import versions

VERSION_KEY = "site-navigation:version"
# Entries left behind by a bump are no longer read; they go after a day.
ENTRY_SECONDS = 24 * 60 * 60


def sections_for_root(root_path: str) -> list[tuple[str, int, str, str]]:
    """(url path, page id, title, page type) of the menu sections under a
    tree's root page; the page type as ``app_label.modelname``."""
    key = f"site-navigation:{versions.current(VERSION_KEY)}:{root_path}"
    sections = cache.get(key)
    if sections is None:
        children = (
            Page.objects.filter(
                path__startswith=root_path, depth=len(root_path) // Page.steplen + 1
            )
            .live()
            .in_menu()
            .order_by("path")
            .only("id", "title", "url_path", "content_type_id")
        )
        sections = [
            (page.url_path, page.pk, page.title, page_type_label(page.content_type_id))
            for page in children
        ]
        cache.set(key, sections, timeout=ENTRY_SECONDS)
    return sections


def cached_for_navigation(name: str, key: str, build):
    """``build()``, kept until the next change that would change the menu."""
    full_key = f"site-navigation:{versions.current(VERSION_KEY)}:{name}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout=ENTRY_SECONDS)
    return value


def page_type_label(content_type_id: int) -> str:
    """``app_label.modelname`` (lower case), from Django's cache of content types."""
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


@dataclass(frozen=True)
class MenuGroup:
    key: str
    title: Promise | str
    # Page types (``app_label.ModelName``) in the order the group lists them.
    page_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuLayout:
    """Groups in menu order. A section whose type no group names goes to the
    last group; the home link leads ``home_group``."""

    groups: tuple[MenuGroup, ...]
    bar_page_types: tuple[str, ...] = ()
    home_group: str = ""


@dataclass
class MenuLink:
    url: str
    title: str
    page_type: str = ""


@dataclass
class ArrangedMenu:
    groups: list[tuple[MenuGroup, list[MenuLink]]] = field(default_factory=list)
    bar: list[MenuLink] = field(default_factory=list)


_layout = MenuLayout(groups=(MenuGroup("", ""),))


def register_menu_layout(layout: MenuLayout) -> None:
    global _layout  # one layout per project, set at start-up
    _layout = layout


def menu_layout() -> MenuLayout:
    return _layout


def arrange_menu(home: MenuLink, links: list[MenuLink], layout: MenuLayout) -> ArrangedMenu:
    """The links in the layout's groups (empty groups left out) and the bar's
    links in the bar's order."""
    place = {}
    for group_index, group in enumerate(layout.groups):
        for type_index, page_type in enumerate(group.page_types):
            place.setdefault(page_type.lower(), (group_index, type_index))
    last = len(layout.groups) - 1
    by_group: list[list[tuple[tuple[int, int], MenuLink]]] = [[] for _ in layout.groups]
    for index, link in enumerate(links):
        group_index, type_index = place.get(link.page_type, (last, len(place)))
        by_group[group_index].append(((type_index, index), link))
    groups = []
    for group, entries in zip(layout.groups, by_group, strict=True):
        group_links = [link for _, link in sorted(entries, key=lambda entry: entry[0])]
        if group.key == layout.home_group:
            group_links.insert(0, home)
        if group_links:
            groups.append((group, group_links))
    bar_order = {page_type.lower(): n for n, page_type in enumerate(layout.bar_page_types)}
    bar = sorted(
        (link for link in links if link.page_type in bar_order),
        key=lambda link: bar_order[link.page_type],
    )
    return ArrangedMenu(groups=groups, bar=bar)
