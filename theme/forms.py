"""The admin form every project page uses."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def commune_collection_for(tree_path: str):
    """The collection of the commune whose tree holds this path, or None
    (the district portal)."""
    from home.models import Commune

    root_path = tree_path[: 2 * Page.steplen]
    commune = (
        Commune.objects.filter(site__root_page__path=root_path).select_related("collection").first()
    )
    return commune.collection if commune else None


def files_in(cleaned_data: dict) -> list:
    files = [cleaned_data.get("social_image")]
    for block in cleaned_data.get("body") or []:
        if block.block_type in ("image", "document"):
            files.append(block.value.get(block.block_type))
    return [item for item in files if item is not None]


class BasePageForm(WagtailAdminPageForm):
    """A commune's pages may only show that commune's images and documents.

    Wagtail's choosers offer only permitted collections, but accept any id
    posted; without this an editor could publish, and so read, another
    commune's files.
    """

    def clean(self):
        cleaned = super().clean()
        tree_path = self.instance.path or (self.parent_page.path if self.parent_page else "")
        collection = commune_collection_for(tree_path) if tree_path else None
        if collection is None:
            return cleaned
        for item in files_in(cleaned):
            if not item.collection.path.startswith(collection.path):
                self.add_error(
                    None,
                    _("“%(title)s” belongs to another commune's collection.")
                    % {"title": item.title},
                )
        return cleaned
