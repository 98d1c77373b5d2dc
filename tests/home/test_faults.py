"""Fault drills that run fast enough for the suite; the slower ones (a real
Redis stopped and started, a PostgreSQL cluster restarted under load, the
backup and restore) are scripts under ``bench/`` (see bench/README.md).

Redis down: the settings the project builds from ``REDIS_URL`` are loaded
with an address where nothing listens. Pages are still served (uncached),
citizens can still send feedback, rate limits still hold (per process) and
nothing raises.

Database down: a citizen gets a clear "try again in a moment" page (503,
with Retry-After, rendered without the database), never half a submission.
"""

import os
import runpy
import socket
import time
from pathlib import Path

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.test import Client, override_settings
from django_recaptcha.client import RecaptchaResponse

from contact.models import Feedback
from home import ratelimit
from home.sections import SECTIONS_BY_KEY
from tests.committed import in_thread

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = {"HTTP_HOST": "voi.localhost"}
LOOKUP_URL = f"/{SECTIONS_BY_KEY['dossier_lookup'].slug}/"
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_with_redis_at(url: str, monkeypatch) -> dict:
    """The cache settings ``config/settings/base.py`` builds for ``REDIS_URL``."""
    monkeypatch.setenv("REDIS_URL", url)
    built = runpy.run_path(str(ROOT / "config" / "settings" / "base.py"))
    names = ["CACHES", "SESSION_ENGINE"] + [n for n in built if n.startswith("RATELIMIT")]
    return {name: built[name] for name in names}


@pytest.fixture
def redis_down(monkeypatch):
    overrides = settings_with_redis_at(f"redis://127.0.0.1:{closed_port()}/0", monkeypatch)
    assert "redis" in overrides["CACHES"]["default"]["BACKEND"].lower()
    ratelimit.fallback.clear()
    with override_settings(**overrides):
        yield
    ratelimit.fallback.clear()


@pytest.fixture
def captcha_ok(monkeypatch):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit", lambda **kw: RecaptchaResponse(is_valid=True)
    )


@pytest.mark.django_db
def test_redis_down_pages_are_still_served(redis_down):
    started = time.monotonic()
    for path in ("/", "/thu-tuc/", "/gop-y/", "/", "/healthz/"):
        response = Client().get(path, **HOST)
        assert response.status_code == 200, (path, response.status_code)
    assert time.monotonic() - started < 10
    health = Client().get("/healthz/").json()
    assert health["status"] == "degraded"
    assert any("cache" in problem for problem in health["problems"])


@pytest.mark.django_db
@override_settings(FEEDBACK_RATE_LIMIT=2)
def test_redis_down_feedback_is_stored_and_the_limit_still_holds(redis_down, captcha_ok):
    def send(index):
        return Client().post(
            "/gop-y/",
            {
                "kind": "gop_y",
                "subject": f"Góp ý khi Redis hỏng {index}",
                "message": "Nội dung.",
                "name": "Người dân",
                "email": "dan@example.com",
                "g-recaptcha-response": "ok",
            },
            REMOTE_ADDR="203.0.113.50",
            **HOST,
        )

    assert [send(index).status_code for index in range(3)] == [302, 302, 429]
    assert Feedback.objects.count() == 2


@pytest.mark.django_db
@override_settings(LOOKUP_RATE_LIMIT=2)
def test_redis_down_the_dossier_lookup_stays_limited(redis_down):
    statuses = [
        Client()
        .post(
            LOOKUP_URL,
            {"receipt_code": "KHONG-CO", "phone_last_four": "1234"},
            REMOTE_ADDR="2001:db8:5::1",
            **HOST,
        )
        .status_code
        for _ in range(3)
    ]
    assert statuses == [404, 404, 429]


@pytest.mark.django_db
def test_redis_down_editors_can_still_log_in(redis_down, editor_a):
    client = Client()
    response = client.post("/admin/login/", {"username": editor_a.username, "password": "pw"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def failing_queries(matching: str = ""):
    def wrapper(execute, sql, params, many, context):
        if matching in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db
def test_database_down_citizens_get_a_clear_retry_page():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(failing_queries()):
        response = client.get("/", **HOST)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "thử lại" in page and "Traceback" not in page


@pytest.mark.django_db
def test_database_failing_mid_submission_leaves_no_half_written_feedback(captcha_ok):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(failing_queries('INSERT INTO "contact_feedbackevent"')):
        response = client.post(
            "/gop-y/",
            {
                "kind": "gop_y",
                "subject": "Nửa chừng",
                "message": "Cơ sở dữ liệu ngắt giữa chừng.",
                "name": "Người dân",
                "email": "dan@example.com",
                "g-recaptcha-response": "ok",
            },
            **HOST,
        )
    assert response.status_code == 503
    assert not Feedback.objects.filter(subject="Nửa chừng").exists()


def terminate_backend(pid: int) -> None:
    def kill():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])

    in_thread(kill)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="restarts a PostgreSQL backend")
@pytest.mark.django_db(transaction=False)
def test_after_the_database_restarts_the_next_request_reconnects():
    """A persistent connection killed under an app server (PostgreSQL
    restarted, a fail-over): the first request afterwards must not fail."""

    def drill():
        client = Client(raise_request_exception=False)
        close_old_connections()  # what the WSGI handler does when a request starts
        assert client.get("/", **HOST).status_code == 200
        pid = connection.connection.info.backend_pid
        terminate_backend(pid)
        time.sleep(0.2)
        close_old_connections()
        after = client.get("/", **HOST)
        return after.status_code, connection.connection.info.backend_pid != pid

    status, reconnected = in_thread(drill)
    assert status == 200
    assert reconnected


@pytest.mark.django_db
def test_redis_down_is_tried_once_then_left_alone_for_a_few_seconds(redis_down, monkeypatch):
    """A page makes a dozen cache calls: with Redis down each would wait for
    its timeout. The first failure opens a circuit; calls then fail at once."""
    from django.core.cache import cache
    from redis.connection import AbstractConnection

    attempts = []
    original = AbstractConnection.connect

    def counting_connect(self, *args, **kwargs):
        attempts.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "connect", counting_connect)
    for _ in range(20):
        assert cache.get("anything") is None
    assert Client().get("/", **HOST).status_code == 200
    assert len(attempts) == 1
