"""Forms of the contact app: the admin forms (directory, office and reception
pages, feedback moderation, letters), whose people are chosen only from the
page's or row's commune and files only from its collection; and the
citizens' forms (feedback, look-up, rating)."""

import secrets
from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3
from PIL import Image, ImageOps

from home.access import communes_for_user, is_district_admin
from home.forms import BasePageForm
from home.models import Commune
from home.moderation import may_publish_for
from home.phones import normalise_phone
from home.scoping import CommuneScopedForm
from procedures.models import Procedure
from theme.forms import CitizenForm
from theme.widgets import LongSelect

from .models.directory import Official, Post
from .models.feedback import FeedbackKind, ReplyTemplate
from .models.feedback import FeedbackStatus as S
from .models.ratings import RatingKind, RatingLevel
from .services import (
    PUBLISHED_FIELDS,
    TransitionError,
    check_transition,
    remaining_personal_data,
)


class OfficialForm(CommuneScopedForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("post") == Post.OTHER and not cleaned.get("title", "").strip():
            self.add_error("title", _("Give the title of this position."))
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        commune, photo = cleaned.get("commune"), cleaned.get("photo")
        if commune and photo and not photo_in_collection(photo, commune):
            self.add_error("photo", _("Choose a photo from this commune's collection."))
        return cleaned


def photo_in_collection(photo, commune) -> bool:
    return commune.collection is not None and photo.collection.path.startswith(
        commune.collection.path
    )


def with_official_choices(form_class, queryset):
    """The inline form class, with the official choices narrowed to one commune."""

    class ScopedOfficialForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "official" in self.fields:
                self.fields["official"].queryset = queryset

    return ScopedOfficialForm


class PageWithOfficialsForm(BasePageForm):
    """A page whose inline rows name officials (counters, reception slots):
    only officials of the page's own commune may be chosen."""

    official_formsets = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commune = self.page_commune
        queryset = (
            Official.objects.filter(commune=commune).in_directory_order()
            if commune
            else Official.objects.none()
        )
        for name in self.official_formsets:
            formset = self.formsets.get(name)
            if formset is not None:
                formset.form = with_official_choices(formset.form, queryset)

    def is_valid(self):
        valid = super().is_valid()
        for name in self.official_formsets:
            for child in self.formsets[name].forms:
                official = getattr(child, "cleaned_data", {}).get("official")
                if official and (
                    self.page_commune is None or official.commune_id != self.page_commune.pk
                ):
                    self.add_error(None, _("Choose officials of this commune only."))
                    valid = False
        return valid


class OfficePageForm(PageWithOfficialsForm):
    official_formsets = ("counters",)


class ReceptionPageForm(PageWithOfficialsForm):
    official_formsets = ("slots",)


# --- Citizens' forms -------------------------------------------------------

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
PHOTO_LONGEST_SIDE = 1600


class ResilientReCaptchaField(ReCaptchaField):
    """reCAPTCHA that tells "Google could not be reached" apart from "failed".

    An unreachable service must not throw away what the citizen typed: the
    field then passes, and the form's ``captcha_unreachable`` makes the view
    store the submission as unverified for moderators to check.
    """

    unreachable = False
    default_error_messages = {
        "required": gettext_lazy("Tick “I'm not a robot” before sending."),
        "captcha_invalid": gettext_lazy(
            "The spam check failed. Tick “I'm not a robot” again, then send."
        ),
        "captcha_error": gettext_lazy(
            "The spam check failed. Tick “I'm not a robot” again, then send."
        ),
    }

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "captcha_error":
                raise
            self.unreachable = True
        except OSError:  # URLError, timeouts, refused connections
            self.unreachable = True


def captcha_widget():
    if settings.RECAPTCHA_VERSION == "v3":
        return ReCaptchaV3(
            action="feedback",
            required_score=settings.RECAPTCHA_REQUIRED_SCORE,
            attrs={"data-action": "feedback"},
        )
    return ReCaptchaV2Checkbox(attrs={"data-size": "normal"})


def reencode_photo(upload) -> ContentFile:
    """A clean JPEG: the real format checked, size bounded, resized, and with
    no EXIF (location, camera owner) carried over."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(gettext_lazy("The photo is larger than 5 MB."), code="too_large")
    try:
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in ("JPEG", "PNG", "WEBP", "GIF"):
            raise ValidationError(
                gettext_lazy("Send a photo in JPEG, PNG or WebP format."), code="format"
            )
        if image.width * image.height > MAX_PHOTO_PIXELS:
            raise ValidationError(gettext_lazy("The photo is too large."), code="too_large")
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((PHOTO_LONGEST_SIDE, PHOTO_LONGEST_SIDE))
        output = BytesIO()
        image.save(output, "JPEG", quality=82, optimize=True)
    except (OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ValidationError(
            gettext_lazy("This file is not a photo we can read."), code="invalid"
        ) from error
    return ContentFile(output.getvalue(), name=f"{secrets.token_hex(12)}.jpg")


class FeedbackForm(CitizenForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What would you like to send?"), choices=(), widget=forms.RadioSelect
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy("Where, when and what happened; what you suggest."),
    )
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional)"),
        required=False,
        help_text=gettext_lazy(
            "JPEG, PNG or WebP, up to 5 MB. Location data in the photo is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    consent_to_publish = forms.BooleanField(required=False)
    # Hidden from people by CSS; bots fill every field they find.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)
    captcha = ResilientReCaptchaField(label=gettext_lazy("Spam check"))

    def __init__(self, *args, unit: str, **kwargs):
        """``unit``: how the sentences name the commune ("xã", "thị trấn")."""
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["kind"].choices = FeedbackKind.choices
        self.fields["consent_to_publish"].label = _(
            "The %(unit)s may publish my question and its answer, without my name, phone or email."
        ) % {"unit": unit}
        self.fields["captcha"].widget = captcha_widget()
        self.fields["captcha"].widget.attrs["data-sitekey"] = settings.RECAPTCHA_PUBLIC_KEY

    @property
    def captcha_unreachable(self) -> bool:
        return self.fields["captcha"].unreachable

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone.strip() else ""

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return reencode_photo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.has_error("phone"):
            raise ValidationError(
                _("Give a phone number or an email address so that the %(unit)s can answer you.")
                % {"unit": self.unit},
                code="no_contact",
            )
        return cleaned

    def submission_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in ("kind", "subject", "message", "name", "phone", "email")
        }
        data["consent_to_publish"] = self.cleaned_data["consent_to_publish"]
        if self.cleaned_data.get("photo"):
            data["photo"] = self.cleaned_data["photo"]
        return data


class LookupForm(CitizenForm):
    code = forms.CharField(label=gettext_lazy("Tracking code"), max_length=12)
    contact = forms.CharField(
        label=gettext_lazy("The phone number or email you gave"),
        max_length=254,
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


# The question each kind of rating asks, in the plan's words: "đánh giá trực
# tiếp hiệu quả công tác tiếp công dân, giải quyết các thủ tục hành chính".
RATING_QUESTIONS = {
    RatingKind.PROCEDURE: gettext_lazy(
        "How satisfied are you with how your administrative procedure was handled?"
    ),
    RatingKind.RECEPTION: gettext_lazy("How satisfied are you with how you were received?"),
}
OFFICIAL_LABELS = {
    RatingKind.PROCEDURE: gettext_lazy("Official who served you (optional)"),
    RatingKind.RECEPTION: gettext_lazy("Official who received you (optional)"),
}


class RatingForm(CitizenForm):
    """One form for both kinds: the question and the official's label are
    the kind's; a reception rating asks for no procedure (a citizen comes
    to reception with a complaint or a proposal, not a dossier)."""

    level = forms.ChoiceField(choices=(), widget=forms.RadioSelect)
    procedure = forms.ModelChoiceField(
        label=gettext_lazy("Procedure (optional)"),
        queryset=None,
        required=False,
        widget=LongSelect,
    )
    official = forms.ModelChoiceField(
        queryset=None,
        required=False,
        widget=LongSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, site=None, kind=RatingKind.PROCEDURE, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["level"].choices = RatingLevel.choices
        self.fields["level"].label = RATING_QUESTIONS[kind]
        self.fields["official"].label = OFFICIAL_LABELS[kind]
        self.fields["official"].empty_label = gettext_lazy("— not sure —")
        self.fields["official"].queryset = (
            Official.objects.for_site(site).in_office().in_directory_order()
        )
        if kind == RatingKind.RECEPTION:
            del self.fields["procedure"]
        else:
            self.fields["procedure"].queryset = (
                Procedure.objects.for_site(site).order_by("name").only("pk", "code", "name")
            )
            self.fields["procedure"].empty_label = gettext_lazy("— not sure, or another —")


# --- Moderation in the admin -----------------------------------------------


class FeedbackModerationForm(CommuneScopedForm):
    """Editors move a submission through its states, answer it, and publish
    a scrubbed copy; the citizen's own text is shown read-only.

    Publication is its own step: the copy is drafted (scrubbed) when the
    submission is answered; publishing then needs that saved draft, read and
    corrected by the editor, their ticked confirmation, and no phone number,
    email or the citizen's name left in it; and, while the commune's approval
    is on, one of its approvers to publish it."""

    confirm_published_copy = forms.BooleanField(
        label=gettext_lazy(
            "I have read the published copy: it names nobody and gives no phone number, "
            "address or email."
        ),
        required=False,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        commune = self.instance.commune
        if "reply_template" in self.fields:
            self.fields["reply_template"].queryset = ReplyTemplate.objects.filter(
                Q(commune=commune) | Q(commune__isnull=True)
            )
        if "assigned_to" in self.fields:
            editors = get_user_model().objects.filter(is_active=True)
            group = commune.editors_group
            self.fields["assigned_to"].queryset = (
                editors.filter(groups=group) if group else editors.none()
            )
        self.original_status = self.instance.status
        self.for_user = for_user

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status", self.original_status)
        try:
            check_transition(
                self.original_status,
                status,
                by_district_admin=self.for_user is not None and is_district_admin(self.for_user),
            )
        except TransitionError as error:
            self.add_error("status", str(error))
            return cleaned
        template = cleaned.get("reply_template")
        if template and not cleaned.get("answer", "").strip():
            cleaned["answer"] = template.fill(self.instance)
            self.instance.answer = cleaned["answer"]
        if status in (S.SPAM, S.REJECTED) and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, for the history and the district's review."))
        if status in (S.ANSWERED, S.PUBLISHED) and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Write the answer first."))
        publishing = status == S.PUBLISHED and self.original_status != S.PUBLISHED
        if publishing and not self.instance.consent_to_publish:
            self.add_error(
                "status", _("The citizen did not agree to publication; close it instead.")
            )
        elif publishing and not self.may_publish():
            self.add_error(
                "status",
                _(
                    "Answers are published by the %(unit)s's approvers (the chairman or the "
                    "office chief): save it as answered and ask them to publish it."
                )
                % {"unit": self.instance.commune.unit_noun},
            )
        elif publishing:
            self.check_publication(cleaned)
        if status == S.PUBLISHED:
            self.refuse_personal_data(cleaned)
        return cleaned

    def may_publish(self) -> bool:
        """While the commune's approval is on (``home.moderation``), what it
        publishes in its name is its approvers' to publish."""
        return self.for_user is None or may_publish_for(self.for_user, self.instance.commune)

    def check_publication(self, cleaned) -> None:
        """The draft saved before this request (``self.instance`` still holds
        the stored values here), every field filled, and the confirmation."""
        if not all(getattr(self.instance, name).strip() for name in PUBLISHED_FIELDS):
            self.add_error(
                "status",
                _(
                    "The published copy has not been drafted yet. Save the answer first: "
                    "the copy is drafted without personal data for you to review, then publish."
                ),
            )
            return
        for name in PUBLISHED_FIELDS:
            if name in self.fields and not cleaned.get(name, "").strip():
                self.add_error(name, _("Fill in the published copy before publishing."))
        if not cleaned.get("confirm_published_copy"):
            self.add_error(
                "confirm_published_copy",
                _(
                    "Read the published copy again, then tick this box to confirm that it "
                    "contains no personal data."
                ),
            )

    def refuse_personal_data(self, cleaned) -> None:
        for name in PUBLISHED_FIELDS:
            found = remaining_personal_data(cleaned.get(name, ""), self.instance)
            if name in self.fields and found:
                self.add_error(
                    name,
                    _("Remove what identifies the citizen before publishing: %(found)s")
                    % {"found": ", ".join(f"“{item}”" for item in found)},
                )


# --- Letters of the People's Committee -------------------------------------


def signer_with_commune(official: Official) -> str:
    """A district admin sees every commune's leaders: each with their commune."""
    return f"{official} – {official.commune}"


class LetterForm(CommuneScopedForm):
    """A letter's commune and kind fix its place in the register: they are
    chosen once, when the letter is drafted."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "signer" in self.fields:
            field = self.fields["signer"]
            communes = communes_for_user(for_user) if for_user else Commune.objects.none()
            chosen = self.chosen_commune_id()
            if chosen:
                communes = communes.filter(pk=chosen)
            field.queryset = Official.objects.letter_signers_for(communes)
            field.required = True
            if for_user is not None and is_district_admin(for_user):
                field.label_from_instance = signer_with_commune
        if self.instance.pk:
            for name in ("commune", "kind"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def chosen_commune_id(self) -> str | int | None:
        """The letter's commune, when known: saved, sent, or prefilled."""
        if self.instance.commune_id:
            return self.instance.commune_id
        value = self.data.get(self.add_prefix("commune")) if self.is_bound else None
        value = value or self.initial.get("commune")
        return value if str(value or "").isdigit() else None
