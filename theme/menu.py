"""How the site menu is arranged: its groups, and which sections a wide
screen shows in the bar itself.

That is the sites' business, not the theme's: the app that defines the
sections registers a ``MenuLayout`` (``register_menu_layout``) naming page
types, as slots are filled (``theme.slots``). Without one, every section sits
in one untitled group. No model is imported here, so an ``AppConfig`` may
import it at the top of its module.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise


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
