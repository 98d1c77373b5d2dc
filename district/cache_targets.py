"""What the district's pages show, for the page cache (``home.caching``):
the portal's home and its satisfaction page (``/hai-long/``) count every
commune's ratings, feedback and survey responses and list the communes
with their sites; a commune's launch date is on its home page."""

from wagtail.models import Site

from contact.models import Feedback, Rating, SurveyResponse, SurveyRound
from home.caching.registry import register
from home.caching.targets import Target, commune_site, home_targets, route, section_targets
from home.models import Commune

from .models import CommuneLaunch, SatisfactionOverviewPage


def portal_figures(_row=None) -> list[Target]:
    """The portal's home, ``/hai-long/`` and its survey page, in every language."""
    portal = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    survey = route(SatisfactionOverviewPage, "survey")
    return [*home_targets(portal), *section_targets(portal, "satisfaction", ["", survey])]


def launch_targets(launch: CommuneLaunch) -> list[Target]:
    return home_targets(commune_site(launch.commune_id))


def connect() -> None:
    for model in (Rating, Feedback, SurveyResponse, SurveyRound, Commune, Site):
        register(model, portal_figures)
    register(CommuneLaunch, launch_targets)
