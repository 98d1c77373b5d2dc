"""The news feeds (RSS and Atom) and the announcements' podcast feed, parsed
as a feed reader or a smart-radio system would."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AnnouncementPageFactory, NewsArticlePageFactory

from .conftest import get, wav_bytes

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def feed(slug: str, path: str) -> tuple[ET.Element, str]:
    response = get(slug, path)
    assert response.status_code == 200, (path, response.status_code)
    # Our own output, parsed as a reader would; the stdlib parser is enough here.
    return ET.fromstring(response.content), response["Content-Type"]  # noqa: S314


def test_news_rss_feed_has_own_articles_newest_first(sections):
    today = timezone.localdate()
    NewsArticlePageFactory(
        parent=sections["voi"]["news"],
        title="Tin cũ",
        slug="tin-cu",
        date=today - timedelta(days=3),
        lead="Tóm tắt tin cũ",
    )
    NewsArticlePageFactory(
        parent=sections["voi"]["news"], title="Tin mới", slug="tin-moi", category="kinh-te"
    )
    NewsArticlePageFactory(parent=sections["kep"]["news"], title="Tin của Kép")
    draft = NewsArticlePageFactory(parent=sections["voi"]["news"], title="Tin nháp")
    draft.unpublish()

    root, content_type = feed("voi", "/tin-tuc/rss/")
    assert content_type.startswith("application/rss+xml")
    channel = root.find("channel")
    assert channel.findtext("title") == "Tin tức – Thị trấn Vôi"
    assert channel.findtext("link") == "http://voi.localhost:8000/tin-tuc/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Tin mới", "Tin cũ"]
    newest, oldest = items
    assert newest.findtext("link") == "http://voi.localhost:8000/tin-tuc/tin-moi/"
    assert newest.findtext("category") == "Kinh tế - Nông nghiệp"
    assert oldest.findtext("description") == "Tóm tắt tin cũ"
    assert newest.findtext("guid") == "http://voi.localhost:8000/tin-tuc/tin-moi/"
    assert newest.findtext("pubDate")


def test_news_atom_feed_parses_with_entries(sections):
    NewsArticlePageFactory(parent=sections["voi"]["news"], title="Tin Atom", slug="tin-atom")
    root, content_type = feed("voi", "/tin-tuc/atom/")
    assert content_type.startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tin Atom"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://voi.localhost:8000/tin-tuc/tin-atom/"
    assert entries[0].findtext(f"{ATOM}updated")


def test_feed_is_linked_from_the_news_page(sections):
    text = get("voi", "/tin-tuc/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in text
    assert 'href="/tin-tuc/rss/"' in text and 'href="/tin-tuc/atom/"' in text


def test_feed_keeps_to_the_latest_twenty(sections):
    for n in range(23):
        NewsArticlePageFactory(parent=sections["voi"]["news"], title=f"Tin {n}")
    root, _ = feed("voi", "/tin-tuc/rss/")
    assert len(root.find("channel").findall("item")) == 20


def test_podcast_feed_carries_the_recording_as_enclosure(sections, make_audio):
    mp3 = make_audio(name="cat-dien.mp3", content=b"ID3" + b"\x00" * 4093)
    wav = make_audio(name="tiem-chung.wav", content=wav_bytes(1))
    index = sections["voi"]["announcements"]
    AnnouncementPageFactory(parent=index, title="Lịch cắt điện", slug="cat-dien", audio=mp3)
    AnnouncementPageFactory(
        parent=index,
        title="Tiêm chủng",
        slug="tiem-chung",
        audio=wav,
        date=timezone.localdate() - timedelta(days=1),
    )
    AnnouncementPageFactory(
        parent=index,
        title="Chỉ có chữ",
        text="Không có ghi âm.",
        date=timezone.localdate() - timedelta(days=2),
    )
    AnnouncementPageFactory(parent=sections["kep"]["announcements"], title="Thông báo của Kép")

    root, content_type = feed("voi", "/thong-bao/podcast/")
    assert content_type.startswith("application/rss+xml")
    assert root.tag == "rss"
    channel = root.find("channel")
    assert channel.findtext(f"{ITUNES}author") == "Thị trấn Vôi"
    assert channel.find(f"{ITUNES}category").get("text") == "Government"
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert list(items) == ["Lịch cắt điện", "Tiêm chủng", "Chỉ có chữ"]

    enclosure = items["Lịch cắt điện"].find("enclosure")
    assert enclosure.get("type") == "audio/mpeg"
    assert enclosure.get("length") == "4096"
    assert enclosure.get("url") == f"http://voi.localhost:8000{mp3.url}"
    wav_enclosure = items["Tiêm chủng"].find("enclosure")
    assert wav_enclosure.get("type") == "audio/wav"
    assert int(wav_enclosure.get("length")) == len(wav_bytes(1)) == wav.file.size
    assert items["Chỉ có chữ"].find("enclosure") is None
    assert items["Chỉ có chữ"].findtext("description") == "Không có ghi âm."
    assert items["Chỉ có chữ"].findtext(f"{ITUNES}summary") == "Không có ghi âm."

    audio = get("voi", mp3.url)
    assert audio.status_code == 200
    assert b"".join(audio.streaming_content)[:3] == b"ID3"


def test_podcast_feed_of_another_commune_is_empty_of_ours(sections, make_audio):
    AnnouncementPageFactory(parent=sections["voi"]["announcements"], title="Chỉ của Vôi")
    root, _ = feed("kep", "/thong-bao/podcast/")
    assert root.find("channel").findall("item") == []
