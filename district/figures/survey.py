"""The results of a satisfaction survey round (step IV.12 of the plan): per
commune and per question, the answers on each level and the satisfied share,
and the district's total, whose shares come from the summed counts.

"Satisfied" is the survey's own rule (``contact.models.survey_satisfied_q``:
"rất hài lòng" or "hài lòng"), counted in the query. Four queries per table,
whatever the number of communes or responses: whether the round names its
communes, the communes, the answers, the responses.

The charts' geometry (where each level's bar starts and ends, in percent)
is computed here too, from the same counts, so a chart cannot disagree with
its table.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from contact.models import (
    RespondentType,
    SurveyAnswer,
    SurveyLevel,
    SurveyResponse,
    SurveyRound,
    SurveyTopic,
    survey_satisfied_q,
)
from home.models import Commune

from .compute import communes_with_sites
from .rows import share

# The chart's colours, best level first (dark green to red); each bar is
# also labelled by the table next to it, so colour is never the only cue.
LEVEL_COLOURS = {
    SurveyLevel.VERY_SATISFIED: "#1b6b3a",
    SurveyLevel.SATISFIED: "#5fa868",
    SurveyLevel.NEUTRAL: "#b9b9b9",
    SurveyLevel.UNSATISFIED: "#e08a3c",
    SurveyLevel.VERY_UNSATISFIED: "#b3261e",
}


@dataclass(frozen=True)
class LevelBar:
    """One level of one question: its count, its share of the question's
    answers, and where its part of the stacked bar starts (percent)."""

    level: str
    label: str
    count: int
    share: float | None
    offset: float
    colour: str


@dataclass(frozen=True)
class QuestionFigures:
    """The answers to one question (for one commune or several)."""

    topic: str
    counts: dict[str, int]
    satisfied: int

    @property
    def label(self) -> str:
        return SurveyTopic(self.topic).label

    @property
    def answers(self) -> int:
        return sum(self.counts.values())

    @property
    def satisfied_share(self) -> float | None:
        """Satisfied answers out of all answers to the question, percent."""
        return share(self.satisfied, self.answers)

    @property
    def levels(self) -> list[LevelBar]:
        bars, offset = [], 0.0
        for level in SurveyLevel:
            count = self.counts.get(level.value, 0)
            part = share(count, self.answers)
            bars.append(
                LevelBar(level.value, level.label, count, part, offset, LEVEL_COLOURS[level])
            )
            offset = min(100.0, offset + (part or 0.0))
        return bars


@dataclass(frozen=True)
class CommuneSurvey:
    """A commune's responses to the round (``commune`` None: the total)."""

    commune: Commune | None
    responses: int = 0
    by_respondent: dict[str, int] = field(default_factory=dict)
    questions: list[QuestionFigures] = field(default_factory=list)

    @property
    def respondents(self) -> list[tuple[str, int]]:
        """(label, count) of each respondent type, in the scale's order."""
        return [(kind.label, self.by_respondent.get(kind.value, 0)) for kind in RespondentType]

    @property
    def answers(self) -> int:
        return sum(question.answers for question in self.questions)

    @property
    def level_rows(self) -> list[tuple[str, list[int]]]:
        """(level's label, its count in each question): the chart's table,
        one row per level and one column per question, narrow enough for a
        phone."""
        return [
            (level.label, [question.counts.get(level.value, 0) for question in self.questions])
            for level in SurveyLevel
        ]

    @property
    def satisfied(self) -> int:
        return sum(question.satisfied for question in self.questions)

    @property
    def satisfied_share(self) -> float | None:
        """Satisfied answers out of every answer to every question."""
        return share(self.satisfied, self.answers)


@dataclass(frozen=True)
class SurveyResults:
    survey_round: SurveyRound
    rows: list[CommuneSurvey]
    total: CommuneSurvey

    def for_commune(self, commune: Commune) -> CommuneSurvey | None:
        return next((row for row in self.rows if row.commune.pk == commune.pk), None)


def asked_communes(survey_round: SurveyRound, communes=None) -> list[Commune]:
    """The communes (with a site) of ``communes`` (all by default) that the
    round asks: those it names, or all when it names none."""
    queryset = communes if communes is not None else Commune.objects.all()
    if survey_round.communes.exists():
        queryset = queryset.filter(survey_rounds=survey_round)
    return communes_with_sites(queryset)


def answer_counts(survey_round: SurveyRound, ids: list[int]) -> dict[int, dict[str, dict]]:
    """Per commune and question: the answers on each level and the satisfied
    ones (one query)."""
    levels = {level.value: Count("pk", filter=Q(level=level.value)) for level in SurveyLevel}
    rows = (
        SurveyAnswer.objects.filter(response__survey_round=survey_round, response__commune__in=ids)
        .order_by()
        .values("response__commune", "topic")
        .annotate(satisfied_answers=Count("pk", filter=survey_satisfied_q()), **levels)
    )
    found: dict[int, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        found[row["response__commune"]][row["topic"]] = row
    return found


def response_counts(survey_round: SurveyRound, ids: list[int]) -> dict[int, dict[str, int]]:
    """Per commune: responses by respondent type (one query)."""
    rows = (
        SurveyResponse.objects.filter(survey_round=survey_round, commune__in=ids)
        .order_by()
        .values("commune", "respondent_type")
        .annotate(n=Count("pk"))
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        found[row["commune"]][row["respondent_type"]] = row["n"]
    return found


def _question(topic: str, row: dict | None) -> QuestionFigures:
    row = row or {}
    return QuestionFigures(
        topic=topic,
        counts={level.value: row.get(level.value, 0) for level in SurveyLevel},
        satisfied=row.get("satisfied_answers", 0),
    )


def _summed(rows: list[CommuneSurvey]) -> CommuneSurvey:
    by_respondent = {
        kind.value: sum(row.by_respondent.get(kind.value, 0) for row in rows)
        for kind in RespondentType
    }
    questions = [
        QuestionFigures(
            topic=topic.value,
            counts={
                level.value: sum(row.questions[index].counts[level.value] for row in rows)
                for level in SurveyLevel
            },
            satisfied=sum(row.questions[index].satisfied for row in rows),
        )
        for index, topic in enumerate(SurveyTopic)
    ]
    return CommuneSurvey(
        commune=None,
        responses=sum(row.responses for row in rows),
        by_respondent=by_respondent,
        questions=questions,
    )


def survey_results(survey_round: SurveyRound, communes=None) -> SurveyResults:
    """The round's results in each commune it asks (of ``communes``, all by
    default: a commune's site passes its own, an editor's screen the
    user's), and their total."""
    found = asked_communes(survey_round, communes)
    ids = [commune.pk for commune in found]
    answers = answer_counts(survey_round, ids)
    responses = response_counts(survey_round, ids)
    rows = [
        CommuneSurvey(
            commune=commune,
            responses=sum(responses[commune.pk].values()),
            by_respondent=responses[commune.pk],
            questions=[
                _question(topic, answers[commune.pk].get(topic)) for topic in SurveyTopic.values
            ],
        )
        for commune in found
    ]
    return SurveyResults(survey_round=survey_round, rows=rows, total=_summed(rows))
