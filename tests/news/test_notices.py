"""The notice banner: on every page of its commune while its window is open,
nowhere else, dismissable through an external script."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from news.models import Notice, NoticeLevel
from news.notices import active_notices
from tests.factories import NoticeFactory

from .conftest import get, html

pytestmark = pytest.mark.django_db


def test_active_notice_is_on_every_page_of_its_commune_only(communes):
    NoticeFactory(commune=communes["voi"], message="Cắt nước thôn Đồng sáng mai")
    for path in ("/", "/tin-tuc/", "/lien-he/", "/thu-tuc/", "/loi-chuc/"):
        assert "Cắt nước thôn Đồng sáng mai" in html("voi", path), path
    assert "Cắt nước thôn Đồng sáng mai" not in html("kep", "/")
    assert "Cắt nước thôn Đồng sáng mai" not in html("", "/")


def test_notice_window_starts_inclusive_and_ends_exclusive(communes):
    start = timezone.now() + timedelta(hours=1)
    notice = NoticeFactory(
        commune=communes["voi"], starts_at=start, ends_at=start + timedelta(hours=2)
    )
    site = communes["voi"].site
    assert active_notices(site, at=start - timedelta(seconds=1)) == []
    assert active_notices(site, at=start) == [notice]
    assert active_notices(site, at=start + timedelta(hours=2) - timedelta(seconds=1)) == [notice]
    assert active_notices(site, at=start + timedelta(hours=2)) == []
    assert notice.message not in html("voi", "/")  # not yet


def test_ended_notice_is_gone(communes):
    now = timezone.now()
    NoticeFactory(
        commune=communes["voi"],
        message="Đã hết hạn",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(minutes=1),
    )
    assert "Đã hết hạn" not in html("voi", "/")


def test_edited_notice_shows_at_once_and_asks_to_be_dismissed_again(communes):
    notice = NoticeFactory(commune=communes["voi"], message="Bản đầu")
    text = html("voi", "/")  # now cached
    first_key = notice.dismiss_key
    assert f'data-notice="{first_key}"' in text
    notice.message = "Bản đã sửa"
    notice.save()
    notice.refresh_from_db()
    text = html("voi", "/")
    assert "Bản đã sửa" in text and "Bản đầu" not in text
    notice.delete()
    assert "Bản đã sửa" not in html("voi", "/")


def test_urgent_notice_is_an_alert_with_a_hidden_close_button_and_external_script(communes):
    NoticeFactory(commune=communes["voi"], level=NoticeLevel.URGENT, message="Bão số 3")
    text = html("voi", "/")
    assert 'role="alert"' in text and "Khẩn:" in text
    assert '<button type="button" class="notice__close" hidden aria-label="Ẩn thông báo này">' in (
        text
    )
    assert '<script src="/static/news/notice.js" defer></script>' in text
    from django.contrib.staticfiles import finders

    assert finders.find("news/notice.js")


def test_pages_without_notice_load_no_script(communes):
    assert "notice.js" not in html("voi", "/")


def test_notice_must_end_after_it_starts(communes):
    now = timezone.now()
    notice = Notice(commune=communes["voi"], message="x", starts_at=now, ends_at=now)
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "ends_at" in error.value.message_dict


def test_notice_queries_are_cached_per_site(communes, django_assert_max_num_queries):
    NoticeFactory(commune=communes["voi"])
    html("voi", "/")
    with django_assert_max_num_queries(12):
        assert get("voi", "/").status_code == 200
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        get("voi", "/")
    assert not any("news_notice" in q["sql"] for q in queries.captured_queries)
