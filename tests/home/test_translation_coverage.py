"""Editors get a Vietnamese admin, and CI notices when a message falls back to English."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation


def coverage(*args: str) -> str:
    out = StringIO()
    call_command("translation_coverage", *args, stdout=out)
    return out.getvalue()


def test_coverage_reaches_the_default_threshold():
    report = coverage()
    assert "wagtail.admin (django)" in report
    assert "wagtail.admin (djangojs)" in report
    assert "total (all)" in report


def test_wagtail_admin_is_fully_covered():
    report = coverage("--app", "wagtail.admin", "--min", "100")
    assert "wagtail.admin (djangojs)" in report
    assert "wagtail.images" not in report


def test_project_apps_are_counted_from_the_project_catalogue():
    report = coverage("--app", "procedures", "--min", "0")
    assert "procedures (django)" in report


def test_coverage_fails_under_an_unreachable_threshold():
    with pytest.raises(CommandError, match="under 101%"):
        coverage("--min", "101")


def test_unknown_app_is_an_error():
    with pytest.raises(CommandError, match="No catalogue"):
        coverage("--app", "no.such.app")


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Save draft", "Lưu bản nháp"),
        ("Publish", "Xuất bản"),
        ("Unpublish", "Hủy xuất bản"),
        ("Dashboard", "Bảng điều khiển"),
    ],
)
def test_admin_buttons_are_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_vietnamese(client):
    admin = get_user_model().objects.create_superuser(username="root", password="pw")
    client.force_login(admin)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    # The catalogue is served as JSON inside JavaScript, with non-ASCII escaped.
    assert json.dumps("Ẩn/hiện thanh bên") in response.content.decode()
