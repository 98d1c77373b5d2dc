from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictConfig(AppConfig):
    name = "district"
    verbose_name = _("District programme")
    default_auto_field = "django.db.models.BigAutoField"
