from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News, announcements, greetings and letters (built by a later issue)."""

    name = "news"
    verbose_name = _("News")
