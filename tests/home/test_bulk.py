"""``home.bulk``: what a commune editor may name in a bulk action, and bulk
actions whose "all" means "all of mine", each layer on its own."""

import pytest
from django.test import RequestFactory
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def action(user, app, model_name, name, model, query=""):
    request = RequestFactory().get(f"/admin/bulk/{app}/{model_name}/{name}/?{query}")
    request.user = user
    return bulk_action_registry.get_bulk_action_class(app, model_name, name)(request, model)


def test_all_lists_the_direct_children_of_the_parent_only(attacker, communes):
    home = communes["voi"].site.root_page
    child = StandardPage.objects.child_of(home).first()
    grandchild = StandardPage(title="Trang cháu của Vôi", slug="trang-chau")
    child.add_child(instance=grandchild)
    response = attacker.get(f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={home.pk}")
    assert response.status_code == 200
    text = response.content.decode()
    assert child.title in text
    assert grandchild.title not in text


def test_all_under_the_pages_above_a_home_means_the_editors_own_pages(editor_a, communes):
    home = communes["voi"].site.root_page
    parent = home.get_parent()
    assert parent.get_children().filter(pk=communes["kep"].site.root_page_id).exists()
    bulk = action(editor_a, "wagtailcore", "page", "publish", Page)
    assert list(bulk.get_all_objects_in_listing_query(parent.pk)) == [home.pk]


def test_named_objects_of_another_commune_are_neither_acted_on_nor_listed(
    editor_a, communes, b_image
):
    own = Image.objects.create(
        title="Ảnh của Vôi", file=get_test_image_file(), collection=communes["voi"].collection
    )
    query = f"id={own.pk}&id={b_image.pk}"
    bulk = action(editor_a, "wagtailimages", "image", "delete", Image, query)
    objects, extra = bulk.get_actionable_objects()
    named = [*objects, *extra["items_with_no_access"]]
    assert own in named
    assert b_image not in named


def test_the_district_admin_acts_on_every_communes_objects(district_admin, communes, client_for):
    kep_page = StandardPage.objects.child_of(communes["kep"].site.root_page).first()
    client = client_for(district_admin)
    response = client.get(f"/admin/bulk/wagtailcore/page/publish/?id={kep_page.pk}")
    assert response.status_code == 200
    assert kep_page.title in response.content.decode()
    bulk = action(district_admin, "wagtailcore", "page", "publish", Page)
    home = communes["kep"].site.root_page
    assert set(bulk.get_all_objects_in_listing_query(home.pk)) == set(
        home.get_children().values_list("pk", flat=True)
    )


def test_editors_may_not_use_the_bulk_actions_of_other_models(attacker, editor_a):
    response = attacker.get(f"/admin/bulk/wagtailusers/user/delete/?id={editor_a.pk}")
    assert response.status_code == 403


@pytest.mark.parametrize("url", ["/admin/bulk/", "/admin/bulk/wagtailcore/page/"])
def test_a_bulk_url_that_names_no_action_is_not_found(attacker, url):
    assert attacker.get(url).status_code == 404


def test_a_parent_of_another_commune_is_refused_even_with_nothing_of_it_named(attacker, communes):
    kep_home = communes["kep"].site.root_page_id
    voi_home = communes["voi"].site.root_page_id
    base = "/admin/bulk/wagtailcore/page/publish/?id=all&childOf="
    assert attacker.get(f"{base}{kep_home}").status_code == 403
    assert attacker.get(f"{base}{voi_home}").status_code == 200
