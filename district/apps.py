from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from theme.slots import register_slot_template


class DistrictConfig(AppConfig):
    """Oversight of a set of communes (a district in 2022, a province since
    2025): the programme's criteria and steps, launches, the dashboard and
    its exports, the one definition of every figure, the portal, provisioning
    and merging communes. The top layer: it may read every app."""

    name = "district"
    verbose_name = _("District programme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache_targets

        cache_targets.connect()
        register_slot_template("commune_home_hero", "district/includes/home_launch.html", order=10)
        # The commune's rating results (a contact page) show the figures
        # defined here; contact, a lower layer, only offers the slot.
        register_slot_template("rating_results", "district/includes/rating_results.html", order=10)
        register_slot_template("survey_results", "district/includes/survey_results.html", order=10)
