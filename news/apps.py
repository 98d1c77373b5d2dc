from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from theme.slots import register_slot_template


class NewsConfig(AppConfig):
    """News, loudspeaker announcements, greetings, the notice banner and the
    thank-you page: what a commune tells its residents."""

    name = "news"
    verbose_name = _("News")

    def ready(self):
        from . import cache_targets

        cache_targets.connect()

        register_slot_template("below_header", "news/includes/site_notices.html", order=10)
        register_slot_template(
            "commune_home_before_body", "news/includes/home_greetings.html", order=10
        )
        register_slot_template(
            "commune_home_after_body", "news/includes/home_latest_news.html", order=10
        )
        register_slot_template("commune_home_head", "news/includes/home_feeds_slot.html", order=10)
