"""Forms of the district app: the admin's period and merge forms, and the
criterion progress form that turns an editor's save into a proposal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from home.access import is_district_admin
from home.models import Commune
from home.scoping import CommuneScopedForm

from .figures import Period
from .models import StepLevel


class PeriodForm(forms.Form):
    """The reporting period; by default the last twelve months, as on the
    public pages (``Period.last_twelve_months``)."""

    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period(self) -> Period:
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or Period.last_twelve_months(end).start
        if start > end:
            start, end = end, start
        return Period(start=start, end=end)


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
    """Only district admins may tick "confirmed"; the save itself goes
    through ``district.progress.save_progress``."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        by_district = for_user is not None and is_district_admin(for_user)
        if not by_district and "confirmed" in self.fields:
            self.fields["confirmed"].disabled = True


class StepProgressForm(CommuneScopedForm):
    """A commune's step needs its commune; a district step has none, and
    only district admins record it. Evidence is chosen from the row's
    commune's collection only (``CommuneScopedForm``)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.by_district = for_user is None or is_district_admin(for_user)
        step = self.fields.get("step")
        if step is not None and not self.by_district:
            step.queryset = step.queryset.filter(level=StepLevel.COMMUNE)

    def clean(self):
        data = super().clean()
        step, commune = data.get("step"), data.get("commune")
        if step is not None and step.level == StepLevel.COMMUNE and commune is None:
            self.add_error("commune", gettext_lazy("Each commune records this step itself."))
        if step is not None and step.level == StepLevel.DISTRICT and commune is not None:
            self.add_error("commune", gettext_lazy("The district carries out this step itself."))
        return data
