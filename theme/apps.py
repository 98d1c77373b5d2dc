from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    """The look shared by every site: base templates, blocks, static files,
    the menu and the template tags every page uses. The bottom layer: it
    imports no app of the project (see ``.importlinter``)."""

    name = "theme"
    verbose_name = _("Theme")
