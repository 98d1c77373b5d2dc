"""Admin forms of greetings and announcements.

A greeting's signer is chosen from the leaders of the commune it belongs to,
and their name and position are copied when chosen (``freeze_signer``), so
that the greeting keeps them when the directory later changes.
"""

from django.utils.translation import gettext as _

from contact.letters import freeze_signer
from contact.models import Official
from home.forms import BasePageForm

from .audio import AUDIO_TYPES, is_audio


class SignedPageForm(BasePageForm):
    """A page signed by one of its commune's leaders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_signer_id = self.instance.signer_id
        commune = self.page_commune
        if "signer" in self.fields:
            self.fields["signer"].queryset = Official.objects.signers_for(
                [commune] if commune else []
            )

    def clean(self):
        cleaned = super().clean()
        signer = cleaned.get("signer")
        if signer and (self.page_commune is None or signer.commune_id != self.page_commune.pk):
            self.add_error("signer", _("Choose a leader of this commune."))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        freeze_signer(page, self.original_signer_id)
        if commit:
            page.save()
        return page


class GreetingPageForm(SignedPageForm):
    pass


class AnnouncementPageForm(BasePageForm):
    def clean(self):
        cleaned = super().clean()
        audio = cleaned.get("audio")
        if audio and not is_audio(audio.filename):
            self.add_error(
                "audio",
                _("Choose an audio file (%(types)s).")
                % {"types": ", ".join(ext.upper() for ext in AUDIO_TYPES)},
            )
        return cleaned
