"""The admin form every project page uses."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page


def commune_for_tree(tree_path: str):
    """The commune whose tree holds this path, or None (the district portal)."""
    from home.models import Commune

    root_path = tree_path[: 2 * Page.steplen]
    return (
        Commune.objects.filter(site__root_page__path=root_path).select_related("collection").first()
    )


def commune_collection_for(tree_path: str):
    commune = commune_for_tree(tree_path)
    return commune.collection if commune else None


def is_file(value) -> bool:
    return isinstance(value, (AbstractImage, AbstractDocument))


def files_in_stream(stream: StreamValue) -> list:
    files = []
    for block in stream:
        if is_file(block.value):
            files.append(block.value)
        elif isinstance(block.value, dict):
            files.extend(value for value in block.value.values() if is_file(value))
    return files


def files_in(cleaned_data: dict) -> list:
    """Every image and document a form's data points at: chosen fields and
    StreamField image/document blocks (and blocks holding one)."""
    files = []
    for value in cleaned_data.values():
        if is_file(value):
            files.append(value)
        elif isinstance(value, StreamValue):
            files.extend(files_in_stream(value))
    return files


def files_in_formsets(form) -> list:
    """Files chosen in inline panels (documents of a list, a counter's photo)."""
    files = []
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if getattr(child, "cleaned_data", None) and not child.cleaned_data.get("DELETE"):
                files.extend(files_in(child.cleaned_data))
    return files


class BasePageForm(WagtailAdminPageForm):
    """A commune's pages may only show that commune's images and documents.

    Wagtail's choosers offer only permitted collections, but accept any id
    posted; without this an editor could publish, and so read, another
    commune's files.
    """

    def tree_path(self) -> str:
        return self.instance.path or (self.parent_page.path if self.parent_page else "")

    def commune_collection(self):
        tree_path = self.tree_path()
        return commune_collection_for(tree_path) if tree_path else None

    def refuse_foreign_files(self, files) -> bool:
        collection = self.commune_collection()
        refused = False
        if collection is None:
            return refused
        for item in files:
            if not item.collection.path.startswith(collection.path):
                refused = True
                self.add_error(
                    None,
                    _("“%(title)s” belongs to another commune's collection.")
                    % {"title": item.title},
                )
        return refused

    def clean(self):
        cleaned = super().clean()
        self.refuse_foreign_files(files_in(cleaned))
        return cleaned

    def is_valid(self):
        # Inline panels are validated after the page's own clean(), so their
        # files can only be checked here.
        valid = super().is_valid()
        return not self.refuse_foreign_files(files_in_formsets(self)) and valid
