"""Admin pieces that are not views: the dossier filters and the panel that
offers an apology letter for a late dossier."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import Panel

from .dossiers import apology_letter_url
from .models import Dossier, DossierStatus


class DossierFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DossierStatus.choices)
    late = django_filters.BooleanFilter(label=_("Late"), method="filter_late")

    class Meta:
        model = Dossier
        fields = ["status", "commune"]

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = queryset.late()
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class ApologyLetterPanel(Panel):
    """A late dossier offers its apology letter (form 02), prefilled with the
    applicant's name, the reason and the receipt code."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "procedures/admin/apology_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            dossier = self.instance
            late = bool(dossier.pk) and dossier.is_late
            context["late"] = late
            if late:
                context["letter_url"] = apology_letter_url(dossier)
            return context
