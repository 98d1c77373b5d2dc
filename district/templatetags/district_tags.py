"""The district's parts in the communes' pages: the launch notice and the
figures of the rating results page, both read for the request's site."""

from django import template
from wagtail.models import Site

from district.figures import figure_table, monthly_satisfaction
from district.models import CommuneLaunch
from home.models import Commune

register = template.Library()


@register.inclusion_tag("district/includes/launch_notice.html", takes_context=True)
def commune_launch_notice(context):
    """One query: the launch of the commune whose site serves this request."""
    site = Site.find_for_request(context["request"])
    launch = CommuneLaunch.objects.filter(commune__site=site).first() if site is not None else None
    return {"launch": launch}


@register.inclusion_tag("district/includes/commune_figures.html", takes_context=True)
def commune_figures(context):
    """The request's commune's figures of the last twelve months, from the
    one definition the portal and the dashboard read (``district.figures``),
    and its satisfaction month by month."""
    site = Site.find_for_request(context["request"])
    communes = Commune.objects.filter(site=site) if site is not None else Commune.objects.none()
    table = figure_table(communes)
    row = table.rows[0] if table.rows else None
    months = monthly_satisfaction(communes, table.period) if row else []
    return {"row": row, "period": table.period, "months": months}
