"""Found by the second, independent review (after the holes of issue 15
were closed): page ids posted in the body of Wagtail's own page forms, and
other communes' editors named in the page listings' filters. Both failed on
d14149e, before the fix."""

import pytest
from django.urls import reverse

from home.models import StandardPage

from .attacks import SECRET, refused

pytestmark = pytest.mark.django_db


# --- Found by the second review: page ids in Wagtail's own form bodies ----------


def posted_page_forms(a_page, b_draft) -> list[tuple[str, dict]]:
    """Wagtail's page forms that take a page id in the POST body, each with
    Kép's draft in that field."""
    return [
        (reverse("wagtailadmin_pages:copy", args=[a_page.pk]),
         {"new_title": "x", "new_slug": "x", "new_parent_page": b_draft.pk}),
        (f"/admin/bulk/wagtailcore/page/move/?id={a_page.pk}", {"chooser": b_draft.pk}),
        (reverse("wagtailadmin_pages:choose_parent", args=["home", "standardpage"]),
         {"parent_page": b_draft.pk}),
    ]  # fmt: skip


def test_page_ids_in_wagtails_form_bodies_name_no_other_commune_page(attacker, a_page, b_draft):
    for url, data in posted_page_forms(a_page, b_draft):
        response = attacker.post(url, data)
        assert refused(response), url
        b_draft.refresh_from_db()
        assert b_draft.get_parent().pk != a_page.pk, url


def test_own_parent_in_wagtails_form_bodies_still_works(attacker, communes, a_page):
    home = communes["voi"].site.root_page
    response = attacker.post(
        reverse("wagtailadmin_pages:choose_parent", args=["home", "standardpage"]),
        {"parent_page": home.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:add", args=["home", "standardpage", home.pk]
    )


# --- Found by the second review: other communes' editors named in filters ------


@pytest.fixture
def b_editor_who_edited(communes, make_editor):
    """Kép's editor, named KEPSECRET, owner of a page and author of an edit."""
    editor = make_editor(communes["kep"], username="bientap-kep")
    editor.first_name, editor.last_name = SECRET, "Trần"
    editor.save()
    page = StandardPage.objects.child_of(communes["kep"].site.root_page).get()
    page.owner = editor
    page.save_revision(user=editor, log_action=True)
    page.save()
    return editor


def test_page_listing_filters_name_no_editor_of_another_commune(
    attacker, communes, editor_a, b_editor_who_edited, a_page
):
    a_page.owner = editor_a
    a_page.save_revision(user=editor_a, log_action=True)
    a_page.save()
    home = communes["voi"].site.root_page
    for url in (
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:type_use", args=["home", "standardpage"]),
        reverse("wagtailadmin_pages:search"),
    ):
        html = attacker.get(url).content.decode()
        assert SECRET not in html, url
        for name in ("owner", "edited_by"):
            assert f'name="{name}" value="{b_editor_who_edited.pk}"' not in html, url
    explore = attacker.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert f'name="owner" value="{editor_a.pk}"' in explore
    assert f'name="edited_by" value="{editor_a.pk}"' in explore
