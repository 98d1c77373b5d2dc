"""Template tags for the parts every page shares: navigation, languages,
links, QR codes, share links and the slots apps fill (``theme.slots``)."""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from theme.menu import MenuLink, arrange_menu, menu_layout
from theme.navigation import cached_for_navigation, sections_for_root
from theme.qr import qr_svg
from theme.slots import slot_templates

register = template.Library()


@register.inclusion_tag("theme/includes/navigation.html", takes_context=True)
def site_navigation(context):
    """Home and the sections of the current tree (its root is the page's
    depth-2 ancestor), in the current language, arranged in the registered
    layout's groups (``theme.navigation``): on a phone, one menu button opens
    every group, so any section is two taps away; a wide screen also shows
    the main services in the bar."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        root_path = page.path[: 2 * Page.steplen]
    else:
        site = Site.find_for_request(request) if request else None
        if site is None:
            return {"menu": None}
        root_path = site.root_page.path
    language = translation.get_language()
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    home = MenuLink(f"{prefix}/", _("Home"))
    links = [
        MenuLink(prefix + "/" + url_path.strip("/").split("/", 1)[1] + "/", title, page_type)
        for url_path, _pk, title, page_type in sections_for_root(root_path)
    ]
    current_url = request.path if request else None
    return {"menu": arrange_menu(home, links, menu_layout()), "current_url": current_url}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Links to the page's live versions in other languages; empty when there
    are none. Cached like the menu: a translation appears or goes when a page
    is published, unpublished, moved or deleted."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return []
    current = translation.get_language()
    site = Site.find_for_request(request) if request else None
    key = f"{page.pk}:{current}:{site.pk if site else ''}"
    return cached_for_navigation("language-links", key, lambda: _language_links(page, request))


def _language_links(page: Page, request) -> list[dict]:
    current = translation.get_language()
    links = []
    for other in page.get_translations().live().select_related("locale"):
        code = other.locale.language_code
        if code == current:
            continue
        with translation.override(code):
            url = other.get_url(request)
        links.append({"code": code, "name": other.locale.get_display_name(), "url": url})
    return links


@register.simple_tag(takes_context=True)
def site_url(context, site: Site) -> str:
    """The public address of another site, on the port this request came in on."""
    request = context["request"]
    scheme = "https" if request.is_secure() else "http"
    _, _, port = request.get_host().rpartition(":")
    default_port = "443" if scheme == "https" else "80"
    suffix = f":{port}" if port.isdigit() and port != default_port else ""
    return f"{scheme}://{site.hostname}{suffix}/"


@register.simple_tag(takes_context=True)
def slot(context, name: str):
    """Every template registered for the slot, rendered with this context."""
    engine = context.template.engine
    return mark_safe(  # noqa: S308 - rendered templates, escaped as they render
        "".join(engine.get_template(part).render(context) for part in slot_templates(name))
    )


@register.simple_tag
def qr_code(url: str, label: str):
    """An accessible inline QR code: the SVG is an image named by ``label``."""
    svg = qr_svg(url).replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)
    return format_html(
        '<span class="qr" role="img" aria-label="{}">{}</span>',
        label,
        mark_safe(svg),  # noqa: S308
    )


@register.simple_tag
def share_links(url: str) -> dict:
    """Facebook's and Zalo's share addresses as plain links (no third-party
    script): what news, greetings and procedures offer to share."""
    return {
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "zalo": "https://sp.zalo.me/plugins/share?" + urlencode({"href": url}, quote_via=quote),
    }
