"""Holes found by a review from the attacker's side, each closed and kept closed."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """Chooser views answer JSON whose HTML has its non-ASCII escaped."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.fixture
def b_draft(communes):
    home = communes["kep"].site.root_page
    draft = StandardPage(title="Bản nháp bí mật của Kép", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    return draft


@pytest.mark.parametrize(
    "url",
    [
        "/admin/api/main/images/",
        "/admin/api/main/documents/",
        "/admin/localize/reports/translations/",
    ],
)
def test_unscoped_listings_are_closed_to_editors(attacker, url):
    assert attacker.get(url).status_code == 403


def test_page_chooser_shows_only_own_commune(attacker, communes, b_draft):
    b_home = communes["kep"].site.root_page
    assert (
        attacker.get(reverse("wagtailadmin_choose_page_child", args=[b_home.pk])).status_code == 404
    )  # Kép's home, named by its id
    for url in (
        reverse("wagtailadmin_choose_page_search") + "?q=bí+mật",
        reverse("wagtailadmin_choose_page") + "?q=bi",
    ):
        response = attacker.get(url)
        assert response.status_code == 200, url
        assert "Bản nháp bí mật của Kép" not in text(response), url
    own = attacker.get(
        reverse("wagtailadmin_choose_page_child", args=[communes["voi"].site.root_page.pk])
    )
    assert "Giới thiệu" in text(own)


def test_bulk_action_confirmation_refuses_other_commune_objects(
    attacker, communes, b_draft, b_image
):
    for url in (
        f"/admin/bulk/wagtailcore/page/delete/?id={b_draft.pk}",
        f"/admin/bulk/wagtailcore/page/publish/?id={b_draft.pk}",
        f"/admin/bulk/wagtailimages/image/delete/?id={b_image.pk}",
    ):
        response = attacker.get(url)
        assert response.status_code == 403, url
        assert "bí mật" not in response.content.decode()
    own = StandardPage.objects.child_of(communes["voi"].site.root_page).get()
    assert attacker.get(f"/admin/bulk/wagtailcore/page/publish/?id={own.pk}").status_code == 200


def publish_with_social_image(client, page, image):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([]),
            "social_image": image.pk,
            "action-publish": "publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_editor_cannot_attach_other_commune_image(attacker, communes, b_image):
    page = StandardPage.objects.child_of(communes["voi"].site.root_page).get()
    response = publish_with_social_image(attacker, page, b_image)
    page.refresh_from_db()
    assert page.social_image_id is None
    assert "của xã khác" in response.content.decode()
    assert b_image.title not in response.content.decode()  # the refusal names no title


def test_editor_can_attach_own_image(attacker, communes):
    own_image = Image.objects.create(
        title="Ảnh của Vôi", file=get_test_image_file(), collection=communes["voi"].collection
    )
    page = StandardPage.objects.child_of(communes["voi"].site.root_page).get()
    response = publish_with_social_image(attacker, page, own_image)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.social_image_id == own_image.pk


def test_wagtail_default_cross_commune_roles_are_retired():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert Page.objects.filter(depth=1).exists()
