"""News, loudspeaker announcements, greetings, the notice banner and letters."""

from .letters import Letter, LetterKind, LetterSettings
from .notices import Notice, NoticeLevel
from .pages import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GreetingIndexPage,
    GreetingPage,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    ThankYouPage,
)

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "GreetingIndexPage",
    "GreetingPage",
    "Letter",
    "LetterKind",
    "LetterSettings",
    "NewsArticlePage",
    "NewsCategory",
    "NewsIndexPage",
    "Notice",
    "NoticeLevel",
    "ThankYouPage",
]
