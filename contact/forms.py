"""Admin forms of the directory and the office pages: a commune's people are
chosen only from that commune, its files only from its collection."""

from django.utils.translation import gettext as _

from home.scoping import CommuneScopedForm
from theme.forms import BasePageForm, commune_for_tree


class OfficialForm(CommuneScopedForm):
    def clean(self):
        cleaned = super().clean()
        from .models import Post

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
        from .models import Official

        commune = commune_for_tree(self.tree_path()) if self.tree_path() else None
        queryset = (
            Official.objects.filter(commune=commune).in_directory_order()
            if commune
            else Official.objects.none()
        )
        self.page_commune = commune
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
