"""Admin pieces of the moderation screens that are not views: the filters
and the history panel."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import Panel

from .models import OPEN_STATUSES, Feedback, FeedbackKind, FeedbackStatus

ACTION_LABELS = {
    "submitted": _("Submitted"),
    "notified_commune": _("Commune notified by email"),
    "notified_commune_failed": _("Email to the commune failed"),
    "confirmed_to_citizen": _("Confirmation emailed to the citizen"),
    "confirmed_to_citizen_failed": _("Confirmation email failed"),
    "assigned": _("Assigned"),
    "status_changed": _("Status changed"),
    "answer_edited": _("Answer edited"),
    "answer_emailed": _("Answer emailed"),
    "answer_emailed_failed": _("Answer email failed"),
    "answer_texted": _("Answer notice sent by SMS"),
    "answer_text_failed": _("SMS failed"),
}


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FeedbackStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FeedbackKind.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    unverified = django_filters.BooleanFilter(
        label=_("Not checked by reCAPTCHA"), method="filter_unverified"
    )

    class Meta:
        model = Feedback
        fields = ["status", "kind"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_unverified(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(verified=not value)


class FeedbackHistoryPanel(Panel):
    """Who did what and when, read from the submission's events."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contact/admin/feedback_history.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            events = list(self.instance.events.select_related("user")) if self.instance.pk else []
            for event in events:
                event.action_label = ACTION_LABELS.get(event.action, event.action)
            context["events"] = events
            return context


def overdue_label(feedback: Feedback) -> str:
    if feedback.status in OPEN_STATUSES and feedback.due_date < timezone.localdate():
        return str(_("Overdue"))
    return ""
