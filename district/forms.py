"""Forms of the district app: the citizen's dossier lookup, the admin's
period, import and merge forms, and the criterion progress form that turns
an editor's save into a proposal."""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy

from contact.forms import CitizenForm
from home.access import communes_for_user, is_district_admin
from home.models import Commune
from home.scoping import CommuneScopedForm


class DossierLookupForm(CitizenForm):
    receipt_code = forms.CharField(
        label=gettext_lazy("Receipt code"),
        max_length=40,
        help_text=gettext_lazy("As printed on the receipt the counter gave you."),
    )
    phone_last_four = forms.CharField(
        label=gettext_lazy("Last four digits of your phone number"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", gettext_lazy("Enter four digits."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_receipt_code(self):
        return self.cleaned_data["receipt_code"].strip()


class PeriodForm(forms.Form):
    """The reporting period; by default the last twelve months."""

    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period(self):
        from .figures import Period

        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end.replace(year=end.year - 1)
        if start > end:
            start, end = end, start
        return Period(start=start, end=end)


class DossierImportForm(forms.Form):
    commune = forms.ModelChoiceField(label=gettext_lazy("Commune"), queryset=Commune.objects.none())
    file = forms.FileField(
        label=gettext_lazy("CSV file exported by the one-stop software"),
        help_text=gettext_lazy(
            "Columns: ma_ho_so, ma_thu_tuc, ten_thu_tuc, nguoi_nop, so_dien_thoai, "
            "ngay_tiep_nhan, ngay_hen_tra, trang_thai."
        ),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, change nothing"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes_for_user(user).filter(site__isnull=False)
        self.fields["commune"].queryset = communes
        if communes.count() == 1:
            self.fields["commune"].initial = communes.first()


class MergeForm(forms.Form):
    sources = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Communes to merge"),
        queryset=Commune.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.SlugField(
        label=gettext_lazy("Slug of the new commune"),
        help_text=gettext_lazy(
            "An existing commune's slug, or a new one (then give its name and code)."
        ),
    )
    name = forms.CharField(label=gettext_lazy("Name of a new commune"), required=False)
    code = forms.CharField(
        label=gettext_lazy("Statistical code of a new commune"), required=False, max_length=5
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Show the plan only, change nothing"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = Commune.objects.filter(site__isnull=False)


class CriterionProgressForm(CommuneScopedForm):
    """District admins confirm; for anyone else a save is a proposal."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.by_district = for_user is not None and is_district_admin(for_user)
        self.user = for_user
        if not self.by_district and "confirmed" in self.fields:
            self.fields["confirmed"].disabled = True

    def save(self, commit=True):
        progress = super().save(commit=False)
        if self.by_district and self.cleaned_data.get("confirmed"):
            if self.has_changed() or not progress.confirmed_at:
                progress.confirm(self.user)
        else:
            progress.confirmed, progress.confirmed_by, progress.confirmed_at = False, None, None
        if commit:
            progress.save()
        return progress
