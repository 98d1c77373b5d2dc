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
        return HttpResponsePermanentRedirect(new_location(site_id, request.get_full_path()))


def new_location(site_id: int, full_path: str) -> str:
    path = Redirect.normalise_path(full_path)
    redirect = (
        Redirect.objects.filter(site_id=site_id, old_path=path)
        .select_related("redirect_page")
        .first()
    )
    if redirect is not None:
        if redirect.redirect_page is not None:
            return redirect.redirect_page.get_full_url()
        return redirect.redirect_link
    archive = ArchivedSite.objects.select_related("merged_into__site").get(site_id=site_id)
    site = archive.merged_into.site
    return site.root_url + "/" if site else "/"
