"""A procedure page is shared like news and greetings (plain Facebook and Zalo
links, no third-party script); the home page advertises the commune's news
and announcement feeds, as the news pages do."""

import re

import pytest
from wagtail.models import PageViewRestriction

from .conftest import get, html

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" type="(application/[a-z+]+)" [^>]*href="([^"]+)"')


def test_procedure_page_has_share_links_and_no_script_of_theirs(communes):
    text = html("voi", "/thu-tuc/1.001193/")
    url = "http%3A%2F%2Fvoi.localhost%3A8000%2Fthu-tuc%2F1.001193%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={url}"' in text
    assert f'href="https://sp.zalo.me/plugins/share?href={url}"' in text
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", text)
    assert [src for src in scripts if "facebook" in src or "zalo" in src] == []


def test_home_page_advertises_the_feeds_the_news_pages_advertise(sections):
    feeds = {href: kind for kind, href in ALTERNATE.findall(html("voi", "/"))}
    news = {href: kind for kind, href in ALTERNATE.findall(html("voi", "/tin-tuc/"))}
    announcements = {href: kind for kind, href in ALTERNATE.findall(html("voi", "/thong-bao/"))}
    assert feeds == {**news, **announcements}
    assert feeds == {
        "/tin-tuc/rss/": "application/rss+xml",
        "/tin-tuc/atom/": "application/atom+xml",
        "/thong-bao/podcast/": "application/rss+xml",
    }
    for href in feeds:
        assert get("voi", href).status_code == 200, href


def test_a_restricted_news_section_is_not_advertised(sections):
    PageViewRestriction.objects.create(
        page=sections["voi"]["news"], restriction_type=PageViewRestriction.LOGIN
    )
    feeds = {href for _kind, href in ALTERNATE.findall(html("voi", "/"))}
    assert feeds == {"/thong-bao/podcast/"}
