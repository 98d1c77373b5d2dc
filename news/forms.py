"""Admin forms of greetings, announcements and letters.

A signer is chosen from the leaders of the commune that the greeting or letter
belongs to, and their name and position are copied when chosen, so that the
greeting or letter keeps them when the directory later changes.
"""

from django.utils.translation import gettext as _

from home.access import communes_for_user
from home.scoping import CommuneScopedForm
from theme.forms import BasePageForm, commune_for_tree


def leaders_of(communes):
    """Officials who may sign for a commune: its leadership, in office."""
    from contact.models import LEADERSHIP_POSTS, Official

    return (
        Official.objects.filter(commune__in=communes, post__in=LEADERSHIP_POSTS)
        .in_office()
        .in_directory_order()
        .select_related("commune")
    )


def freeze_signer(instance, original_signer_id) -> None:
    """Copy the signer's name and position when a signer is first chosen or
    changed; keep them otherwise, even if the directory has changed since."""
    signer = instance.signer
    if signer is None:
        instance.signer_name = instance.signer_position = ""
        if hasattr(instance, "signer_post"):
            instance.signer_post = ""
        return
    if signer.pk != original_signer_id or not instance.signer_name:
        instance.signer_name = signer.full_name
        instance.signer_position = signer.position_label
        if hasattr(instance, "signer_post"):
            instance.signer_post = signer.post


class SignedPageForm(BasePageForm):
    """A page signed by one of its commune's leaders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_signer_id = self.instance.signer_id
        commune = commune_for_tree(self.tree_path()) if self.tree_path() else None
        self.page_commune = commune
        if "signer" in self.fields:
            self.fields["signer"].queryset = leaders_of([commune] if commune else [])

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
        from .audio import AUDIO_TYPES, is_audio

        cleaned = super().clean()
        audio = cleaned.get("audio")
        if audio and not is_audio(audio.filename):
            self.add_error(
                "audio",
                _("Choose an audio file (%(types)s).")
                % {"types": ", ".join(ext.upper() for ext in AUDIO_TYPES)},
            )
        return cleaned


class LetterForm(CommuneScopedForm):
    """A letter's commune and kind fix its place in the register: they are
    chosen once, when the letter is drafted."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.original_signer_id = self.instance.signer_id
        if "signer" in self.fields:
            communes = communes_for_user(for_user) if for_user else []
            if self.instance.pk:
                communes = [self.instance.commune]
            self.fields["signer"].queryset = leaders_of(communes)
            self.fields["signer"].required = True
        if self.instance.pk:
            for name in ("commune", "kind"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def save(self, commit=True):
        letter = super().save(commit=False)
        freeze_signer(letter, self.original_signer_id)
        if commit:
            letter.save()
            self.save_m2m()
        return letter
