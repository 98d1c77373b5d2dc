from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    """The look shared by every site: base templates, blocks, static files."""

    name = "theme"
    verbose_name = _("Theme")

    def ready(self):
        from . import cache, navigation, sites  # noqa: F401  (connect the cache invalidation)
