"""The oversight unit's portal: its home page, listing every commune with
its figures, and the public page of citizens' satisfaction across communes."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.models import BasePage, IntroBodyPage

from ..figures import figure_table, monthly_satisfaction


class DistrictHomePage(IntroBodyPage):
    """The district portal's home: every commune with a link to its own site
    and two of its figures of the last twelve months (``district.figures``)."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "district.SatisfactionOverviewPage"]
    max_count = 1

    class Meta:
        verbose_name = _("district portal home page")
        verbose_name_plural = _("district portal home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        table = figure_table()
        context["communes"] = [row.commune for row in table.rows]
        context["figures"] = table.rows
        context["period"] = table.period
        return context


class SatisfactionOverviewPage(RoutablePageMixin, BasePage):
    """The district portal's public figures (``/hai-long/``): every
    commune's ratings and answers to feedback over the last twelve months,
    the same numbers as each commune's rating results and the dashboard;
    and the residents' survey's latest round at ``khao-sat/``, a page of its
    own so that each page keeps within its query budget."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["district.DistrictHomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("satisfaction overview page")
        verbose_name_plural = _("satisfaction overview pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        table = figure_table()
        context.update(
            {
                "rows": table.rows,
                "total": table.total,
                "period": table.period,
                "months": monthly_satisfaction(period=table.period),
                # Relative to this page ("khao-sat/"): no site lookup to link it.
                "survey_url": self.reverse_subpage("survey"),
            }
        )
        return context

    @path("khao-sat/", name="survey")
    def survey(self, request):
        """The page's own context (title, introduction), without the
        ratings' figures; the survey's come from ``{% portal_survey %}``."""
        context = BasePage.get_context(self, request)
        return TemplateResponse(request, "district/survey_overview.html", context)
