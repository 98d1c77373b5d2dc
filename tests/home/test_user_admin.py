"""District admins provision editors from the Wagtail admin, without escalating."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

User = get_user_model()


def user_form(communes, **extra):
    return {
        "username": "tranthib",
        "email": "tranthib@example.com",
        "first_name": "Thị B",
        "last_name": "Trần",
        "password1": "Mat-khau-dai-123",
        "password2": "Mat-khau-dai-123",
        "groups": [communes["kep"].editors_group.pk],
        **extra,
    }


def test_district_admin_adds_commune_editor_from_admin(district_admin, client_for, communes):
    client = client_for(district_admin)
    assert client.get("/admin/users/new/").status_code == 200
    response = client.post("/admin/users/new/", user_form(communes))
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="tranthib")
    assert list(user.groups.all()) == [communes["kep"].editors_group]
    assert not user.is_superuser


def test_district_admin_cannot_create_a_superuser(district_admin, client_for, communes):
    client = client_for(district_admin)
    response = client.post("/admin/users/new/", user_form(communes, is_superuser="on"))
    assert response.status_code in (302, 403)
    assert not User.objects.filter(username="tranthib", is_superuser=True).exists()


def test_district_admin_cannot_edit_or_delete_a_superuser(district_admin, client_for):
    root = User.objects.create_superuser(username="root", password="pw")
    client = client_for(district_admin)
    for url in (f"/admin/users/edit/{root.pk}/", f"/admin/users/delete/{root.pk}/"):
        response = client.post(url, {"username": "root", "password1": "x", "password2": "x"})
        assert response.status_code in (302, 403)
    root.refresh_from_db()
    assert root.check_password("pw")
    assert User.objects.filter(pk=root.pk).exists()


def test_commune_editor_cannot_manage_users(editor_a, client_for):
    client = client_for(editor_a)
    response = client.post("/admin/users/new/", {"username": "x"})
    assert response.status_code in (302, 403)
    assert not User.objects.filter(username="x").exists()
