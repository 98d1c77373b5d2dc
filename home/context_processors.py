"""What every page's header and footer show about the site's commune."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import CommuneSettings


def site_identity(request) -> dict:
    """``identity``: the request's ``CommuneSettings`` (name, type, contact
    details), read only if a template uses it. The theme's base template
    reads it under this neutral name, knowing nothing of this app."""

    def identity():
        site = Site.find_for_request(request)
        return CommuneSettings.for_site(site) if site else None

    return {"identity": SimpleLazyObject(identity)}
