from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Home pages, the commune registry, provisioning and commune isolation."""

    name = "home"
    verbose_name = _("Communes")
