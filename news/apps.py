from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News, loudspeaker announcements, greetings, the notice banner and letters."""

    name = "news"
    verbose_name = _("News")

    def ready(self):
        from . import notices  # noqa: F401  (connects the cache invalidation)
