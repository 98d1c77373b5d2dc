"""Close the Wagtail admin areas that Wagtail does not scope per site, and
refuse every admin URL that names another commune's object.

Wagtail's reports (site history, aging pages, locked pages, workflow
reports, page-type usage), wagtail-localize's translation report and the
admin API's image and document listings span every site. Commune editors
must not see another commune's activity or files there, so these areas
belong to district admins only.

Some of Wagtail's views load the object a URL names before (or without)
checking permissions, and show its title: the workflow preview's flash
message, the page chooser's "chosen" answer, a workflow action's task (its
state may be another page's), the copy, move and "choose a
parent" forms' refusal of a posted parent. So, for commune editors, every
admin URL (and every page id those forms post) that names a page, image,
document, collection or a row of a viewset's model must name one of theirs
(``home.ownership``), or it answers 404, before any view runs. Bulk actions are checked the same way
(``home.bulk``). District admins keep Wagtail's own behaviour.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from wagtail.admin.viewsets import viewsets
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Task, TaskState, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from .access import is_district_admin
from .bulk import check_bulk_action
from .ownership import canonical_id, refused_ids, scope_for_user

DISTRICT_ONLY_ADMIN_PATHS = (
    "/admin/reports/",
    "/admin/localize/reports/",
    "/admin/api/main/images/",
    "/admin/api/main/documents/",
)

# URL keywords that name an object, whatever the view.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
FILE_KWARGS = {"image_id": "image", "document_id": "document", "doc_id": "document"}
# ``pk`` of routes that belong to no viewset, by namespace.
NAMESPACE_MODELS = {
    "wagtailadmin_pages": "page",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_collections": "collection",
}
# Workflow URLs name a task's or a workflow's state besides the page, and
# Wagtail does not check that the two agree: the state's page must be theirs too.
WORKFLOW_STATE_KWARGS = ("task_state_id", "workflow_state_id")
# Views that take object ids in the query string.
QUERY_IDS = {"wagtailadmin_choose_page_chosen_multiple": ("id", "page")}
# Fields of Wagtail's own page forms that post a page id (copy, move, bulk
# move, "choose a parent"): their refusal messages name the page they load.
POSTED_PAGE_FIELDS = ("new_parent_page", "parent_page", "chooser")


def model_named(kind: str):
    return {
        "page": Page,
        "image": get_image_model(),
        "document": get_document_model(),
        "collection": Collection,
    }[kind]


def _namespace(viewset) -> str | None:
    try:
        return viewset.url_namespace
    except ImproperlyConfigured:  # Wagtail's page viewsets have none
        return None


@cache
def viewset_models() -> dict[str, type]:
    models = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if _namespace(viewset) and model:
            # Wagtail's document chooser names its model as "app.Model".
            models[_namespace(viewset)] = apps.get_model(model) if isinstance(model, str) else model
    return models


def translated_object(kwarg: str, pk) -> tuple[type, str]:
    """The page (or other object) a wagtail-localize translation is made from."""
    if kwarg == "translation_id":
        translation = Translation.objects.filter(pk=pk).select_related("source").first()
        source = translation.source if translation else None
    else:
        source = TranslationSource.objects.filter(pk=pk).first()
    try:
        instance = source.get_source_instance() if source else None
    except ObjectDoesNotExist:
        instance = None
    if instance is None:
        return Page, "missing"
    return type(instance), str(instance.pk)


def workflow_subject(kwarg: str, pk) -> tuple[type, str]:
    """The page (or snippet) a task's or workflow's state is about."""
    if kwarg == "task_state_id":
        task_state = TaskState.objects.filter(pk=pk).select_related("workflow_state").first()
        state = task_state.workflow_state if task_state else None
    else:
        state = WorkflowState.objects.filter(pk=pk).first()
    model = state.base_content_type.model_class() if state else None
    if model is None:
        return Page, "missing"
    return model, str(state.object_id)


def objects_named(request, match) -> list[tuple[type, str]]:
    """(model, id) of every object the resolved admin URL names."""
    named = []
    kwargs = match.kwargs
    for kwarg in PAGE_KWARGS:
        if kwarg in kwargs:
            named.append((Page, kwargs[kwarg]))
    for kwarg, kind in FILE_KWARGS.items():
        if kwarg in kwargs:
            named.append((model_named(kind), kwargs[kwarg]))
    for kwarg in ("translation_id", "translation_source_id"):
        if kwarg in kwargs:
            named.append(translated_object(kwarg, kwargs[kwarg]))
    for kwarg in WORKFLOW_STATE_KWARGS:
        if kwarg in kwargs:
            named.append(workflow_subject(kwarg, kwargs[kwarg]))
    if "task_id" in kwargs:
        named.append((Task, kwargs["task_id"]))
    if "collection_id" in kwargs:
        named.append((Collection, kwargs["collection_id"]))
    if "pk" in kwargs:
        kind = NAMESPACE_MODELS.get(match.namespace)
        model = model_named(kind) if kind else viewset_models().get(match.namespace)
        if model is not None:
            named.append((model, kwargs["pk"]))
    if {"app_label", "model_name", "object_id"} <= set(kwargs):
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except (LookupError, ValueError):
            model = None
        if model is not None:
            named.append((model, kwargs["object_id"]))
    if match.view_name in QUERY_IDS:
        parameter, kind = QUERY_IDS[match.view_name]
        named.extend((model_named(kind), value) for value in request.GET.getlist(parameter))
    if request.method == "POST":
        for field in POSTED_PAGE_FIELDS:
            named.extend((Page, value) for value in request.POST.getlist(field) if value)
    return named


def ancestors_of_scope(scope) -> set[str]:
    """The tree's root and the other pages above a commune's home: editors
    browse through them (the explorer, the chooser)."""
    steplen = Page.steplen
    return {path[:end] for path in scope.page_paths for end in range(steplen, len(path), steplen)}


def names_foreign_object(request, match) -> bool:
    named = objects_named(request, match)
    if not named:
        return False
    scope = scope_for_user(request.user)
    for model, object_id in named:
        refused = refused_ids(model, [object_id], scope, usable_only=False)
        if refused and model is Page:
            above = ancestors_of_scope(scope)
            pks = [canonical_id(pk) for pk in refused if canonical_id(pk)]
            passable = Page.objects.filter(pk__in=pks, path__in=above)
            refused -= {str(pk) for pk in passable.values_list("pk", flat=True)}
        if refused:
            return True
    return False


class DistrictOnlyAdminAreasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.refused(request):
            raise PermissionDenied
        return self.get_response(request)

    @staticmethod
    def is_commune_editor_in_admin(request) -> bool:
        return (
            request.path.startswith("/admin/")
            and request.user.is_authenticated
            and not is_district_admin(request.user)
        )

    @classmethod
    def refused(cls, request) -> bool:
        path = request.path
        if (
            path.startswith("/admin/bulk/")
            and request.user.is_authenticated
            and not check_bulk_action(request)
        ):
            return True
        if not cls.is_commune_editor_in_admin(request):
            return False
        return path.startswith(DISTRICT_ONLY_ADMIN_PATHS)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.is_commune_editor_in_admin(request):
            return None
        if names_foreign_object(request, request.resolver_match):
            raise Http404
        return None
