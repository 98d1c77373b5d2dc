"""The citizen menu and the home page's services (issue 17): every service a
resident comes for is in the menu's groups, and one tap from the home page."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client

from home.models import Commune
from home.sections import (
    COMMUNE_SECTIONS,
    HOME_SERVICES,
    MENU_BAR,
    MENU_GROUPS,
    PORTAL_SECTIONS,
    menu_layout,
)
from theme.menu import MenuGroup, MenuLayout, MenuLink, arrange_menu

pytestmark = pytest.mark.django_db

MENU_SLUGS = [
    "thu-tuc",
    "tra-cuu-ho-so",
    "mot-cua",
    "danh-gia",
    "gop-y",
    "tiep-cong-dan",
    "lien-he",
    "tin-tuc",
    "thong-bao",
    "loi-chuc",
    "cam-on",
    "gioi-thieu",
]


def html(slug: str, path: str) -> str:
    response = Client().get(path, HTTP_HOST=f"{slug}.localhost:8000")
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def part(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def menu_groups(page: str) -> dict[str, list[str]]:
    """Each group's heading and the addresses it links to, in order."""
    panel = part(page, 'class="site-menu__panel"', "</details>")
    groups = {}
    for block in panel.split('class="site-menu__group"')[1:]:
        heading = re.search(r'class="site-menu__heading"[^>]*>([^<]+)<', block).group(1)
        groups[heading] = re.findall(r'<a href="([^"]+)"', block)
    return groups


def test_every_section_a_citizen_needs_is_in_the_menu_in_its_group():
    groups = menu_groups(html("voi", "/"))
    assert groups == {
        "Dịch vụ công": ["/thu-tuc/", "/tra-cuu-ho-so/", "/mot-cua/", "/danh-gia/"],
        "Góp ý, tiếp công dân": ["/gop-y/", "/tiep-cong-dan/", "/lien-he/"],
        "Tin tức, thông báo": ["/tin-tuc/", "/thong-bao/", "/loi-chuc/", "/cam-on/"],
        "Giới thiệu chung": ["/", "/gioi-thieu/"],
    }
    linked = {url.strip("/") for urls in groups.values() for url in urls}
    assert set(MENU_SLUGS) <= linked


def test_the_bar_of_wide_screens_holds_the_main_services_and_marks_the_current_one():
    page = html("voi", "/tra-cuu-ho-so/")
    bar = part(page, 'class="site-nav__bar"', "</ul>")
    assert re.findall(r'<a href="([^"]+)"', bar) == [
        "/thu-tuc/",
        "/tra-cuu-ho-so/",
        "/gop-y/",
        "/tiep-cong-dan/",
        "/lien-he/",
        "/tin-tuc/",
    ]
    assert '<a href="/tra-cuu-ho-so/" aria-current="page">' in bar
    assert 'aria-current="page"' not in bar.replace('href="/tra-cuu-ho-so/" aria', "")


def test_the_menu_is_a_details_element_with_a_named_toggle():
    nav = part(html("tan-thanh", "/"), 'class="site-nav"', "</nav>")
    assert '<details class="site-menu">' in nav and "<summary" in nav
    assert "Danh mục" in nav and "Xem thêm" in nav


def test_every_commune_s_menu_links_to_its_own_pages_only(communes):
    for slug in communes:
        page = html(slug, "/")
        nav = part(page, 'class="site-nav"', "</nav>")
        assert "localhost" not in nav, "links stay on the commune's own site"
        assert set(re.findall(r'href="([^"]+)"', nav)) == {"/"} | {f"/{s}/" for s in MENU_SLUGS}


def test_an_editor_hiding_a_section_from_menus_hides_it(communes):
    root = communes["voi"].site.root_page
    thanks = root.get_children().get(slug="cam-on").specific
    thanks.show_in_menus = False
    thanks.save_revision().publish()
    assert "/cam-on/" not in part(html("voi", "/"), 'class="site-nav"', "</nav>")
    assert "/cam-on/" in part(html("kep", "/"), 'class="site-nav"', "</nav>")


def test_the_home_page_shows_the_seven_services_one_tap_each():
    page = html("voi", "/")
    grid = part(page, 'class="services__list"', "</ul>")
    assert re.findall(r'<a href="([^"]+)"', grid) == [
        "/thu-tuc/",
        "/tra-cuu-ho-so/",
        "/gop-y/",
        "/danh-gia/",
        "/tiep-cong-dan/",
        "/lien-he/",
        "/tin-tuc/",
    ]
    assert "Tra cứu hồ sơ" in grid and "mã biên nhận" in grid


def test_the_grid_follows_a_renamed_slug(communes):
    root = communes["kep"].site.root_page
    lookup = root.get_children().get(slug="tra-cuu-ho-so").specific
    lookup.slug = "theo-doi-ho-so"
    lookup.save_revision().publish()
    grid = part(html("kep", "/"), 'class="services__list"', "</ul>")
    assert 'href="/theo-doi-ho-so/"' in grid and "tra-cuu-ho-so" not in grid


def test_provisioning_puts_every_commune_section_in_the_menu():
    for commune in Commune.objects.filter(site__isnull=False):
        in_menu = set(
            commune.site.root_page.get_children().live().in_menu().values_list("slug", flat=True)
        )
        assert in_menu == set(MENU_SLUGS), commune.slug


def test_every_section_in_the_menu_has_its_group_and_every_service_is_a_section():
    grouped = [key for _key, _title, keys in MENU_GROUPS for key in keys]
    assert len(grouped) == len(set(grouped))
    in_menu = {section.key for section in [*COMMUNE_SECTIONS, *PORTAL_SECTIONS] if section.in_menu}
    assert set(grouped) == in_menu
    assert set(HOME_SERVICES) <= {section.key for section in COMMUNE_SECTIONS}
    assert set(MENU_BAR) <= in_menu


def test_arrange_menu_puts_unknown_types_last_and_leaves_empty_groups_out():
    layout = MenuLayout(
        groups=(
            MenuGroup("a", "A", ("x.One", "x.Two")),
            MenuGroup("b", "B", ("x.Three",)),
            MenuGroup("c", "C", ()),
        ),
        bar_page_types=("x.Two",),
        home_group="c",
    )
    home = MenuLink("/", "Home")
    links = [MenuLink("/2/", "Two", "x.two"), MenuLink("/9/", "Nine", "x.nine")]
    links.insert(0, MenuLink("/1/", "One", "x.one"))
    menu = arrange_menu(home, links, layout)
    assert [(group.key, [link.url for link in items]) for group, items in menu.groups] == [
        ("a", ["/1/", "/2/"]),
        ("c", ["/", "/9/"]),
    ]
    assert [link.url for link in menu.bar] == ["/2/"]


def test_the_registered_layout_is_the_sections_one():
    layout = menu_layout()
    assert [group.key for group in layout.groups] == [group[0] for group in MENU_GROUPS]
    assert "procedures.DossierLookupPage" in layout.groups[0].page_types
    assert layout.home_group == "about"


def test_the_migration_puts_earlier_communes_sections_in_the_menu(communes):
    migration = import_module("home.migrations.0006_show_citizen_services_in_menu")
    root = communes["voi"].site.root_page
    reception = root.get_children().get(slug="tiep-cong-dan").specific
    reception.show_in_menus = False
    reception.save_revision().publish()
    migration.show_in_menus(apps, None)
    reception.refresh_from_db()
    assert reception.show_in_menus
    assert reception.get_latest_revision_as_object().show_in_menus
