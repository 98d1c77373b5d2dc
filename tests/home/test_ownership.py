"""``home.ownership``: what a commune owns, of every kind of object an editor
can name by id; the ids it accepts; what a district admin may use."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Site

from contact.models import Official, ReplyTemplate
from district.models import Criterion
from home.models import Commune, StandardPage
from home.ownership import (
    belongs_to,
    canonical_id,
    is_shared,
    owned,
    refused_ids,
    scope_for_user,
    scope_of,
    usable,
)
from procedures.models import Procedure, RequiredDocument
from tests.factories import OfficialFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [468, "468", "7", "9" * 18])
def test_ids_spelled_the_one_way_are_read(value):
    assert canonical_id(value) == int(value)


@pytest.mark.parametrize(
    "value", ["+468", " 468", "468 ", "0468", "0", "", "abc", "1.5", "-3", "4_68", "1" * 19]
)
def test_ids_spelled_any_other_way_are_not(value):
    assert canonical_id(value) is None


def test_a_scope_holds_the_communes_tree_files_and_group(communes):
    voi, kep = communes["voi"], communes["kep"]
    scope = scope_of([voi, None, kep])
    assert scope.commune_ids == {voi.pk, kep.pk}
    assert set(scope.page_paths) == {voi.site.root_page.path, kep.site.root_page.path}
    assert set(scope.collection_paths) == {voi.collection.path, kep.collection.path}
    assert scope.group_ids == {
        voi.editors_group_id,
        voi.approvers_group_id,
        kep.editors_group_id,
        kep.approvers_group_id,
    }


def test_an_editors_scope_is_their_communes_and_a_district_admin_has_none(
    communes, editor_a, district_admin
):
    assert scope_for_user(editor_a) == scope_of([communes["voi"]])
    assert scope_for_user(district_admin) is None


def _document(collection, name):
    document = Document(title=name, collection=collection)
    document.file.save(f"{name}.txt", ContentFile(b"x"), save=False)
    document.save()
    return document


@pytest.fixture
def pairs(communes, editor_a, editor_b):
    """(Vôi's object, Kép's object) of every kind a commune owns."""
    voi, kep = communes["voi"], communes["kep"]
    voi_page = StandardPage.objects.child_of(voi.site.root_page).first()
    kep_page = StandardPage.objects.child_of(kep.site.root_page).first()
    voi_sub = voi.collection.add_child(name="Ảnh hội nghị")
    voi_procedure = ProcedureFactory(commune=voi)
    kep_procedure = ProcedureFactory(commune=kep)
    return {
        Page: (voi.site.root_page, kep.site.root_page),
        StandardPage: (voi_page, kep_page),
        Image: (
            Image.objects.create(title="v", file=get_test_image_file(), collection=voi_sub),
            Image.objects.create(title="k", file=get_test_image_file(), collection=kep.collection),
        ),
        Document: (_document(voi.collection, "voi"), _document(kep.collection, "kep")),
        Collection: (voi_sub, kep.collection),
        Commune: (voi, kep),
        Site: (voi.site, kep.site),
        Group: (voi.editors_group, kep.editors_group),
        get_user_model(): (editor_a, editor_b),
        Official: (OfficialFactory(commune=voi), OfficialFactory(commune=kep)),
        RequiredDocument: (
            RequiredDocument.objects.create(procedure=voi_procedure, name="Tờ khai"),
            RequiredDocument.objects.create(procedure=kep_procedure, name="Tờ khai"),
        ),
    }


def test_a_commune_owns_its_own_objects_of_every_kind_and_no_other(communes, pairs):
    scope = scope_of([communes["voi"]])
    for model, (mine, theirs) in pairs.items():
        rows = model._default_manager.filter(pk__in=[mine.pk, theirs.pk])
        assert list(owned(rows, scope)) == [mine], model
        assert list(usable(rows, scope)) == [mine], model
        assert refused_ids(model, [mine.pk], scope) == set(), model
        assert refused_ids(model, [theirs.pk, mine.pk], scope) == {str(theirs.pk)}, model
        assert belongs_to(mine, scope) and not belongs_to(theirs, scope), model
        assert not is_shared(model), model


def test_a_district_admin_may_use_everything(pairs):
    for model, (mine, theirs) in pairs.items():
        rows = model._default_manager.filter(pk__in=[mine.pk, theirs.pk])
        assert set(owned(rows, None)) == set(usable(rows, None)) == {mine, theirs}
        assert refused_ids(model, [mine.pk, theirs.pk], None) == set()
        assert belongs_to(theirs, None)


def test_a_page_of_any_type_is_looked_up_among_all_pages(communes):
    """A page id named for a rich-text link is checked whatever its type."""
    home = communes["voi"].site.root_page
    assert refused_ids(StandardPage, [home.pk], scope_of([communes["voi"]])) == set()


def test_district_records_are_usable_by_every_commune_and_owned_by_none(communes):
    scope = scope_of([communes["voi"]])
    district = ReplyTemplate.objects.create(commune=None, title="Chung", text="x")
    kep = ReplyTemplate.objects.create(commune=communes["kep"], title="Kép", text="x")
    rows = ReplyTemplate.objects.filter(pk__in=[district.pk, kep.pk])
    assert list(usable(rows, scope)) == [district]
    assert not owned(rows, scope).exists()
    assert not belongs_to(district, scope)
    assert refused_ids(ReplyTemplate, [district.pk], scope) == set()
    assert refused_ids(ReplyTemplate, [district.pk], scope, usable_only=False) == {str(district.pk)}
    district_procedure = ProcedureFactory(commune=None)
    assert refused_ids(Procedure, [district_procedure.pk], scope) == set()


def test_shared_models_belong_to_no_commune_and_are_usable_by_all(communes):
    scope = scope_of([communes["voi"]])
    assert is_shared(Criterion)
    criteria = Criterion.objects.all()
    assert owned(criteria, scope).count() == usable(criteria, scope).count() == criteria.count()
    assert refused_ids(Criterion, [criteria.first().pk], scope) == set()


def test_ids_that_name_nothing_or_are_misspelled_are_refused_to_everyone(communes):
    scope = scope_of([communes["voi"]])
    official = OfficialFactory(commune=communes["voi"])
    missing = Official.objects.order_by("-pk").first().pk + 1
    for who in (scope, None):
        assert refused_ids(Official, [missing, f"+{official.pk}", official.pk], who) == {
            str(missing),
            f"+{official.pk}",
        }
        assert refused_ids(Official, ["0", " 1"], who) == {"0", " 1"}
        assert refused_ids(Official, [], who) == set()
