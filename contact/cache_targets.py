"""What the contact app's rows show on citizens' pages, for the page cache
(``home.caching``). The portal's figures, which count ratings and feedback
too, are declared by the district app that shows them."""

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
)


def rating_targets(rating: Rating) -> list[Target]:
    """A rating counts in its commune's results (``/danh-gia/ket-qua/``),
    not on the rating form nor anywhere else of the commune."""
    site = commune_site(rating.commune_id)
    return section_targets(site, "rating", [route(RatingPage, "results")])


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
    register(Feedback, feedback_targets)
    register(Official, official_targets)
