from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """Officials' directory, office, feedback and ratings (built by later issues)."""

    name = "contact"
    verbose_name = _("Contact")

    def ready(self):
        from . import cache_targets

        cache_targets.connect()
