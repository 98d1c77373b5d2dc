"""Every admin URL that names an object, requested by the editor of Vôi with
the ids of Kép's objects, GET and POST: each answer is a refusal (403, 404,
a redirect to the login) or a page without Kép's marker text.

The URLs come from Django's resolver, not from a list: a screen added later
is swept without a new test. A route whose ids the sweep cannot fill fails
the test until it is declared below with a reason.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets import viewsets
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site, Task, Workflow

from home.models import CommuneSettings
from home.scoping import CommuneScopedViewSet

from .sweep_objects import ROW_BUILDERS, build_objects, marker, object_for_model

pytestmark = pytest.mark.django_db

# URL keyword -> the kind of object it names.
ID_KWARGS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "home",
    "page_pk": "page",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "revision_id": "revision",
    "revision_id_a": "revision",
    "revision_id_b": "revision",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "session_id": "session",
    "redirect_id": "redirect",
    "object_id": "page",
    "code": "commune",
    "round_id": "survey_round",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "string_segment_id": "string_segment",
    "overridable_segment_id": "overridable_segment",
}
# Keywords that are not ids, with a value that makes the route resolve.
VALUE_KWARGS = {
    "content_type_app_name": "home",
    "content_type_model_name": "standardpage",
    "action_name": "approve",
    "filter_spec": "original",
    "mode": "preview",
}
# pk of routes outside any viewset, by namespace.
NAMESPACE_MODELS = {
    "wagtailadmin_pages": Page,
    "wagtailadmin_api:pages": Page,
    "wagtailadmin_api:images": Image,
    "wagtailadmin_api:documents": Document,
    "wagtailadmin_collections": Collection,
    "wagtailsettings": Site,
}
# Routes that take ids the sweep does not build, and why that is safe.
NOT_SWEPT = {
    "wagtail_bulk_action": "swept below through the bulk action registry",
    "wagtailadmin_password_reset_confirm": "a signed token, not an object id",
    "wagtail_localize:submit_snippet_translation": "no snippet model is registered",
    "wagtail_localize:snippets_api_detail": "no snippet model is registered",
    "wagtail_localize:edit_override": "a standard page has no overridable segment; "
    "the other URLs of the same translation are swept",
}
LOCALIZE_ROUTES = re.compile(r"^wagtail_localize:")


@dataclass
class Route:
    name: str
    route: str
    kwargs: list[str]
    numeric: list[str]


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            kwargs = list(pattern.pattern.regex.groupindex)
            converters = getattr(pattern.pattern, "converters", {})
            numeric = [k for k, c in converters.items() if isinstance(c, IntConverter)]
            yield Route(name, prefix + str(pattern.pattern), kwargs, numeric)


def admin_routes_with_ids() -> list[Route]:
    routes = []
    for route in walk(get_resolver().url_patterns):
        if not route.route.lstrip("^").startswith("admin/"):
            continue
        named_ids = [k for k in route.kwargs if k in ID_KWARGS or k == "pk" or k.endswith("_id")]
        if named_ids or route.numeric:
            routes.append(route)
    return routes


def viewset_namespace(viewset) -> str | None:
    try:
        return viewset.url_namespace
    except Exception:  # noqa: BLE001 - Wagtail's page viewsets have no namespace
        return None


def namespace_model(name: str):
    namespace = name.rpartition(":")[0]
    for viewset in viewsets.viewsets:
        if viewset_namespace(viewset) == namespace and getattr(viewset, "model", None):
            model = viewset.model
            return apps.get_model(model) if isinstance(model, str) else model
    if namespace == "wagtailadmin_workflows":
        return Task if "task" in name else Workflow
    return NAMESPACE_MODELS.get(namespace)


def fill(route: Route, objects: dict) -> dict | None:
    """The route's keywords, each naming one of the objects; None when the
    sweep has no object for an id keyword."""
    values = {}
    for kwarg in route.kwargs:
        if kwarg == "pk":
            model = namespace_model(route.name)
            target = object_for_model(objects, model) if isinstance(model, type) else None
            if target is None:
                return None
            values[kwarg] = target.pk
        elif kwarg == "uploaded_file_id":
            kind = "uploaded_image" if "images" in route.name else "uploaded_document"
            values[kwarg] = objects[kind].pk
        elif kwarg in ID_KWARGS:
            target = objects[ID_KWARGS[kwarg]]
            if target is None:
                return None
            values[kwarg] = target.code if kwarg == "code" else target.pk
        elif kwarg in VALUE_KWARGS:
            values[kwarg] = VALUE_KWARGS[kwarg]
        elif kwarg in ("app_label", "app_name", "model_name"):
            values[kwarg] = {"app_label": "wagtailcore", "model_name": "page"}.get(kwarg, "")
            if route.name.startswith("wagtailsettings"):
                values[kwarg] = {"app_name": "home", "model_name": "communesettings"}[kwarg]
        else:
            return None
    return values


def leak(client, response, mark: str) -> str:
    """What of Kép's the response shows, or ""."""
    if response.status_code in (400, 403, 404, 405):
        return ""
    if response.status_code in (301, 302):
        location = response["Location"]
        if "/login/" in location or not location.startswith("/"):
            return ""
        followed = client.get(location)
        return leak(client, followed, mark) if followed.status_code != 302 else ""
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(("text/html", "application/json", "text/plain")):
        return f"serves a file ({content_type})"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "shows the marker" if mark.lower().encode() in body.lower() else ""


