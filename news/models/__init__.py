"""News, loudspeaker announcements, greetings, the notice banner and the
thank-you page."""

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
    "NewsArticlePage",
    "NewsCategory",
    "NewsIndexPage",
    "Notice",
    "NoticeLevel",
    "ThankYouPage",
]
