"""``home.scoping``: the permission policy of the commune-owned models, the
scoped admin screens, and saves through a service, from the editor's side."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.permissions import policy_registry as policies

from contact.models import Official, Rating, RatingLevel, ReplyTemplate
from district.models import Criterion, CriterionProgress, ProgressStatus
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officials(communes):
    return OfficialFactory(commune=communes["voi"]), OfficialFactory(commune=communes["kep"])


def test_an_editor_may_change_only_their_communes_rows(editor_a, officials):
    own, other = officials
    policy = policies.get_by_type(Official)
    assert policy.user_has_permission_for_instance(editor_a, "change", own)
    assert not policy.user_has_permission_for_instance(editor_a, "change", other)
    assert policy.user_has_any_permission_for_instance(editor_a, ["change", "delete"], own)
    assert not policy.user_has_any_permission_for_instance(editor_a, ["change", "delete"], other)
    changeable = policy.instances_user_has_permission_for(editor_a, "change")
    assert set(changeable.filter(pk__in=[own.pk, other.pk])) == {own}
    assert all(row.commune_id == own.commune_id for row in changeable)


def test_the_district_admin_may_change_every_communes_rows(district_admin, officials):
    policy = policies.get_by_type(Official)
    for row in officials:
        assert policy.user_has_permission_for_instance(district_admin, "change", row)
        assert policy.user_has_any_permission_for_instance(district_admin, ["delete"], row)
    changeable = policy.instances_user_has_any_permission_for(district_admin, ["change"])
    assert set(changeable.filter(pk__in=[r.pk for r in officials])) == set(officials)


def test_own_rows_without_the_model_permission_are_refused(editor_a, communes):
    """Editors read ratings: their own commune's rating is no row they may delete."""
    rating = Rating.objects.create(commune=communes["voi"], level=RatingLevel.SATISFIED)
    policy = policies.get_by_type(Rating)
    assert policy.user_has_permission_for_instance(editor_a, "view", rating)
    assert not policy.user_has_permission_for_instance(editor_a, "delete", rating)
    assert not policy.user_has_any_permission_for_instance(editor_a, ["delete"], rating)
    assert not policy.instances_user_has_permission_for(editor_a, "delete").exists()
    assert policy.instances_user_has_permission_for(editor_a, "view").filter(pk=rating.pk).exists()


def test_district_records_are_changed_by_the_district_only(editor_a, district_admin):
    template = ReplyTemplate.objects.create(commune=None, title="Chung", text="Cảm ơn {name}")
    policy = policies.get_by_type(ReplyTemplate)
    assert not policy.user_has_permission_for_instance(editor_a, "change", template)
    assert not policy.user_has_any_permission_for_instance(editor_a, ["change"], template)
    assert policy.user_has_permission_for_instance(district_admin, "change", template)
    changeable = policy.instances_user_has_permission_for(editor_a, "change")
    assert not changeable.filter(pk=template.pk).exists()


def test_the_commune_choice_of_an_editor_is_their_commune_and_required(
    editor_a, communes, client_for
):
    client = client_for(editor_a)
    form = client.get(reverse("officials:add")).context["form"]
    field = form.fields["commune"]
    assert list(field.queryset) == [communes["voi"]]
    assert field.required and field.empty_label is None
    response = client.post(reverse("officials:add"), {"full_name": "A", "post": "van_phong"})
    assert response.status_code == 200 and "commune" in response.context["form"].errors


def test_the_district_admin_may_leave_the_commune_empty(district_admin, client_for):
    client = client_for(district_admin)
    form = client.get(reverse("reply_templates:add")).context["form"]
    field = form.fields["commune"]
    assert not field.required and field.queryset.count() > 2


def test_an_editor_inspects_own_rows_only(editor_a, communes, client_for):
    own = Rating.objects.create(commune=communes["voi"], level=RatingLevel.SATISFIED)
    second = Rating.objects.create(commune=communes["voi"], level=RatingLevel.UNSATISFIED)
    other = Rating.objects.create(commune=communes["kep"], level=RatingLevel.SATISFIED)
    client = client_for(editor_a)
    for row in (own, second):
        response = client.get(reverse("ratings:inspect", args=[row.pk]))
        assert response.status_code == 200
        assert response.context["object"] == row
    assert client.get(reverse("ratings:inspect", args=[other.pk])).status_code == 404