@pytest.fixture
def kep_objects(communes, make_editor):
    objects = build_objects(communes["kep"], editor=make_editor(communes["kep"]))
    settings = CommuneSettings.for_site(communes["kep"].site)
    settings.address = f"Địa chỉ {marker(communes['kep'])}"
    settings.save()
    return objects


@pytest.fixture
def attacker(editor_a, client_for):
    client = client_for(editor_a)
    client.raise_request_exception = False
    return client


def test_every_scoped_model_has_a_builder():
    scoped = {v.model for v in viewsets.viewsets if isinstance(v, CommuneScopedViewSet)}
    assert scoped <= set(ROW_BUILDERS), scoped - set(ROW_BUILDERS)


def test_every_admin_url_with_an_id_refuses_other_communes_objects(attacker, communes, kep_objects):
    mark = marker(communes["kep"])
    problems, tried, not_filled = [], [], []
    for route in admin_routes_with_ids():
        if route.name in NOT_SWEPT:
            continue
        values = fill(route, kep_objects)
        if values is None:
            not_filled.append(f"{route.name} {route.route}")
            continue
        url = reverse(route.name, kwargs=values)
        for method in ("get", "post"):
            found = leak(attacker, getattr(attacker, method)(url), mark)
            tried.append((method, url))
            if found:
                problems.append(f"{method.upper()} {url} ({route.name}): {found}")
    bulk_action_registry._scan_for_bulk_actions()  # filled lazily, on a first bulk request
    bulk_urls = 0
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action, action_class in actions.items():
                target = object_for_model(kep_objects, action_class.models[0])
                if target is None:
                    continue
                for query in (f"id={target.pk}", f"id=%2B{target.pk}", "id=all"):
                    url = f"/admin/bulk/{app_label}/{model_name}/{action}/?{query}"
                    bulk_urls += 1
                    found = leak(attacker, attacker.get(url), mark)
                    tried.append(("get", url))
                    if found:
                        problems.append(f"GET {url}: {found}")
    print(  # noqa: T201
        f"\nisolation sweep: {len(tried)} requests on {len({u for _, u in tried})} URLs "
        f"({bulk_urls} of them bulk actions)"
    )
    assert bulk_urls >= 30
    assert not not_filled, "routes with ids the sweep cannot fill:\n" + "\n".join(not_filled)
    assert not problems, "\n".join(problems)
    assert Page.objects.filter(pk=kep_objects["page"].pk, locked=False).exists()
    for kind in ("image", "document", "collection", "redirect"):
        assert type(kep_objects[kind]).objects.filter(pk=kep_objects[kind].pk).exists(), kind
    for model in ROW_BUILDERS:
        assert model.objects.filter(pk=kep_objects[model].pk).exists(), model


def history_routes() -> list[Route]:
    return [
        route
        for route in admin_routes_with_ids()
        if re.search(r":(history|history_results|usage)$", route.name)
        and namespace_model(route.name) in ROW_BUILDERS
    ]


def test_history_and_usage_of_own_rows_open_for_editors(client_for, editor_a, communes):
    """They answered 500 (a FieldError on ``commune``) on cf05bd5. Screens of
    models editors may only read (ratings, text messages, launches) redirect."""
    client = client_for(editor_a)
    client.raise_request_exception = False
    own = build_objects(communes["voi"], editor=editor_a)
    failures = []
    routes = history_routes()
    for route in routes:
        model = namespace_model(route.name)
        url = reverse(route.name, kwargs={"pk": own[model].pk})
        response = client.get(url)
        opts = model._meta
        may_edit = any(
            editor_a.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("add", "change", "delete")
        )
        if response.status_code != (200 if may_edit else 302):
            failures.append(f"{url}: {response.status_code}")
    assert len(routes) >= 36
    assert not failures, "\n".join(failures)
