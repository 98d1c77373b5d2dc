"""The residents' satisfaction survey of step IV.12 of the plan ("Tổ chức
khảo sát về sự hài lòng của người dân, tổ chức, cá nhân với chính quyền cơ
sở"): rounds the district opens for a period, and the anonymous responses
residents, organisations and businesses give on their commune's site.

What a response counts as ("satisfied") is defined here, once, as a
queryset rule; the figures themselves are ``district.figures.survey``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Commune


class SurveyTopic(models.TextChoices):
    """The questions of every round, in the order they are asked: what the
    plan asks of a friendly commune government, in the five factors of the
    Ministry of Home Affairs' SIPAS index (Decision 2640/QĐ-BNV)."""

    ATTITUDE = "thai_do", _("The attitude of the commune's officials and civil servants")
    PUBLICITY = "cong_khai", _("The publicity of procedures and of the commune's information")
    HANDLING = "giai_quyet", _("The handling of administrative procedures")
    RECEPTION = "tiep_dan", _("The reception of citizens")
    ANSWERS = "tra_loi", _("The answers to citizens' feedback and petitions")


class SurveyLevel(models.TextChoices):
    """The five-level scale of official surveys (SIPAS; the Ministry of
    Information and Communications' public-service survey), best first."""

    VERY_SATISFIED = "rat_hai_long", _("Very satisfied")
    SATISFIED = "hai_long", _("Satisfied")
    NEUTRAL = "binh_thuong", _("Neither satisfied nor unsatisfied")
    UNSATISFIED = "khong_hai_long", _("Unsatisfied")
    VERY_UNSATISFIED = "rat_khong_hai_long", _("Very unsatisfied")


SATISFIED_LEVELS = [SurveyLevel.VERY_SATISFIED, SurveyLevel.SATISFIED]


def survey_satisfied_q() -> Q:
    """Satisfied, as SIPAS counts it: "rất hài lòng" or "hài lòng". Unlike
    the counter's three-level rating (Decision 766/QĐ-TTg), the scale has a
    middle level, and "bình thường" is not satisfied."""
    return Q(level__in=SATISFIED_LEVELS)


class RespondentType(models.TextChoices):
    """Who answers, as the plan names them: "người dân, tổ chức, cá nhân"."""

    RESIDENT = "nguoi_dan", _("Resident")
    ORGANISATION = "to_chuc", _("Organisation")
    BUSINESS = "doanh_nghiep", _("Business")


class SurveyRoundQuerySet(models.QuerySet):
    def open_on(self, day: date) -> "SurveyRoundQuerySet":
        return self.filter(start_date__lte=day, end_date__gte=day)

    def started_by(self, day: date) -> "SurveyRoundQuerySet":
        return self.filter(start_date__lte=day)

    def for_commune(self, commune) -> "SurveyRoundQuerySet":
        """Rounds that ask this commune's residents: those naming it, and
        those naming no commune (the whole district)."""
        return self.filter(Q(communes=commune) | Q(communes__isnull=True)).distinct()

    def for_commune_in(self, communes) -> "SurveyRoundQuerySet":
        """Rounds that ask at least one of ``communes`` (a queryset)."""
        return self.filter(Q(communes__in=communes) | Q(communes__isnull=True)).distinct()


class SurveyRound(models.Model):
    """A survey the district opens for a period, in the communes it names
    (every commune when it names none). The district's record: commune
    editors neither create nor change rounds, they read their results."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the questions, on every commune's site."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    communes = models.ManyToManyField(
        Commune,
        verbose_name=_("communes"),
        blank=True,
        related_name="survey_rounds",
        help_text=_("Leave empty to ask the residents of every commune."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SurveyRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self):
        return f"{self.title} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"

    def clean(self):
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError({"end_date": _("The last day is on or after the first day.")})

    def is_open(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start_date <= day <= self.end_date


def current_round(commune, day: date | None = None) -> SurveyRound | None:
    """The round a commune's survey page asks: the latest opened of those
    open today for it."""
    day = day or timezone.localdate()
    return SurveyRound.objects.for_commune(commune).open_on(day).first()


def latest_started_round(commune=None, day: date | None = None) -> SurveyRound | None:
    """The round whose results a page shows: the latest that has started
    (for ``commune``, or any)."""
    day = day or timezone.localdate()
    rounds = SurveyRound.objects.started_by(day)
    if commune is not None:
        rounds = rounds.for_commune(commune)
    return rounds.first()


class SurveyResponse(models.Model):
    """One anonymous questionnaire: who answers by kind only, never a name,
    phone or address; one per device and round (a signed cookie)."""

    survey_round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    respondent_type = models.CharField(
        _("respondent"), max_length=16, choices=RespondentType.choices
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.get_respondent_type_display()} ({self.created_at:%d/%m/%Y %H:%M})"

    def answers_display(self) -> str:
        return "; ".join(
            f"{answer.get_topic_display()}: {answer.get_level_display()}"
            for answer in self.answers.all()
        )

    answers_display.short_description = _("answers")


class SurveyAnswerQuerySet(models.QuerySet):
    def satisfied(self) -> "SurveyAnswerQuerySet":
        return self.filter(survey_satisfied_q())


class SurveyAnswer(models.Model):
    """One question of a response, on the five-level scale."""

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("survey response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    topic = models.CharField(_("question"), max_length=16, choices=SurveyTopic.choices)
    level = models.CharField(_("answer"), max_length=20, choices=SurveyLevel.choices)

    objects = SurveyAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "topic"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.get_level_display()}"
