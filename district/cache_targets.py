"""What the district's pages show, for the page cache (``home.caching``):
the portal's home and its satisfaction page (``/hai-long/``) count every
commune's ratings and feedback, its survey page (``/hai-long/khao-sat/``)
their survey responses, and all list the communes with their sites; a
commune's launch date is on its home page."""

from wagtail.models import Site

from contact.models import Feedback, Rating, SurveyResponse, SurveyRound
from home.caching.registry import register
from home.caching.targets import Target, commune_site, home_targets, route, section_targets
from home.models import Commune

from .models import CommuneLaunch, SatisfactionOverviewPage


def portal_figures(_row=None) -> list[Target]:
    """The portal's home and ``/hai-long/``, in every language."""
    portal = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return [*home_targets(portal), *section_targets(portal, "satisfaction")]


def portal_survey(_row=None) -> list[Target]:
    """The portal's survey results (``/hai-long/khao-sat/``), in every
    language: they count survey responses and list the communes."""
    portal = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return section_targets(portal, "satisfaction", [route(SatisfactionOverviewPage, "survey")])


def launch_targets(launch: CommuneLaunch) -> list[Target]:
    return home_targets(commune_site(launch.commune_id))


def connect() -> None:
    for model in (Rating, Feedback, Commune, Site):
        register(model, portal_figures)
    for model in (SurveyResponse, SurveyRound, Commune, Site):
        register(model, portal_survey)
    register(CommuneLaunch, launch_targets)
