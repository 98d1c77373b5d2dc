"""Admin pieces of the moderation screens: the filters, the history panel,
and the citizen's photo (panel and the view that serves it to the
commune's editors only)."""

import django_filters
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import Panel
from wagtail.permissions import policy_registry

from home.scoping import scope_to_user

from .models import Feedback, FeedbackKind, FeedbackStatus

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
    "confirmation_withheld": _("Confirmation not sent"),
    "answer_withheld": _("Answer not sent to the citizen's contacts"),
    "photo_not_saved": _("Photo could not be saved"),
    "published_copy_confirmed": _("Published copy reviewed and published"),
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


class FeedbackPhotoPanel(Panel):
    """The citizen's photo, from the private storage through ``FeedbackPhotoView``."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contact/admin/feedback_photo.html"

        def is_shown(self):
            return bool(self.instance.pk and self.instance.photo)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["photo_url"] = reverse("feedback:photo", args=[self.instance.pk])
            return context


class FeedbackPhotoView(View):
    """Streams a submission's photo to a user who may see the submission:
    the editors of its commune and district admins (the admin's login is
    required by Wagtail's admin URL patterns). Never cached by a proxy."""

    def get(self, request, pk):
        policy = policy_registry.get_by_type(Feedback)
        if not policy.user_has_any_permission(request.user, ["change", "view"]):
            raise Http404
        feedback = get_object_or_404(scope_to_user(Feedback.objects.all(), request.user), pk=pk)
        if not feedback.photo:
            raise Http404
        try:
            handle = feedback.photo.open("rb")
        except OSError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=600"
        response["Content-Disposition"] = f'inline; filename="{feedback.tracking_code}.jpg"'
        return response
