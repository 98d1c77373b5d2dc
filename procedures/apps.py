from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    """The administrative-procedure catalogue (built by the procedures issue)."""

    name = "procedures"
    verbose_name = _("Procedures")

    def ready(self):
        from . import cache_targets

        cache_targets.connect()
