"""Template tags for the parts every page shares: navigation, languages, links."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.inclusion_tag("theme/includes/navigation.html", takes_context=True)
def site_navigation(context):
    """Home and the sections of the current site, in the current language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        root = site.root_page
        locale = Locale.get_active()
        if locale.pk != root.locale_id:
            root = root.get_translation_or_none(locale) or root
        items = [(root.get_url(request), _("Home"))]
        sections = Page.objects.child_of(root).live().in_menu()
        items += [(page.get_url(request), page.title) for page in sections]
    current = context.get("page")
    current_url = current.get_url(request) if isinstance(current, Page) else None
    return {"items": items, "current_url": current_url}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Links to the page's live versions in other languages; empty when there are none."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return []
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
