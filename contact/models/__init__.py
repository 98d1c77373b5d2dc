"""The contact app's models, one module per concern: the officials'
directory, the contact page, the one-stop office, citizen reception and
dialogues, feedback, ratings (with their citizens' pages), the residents'
satisfaction survey, and the letters of the People's Committee to residents
with their register."""

from .contact_page import ContactPage
from .directory import (
    LEADERSHIP_POSTS,
    PHONE_PUBLISHED_POSTS,
    PHONE_REQUIRED_POSTS,
    POST_RANK,
    Official,
    Post,
)
from .feedback import (
    ANSWERED_STATUSES,
    OPEN_STATUSES,
    Feedback,
    FeedbackEvent,
    FeedbackKind,
    FeedbackStatus,
    ReplyTemplate,
    answered_on_time_q,
    answered_q,
    overdue_q,
    received_q,
)
from .feedback_pages import FeedbackPage, RatingPage
from .letters import PRIVATE_KINDS, REGISTER_SYMBOL, Letter, LetterKind, LetterSettings
from .notices import FeedbackNotice, NoticeKind, NoticeStatus
from .office import OfficeCounter, OfficeOpeningPeriod, OfficePage, Weekday
from .ratings import Rating, RatingKind, RatingLevel, of_kind_q, satisfied_q
from .reception import (
    DialogueMeetingPage,
    ReceptionDocument,
    ReceptionPage,
    ReceptionSlot,
    RuleKind,
)
from .survey import (
    RespondentType,
    SurveyAnswer,
    SurveyLevel,
    SurveyResponse,
    SurveyRound,
    SurveyTopic,
    current_round,
    latest_started_round,
    survey_satisfied_q,
)

__all__ = [
    "ANSWERED_STATUSES",
    "LEADERSHIP_POSTS",
    "OPEN_STATUSES",
    "PHONE_PUBLISHED_POSTS",
    "PHONE_REQUIRED_POSTS",
    "POST_RANK",
    "PRIVATE_KINDS",
    "REGISTER_SYMBOL",
    "ContactPage",
    "DialogueMeetingPage",
    "Feedback",
    "FeedbackEvent",
    "FeedbackKind",
    "FeedbackNotice",
    "FeedbackPage",
    "FeedbackStatus",
    "Letter",
    "LetterKind",
    "LetterSettings",
    "NoticeKind",
    "NoticeStatus",
    "OfficeCounter",
    "OfficeOpeningPeriod",
    "OfficePage",
    "Official",
    "Post",
    "Rating",
    "RatingKind",
    "RatingLevel",
    "RatingPage",
    "RespondentType",
    "ReceptionDocument",
    "ReceptionPage",
    "ReceptionSlot",
    "ReplyTemplate",
    "RuleKind",
    "SurveyAnswer",
    "SurveyLevel",
    "SurveyResponse",
    "SurveyRound",
    "SurveyTopic",
    "Weekday",
    "answered_on_time_q",
    "answered_q",
    "of_kind_q",
    "current_round",
    "latest_started_round",
    "overdue_q",
    "received_q",
    "satisfied_q",
    "survey_satisfied_q",
]
