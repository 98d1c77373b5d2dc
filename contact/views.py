"""The district's report on the directory: which communes leave citizens
without a number to call for one of their leaders."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from home.access import is_district_admin
from home.models import Commune

from .models import LEADERSHIP_POSTS, Official, Post


def missing_leadership_phones(on=None) -> list[Commune]:
    """Communes (with a site) where a leadership post has nobody in office
    with a phone number; each carries ``missing_posts``, their labels."""
    covered: dict[int, set[str]] = {}
    in_office = (
        Official.objects.in_office(on)
        .filter(post__in=LEADERSHIP_POSTS)
        .exclude(phone="")
        .values_list("commune_id", "post")
    )
    for commune_id, post in in_office:
        covered.setdefault(commune_id, set()).add(post)
    lacking = []
    for commune in Commune.objects.filter(site__isnull=False).order_by("code"):
        missing = [post for post in LEADERSHIP_POSTS if post not in covered.get(commune.pk, set())]
        if missing:
            commune.missing_posts = ", ".join(str(Post(post).label) for post in missing)
            commune.missing_count = len(missing)
            lacking.append(commune)
    return lacking


class MissingLeadershipPhonesReport(ReportView):
    page_title = gettext_lazy("Communes missing leadership phone numbers")
    header_icon = "mobile-alt"
    index_url_name = "contact_missing_phones"
    index_results_url_name = "contact_missing_phones_results"
    list_export = ["code", "full_name", "missing_count", "missing_posts"]
    export_headings = {
        "code": gettext_lazy("Statistical code"),
        "full_name": gettext_lazy("Commune"),
        "missing_count": gettext_lazy("Posts without a phone"),
        "missing_posts": gettext_lazy("Positions"),
    }
    columns = [
        Column("code", label=gettext_lazy("Statistical code")),
        Column("full_name", label=gettext_lazy("Commune")),
        Column("missing_count", label=gettext_lazy("Posts without a phone")),
        Column("missing_posts", label=gettext_lazy("Positions")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_district_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return missing_leadership_phones()

    def get_filename(self):
        return "communes-missing-leadership-phones"
