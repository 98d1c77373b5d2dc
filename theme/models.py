"""The abstract page every page type of the project inherits."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .forms import BasePageForm


class BasePage(Page):
    """What every page shares: a social image for Facebook and Zalo previews.

    The meta description is Wagtail's own ``search_description``.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a link to this page is shared on Facebook or Zalo."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    base_form_class = BasePageForm

    class Meta:
        abstract = True
