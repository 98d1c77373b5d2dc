"""Which objects a commune editor may name in a bulk action, and bulk actions
whose "all" means "all of mine".

``/admin/bulk/<app>/<model>/<action>/?id=…&childOf=…&q=…``: every id must be
spelled canonically ("+468" and " 468" reach row 468 through the database's
casts) and, for commune editors, be theirs (``home.ownership``). ``id=all``
lists what Wagtail's listing holds: the actions registered below narrow it
to the editor's own pages and files. Malformed ids answer 404 for everyone
(Wagtail answered 500 to an empty or non-numeric ``childOf``).
"""

from django.http import Http404
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as DeletePages
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as MovePages
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PublishPages
from wagtail.admin.views.pages.bulk_actions.unpublish import (
    UnpublishBulkAction as UnpublishPages,
)
from wagtail.documents import get_document_model
from wagtail.documents.views.bulk_actions import add_tags as document_tags
from wagtail.documents.views.bulk_actions import add_to_collection as document_collection
from wagtail.documents.views.bulk_actions import delete as document_delete
from wagtail.images import get_image_model
from wagtail.images.views.bulk_actions import add_tags as image_tags
from wagtail.images.views.bulk_actions import add_to_collection as image_collection
from wagtail.images.views.bulk_actions import delete as image_delete
from wagtail.models import Collection, Page

from .ownership import canonical_id, owned, refused_ids, scope_for_user

# The models whose bulk actions commune editors may use, and what their
# ``childOf`` names.
EDITOR_BULK_MODELS = {
    ("wagtailcore", "page"): (Page, Page),
    ("wagtailimages", "image"): (get_image_model(), Collection),
    ("wagtaildocs", "document"): (get_document_model(), Collection),
}


def _ids(request) -> list[str]:
    return request.GET.getlist("id") + request.POST.getlist("id")


def check_bulk_action(request) -> bool:
    """False when a commune editor names what is not theirs; Http404 for a
    malformed id, whoever asks."""
    parts = request.path.strip("/").split("/")
    if len(parts) < 5:
        return True
    ids = [i for i in _ids(request) if i != "all"]
    parent = request.GET.get("childOf")
    if any(canonical_id(i) is None for i in ids) or (
        parent is not None and canonical_id(parent) is None
    ):
        raise Http404
    scope = scope_for_user(request.user)
    if scope is None:
        return True
    models = EDITOR_BULK_MODELS.get((parts[2], parts[3]))
    if models is None:
        return False
    model, parent_model = models
    if refused_ids(model, ids, scope, usable_only=False):
        return False
    return parent is None or not refused_ids(parent_model, [parent], scope, usable_only=False)


class OwnObjectsBulkActionMixin:
    """A bulk action that, for commune editors, acts on and names only their
    own objects, "all" included."""

    def get_all_objects_in_listing_query(self, parent_id):
        ids = super().get_all_objects_in_listing_query(parent_id)
        scope = scope_for_user(self.request.user)
        if scope is None:
            return ids
        rows = self.model._default_manager.filter(pk__in=list(ids))
        return owned(rows, scope).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        scope = scope_for_user(self.request.user)
        if scope is None:
            return objects, extra
        refused = extra.get("items_with_no_access", [])
        pks = [item.pk for item in [*objects, *refused]]
        rows = owned(self.model._default_manager.filter(pk__in=pks), scope)
        mine = set(rows.values_list("pk", flat=True))
        extra["items_with_no_access"] = [item for item in refused if item.pk in mine]
        return [item for item in objects if item.pk in mine], extra


def own_objects_bulk_actions() -> list[type]:
    """Wagtail's page, image and document bulk actions, narrowed; registered
    after Wagtail's, so that they replace them."""
    originals = [
        DeletePages,
        MovePages,
        PublishPages,
        UnpublishPages,
        image_tags.AddTagsBulkAction,
        image_collection.AddToCollectionBulkAction,
        image_delete.DeleteBulkAction,
        document_tags.AddTagsBulkAction,
        document_collection.AddToCollectionBulkAction,
        document_delete.DeleteBulkAction,
    ]
    return [
        type(original.__name__, (OwnObjectsBulkActionMixin, original), {}) for original in originals
    ]
