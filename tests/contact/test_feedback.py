"""Citizens send feedback: stored first, spam kept out, nothing lost."""

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils.html import escape
from PIL import Image

from contact.models import Feedback, FeedbackStatus
from contact.services import add_working_days, store_feedback
from home.models import CommuneSettings

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "voi.localhost:8000"}


def form_data(**extra):
    return {
        "kind": "phan_anh",
        "subject": "Đèn đường thôn Chằm hỏng",
        "message": "Ba bóng đèn đường ở thôn Chằm hỏng từ tuần trước, tối đi lại nguy hiểm.",
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "lan@example.com",
        "consent_to_publish": "on",
        "website": "",
        "g-recaptcha-response": "token-from-the-widget",
        **extra,
    }


def submit(client=None, host=HOST, **extra):
    return (client or Client()).post("/gop-y/", form_data(**extra), **host)


@pytest.fixture
def voi_email(communes):
    settings_ = CommuneSettings.for_site(communes["voi"].site)
    settings_.email = "ubnd.voi@example.vn"
    settings_.save()


def test_a_valid_submission_is_stored_and_confirmed(
    captcha_ok, voi_email, communes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/gop-y/da-gui/{feedback.tracking_code}/"
    assert feedback.commune == communes["voi"]
    assert feedback.phone == "0912345678"
    assert feedback.status == FeedbackStatus.NEW and feedback.verified
    assert captcha_ok == ["token-from-the-widget"]

    page = Client().get(response["Location"], **HOST).content.decode()
    assert feedback.tracking_code in page
    assert "Việc gì sẽ diễn ra tiếp theo" in page
    assert feedback.due_date.strftime("%-d/%-m/%Y") in page
    assert "Nguyễn Thị Lan" not in page and "0912" not in page

    assert sorted(m.to[0] for m in mail.outbox) == ["lan@example.com", "ubnd.voi@example.vn"]
    assert feedback.tracking_code in mail.outbox[0].subject
    assert [e.action for e in feedback.events.all()] == [
        "submitted",
        "notified_commune",
        "confirmed_to_citizen",
    ]


def test_tracking_codes_are_readable_and_unique(captcha_ok):
    for index in range(5):
        submit(
            subject=f"Góp ý {index}",
            host={"HTTP_HOST": "voi.localhost", "REMOTE_ADDR": f"10.0.0.{index}"},
        )
    codes = list(Feedback.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == 5
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code) & set("01OIL")


def test_due_date_counts_working_days():
    assert add_working_days(date(2026, 11, 27), 10) == date(2026, 12, 11)  # Friday
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday -> Monday
    assert add_working_days(date(2026, 10, 19), 5) == date(2026, 10, 26)
    # Was 30/11 when only weekends counted: holidays 0.109 lists 24/11/2026,
    # Vietnam Culture Day, as a day off.
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 12, 1)


def test_due_date_skips_the_tet_holiday():
    # Friday 13/2/2026; Tết Bính Ngọ closes offices Monday 16 to Friday 20/2.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 10) == date(2026, 3, 6)


def test_due_date_skips_reunification_and_labour_day():
    # Wednesday 29/4/2026; Thursday 30/4 and Friday 1/5 are public holidays.
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert add_working_days(date(2026, 4, 29), 10) == date(2026, 5, 15)


def test_due_date_skips_national_day_and_its_substitute_day_off():
    # Friday 28/8/2026; Monday 31/8 is off in exchange for Saturday 22/8,
    # then 1/9 and 2/9 (National Day).
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert add_working_days(date(2026, 8, 28), 10) == date(2026, 9, 16)
    # ... and Saturday 22/8, worked in exchange, counts as a working day.
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


def test_a_submission_just_before_tet_is_due_after_it(communes, monkeypatch):
    friday_before_tet = datetime(2026, 2, 13, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: friday_before_tet)
    feedback = store_feedback(
        communes["voi"],
        {"kind": "phan_anh", "subject": "Đường thôn", "message": "Ổ gà.", "email": "a@b.vn"},
        verified=True,
    )
    assert settings.FEEDBACK_ANSWER_WORKING_DAYS == 10
    assert feedback.due_date == date(2026, 3, 6)  # weekends only would say 27/2


