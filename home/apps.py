from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from theme.menu import register_menu_layout


class HomeConfig(AppConfig):
    """The communes and their sites: the commune registry, provisioning, the
    base pages and home pages, per-site settings, the page cache and site
    lookup, the isolation helpers every admin screen goes through, and the
    small services every app shares (phones, text messages, rate limits,
    search without diacritics)."""

    name = "home"
    verbose_name = _("Communes")

    def ready(self):
        from . import cache_targets, people, root_paths, sections

        cache_targets.connect()
        root_paths.install()
        register_menu_layout(sections.menu_layout())
        people.narrow_page_listing_user_filters()
