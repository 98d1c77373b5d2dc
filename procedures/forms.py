from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.access import communes_for_user, is_district_admin
from home.scoping import CommuneScopedForm


class ProcedureForm(CommuneScopedForm):
    """District admins may leave the commune empty (a district record);
    commune editors create procedures of their own commune only."""

    def clean(self):
        cleaned = super().clean()
        from .models import Procedure

        commune, code = cleaned.get("commune"), cleaned.get("code")
        if commune and code and Procedure.objects.district().filter(code=code).exists():
            self.add_error(
                "code",
                _(
                    "The district catalogue already has this procedure; "
                    "add a local note to it instead."
                ),
            )
        return cleaned


class LocalProcedureNoteForm(CommuneScopedForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not is_district_admin(for_user):
            from .models import Procedure

            self.fields["procedure"].queryset = Procedure.objects.filter(
                Q(commune__isnull=True) | Q(commune__in=communes_for_user(for_user))
            )

    def clean(self):
        cleaned = super().clean()
        procedure, commune = cleaned.get("procedure"), cleaned.get("commune")
        if procedure and commune and procedure.commune_id not in (None, commune.pk):
            raise forms.ValidationError(_("This procedure belongs to another commune."))
        return cleaned


class ProcedureImportForm(forms.Form):
    file = forms.FileField(
        label=_("JSON or CSV file"),
        help_text=_(
            "Columns: code, name, field, processing_time, fee, documents, legal_basis, source."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not save"), required=False, initial=True)

    MAX_SIZE = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