# --- Saves through a service (``actions_saving_through``) ----------------------


def progress_form(commune, criterion, **extra):
    return {
        "commune": commune.pk,
        "criterion": criterion.pk,
        "status": ProgressStatus.MET,
        "date": "2022-10-15",
        "evidence_url": "",
        "evidence_document": "",
        "evidence_image": "",
        "note": "",
        "confirmed": "on",
        **extra,
    }


def test_the_admins_save_goes_through_the_service_with_the_user_and_the_form(
    communes, district_admin, editor_a, client_for
):
    criterion = Criterion.objects.get(code="1.1.1")
    editor = client_for(editor_a)
    response = editor.post(
        reverse("criterion_progress:add"), progress_form(communes["voi"], criterion)
    )
    assert response.status_code == 302
    progress = CriterionProgress.objects.get(commune=communes["voi"], criterion=criterion)
    assert progress.confirmed is False  # the service, not the posted value, decides

    admin = client_for(district_admin)
    url = reverse("criterion_progress:edit", args=[progress.pk])
    assert admin.post(url, progress_form(communes["voi"], criterion)).status_code == 302
    progress.refresh_from_db()
    assert progress.confirmed and progress.confirmed_by == district_admin
    confirmed_at = progress.confirmed_at
    # Saved again unchanged: the service is told nothing changed, the date stays.
    assert admin.post(url, progress_form(communes["voi"], criterion)).status_code == 302
    progress.refresh_from_db()
    assert progress.confirmed_at == confirmed_at
    assert admin.post(url, progress_form(communes["voi"], criterion, note="Sửa")).status_code == 302
    progress.refresh_from_db()
    assert progress.confirmed_at > confirmed_at


# --- The ids a row names must be usable by the row's commune -------------------


@pytest.fixture
def kep_document(communes):
    document = Document(title="Tài liệu của Kép", collection=communes["kep"].collection)
    document.file.save("kep.txt", ContentFile(b"x"), save=False)
    document.save()
    return document


@pytest.mark.parametrize("who", ["district", "editor of both"])
def test_a_row_of_one_commune_cannot_name_another_communes_file(
    who, communes, district_admin, editor_a, client_for, kep_document
):
    if who == "editor of both":
        editor_a.groups.add(communes["kep"].editors_group)
    user = district_admin if who == "district" else editor_a
    criterion = Criterion.objects.get(code="1.1.1")
    progress = CriterionProgress.objects.create(commune=communes["voi"], criterion=criterion)
    url = reverse("criterion_progress:edit", args=[progress.pk])
    form = progress_form(communes["voi"], criterion, evidence_document=kep_document.pk)
    response = client_for(user).post(url, form)
    assert response.status_code == 200  # shown again with the error
    progress.refresh_from_db()
    assert progress.evidence_document_id is None
    # Named for a row of Kép, the same file is fine.
    kep_progress = CriterionProgress.objects.create(commune=communes["kep"], criterion=criterion)
    url = reverse("criterion_progress:edit", args=[kep_progress.pk])
    form = progress_form(communes["kep"], criterion, evidence_document=kep_document.pk)
    assert client_for(user).post(url, form).status_code == 302
    kep_progress.refresh_from_db()
    assert kep_progress.evidence_document_id == kep_document.pk


def test_a_new_row_or_a_row_moved_to_another_commune_is_checked_for_its_new_commune(
    communes, district_admin, client_for, kep_document
):
    client = client_for(district_admin)
    criterion = Criterion.objects.get(code="1.1.1")
    form = progress_form(communes["voi"], criterion, evidence_document=kep_document.pk)
    assert client.post(reverse("criterion_progress:add"), form).status_code == 200
    assert not CriterionProgress.objects.filter(commune=communes["voi"]).exists()
    kep_progress = CriterionProgress.objects.create(commune=communes["kep"], criterion=criterion)
    url = reverse("criterion_progress:edit", args=[kep_progress.pk])
    assert client.post(url, form).status_code == 200
    kep_progress.refresh_from_db()
    assert kep_progress.commune == communes["kep"] and kep_progress.evidence_document is None
