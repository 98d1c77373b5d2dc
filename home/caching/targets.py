"""What a change can make stale, and how declarations find it in the page tree.

Three kinds of target, each one version counter (``theme.versions``):

- ``WholeSite``: every page of one site, and everything cached under the
  site's version (its settings, its notices, its fragments).
- ``SitePath``: one address of one site, whatever its query string (the
  rating results, the published answers, a procedure's page).
- ``Counter``: another cache's own counter (the menu, the site lookup).

Declarations never spell an address: they name a section
(``home.sections``) or a page, and its addresses come from the page tree,
in every language it is translated into (``/danh-gia/ket-qua/`` and
``/en/danh-gia/ket-qua/``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from wagtail.models import Page, Site

from ..models import Commune
from ..sections import section_pages
from .keys import host_version_key, path_version_key


@dataclass(frozen=True)
class WholeSite:
    """Every page of a site: what every page shows (settings, the banner) changed."""

    hostname: str
    site_id: int

    @property
    def version_key(self) -> str:
        return host_version_key(self.hostname)


@dataclass(frozen=True)
class SitePath:
    """One address of one site: ``path`` as Django's ``request.path`` has it
    (decoded), ``url`` the full address a CDN is asked to forget."""

    hostname: str
    path: str
    url: str

    @property
    def version_key(self) -> str:
        return path_version_key(self.hostname, self.path)


@dataclass(frozen=True)
class Counter:
    """Another cache's version counter, bumped with the pages."""

    key: str

    @property
    def version_key(self) -> str:
        return self.key


Target = WholeSite | SitePath | Counter


def whole_site(site: Site | None) -> list[Target]:
    return [] if site is None else [WholeSite(site.hostname.lower(), site.pk)]


def commune_site(commune_id: int | None) -> Site | None:
    """The site of a commune (none once merged), in one query."""
    if commune_id is None:
        return None
    commune = Commune.objects.filter(pk=commune_id).select_related("site").first()
    return commune.site if commune else None


def page_targets(pages: Iterable[Page], routes: Iterable[str] = ("",)) -> list[SitePath]:
    """Each page's address, and each route below it (``"ket-qua/"``), on
    the site that serves it. Pages that no site serves have none."""
    memo = SimpleNamespace()  # Wagtail keeps the sites' root paths on it
    routes = list(routes)
    found = []
    for page in pages:
        parts = page.get_url_parts(memo)
        if not parts or parts[1] is None:
            continue
        _site_id, root_url, page_path = parts
        hostname = (urlsplit(root_url).hostname or "").lower()
        for route in routes:
            found.append(
                SitePath(hostname, unquote(page_path) + route, root_url + page_path + route)
            )
    return found


def in_every_language(page: Page | None) -> list[Page]:
    """The page and its live translations (the English tree's copy)."""
    if page is None:
        return []
    return list(Page.objects.filter(translation_key=page.translation_key).live())


def section_targets(site: Site | None, key: str, routes: Iterable[str] = ("",)) -> list[SitePath]:
    """A section of a site (``"rating"``), in every language, with routes below it."""
    if site is None:
        return []
    page = section_pages(site.root_page, key).get(key)
    return page_targets(in_every_language(page), routes)


def home_targets(site: Site | None) -> list[SitePath]:
    """A site's home page in every language (``/`` and ``/en/``)."""
    if site is None:
        return []
    return page_targets(in_every_language(site.root_page))


def route(page_model, name: str, *args) -> str:
    """A route of a routable page type, relative to the page: ``"ket-qua/"``."""
    return page_model.get_resolver().reverse(name, *args)
