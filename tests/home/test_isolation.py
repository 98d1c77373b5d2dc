"""Editor of commune A attacks commune B through the Wagtail admin's own URLs."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.models import CommuneSettings, StandardPage

pytestmark = pytest.mark.django_db


def denied(response, secret: str = "") -> bool:
    """403 or 404, or a redirect away; and never the other commune's content."""
    if secret and secret in response.content.decode():
        return False
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


@pytest.fixture
def b_home(communes):
    return communes["kep"].site.root_page.specific


@pytest.fixture
def b_about(b_home):
    return StandardPage.objects.child_of(b_home).get()


@pytest.fixture
def a_home(communes):
    return communes["voi"].site.root_page.specific


def test_editor_can_open_own_home_page(attacker, a_home):
    response = attacker.get(reverse("wagtailadmin_pages:edit", args=[a_home.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:edit",
        "wagtailadmin_explore",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:revisions_index",
    ],
)
def test_editor_cannot_open_other_commune_page(attacker, b_about, url_name):
    response = attacker.get(reverse(url_name, args=[b_about.pk]))
    assert denied(response)


def test_explorer_of_other_commune_root_is_refused(attacker, b_home):
    response = attacker.get(reverse("wagtailadmin_explore", args=[b_home.pk]))
    assert denied(response, secret=b_home.title)


def test_editor_cannot_preview_other_commune_page(attacker, b_about):
    response = attacker.get(reverse("wagtailadmin_pages:preview_on_edit", args=[b_about.pk]))
    assert response.status_code in (302, 403, 404)


def test_editor_cannot_publish_edits_to_other_commune_page(attacker, b_about):
    response = attacker.post(
        reverse("wagtailadmin_pages:edit", args=[b_about.pk]),
        {"title": "Hacked", "slug": b_about.slug, "action-publish": "1"},
    )
    assert denied(response)
    b_about.refresh_from_db()
    assert b_about.title != "Hacked"


def test_editor_cannot_add_page_under_other_commune(attacker, b_home):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", b_home.pk])
    assert denied(attacker.get(url))
    before = Page.objects.count()
    response = attacker.post(url, {"title": "Intruder", "slug": "intruder", "action-publish": "1"})
    assert denied(response)
    assert Page.objects.count() == before


def test_editor_cannot_delete_other_commune_page(attacker, b_about):
    response = attacker.post(reverse("wagtailadmin_pages:delete", args=[b_about.pk]))
    assert denied(response)
    assert Page.objects.filter(pk=b_about.pk).exists()


def test_editor_cannot_unpublish_other_commune_page(attacker, b_about):
    attacker.post(reverse("wagtailadmin_pages:unpublish", args=[b_about.pk]))
    b_about.refresh_from_db()
    assert b_about.live


def test_editor_cannot_move_own_page_into_other_commune(attacker, a_home, b_home):
    own = StandardPage.objects.child_of(a_home).get()
    url = reverse("wagtailadmin_pages:move_confirm", args=[own.pk, b_home.pk])
    assert denied(attacker.get(url))
    attacker.post(url)
    own.refresh_from_db()
    assert own.get_parent().pk == a_home.pk


def test_editor_cannot_copy_own_page_into_other_commune(attacker, a_home, b_home):
    own = StandardPage.objects.child_of(a_home).get()
    before = Page.objects.count()
    response = attacker.post(
        reverse("wagtailadmin_pages:copy", args=[own.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy-into-b",
            "new_parent_page": b_home.pk,
            "copy_subpages": False,
            "publish_copies": True,
        },
    )
    assert response.status_code == 404  # the posted parent is checked like an id in the URL
    assert Page.objects.count() == before
    assert not Page.objects.child_of(b_home).filter(slug="copy-into-b").exists()


def test_editor_cannot_delete_or_move_own_site_root(attacker, a_home, b_home):
    attacker.post(reverse("wagtailadmin_pages:delete", args=[a_home.pk]))
    assert Page.objects.filter(pk=a_home.pk).exists()
    attacker.post(reverse("wagtailadmin_pages:move_confirm", args=[a_home.pk, b_home.pk]))
    a_home.refresh_from_db()
    assert a_home.depth == 2


def test_page_search_does_not_reveal_other_commune(attacker, b_about):
    response = attacker.get(reverse("wagtailadmin_pages:search"), {"q": "Kép"})
    assert response.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[b_about.pk]) not in response.content.decode()


@pytest.fixture
def b_document(communes):
    document = Document(title="Tài liệu riêng của Kép", collection=communes["kep"].collection)
    document.file.save("rieng.txt", ContentFile(b"noi bo"), save=False)
    document.save()
    return document


def test_editor_cannot_see_or_change_other_commune_image(attacker, b_image):
    for name in ("wagtailimages:edit", "wagtailimages:delete"):
        assert denied(attacker.get(reverse(name, args=[b_image.pk])), secret=b_image.title)
    attacker.post(reverse("wagtailimages:delete", args=[b_image.pk]))
    assert Image.objects.filter(pk=b_image.pk).exists()
    for name in ("wagtailimages:index", "wagtailimages_chooser:choose"):
        response = attacker.get(reverse(name))
        assert response.status_code == 200
        assert b_image.title not in response.content.decode()


def test_editor_cannot_see_or_change_other_commune_document(attacker, b_document):
    for name in ("wagtaildocs:edit", "wagtaildocs:delete"):
        assert denied(attacker.get(reverse(name, args=[b_document.pk])), secret=b_document.title)
    attacker.post(reverse("wagtaildocs:delete", args=[b_document.pk]))
    assert Document.objects.filter(pk=b_document.pk).exists()
    for name in ("wagtaildocs:index", "wagtaildocs_chooser:choose"):
        response = attacker.get(reverse(name))
        assert response.status_code == 200
        assert b_document.title not in response.content.decode()


def upload(name: str) -> SimpleUploadedFile:
    """A PNG as a browser sends it."""
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def test_editor_uploads_only_into_own_collection(attacker, editor_a, communes):
    own, other = communes["voi"].collection, communes["kep"].collection
    form = attacker.get(reverse("wagtailimages:add"))
    assert form.status_code == 200
    body = form.content.decode()
    # One collection to upload into: Wagtail hides the choice and uses it.
    assert 'name="collection"' not in body
    assert other.name not in body

    response = attacker.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh chợ Vôi", "file": upload("cho-voi.png"), "collection": other.pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get(title="Ảnh chợ Vôi")
    assert image.collection == own
    assert image.uploaded_by_user == editor_a

    response = attacker.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("cho-voi-2.png"), "collection": other.pk},
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    image = Image.objects.get(pk=response.json()["image_id"])
    assert image.collection == own
    assert not Image.objects.filter(collection=other).exists()


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["home", "communesettings", site.pk])


