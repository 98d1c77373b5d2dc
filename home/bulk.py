"""Which objects a commune editor may name in a bulk action."""

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from .access import communes_for_user


def editor_page_paths(user) -> list[str]:
    return [
        c.site.root_page.path
        for c in communes_for_user(user).select_related("site__root_page")
        if c.site_id
    ]


def pages_in_scope(user, ids: list[str]) -> bool:
    paths = editor_page_paths(user)
    if not paths:
        return False
    in_scope = Q()
    for path in paths:
        in_scope |= Q(path__startswith=path)
    return not Page.objects.filter(pk__in=ids).exclude(in_scope).exists()


def collections_in_scope(user) -> Q:
    scope = Q(pk__in=[])
    for commune in communes_for_user(user).select_related("collection"):
        if commune.collection_id:
            scope |= Q(path__startswith=commune.collection.path)
    return scope


def files_in_scope(model, user, ids: list[str]) -> bool:
    allowed = Collection.objects.filter(collections_in_scope(user))
    return not model.objects.filter(pk__in=ids).exclude(collection__in=allowed).exists()


def bulk_action_in_scope(request) -> bool:
    """``/admin/bulk/<app>/<model>/<action>/?id=…``: every id must be the user's."""
    parts = request.path.strip("/").split("/")
    if len(parts) < 5:
        return True
    app_label, model_name = parts[2], parts[3]
    ids = [i for i in request.GET.getlist("id") + request.POST.getlist("id") if i.isdigit()]
    if "all" in request.GET.getlist("id"):
        parent = request.GET.get("childOf", "")
        if parent.isdigit():
            ids.append(parent)
        if model_name != "page":
            return False
    if (app_label, model_name) == ("wagtailcore", "page"):
        return pages_in_scope(request.user, ids)
    if app_label == "wagtailimages":
        return files_in_scope(get_image_model(), request.user, ids)
    if app_label == "wagtaildocs":
        return files_in_scope(get_document_model(), request.user, ids)
    return False
