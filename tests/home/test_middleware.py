"""``home.middleware``: the admin guards, from the editor's side: areas for
district admins only, URLs that name another commune's object (translations
included), and the pages above a commune's home that editors browse through."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def translation_of(source: TranslationSource) -> Translation:
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    translation.save_target()
    return translation


@pytest.fixture
def translations(communes):
    """Vôi's and Kép's, made so that no translation has the id of its own
    source (an id read as the other kind names another commune's page)."""
    pages = [
        StandardPage.objects.child_of(communes[slug].site.root_page).first()
        for slug in ("voi", "kep")
    ]
    voi_source, kep_source = (TranslationSource.get_or_create_from_instance(p)[0] for p in pages)
    kep, voi = translation_of(kep_source), translation_of(voi_source)
    assert voi.pk != voi_source.pk and kep.pk != kep_source.pk
    return voi, kep


@pytest.mark.parametrize("view", ["download_pofile", "preview_translation"])
def test_another_communes_translation_answers_404(attacker, translations, view):
    own, other = translations
    url = reverse(f"wagtail_localize:{view}", args=[other.pk])
    assert attacker.get(url).status_code == 404
    assert attacker.get(reverse(f"wagtail_localize:{view}", args=[own.pk])).status_code != 404


def test_a_translation_that_does_not_exist_answers_404(attacker, translations):
    missing = Translation.objects.order_by("-pk").first().pk + 1
    url = reverse("wagtail_localize:download_pofile", args=[missing])
    assert attacker.get(url).status_code == 404


def test_another_communes_translation_source_answers_404(attacker, translations):
    own, other = translations
    url = reverse("wagtail_localize:update_translations", args=[other.source_id])
    assert attacker.get(url).status_code == 404
    own_url = reverse("wagtail_localize:update_translations", args=[own.source_id])
    assert attacker.get(own_url).status_code != 404


def test_the_district_admin_opens_every_communes_translation(
    district_admin, client_for, translations
):
    client = client_for(district_admin)
    for translation in translations:
        url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
        assert client.get(url).status_code == 200


def test_editors_browse_through_the_pages_above_their_home(attacker, communes):
    """The tree's root and the pages between it and a commune's home are no
    other commune's: the chooser lists them, the editor walks down."""
    home = communes["voi"].site.root_page
    above = Page.objects.ancestor_of(home).exclude(depth=home.depth)
    assert above.exists()
    for page in above:
        url = reverse("wagtailadmin_choose_page_child", args=[page.pk])
        assert attacker.get(url).status_code == 200, page
    kep = communes["kep"].site.root_page
    url = reverse("wagtailadmin_choose_page_child", args=[kep.pk])
    assert attacker.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/admin/reports/site-history/", "/admin/reports/locked/", "/admin/api/main/images/"]
)
def test_district_only_areas_open_for_the_district_admin(district_admin, client_for, url):
    assert client_for(district_admin).get(url).status_code == 200


def test_an_anonymous_visitor_of_a_bulk_action_is_sent_to_the_login(client, communes):
    page = communes["kep"].site.root_page
    response = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_communes_collection_answers_404_before_any_view(attacker, communes):
    """Wagtail's own view would redirect with a message; the guard answers
    as if the collection did not exist."""
    url = reverse("wagtailadmin_collections:edit", args=[communes["kep"].collection.pk])
    assert attacker.get(url).status_code == 404
    own = reverse("wagtailadmin_collections:edit", args=[communes["voi"].collection.pk])
    assert attacker.get(own).status_code != 404


def test_a_translation_of_a_deleted_page_answers_404(attacker, communes):
    page = StandardPage(title="Trang sẽ xoá", slug="trang-se-xoa")
    communes["voi"].site.root_page.add_child(instance=page)
    source = TranslationSource.get_or_create_from_instance(page)[0]
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    Page.objects.get(pk=page.pk).delete()
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert attacker.get(url).status_code == 404