def test_editor_can_edit_own_commune_settings(attacker, communes):
    site = communes["voi"].site
    assert attacker.get(settings_url(site)).status_code == 200


def test_editor_cannot_read_or_change_other_commune_settings(attacker, communes):
    site = communes["kep"].site
    settings = CommuneSettings.for_site(site)
    settings.address = "Địa chỉ riêng của Kép"
    settings.save()
    response = attacker.get(settings_url(site))
    assert denied(response, secret="Địa chỉ riêng của Kép")
    attacker.post(settings_url(site), {"address": "Hacked", "phone": "", "email": ""})
    settings.refresh_from_db()
    assert settings.address == "Địa chỉ riêng của Kép"


UNSCOPED_ADMIN_URLS = [
    "/admin/users/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/locales/",
    "/admin/collections/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/redirects/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/page-types-usage/",
    "/admin/snippets/",
]


@pytest.mark.parametrize("url", UNSCOPED_ADMIN_URLS)
def test_unscoped_admin_area_is_closed_to_commune_editor(attacker, url):
    response = attacker.get(url)
    assert denied(response), f"{url} answered {response.status_code}"


def test_district_admin_reaches_every_commune(district_admin, client_for, communes, b_about):
    client = client_for(district_admin)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b_about.pk])).status_code == 200
    assert client.get(settings_url(communes["kep"].site)).status_code == 200
    assert client.get("/admin/users/").status_code == 200


MATRIX = ["voi", "kep", "tan-thanh"]


@pytest.mark.parametrize("editor_slug", MATRIX)
@pytest.mark.parametrize("target_slug", MATRIX)
def test_permission_matrix(editor_slug, target_slug, communes, make_editor, client_for):
    client = client_for(make_editor(communes[editor_slug]))
    target = communes[target_slug]
    home = target.site.root_page
    about = StandardPage.objects.child_of(home).get()
    image = Image.objects.create(
        title=f"img-{target_slug}", file=get_test_image_file(), collection=target.collection
    )
    responses = {
        "page edit": client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])),
        "add child": client.get(
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])
        ),
        "settings": client.get(settings_url(target.site)),
        "image": client.get(reverse("wagtailimages:edit", args=[image.pk])),
    }
    for what, response in responses.items():
        if editor_slug == target_slug:
            assert response.status_code == 200, what
        else:
            assert denied(response), what
