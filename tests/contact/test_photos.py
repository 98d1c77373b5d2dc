"""Photos citizens attach to their feedback, from the attacker's side: they
show a citizen's house, street or face and are never public. They live
outside the media folder the web server publishes, and only the editors of
the submission's commune (and district admins) can open them, through the
admin. A full disk keeps the feedback text and says so clearly."""

import errno
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from PIL import Image

from contact.models import Feedback

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("captcha_ok")]
HOST = {"HTTP_HOST": "voi.localhost"}


def photo() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (20, 120, 40)).save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "nha-toi.jpg"
    return buffer


def submit_with_photo(**extra):
    data = {
        "kind": "phan_anh",
        "subject": "Cây đổ chắn ngõ nhà tôi",
        "message": "Cây xà cừ đổ chắn ngõ 3 thôn Chằm từ tối qua.",
        "name": "Lê Thị Mai",
        "phone": "0912345678",
        "g-recaptcha-response": "ok",
        "photo": photo(),
        **extra,
    }
    return Client().post("/gop-y/", data, **HOST)


@pytest.fixture
def submission() -> Feedback:
    assert submit_with_photo().status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.photo
    return feedback


def test_a_feedback_photo_is_stored_outside_the_public_media_folder(submission):
    stored = Path(submission.photo.path).resolve()
    assert stored.is_file()
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not submission.photo.url.startswith(settings.MEDIA_URL)


def test_the_communes_editor_sees_the_photo_in_the_admin(submission, editor_a, client_for):
    client = client_for(editor_a)
    url = reverse("feedback:photo", args=[submission.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    page = client.get(reverse("feedback:edit", args=[submission.pk])).content.decode()
    assert url in page


def test_another_communes_editor_cannot_open_the_photo(submission, editor_b, client_for):
    response = client_for(editor_b).get(reverse("feedback:photo", args=[submission.pk]))
    assert response.status_code in (403, 404)
    assert not getattr(response, "streaming", False)


def test_an_anonymous_visitor_cannot_open_the_photo(submission):
    response = Client().get(reverse("feedback:photo", args=[submission.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Client().get(submission.photo.url, follow=True, **HOST).status_code == 404


def test_a_full_disk_keeps_the_feedback_and_says_the_photo_was_not_saved(monkeypatch):
    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    response = submit_with_photo()
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.message == "Cây xà cừ đổ chắn ngõ 3 thôn Chằm từ tối qua."
    assert not feedback.photo
    assert feedback.events.filter(action="photo_not_saved").exists()
    page = Client().get(response["Location"], **HOST).content.decode()
    assert feedback.tracking_code in page
    assert "Ảnh gửi kèm chưa lưu được" in page