def test_phone_or_email_is_required(captcha_ok):
    response = submit(phone="", email="")
    assert response.status_code == 200
    assert "Hãy cho biết số điện thoại hoặc địa chỉ thư điện tử" in response.content.decode()
    assert not Feedback.objects.exists()
    response = submit(phone="", email="lan@example.com")
    assert response.status_code == 302


def test_bad_phone_is_explained_and_text_kept(captcha_ok):
    response = submit(phone="12345")
    text = response.content.decode()
    assert "Nhập số điện thoại Việt Nam" in text
    assert "Ba bóng đèn đường ở thôn Chằm hỏng" in text
    assert not Feedback.objects.exists()


def test_honeypot_refuses_bots(captcha_ok):
    response = submit(website="http://spam.example")
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    assert captcha_ok == []  # refused before asking Google


def test_rate_limit_per_connection_keeps_the_text(captcha_ok):
    for index in range(settings.FEEDBACK_RATE_LIMIT):
        assert submit(subject=f"Lần {index}").status_code == 302
    response = submit(subject="Lần thừa")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Lần thừa" in text and "quá nhiều" in text
    assert Feedback.objects.count() == settings.FEEDBACK_RATE_LIMIT
    other = submit(subject="Từ máy khác", host={**HOST, "REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 302


def test_invalid_captcha_returns_the_form_with_everything_typed(captcha_invalid):
    response = submit()
    text = response.content.decode()
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert "Đèn đường thôn Chằm hỏng" in text
    assert "Nguyễn Thị Lan" in text
    assert "Kiểm tra chống thư rác không thành công" in text


def test_unreachable_captcha_keeps_the_submission_as_unverified(captcha_unreachable):
    response = submit()
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert not feedback.verified
    assert "unverified" in feedback.events.get(action="submitted").note


def test_missing_captcha_is_refused(captcha_ok):
    response = submit(**{"g-recaptcha-response": ""})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


@override_settings(EMAIL_BACKEND="tests.contact.test_feedback.BrokenEmailBackend")
def test_a_failing_mail_server_loses_nothing(
    captcha_ok, voi_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    actions = [e.action for e in feedback.events.all()]
    assert actions == ["submitted", "notified_commune_failed", "confirmed_to_citizen_failed"]
    assert "SMTP server down" in feedback.events.get(action="notified_commune_failed").note


def photo_upload(fmt="JPEG", size=(800, 600), exif=True):
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x010F] = "Camera Maker"  # Make
        data[0x010E] = "Nhà bà Lan, thôn Chằm"  # ImageDescription
        kwargs["exif"] = data.tobytes()
    image.save(buffer, fmt, **kwargs)
    buffer.seek(0)
    buffer.name = f"anh.{fmt.lower()}"
    return buffer


def test_photo_is_reencoded_without_metadata(captcha_ok):
    upload = photo_upload(size=(3000, 2000))
    with Image.open(photo_upload()) as original:
        assert original.getexif()  # the test photo does carry EXIF
    response = submit(photo=upload)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    with Image.open(feedback.photo.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert feedback.photo.name.startswith("feedback/") and "anh" not in feedback.photo.name


def test_non_image_and_oversized_files_are_refused(captcha_ok):
    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "anh.jpg"
    response = submit(photo=fake)
    assert "Tệp này không phải là ảnh" in response.content.decode()
    big = io.BytesIO(b"\xff" * (5 * 1024 * 1024 + 1))
    big.name = "to.jpg"
    response = submit(photo=big)
    assert "lớn hơn 5 MB" in response.content.decode()
    assert not Feedback.objects.exists()


def lookup(code, contact, host=HOST):
    return Client().post("/gop-y/tra-cuu/", {"code": code, "contact": contact}, **host)


def test_lookup_by_code_and_phone_or_email(captcha_ok):
    submit()
    feedback = Feedback.objects.get()
    for contact in ("0912345678", "+84 912 345 678", "LAN@example.com"):
        response = lookup(feedback.tracking_code.lower(), contact)
        assert response.status_code == 200, contact
        assert "Đèn đường thôn Chằm hỏng" in response.content.decode()


def test_lookup_with_the_wrong_phone_is_refused(captcha_ok):
    submit()
    feedback = Feedback.objects.get()
    for contact in ("0912345679", "someone@example.com", "abc"):
        response = lookup(feedback.tracking_code, contact)
        assert response.status_code == 404
        text = response.content.decode()
        assert "Đèn đường" not in text
        assert "Không tìm thấy" in text
    assert lookup("ABCD-EFGH", "0912345678").status_code == 404


def test_lookup_on_another_communes_site_finds_nothing(captcha_ok):
    submit()
    code = Feedback.objects.get().tracking_code
    assert lookup(code, "0912345678", host={"HTTP_HOST": "kep.localhost"}).status_code == 404


def test_lookup_is_rate_limited():
    for _ in range(settings.LOOKUP_RATE_LIMIT):
        lookup("ABCD-EFGH", "0912345678")
    assert lookup("ABCD-EFGH", "0912345678").status_code == 429


PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "<b>đậm</b>&amp;",
    "javascript:alert(1)",
    "{{ 7*7 }} {% now 'Y' %}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_field_is_escaped_everywhere(captcha_ok, payload, editor_a, client_for):
    response = submit(
        subject=f"Tiêu đề {payload}", message=f"Nội dung {payload}", name=f"Tên {payload}"
    )
    assert response.status_code == 302, response.content.decode()[:500]
    feedback = Feedback.objects.get()
    pages = [
        Client().get(response["Location"], **HOST).content.decode(),
        lookup(feedback.tracking_code, "0912345678").content.decode(),
        client_for(editor_a).get("/admin/feedback/").content.decode(),
        client_for(editor_a).get(f"/admin/feedback/edit/{feedback.pk}/").content.decode(),
    ]
    shown = escape(payload)
    # The confirmation page repeats none of it; the lookup page and the admin
    # show it escaped, never as it was typed (unless escaping leaves it as is).
    assert shown not in pages[0]
    for page in pages[1:]:
        assert shown in page
    for page in pages:
        if shown != payload:
            assert payload not in page
        assert "<script>alert" not in page
        assert "onerror=alert(1)>" not in page
        assert "<b>đậm</b>" not in page
    assert "49" not in pages[1].split("Nội dung")[1][:40]


def test_long_and_odd_unicode_is_kept_exactly(captcha_ok):
    odd = "Ôi 🙏🏽 ‮RTL‬ zero​width e\u0301 đ Đ 𠀀 " + "ệ" * 10
    message = (odd + " ") * (4900 // (len(odd) + 1))
    response = submit(subject=odd[:200], message=message, name="Lê Văn Ư" + "\u0300")
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.message == message.strip()  # the form trims the ends only
    assert "🙏🏽" in feedback.subject
    too_long = submit(message="a" * 5001, host={**HOST, "REMOTE_ADDR": "10.1.1.1"})
    assert too_long.status_code == 200
    assert Feedback.objects.count() == 1


def test_sms_file_backend_is_used_in_tests():
    assert settings.SMS_BACKEND == "home.sms.FileSmsBackend"
    with open(settings.SMS_FILE_PATH, encoding="utf-8") as handle:
        for line in handle:
            json.loads(line)


@override_settings(RECAPTCHA_VERSION="v3", RECAPTCHA_REQUIRED_SCORE=0.7)
@pytest.mark.parametrize("score,stored", [(0.9, True), (0.3, False)])
def test_recaptcha_v3_refuses_low_scores(monkeypatch, score, stored):
    from django_recaptcha.client import RecaptchaResponse

    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit",
        lambda **kwargs: RecaptchaResponse(
            is_valid=True, action="feedback", extra_data={"score": score}
        ),
    )
    page = Client().get("/gop-y/", **HOST).content.decode()
    assert "recaptcha/api.js?render=" in page  # the invisible v3 widget
    response = submit(captcha="token-from-v3")  # v3's widget posts under the field's name
    assert Feedback.objects.exists() is stored
    assert response.status_code == (302 if stored else 200)


def test_client_address_behind_trusted_proxies(rf, settings):
    from home.ratelimit import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"  # not behind a proxy: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # what our load balancer saw
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.2.3.4"
