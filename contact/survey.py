"""The citizens' side of the satisfaction survey (``/danh-gia/khao-sat/``,
routes of the rating page): the questionnaire, storing a response, the
thanks, the results and the poster with its QR code.

No login and nothing personal: who answers is asked by kind only. One
response per device and round: a signed cookie, kept until the round ends;
and a limit per connection (``home.ratelimit``), high enough for a family or
an office behind one Wi-Fi, low enough to stop a script.
"""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from home import ratelimit
from home.models import Commune
from theme.forms import CitizenForm

from .models.survey import (
    RespondentType,
    SurveyAnswer,
    SurveyLevel,
    SurveyResponse,
    SurveyRound,
    SurveyTopic,
    current_round,
)

HOUR = 3600


def topic_field(topic: SurveyTopic) -> str:
    return f"q_{topic.value}"


class SurveyForm(CitizenForm):
    """Who answers (by kind), then one five-level question per topic."""

    respondent_type = forms.ChoiceField(
        label=gettext_lazy("You answer as"),
        choices=RespondentType.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic in SurveyTopic:
            self.fields[topic_field(topic)] = forms.ChoiceField(
                label=topic.label, choices=SurveyLevel.choices, widget=forms.RadioSelect
            )

    def questions(self):
        return [self[topic_field(topic)] for topic in SurveyTopic]

    def answers(self) -> dict[str, str]:
        return {topic.value: self.cleaned_data[topic_field(topic)] for topic in SurveyTopic}


@transaction.atomic
def store_survey_response(
    survey_round: SurveyRound, commune: Commune, respondent_type: str, answers: dict[str, str]
) -> SurveyResponse:
    """The response and its answers, together or not at all: a result never
    counts a respondent without their answers."""
    response = SurveyResponse.objects.create(
        survey_round=survey_round, commune=commune, respondent_type=respondent_type
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, topic=topic, level=level)
        for topic, level in answers.items()
    )
    return response


def device_cookie(survey_round: SurveyRound) -> str:
    return f"survey-{survey_round.pk}"


def cookie_lifetime(survey_round: SurveyRound) -> int:
    """Seconds until the day after the round's last day: the device is
    remembered for as long as the round is open, no longer."""
    zone = timezone.get_default_timezone()
    ends = datetime.combine(survey_round.end_date + timedelta(days=1), time.min, tzinfo=zone)
    return max(60, int((ends - timezone.now()).total_seconds()))


def has_answered(request, survey_round: SurveyRound) -> bool:
    cookie = device_cookie(survey_round)
    return request.get_signed_cookie(cookie, default=None, salt="survey") is not None


def remember_device(response, request, survey_round: SurveyRound) -> None:
    response.set_signed_cookie(
        device_cookie(survey_round),
        str(survey_round.pk),
        salt="survey",
        max_age=cookie_lifetime(survey_round),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _render(page, request, template, status=200, **context):
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response


def request_commune(request) -> Commune:
    return Commune.objects.get(site=Site.find_for_request(request))


def survey_form(page, request):
    """The open round's questionnaire; a device that has answered it is
    told so and its second submission refused (409), a connection over the
    limit is refused (429)."""
    commune = request_commune(request)
    survey_round = current_round(commune)
    if survey_round is None:
        return _render(page, request, "contact/survey_page.html", survey_round=None)
    already = has_answered(request, survey_round)
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST" and already:
        status = 409
    elif request.method == "POST":
        if not ratelimit.allow(request, "survey", limit=settings.SURVEY_RATE_LIMIT, window=HOUR):
            form.add_error(None, _("Too many answers from your connection; try again later."))
            status = 429
        elif form.is_valid():
            store_survey_response(
                survey_round, commune, form.cleaned_data["respondent_type"], form.answers()
            )
            response = HttpResponseRedirect(
                page.get_url(request) + page.reverse_subpage("survey_thanks")
            )
            remember_device(response, request, survey_round)
            return response
        else:
            status = 400
    return _render(
        page,
        request,
        "contact/survey_page.html",
        status,
        survey_round=survey_round,
        form=form,
        already=already,
    )


def survey_poster(page, request):
    """A printable sheet with the survey's QR code, for the counter, the
    reception room and the cultural house."""
    commune = request_commune(request)
    url = request.build_absolute_uri(page.get_url(request) + page.reverse_subpage("survey"))
    return _render(
        page,
        request,
        "contact/survey_poster.html",
        commune=commune,
        survey_url=url,
        survey_round=current_round(commune),
    )
