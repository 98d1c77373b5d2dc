"""Every factory of ``tests/factories.py`` builds a valid, saved object, and every
page model has a factory. Factories are found by introspection: one added to
the module is checked here without being listed."""

import inspect

import factory
import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.models import Page

from home.models import Commune, HomePage, StandardPage
from tests import factories
from tests.factories import PAGE_FACTORIES

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "procedures", "contact", "news", "theme", "district"}

FACTORIES = sorted(
    (
        member
        for _, member in inspect.getmembers(factories, inspect.isclass)
        if issubclass(member, factory.base.Factory) and member.__module__ == factories.__name__
    ),
    key=lambda member: member.__name__,
)


def test_factories_are_found():
    """The introspection itself: a page factory and a model factory are among them."""
    names = {member.__name__ for member in FACTORIES}
    assert {"StandardPageFactory", "OfficialFactory"} <= names
    assert set(PAGE_FACTORIES.values()) <= set(FACTORIES)


def test_every_page_model_has_a_factory():
    page_models = {
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in PROJECT_APPS
    }
    assert page_models == set(PAGE_FACTORIES)
    for model, page_factory in PAGE_FACTORIES.items():
        assert page_factory._meta.model is model


def fresh_parent(model: type[Page], built: dict[type[Page], Page]) -> Page:
    """A parent of a type ``model`` allows, made by the factories themselves,
    so that the fixed slugs of section pages are free under it."""
    parents = model.allowed_parent_page_models()
    if Page in parents:
        return Page.get_first_root_node()
    for parent_model in parents:
        if parent_model in built:
            return built[parent_model]
    parent_model = next(m for m in parents if m in PAGE_FACTORIES)
    parent = PAGE_FACTORIES[parent_model](parent=fresh_parent(parent_model, built))
    built[parent_model] = parent
    return parent


def required_commune(model: type[models.Model]) -> dict[str, Commune]:
    """Objects a commune owns get one; the factories leave it to the test."""
    try:
        field = model._meta.get_field("commune")
    except FieldDoesNotExist:
        return {}
    if field.null:
        return {}
    return {"commune": Commune.objects.get(slug="voi")}


@pytest.mark.parametrize("member", FACTORIES, ids=lambda member: member.__name__)
def test_factory_builds_a_valid_saved_object(member):
    model = member._meta.model
    if issubclass(model, Page):
        parent = fresh_parent(model, {})
        obj = member(parent=parent)
        assert obj.get_parent().pk == parent.pk
        assert obj.live
    else:
        obj = member(**required_commune(model))
    assert type(obj) is model
    assert obj.pk is not None
    obj.full_clean()  # raises on anything the factory left invalid
    stored = model.objects.get(pk=obj.pk)
    assert str(stored) == str(obj)


def test_factories_build_pages_under_a_commune():
    home = HomePage.objects.get(slug="voi")
    page = PAGE_FACTORIES[StandardPage](parent=home)
    assert page.get_parent().pk == home.pk
    assert page.get_site().pk == Commune.objects.get(slug="voi").site_id
