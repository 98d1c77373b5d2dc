"""Every form field that takes an id, posted by the editor of Vôi with the id
of one of Kép's objects: it must be refused (or, for rich text, the link
dropped), and the same post with Vôi's own object must be accepted.

The forms come from the registered admin viewsets and the page types, the
fields from the forms themselves (select and chooser fields, rich-text
fields with their link, document and image entities, StreamField blocks that
hold a chooser or rich text, inline rows): a new form or field is swept
without a new test. The data are what the edit screen itself renders.
"""

import json
from dataclasses import dataclass, field

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import _querydict_from_form

from home.concurrency import latest_revision
from home.scoping import CommuneScopedViewSet
from tests.factories import PAGE_FACTORIES

from .sweep_objects import build_objects, marker, object_for_model

pytestmark = pytest.mark.django_db
PROJECT_APPS = {"home", "contact", "procedures", "news", "district"}


@dataclass
class Tally:
    screens: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def contentstate(kind: str, pk: int) -> str:
    """What Draftail posts for one link, document link or image."""
    entity = {
        "page": ("LINK", {"id": pk, "url": "/"}),
        "document": ("DOCUMENT", {"id": pk}),
        "image": ("IMAGE", {"id": pk, "format": "left", "alt": "x", "src": "/x.png"}),
    }[kind]
    block_type, text = ("atomic", " ") if kind == "image" else ("unstyled", "xem")
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": text,
                    "type": block_type,
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": entity[0], "mutability": "MUTABLE", "data": entity[1]}},
        }
    )


def sample(form_field: forms.Field, name: str, own: dict):
    """A valid value for a field the sweep is not attacking."""
    if isinstance(form_field, forms.ModelChoiceField):
        target = object_for_model(own, form_field.queryset.model)
        return target.pk if target else form_field.queryset.values_list("pk", flat=True)[0]
    if isinstance(form_field, forms.BooleanField):
        return None
    if isinstance(form_field, forms.ChoiceField):
        return next(str(value) for value, _ in form_field.choices if value not in ("", None))
    if isinstance(form_field, forms.DateTimeField):
        return "2025-01-01 08:00"
    if isinstance(form_field, forms.DateField):
        return timezone.localdate().isoformat()
    if isinstance(form_field, forms.TimeField):
        return "08:00"
    if isinstance(form_field, forms.IntegerField):
        return "1"
    if isinstance(form_field, forms.URLField):
        return "https://example.org/"
    if isinstance(form_field, forms.EmailField):
        return "a@example.org"
    return "0912345678" if "phone" in name else "x"


def block_data(block, prefix: str, objects: dict, kind: str) -> dict:
    """Post data for one block, its choosers and rich text naming ``objects``."""
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_data(child, f"{prefix}-{name}", objects, kind))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": 1, f"{prefix}-0-deleted": "", f"{prefix}-0-order": 0}
        data[f"{prefix}-0-id"] = ""
        data.update(block_data(block.child_block, f"{prefix}-0-value", objects, kind))
        return data
    if isinstance(block, blocks.ChooserBlock):
        return {prefix: object_for_model(objects, block.target_model).pk}
    if isinstance(block, blocks.RichTextBlock):
        return {prefix: contentstate(kind, objects[kind].pk)}
    if isinstance(block, blocks.BooleanBlock):
        return {}
    if isinstance(block, blocks.ChoiceBlock):
        return {prefix: next(str(v) for v, _ in block.field.choices if v not in ("", None))}
    return {prefix: "x"}


def takes_ids(block) -> bool:
    if isinstance(block, (blocks.ChooserBlock, blocks.RichTextBlock)):
        return True
    children = getattr(block, "child_blocks", None) or {}
    inner = [getattr(block, "child_block", None), *children.values()]
    return any(child is not None and takes_ids(child) for child in inner)


