"""Fixtures of the news tests: each commune's provisioned news pages, an
image and an audio file in a commune's collection."""

import io
import wave

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.models import AnnouncementIndexPage, GreetingIndexPage, NewsIndexPage, ThankYouPage


def get(slug: str, path: str, **extra):
    host = "localhost:8000" if slug == "" else f"{slug}.localhost:8000"
    return Client().get(path, HTTP_HOST=host, **extra)


def html(slug: str, path: str) -> str:
    response = get(slug, path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


@pytest.fixture
def sections(communes):
    """The provisioned news pages of Vôi and Kép, by commune and kind."""
    found = {}
    for slug in ("voi", "kep"):
        root = communes[slug].site.root_page
        found[slug] = {
            "news": NewsIndexPage.objects.child_of(root).get(),
            "announcements": AnnouncementIndexPage.objects.child_of(root).get(),
            "greetings": GreetingIndexPage.objects.child_of(root).get(),
            "thanks": ThankYouPage.objects.child_of(root).get(),
        }
    return found


@pytest.fixture
def make_image(communes):
    def make(slug: str = "voi", title: str = "Ảnh thử nghiệm", width: int = 1600):
        return Image.objects.create(
            title=title,
            file=get_test_image_file(size=(width, width * 9 // 16)),
            collection=communes[slug].collection,
        )

    return make


def wav_bytes(seconds: float = 0.5) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        audio.writeframes(b"\x00\x01" * int(8000 * seconds))
    return buffer.getvalue()


@pytest.fixture
def make_audio(communes):
    def make(slug: str = "voi", name: str = "thong-bao.mp3", content: bytes | None = None):
        document = Document(title=f"Ghi âm {name}", collection=communes[slug].collection)
        document.file.save(name, ContentFile(content or wav_bytes()), save=False)
        document.save()
        return document

    return make
