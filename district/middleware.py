"""Old hostnames of merged communes: every request answers 301.

An archived site's pages now live on another site. The paths they had are
``Redirect`` rows of the old site (editable in Wagtail's redirects admin);
anything else goes to the new commune's home. Placed before Wagtail's page
serving, since the old site must never serve a page itself.
"""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect

from .merge import archived_hosts
from .models import ArchivedSite


class ArchivedSiteRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = request.get_host().split(":")[0].lower()
        site_id = archived_hosts().get(hostname)
        if site_id is None:
            return self.get_response(request)
        return HttpResponsePermanentRedirect(new_location(site_id, request.path))


def path_prefixes(path: str) -> list[str]:
    """'/gop-y/tra-cuu' -> ['/gop-y/tra-cuu', '/gop-y', '/']: a page's route
    (a feedback page's lookup, a procedure) follows the page."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[:n]) for n in range(len(parts), 0, -1)] + ["/"]


def new_location(site_id: int, request_path: str) -> str:
    path = Redirect.normalise_path(request_path)
    prefixes = path_prefixes(path)
    redirects = {
        r.old_path: r
        for r in Redirect.objects.filter(site_id=site_id, old_path__in=prefixes).select_related(
            "redirect_page"
        )
    }
    for prefix in prefixes:
        redirect = redirects.get(prefix)
        if redirect is None:
            continue
        if redirect.redirect_page is not None:
            base = redirect.redirect_page.get_full_url()
        else:
            base = redirect.redirect_link
        rest = path[len(prefix) :].strip("/")
        return f"{base.rstrip('/')}/{rest}/" if rest else base
    archive = ArchivedSite.objects.select_related("merged_into__site").get(site_id=site_id)
    site = archive.merged_into.site
    return site.root_url + "/" if site else "/"