class Screen(WagtailTestUtils):
    """One edit screen of Vôi's own object, posted with altered fields.

    A page's screen is posted as an editor who reloaded it after each save
    would: with the latest revision as the one loaded, or the revision
    conflict check (``home.concurrency``) refuses every post after the first.
    """

    def __init__(self, client, url, save_check, page_id: int | None = None):
        self.client, self.url, self.save_check = client, url, save_check
        self.page_id = page_id
        response = client.get(url)
        assert response.status_code == 200, url
        self.form = response.context["form"]
        soup = self.get_soup(response.content)
        html_form = max(soup.find_all("form"), key=lambda f: len(f.find_all(["input", "select"])))
        data = _querydict_from_form(html_form)
        self.base = {k: data.getlist(k) for k in data if "__prefix__" not in k}
        self.templates = {k: data.get(k) for k in data if "__prefix__" in k}
        for name, form_field in self.form.fields.items():
            if (
                isinstance(form_field, forms.Field)
                and form_field.__class__.__name__ == "BlockField"
            ):
                self.base.setdefault(f"{name}-count", ["0"])

    def post(self, changes: dict):
        data = {**self.base}
        if self.page_id is not None:
            loaded_id, loaded_at = latest_revision(self.page_id)
            data["loaded_revision_id"] = [loaded_id]
            data["loaded_revision_created_at"] = [loaded_at]
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = [str(value)]
        return self.client.post(self.url, data)

    def accepted(self, changes: dict) -> bool:
        return self.post(changes).status_code == 302


def attack(screen: Screen, label: str, kep_changes: dict, own_changes: dict, tally: Tally):
    """Kép's id refused (or dropped), Vôi's accepted."""
    tally.fields.append(label)
    response = screen.post(kep_changes)
    if response.status_code == 302 and not screen.save_check():
        tally.problems.append(f"{label}: Kép's id accepted")
    if screen.mark.lower().encode() in response.content.lower():
        tally.problems.append(f"{label}: the refusal shows Kép's object")
    if own_changes is not None and not screen.accepted(own_changes):
        tally.problems.append(f"{label}: Vôi's own id refused (the sweep's data are wrong)")


def sweep_screen(screen: Screen, kep: dict, own: dict, tally: Tally, name: str):
    tally.screens.append(name)
    screen.mark = marker(kep["commune"])
    for field_name, form_field in screen.form.fields.items():
        label = f"{name}.{field_name}"
        if form_field.disabled:
            continue
        if isinstance(form_field, forms.ModelChoiceField):
            model = form_field.queryset.model
            target, mine = object_for_model(kep, model), object_for_model(own, model)
            if target is None or target == mine:
                tally.shared.append(f"{label} ({model.__name__})")
                continue
            mine_changes = {field_name: mine.pk} if mine else None
            attack(screen, label, {field_name: target.pk}, mine_changes, tally)
        elif getattr(form_field.widget, "accepts_features", False):
            for kind in ("page", "document", "image"):
                attack(
                    screen,
                    f"{label}[{kind}]",
                    {field_name: contentstate(kind, kep[kind].pk)},
                    None,
                    tally,
                )
        elif form_field.__class__.__name__ == "BlockField":
            for child_name, child in form_field.block.child_blocks.items():
                if not takes_ids(child):
                    continue
                for kind in ("page", "document", "image"):
                    head = {
                        f"{field_name}-count": 1,
                        f"{field_name}-0-type": child_name,
                        f"{field_name}-0-deleted": "",
                        f"{field_name}-0-order": 0,
                        f"{field_name}-0-id": "",
                    }
                    prefix = f"{field_name}-0-value"
                    attack(
                        screen,
                        f"{label}.{child_name}[{kind}]",
                        {**head, **block_data(child, prefix, kep, kind)},
                        {**head, **block_data(child, prefix, own, kind)},
                        tally,
                    )
    for formset_name, formset in getattr(screen.form, "formsets", {}).items():
        sweep_formset(screen, formset_name, formset, kep, own, tally, name)


