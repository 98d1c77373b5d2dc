"""The survey's results in the admin: a district admin sees every commune
of a round, a commune editor their own commune's only (the communes come
from ``communes_for_user``, never from the address), with a CSV export of
the same rows."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from contact.models import SurveyRound, SurveyTopic
from home.access import communes_for_user
from home.exports import csv_bytes

from .figures import SurveyResults, survey_results

VIEW_RESPONSES = "contact.view_surveyresponse"


def visible_rounds(user):
    """Rounds that asked at least one of the user's communes (or all)."""
    communes = communes_for_user(user)
    return SurveyRound.objects.for_commune_in(communes)


def results_csv(results: SurveyResults) -> bytes:
    topics = list(SurveyTopic)

    def lines():
        yield [
            _("Statistical code"),
            _("Commune"),
            _("Responses"),
            *(f"{index}. {topic.label} (%)" for index, topic in enumerate(topics, 1)),
            _("Satisfied (%)"),
        ]
        for row in results.rows:
            yield [
                row.commune.code,
                row.commune.full_name,
                row.responses,
                *("" if q.satisfied_share is None else q.satisfied_share for q in row.questions),
                "" if row.satisfied_share is None else row.satisfied_share,
            ]

    return csv_bytes(lines())


def survey_admin_results(request, round_id=None):
    if not request.user.has_perm(VIEW_RESPONSES):
        raise PermissionDenied
    rounds = visible_rounds(request.user)
    survey_round = rounds.first() if round_id is None else get_object_or_404(rounds, pk=round_id)
    results = None
    if survey_round is not None:
        results = survey_results(survey_round, communes_for_user(request.user))
        if request.GET.get("export") == "csv":
            response = HttpResponse(results_csv(results), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="survey-{survey_round.pk}-results.csv"'
            )
            return response
    return TemplateResponse(
        request,
        "district/admin/survey_results.html",
        {
            "page_title": _("Survey results"),
            "rounds": rounds,
            "survey_round": survey_round,
            "results": results,
        },
    )
