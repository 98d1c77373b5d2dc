"""``home.access``: which communes a user may act on, for every kind of user."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from home.access import communes_for_user, is_district_admin
from home.models import Commune

pytestmark = pytest.mark.django_db


def slugs(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


def test_an_editor_acts_on_their_commune_only(editor_a):
    assert not is_district_admin(editor_a)
    assert slugs(communes_for_user(editor_a)) == {"voi"}


def test_an_editor_of_two_communes_acts_on_both(editor_a, communes):
    editor_a.groups.add(communes["kep"].editors_group)
    assert slugs(communes_for_user(editor_a)) == {"voi", "kep"}


def test_an_inactive_editor_acts_on_no_commune(editor_a):
    editor_a.is_active = False
    editor_a.save()
    assert not communes_for_user(editor_a).exists()


def test_an_anonymous_visitor_acts_on_no_commune():
    assert not is_district_admin(AnonymousUser())
    assert not communes_for_user(AnonymousUser()).exists()


def test_a_user_in_no_group_acts_on_no_commune():
    user = get_user_model().objects.create_user(username="nobody", password="pw")
    assert not is_district_admin(user)
    assert not communes_for_user(user).exists()


def test_district_admins_act_on_every_commune(district_admin):
    assert is_district_admin(district_admin)
    assert communes_for_user(district_admin).count() == Commune.objects.count() > 2


def test_a_superuser_is_a_district_admin():
    user = get_user_model().objects.create_superuser(username="root", password="pw")
    assert is_district_admin(user)
    assert communes_for_user(user).count() == Commune.objects.count()


def test_an_inactive_superuser_is_no_district_admin():
    user = get_user_model().objects.create_superuser(username="root", password="pw")
    user.is_active = False
    user.save()
    assert is_district_admin(user) is False
    assert not communes_for_user(user).exists()
