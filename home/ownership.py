"""The one answer to "does this belong to that commune?", for every kind of
object an editor can name by id: in a form (chooser fields, rich-text links
and embeds, StreamField blocks, inline rows), a bulk action, a chooser or an
admin URL.

What a commune owns:
- pages in its site's tree;
- images, documents and collections in its collection or below it;
- itself, its site, its editors' and approvers' groups and their members;
- rows whose ``commune`` foreign key is that commune;
- inline rows (a parental key) of something it owns;
- the steps (tasks) of its approval workflow.

Rows with an empty ``commune`` are district records: no commune owns them,
every commune may use them (a district procedure in a dossier, a district
reply template). Pages and files always belong to one commune or to none.
A model with no rule above (procedure fields, criteria, locales) is shared.

Ids are compared in their canonical spelling only: "+468", " 468" or "0468"
reach row 468 through the database's casts, so they are refused, and so is
an id that names nothing yet (ids are sequential: a link planted today to
the next id would open the next file anyone uploads).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model, Q, QuerySet
from django.forms import ModelChoiceField
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.blocks import StreamValue
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, Page, Site, Task
from wagtail.rich_text import RichText, extract_references_from_rich_text

from .access import commune_model, communes_for_user, is_district_admin

CANONICAL_ID = re.compile(r"[1-9][0-9]{0,17}")


def canonical_id(value) -> int | None:
    """The id as an int when spelled the one way the project writes ids."""
    text = str(value)
    return int(text) if CANONICAL_ID.fullmatch(text) else None


@dataclass(frozen=True)
class Scope:
    """What a set of communes owns, read once: tree and collection paths, ids."""

    commune_ids: frozenset[int]
    page_paths: tuple[str, ...]
    collection_paths: tuple[str, ...]
    group_ids: frozenset[int]


NOTHING = Scope(frozenset(), (), (), frozenset())


def scope_of(communes: Iterable) -> Scope:
    communes = [c for c in communes if c is not None]
    ids = [c.pk for c in communes]
    rows = commune_model().objects.filter(pk__in=ids)
    rows = rows.select_related("site__root_page", "collection")
    return Scope(
        commune_ids=frozenset(ids),
        page_paths=tuple(c.site.root_page.path for c in rows if c.site_id),
        collection_paths=tuple(c.collection.path for c in rows if c.collection_id),
        group_ids=frozenset(
            group_id
            for c in rows
            for group_id in (c.editors_group_id, c.approvers_group_id)
            if group_id
        ),
    )


def scope_for_user(user) -> Scope | None:
    """The user's communes; None for district admins, who may use everything."""
    if is_district_admin(user):
        return None
    return scope_of(communes_for_user(user))


def _starts_with_any(field: str, paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def commune_field(model):
    """The foreign key that says which commune owns a row, if the model has one."""
    if model is commune_model():
        return None
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and field.related_model is commune_model():
            return field
    return None


def _parental_key(model):
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey):
            return field
    return None


def owned_q(model, scope: Scope, prefix: str = "") -> Q | None:
    """Rows of ``model`` that the scope's communes own; None: a shared model."""
    if issubclass(model, Page):
        return _starts_with_any(f"{prefix}path", scope.page_paths)
    if issubclass(model, (AbstractImage, AbstractDocument)):
        return _starts_with_any(f"{prefix}collection__path", scope.collection_paths)
    if issubclass(model, Collection):
        return _starts_with_any(f"{prefix}path", scope.collection_paths)
    if model is commune_model():
        return Q(**{f"{prefix}pk__in": scope.commune_ids})
    if issubclass(model, Site):
        return Q(**{f"{prefix}commune__in": scope.commune_ids})
    if issubclass(model, Group):
        return Q(**{f"{prefix}pk__in": scope.group_ids})
    if issubclass(model, get_user_model()):
        members = get_user_model().objects.filter(groups__in=scope.group_ids).values("pk")
        return Q(**{f"{prefix}pk__in": members})
    if issubclass(model, Task):
        # Workflow steps: those of the commune's approval workflow (``home.moderation``).
        return Q(**{f"{prefix}workflow_tasks__workflow__commune__in": scope.commune_ids})
    field = commune_field(model)
    if field is not None:
        return Q(**{f"{prefix}{field.name}__in": scope.commune_ids})
    parent = _parental_key(model)
    if parent is not None:
        return owned_q(parent.related_model, scope, f"{prefix}{parent.name}__")
    return None


def is_shared(model) -> bool:
    return owned_q(model, NOTHING) is None


def usable_q(model, scope: Scope) -> Q | None:
    """What the scope may use: what it owns, plus district records."""
    owned = owned_q(model, scope)
    field = commune_field(model)
    if owned is not None and field is not None and field.null:
        return owned | Q(**{f"{field.name}__isnull": True})
    return owned


def owned(queryset: QuerySet, scope: Scope | None) -> QuerySet:
    """The rows of the queryset the scope owns (all of them for no scope)."""
    condition = None if scope is None else owned_q(queryset.model, scope)
    return queryset if condition is None else queryset.filter(condition)


def usable(queryset: QuerySet, scope: Scope | None) -> QuerySet:
    condition = None if scope is None else usable_q(queryset.model, scope)
    return queryset if condition is None else queryset.filter(condition)


def _base_model(model):
    return Page if issubclass(model, Page) else model


