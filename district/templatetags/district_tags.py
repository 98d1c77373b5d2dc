"""The commune's launch, shown on its home page."""

from django import template
from wagtail.models import Site

from district.models import CommuneLaunch

register = template.Library()


@register.inclusion_tag("district/includes/launch_notice.html", takes_context=True)
def commune_launch_notice(context):
    """One query: the launch of the commune whose site serves this request."""
    site = Site.find_for_request(context["request"])
    launch = CommuneLaunch.objects.filter(commune__site=site).first() if site is not None else None
    return {"launch": launch}
