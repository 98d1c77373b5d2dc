"""Admin views of the letters: the register (the viewset's listing) and the
printable letter. Every object comes through ``home.scoping``."""

from contextlib import suppress
from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from home.models import Commune
from home.scoping import ScopedEditView, ScopedIndexView, scope_to_user

from .letter_rendering import letter_context
from .models import Letter


class LetterIndexView(ScopedIndexView):
    """The register: number, kind, recipient, date, who drafted it."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commune", "drafted_by")

    @cached_property
    def columns(self):
        """The register number opens the letter and carries its actions (edit,
        print); a plain first column would leave the rows without any link."""
        number, *others = super().columns
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                number.name, label=number.label, sort_key=number.sort_key, get_url=self.get_edit_url
            ),
            *others,
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Print"),
                url=reverse("letters:print", args=[instance.pk]),
                icon_name="doc-full",
                priority=15,
            )
        )
        return buttons


class LetterCreateView(generic.CreateView):
    PREFILLED = ("kind", "recipient_name", "recipient_address", "reason")

    def get_initial(self):
        """Prefilled from the query string: a late dossier's "apology letter"
        link (district app) names the applicant and the reason. The form's
        own scoping still decides which communes may be chosen."""
        initial = super().get_initial()
        for name in self.PREFILLED:
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name][:2000]
        with suppress(ValueError):
            initial["new_appointment_date"] = date.fromisoformat(
                self.request.GET.get("new_appointment_date", "")
            )
        code = self.request.GET.get("commune")
        if code:
            commune = Commune.objects.filter(code=code).first()
            if commune is not None:
                initial["commune"] = commune.pk
        return initial


class LetterEditView(ScopedEditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Print"),
                url=reverse("letters:print", args=[self.object.pk]),
                icon_name="doc-full",
                priority=5,
            )
        )
        return buttons


class LetterPrintView(View):
    """The letter as an A4 page: open it and print (or save as PDF)."""

    permission_policy: ModelPermissionPolicy = None

    def get(self, request, pk):
        letters = scope_to_user(
            Letter.objects.select_related("commune", "commune__site"), request.user
        )
        letter = get_object_or_404(letters, pk=pk)
        if not self.permission_policy.user_has_any_permission_for_instance(
            request.user, ["add", "change", "view"], letter
        ):
            raise PermissionDenied
        return TemplateResponse(request, "contact/letters/print.html", letter_context(letter))
