"""The survey's results where citizens read them: on a commune's site (the
``survey_results`` slot of the rating page) and on the portal's satisfaction
page, from the one definition of the figures (``district.figures.survey``)."""

from django import template
from wagtail.models import Site

from contact.models import latest_started_round
from district.figures import survey_results
from home.models import Commune

register = template.Library()


@register.inclusion_tag("district/includes/commune_survey.html", takes_context=True)
def commune_survey(context):
    """The latest round asked in the request's commune, and its results there."""
    site = Site.find_for_request(context["request"])
    commune = Commune.objects.filter(site=site).first() if site is not None else None
    survey_round = latest_started_round(commune) if commune is not None else None
    row = None
    if survey_round is not None:
        results = survey_results(survey_round, Commune.objects.filter(pk=commune.pk))
        row = results.rows[0] if results.rows else None
    return {"survey_round": survey_round, "row": row, "request": context["request"]}


@register.inclusion_tag("district/includes/portal_survey.html", takes_context=True)
def portal_survey(context):
    """The latest round of the district, per commune and per question."""
    survey_round = latest_started_round()
    results = survey_results(survey_round) if survey_round else None
    return {"survey_round": survey_round, "results": results, "request": context["request"]}