def refused_ids(model, ids: Iterable, scope: Scope | None, *, usable_only=True) -> set[str]:
    """The ids (as given) that are not canonical, name nothing, or name
    something the scope may not use."""
    model = _base_model(model)
    given = {str(i) for i in ids}
    wanted = {text: canonical_id(text) for text in given}
    refused = {text for text, pk in wanted.items() if pk is None}
    pks = {pk for pk in wanted.values() if pk is not None}
    if not pks:
        return refused
    rows = model._default_manager.filter(pk__in=pks)
    rows = (usable if usable_only else owned)(rows, scope)
    found = set(rows.values_list("pk", flat=True))
    return refused | {text for text, pk in wanted.items() if pk is not None and pk not in found}


def belongs_to(obj: Model, scope: Scope | None) -> bool:
    return not refused_ids(type(obj), [obj.pk], scope, usable_only=False)


# --- What a form names ---------------------------------------------------------


def _references_in_value(value, model_field) -> Iterator[tuple[type, str]]:
    if isinstance(value, Model):
        yield type(value), str(value.pk)
    elif isinstance(value, (QuerySet, list, tuple)):
        for item in value:
            if isinstance(item, Model):
                yield type(item), str(item.pk)
    elif isinstance(value, StreamValue):
        for model, object_id, *_ in value.stream_block.extract_references(value):
            yield model, str(object_id)
    elif isinstance(value, RichText):
        for model, object_id, *_ in extract_references_from_rich_text(value.source):
            yield model, str(object_id)
    elif isinstance(value, str) and isinstance(model_field, RichTextField):
        for model, object_id, *_ in extract_references_from_rich_text(value):
            yield model, str(object_id)


def _model_field(form, name):
    meta = getattr(getattr(form, "_meta", None), "model", None)
    if meta is None:
        return None
    try:
        return meta._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form field that is not a model field
        return None


@dataclass(frozen=True)
class Reference:
    """One id a form names: where (the form and field), under which label."""

    form: object
    name: str
    label: str
    model: type
    object_id: str


def references_in_form(form, label_prefix: str = "") -> Iterator[Reference]:
    """Everything a bound, cleaned form names, its inline formsets included."""
    for name, value in (getattr(form, "cleaned_data", None) or {}).items():
        field = form.fields.get(name)
        label = f"{label_prefix}{field.label if field and field.label else name}"
        for model, object_id in _references_in_value(value, _model_field(form, name)):
            yield Reference(form, name, label, model, object_id)
    for name, formset in (getattr(form, "formsets", None) or {}).items():
        for child in formset.forms:
            data = getattr(child, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            prefix = f"{label_prefix}{getattr(formset.model._meta, 'verbose_name', name)}: "
            yield from references_in_form(child, prefix)


def refused_references(form, scope: Scope | None) -> list[Reference]:
    """The form's references to what the scope may not use."""
    if scope is None:
        return []
    by_model: dict[type, list[Reference]] = defaultdict(list)
    for reference in references_in_form(form):
        by_model[_base_model(reference.model)].append(reference)
    refused: list[Reference] = []
    for model, references in by_model.items():
        bad = refused_ids(model, {r.object_id for r in references}, scope)
        refused.extend(r for r in references if r.object_id in bad)
    return refused


def forget_posted(form, name: str) -> None:
    """Empties what was posted for a field, so that the form shown again
    with its errors does not render the refused object: a chooser shows the
    title and thumbnail of the id it holds, rich text the file name and
    address of the document it links to."""
    data = form.data
    mutable = getattr(data, "_mutable", True)
    if hasattr(data, "_mutable"):
        data._mutable = True
    key = form.add_prefix(name)
    for posted in [k for k in data if k == key or k.startswith(f"{key}-")]:
        del data[posted]
    if form.fields[name].__class__.__name__ == "BlockField":
        data[f"{key}-count"] = "0"
    if hasattr(data, "_mutable"):
        data._mutable = mutable


class OwnedReferencesFormMixin:
    """For admin forms: every id the form names (chooser and select fields,
    rich-text links and embeds, StreamField blocks, inline rows) must be
    usable by ``ownership_scope()``; choices offer nothing else, and a
    refused id is not shown back.

    Wagtail's choosers list permitted objects but accept any id posted, and
    rich text carries ids the choosers never see."""

    refused_message = gettext_lazy(
        "“%(field)s” names a page, image, document or record of another commune, "
        "or one that does not exist: choose one of this commune's."
    )

    def ownership_scope(self) -> Scope | None:
        """Whose objects the form may name: each form using the mixin says it
        (``home.scoping.CommuneScopedForm``: the editor's communes;
        ``home.forms.BasePageForm``: the page's commune); None allows all."""
        raise NotImplementedError

    def narrow_choices(self, scope: Scope | None, *, skip=()) -> None:
        self.narrowed = [] if scope is None else getattr(self, "narrowed", [])
        for name, field in self.fields.items():
            if scope is not None and name not in skip and isinstance(field, ModelChoiceField):
                field.queryset = usable(field.queryset, scope)
                field.error_messages["invalid_choice"] = self.refused_message % {
                    "field": field.label or name
                }
                self.narrowed.append(name)

    def is_valid(self):
        valid = super().is_valid()
        if not hasattr(self, "_refused_references"):
            self._refused_references = refused_references(self, self.ownership_scope())
            for label in dict.fromkeys(r.label for r in self._refused_references):
                self.add_error(None, self.refused_message % {"field": label})
            for reference in self._refused_references:
                forget_posted(reference.form, reference.name)
            for name in getattr(self, "narrowed", []):
                if name in self.errors and self.is_bound:
                    forget_posted(self, name)
        return valid and not self._refused_references