def sweep_formset(screen, formset_name, formset, kep, own, tally, name):
    if f"{formset_name}-TOTAL_FORMS" not in screen.base:
        return  # Wagtail's comments: posted by its own script, never ids of files
    index = int(screen.base[f"{formset_name}-TOTAL_FORMS"][0])
    child_fields = formset.empty_form.fields
    for field_name, form_field in child_fields.items():
        if not isinstance(form_field, forms.ModelChoiceField) or field_name == "id":
            continue
        model = form_field.queryset.model
        target, mine = object_for_model(kep, model), object_for_model(own, model)
        label = f"{name}.{formset_name}.{field_name}"
        if target is None or target == mine:
            tally.shared.append(f"{label} ({model.__name__})")
            continue
        row = {f"{formset_name}-TOTAL_FORMS": index + 1}
        for other, other_field in child_fields.items():
            key = f"{formset_name}-{index}-{other}"
            row[key] = "" if other in ("id", "DELETE") else sample(other_field, other, own)
        row[f"{formset_name}-{index}-ORDER"] = index + 1
        kep_row = {**row, f"{formset_name}-{index}-{field_name}": target.pk}
        own_row = {**row, f"{formset_name}-{index}-{field_name}": mine.pk} if mine else None
        attack(screen, label, kep_row, own_row, tally)


def names_kep(obj, kep: dict, own: dict) -> bool:
    """Whether the saved object (with its inline rows) points at Kép's objects."""
    for f in obj._meta.concrete_fields:
        if not f.is_relation or f.related_model is None:
            continue
        target = object_for_model(kep, f.related_model)
        shared = target == object_for_model(own, f.related_model)
        if target is not None and not shared and getattr(obj, f.attname) == target.pk:
            return True
    for f in obj._meta.concrete_fields:
        if hasattr(f, "extract_references"):
            for model, pk, *_ in f.extract_references(f.value_from_object(obj)):
                target = object_for_model(kep, model)
                if target is not None and str(target.pk) == str(pk):
                    return True
    return any(
        names_kep(child, kep, own)
        for relation in get_all_child_relations(obj)
        for child in getattr(obj, relation.get_accessor_name()).all()
    )


@pytest.fixture
def sides(communes, make_editor, editor_a):
    kep = build_objects(communes["kep"], editor=make_editor(communes["kep"]))
    own = build_objects(communes["voi"], editor=editor_a)
    return kep, own


def own_page_of(model, home, exclude):
    page = model.objects.descendant_of(home, inclusive=True).exclude(pk=exclude).first()
    if page is not None or model not in PAGE_FACTORIES:
        return page
    for parent in Page.objects.descendant_of(home, inclusive=True).specific():
        if model in parent.specific_class.allowed_subpage_models() and model.can_create_at(parent):
            return PAGE_FACTORIES[model](parent=parent)
    return None


def test_every_id_field_refuses_other_communes_objects(client_for, editor_a, communes, sides):
    kep, own = sides
    client = client_for(editor_a)
    tally = Tally()
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, CommuneScopedViewSet):
            continue
        row = own[viewset.model]
        url = reverse(f"{viewset.url_namespace}:edit", args=[row.pk])
        if client.get(url).status_code != 200:
            continue  # a model editors only read
        model = viewset.model

        def unchanged(model=model, row=row):
            return not names_kep(model.objects.get(pk=row.pk), kep, own)

        screen = Screen(client, url, unchanged)
        assert screen.accepted({}), f"{url}: the unchanged form is refused"
        sweep_screen(screen, kep, own, tally, viewset.url_namespace)
    home = communes["voi"].site.root_page
    for model in get_page_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        page = own_page_of(model, home, own["page"].pk)
        if page is None:
            tally.shared.append(f"{model.__name__} (no page of this type in a commune)")
            continue

        def no_kep_link(page=page):
            latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
            return not names_kep(latest, kep, own)

        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        screen = Screen(client, url, no_kep_link, page_id=page.pk)
        assert screen.accepted({}), f"{url}: the unchanged form is refused"
        sweep_screen(screen, kep, own, tally, model.__name__)
    print(  # noqa: T201
        f"\nform sweep: {len(tally.screens)} forms, {len(tally.fields)} id fields tried, "
        f"{len(tally.shared)} shared or skipped: {tally.shared}"
    )
    assert len(tally.fields) >= 40
    assert not tally.problems, "\n".join(tally.problems)
