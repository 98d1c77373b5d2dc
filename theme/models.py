"""The abstract pages the project's page types inherit."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

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


class SectionPage(BasePage):
    """A section every commune has once, right under its home page (contact,
    catalogue, feedback, news…), opened by a short introduction. Subclasses
    add their own fields and panels, and the page types allowed below them."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True
