"""The district's reports on what communes have not yet published."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from home.access import is_district_admin
from home.exports import NeutralisedCsvExportMixin
from home.models import Commune

from .figures import missing_published_phones


def missing_leadership_phones(on=None) -> list[Commune]:
    """Communes (with a site) missing a phone number that III.1.1 of the
    plan asks them to publish (``missing_published_phones``); each carries
    ``missing_posts`` (what is missing, "; "-separated) and its count."""
    communes = list(Commune.objects.filter(site__isnull=False).order_by("code"))
    missing = missing_published_phones(communes, on or timezone.localdate())
    lacking = []
    for commune in communes:
        items = missing[commune.pk]
        if items:
            commune.missing_posts = "; ".join(items)
            commune.missing_count = len(items)
            lacking.append(commune)
    return lacking


class MissingLeadershipPhonesReport(NeutralisedCsvExportMixin, ReportView):
    page_title = gettext_lazy("Communes missing officials' phone numbers")
    header_icon = "mobile-alt"
    index_url_name = "district_missing_phones"
    index_results_url_name = "district_missing_phones_results"
    list_export = ["code", "full_name", "missing_count", "missing_posts"]
    export_headings = {
        "code": gettext_lazy("Statistical code"),
        "full_name": gettext_lazy("Commune"),
        "missing_count": gettext_lazy("Missing phone numbers"),
        "missing_posts": gettext_lazy("What is missing"),
    }
    columns = [
        Column("code", label=gettext_lazy("Statistical code")),
        Column("full_name", label=gettext_lazy("Commune")),
        Column("missing_count", label=gettext_lazy("Missing phone numbers")),
        Column("missing_posts", label=gettext_lazy("What is missing")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_district_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return missing_leadership_phones()

    def get_filename(self):
        return "communes-missing-leadership-phones"
