"""Forms of the procedures app: the admin forms of the catalogue and the
dossier import, and the citizens' dossier look-up."""

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.access import communes_for_user, is_district_admin
from home.models import Commune
from home.scoping import CommuneScopedForm
from theme.forms import CitizenForm

from .models.catalogue import Procedure


class ProcedureForm(CommuneScopedForm):
    """District admins may leave the commune empty (a district record);
    commune editors create procedures of their own commune only."""

    def clean(self):
        cleaned = super().clean()
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
            "Columns: code, name, field, processing_time, fee, processing_note, documents, "
            "legal_basis, source. Other columns are ignored, with a warning."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not save"), required=False, initial=True)

    MAX_SIZE = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class DossierImportForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none())
    file = forms.FileField(
        label=_("CSV file exported by the one-stop software"),
        help_text=_(
            "Columns: ma_ho_so, ma_thu_tuc, ten_thu_tuc, nguoi_nop, so_dien_thoai, "
            "ngay_tiep_nhan, ngay_hen_tra, trang_thai."
        ),
    )
    dry_run = forms.BooleanField(label=_("Check only, change nothing"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes_for_user(user).filter(site__isnull=False)
        self.fields["commune"].queryset = communes
        if communes.count() == 1:
            self.fields["commune"].initial = communes.first()


class DossierLookupForm(CitizenForm):
    receipt_code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_("As printed on the receipt the counter gave you."),
    )
    phone_last_four = forms.CharField(
        label=_("Last four digits of your phone number"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Enter four digits."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_receipt_code(self):
        return self.cleaned_data["receipt_code"].strip()
