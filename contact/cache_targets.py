"""What the contact app's rows show on citizens' pages, for the page cache
(``home.caching``). The portal's figures, which count ratings and feedback
too, are declared by the district app that shows them."""

from wagtail.models import Site

from home.caching.registry import register
from home.caching.targets import Target, commune_site, route, section_targets

from .models import (
    ContactPage,
    Feedback,
    FeedbackPage,
    FeedbackStatus,
    Official,
    Rating,
    RatingPage,
    SurveyResponse,
    SurveyRound,
)


def rating_targets(rating: Rating) -> list[Target]:
    """A rating counts in its commune's results (``/danh-gia/ket-qua/``),
    not on the rating form nor anywhere else of the commune."""
    site = commune_site(rating.commune_id)
    return section_targets(site, "rating", [route(RatingPage, "results")])


def survey_response_targets(response: SurveyResponse) -> list[Target]:
    """A response counts in its commune's survey results only."""
    site = commune_site(response.commune_id)
    return section_targets(site, "rating", [route(RatingPage, "survey_results")])


SURVEY_ROUTES = ("survey", "survey_results", "survey_poster")


def survey_round_targets(_round: SurveyRound) -> list[Target]:
    """A round's title and dates show on the survey's pages of the communes
    it asks; which those were before the change is unknown once it is
    saved, and rounds change a few times a year: every commune's."""
    routes = [route(RatingPage, name) for name in SURVEY_ROUTES]
    sites = Site.objects.filter(commune__isnull=False).select_related("root_page")
    return [target for site in sites for target in section_targets(site, "rating", routes)]


def feedback_targets(feedback: Feedback) -> list[Target]:
    """Of a citizen's feedback, the commune's pages show only a published
    answer (``/gop-y/hoi-dap/``): while it is published, and when it stops
    being (``published_at`` stays set). A submission shows nowhere there."""
    if feedback.status != FeedbackStatus.PUBLISHED and feedback.published_at is None:
        return []
    site = commune_site(feedback.commune_id)
    return section_targets(site, "feedback", [route(FeedbackPage, "answers")])


def official_targets(official: Official) -> list[Target]:
    """The directory and the official's vCard, the office's counters and the
    reception's schedule name officials."""
    site = commune_site(official.commune_id)
    return [
        *section_targets(site, "contact", ["", route(ContactPage, "vcard", official.pk)]),
        *section_targets(site, "office"),
        *section_targets(site, "reception"),
    ]


def connect() -> None:
    register(Rating, rating_targets)
    register(SurveyResponse, survey_response_targets)
    register(SurveyRound, survey_round_targets)
    register(Feedback, feedback_targets)
    register(Official, official_targets)
