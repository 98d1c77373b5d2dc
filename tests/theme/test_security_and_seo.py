"""Headers, robots, sitemaps, canonical and hreflang links, the health check,
and the admin login lock-out."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def get(slug, path="/", **extra):
    host = f"{slug}.localhost:8000" if slug else "localhost:8000"
    return Client().get(path, HTTP_HOST=host, **extra)


def csp(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (item.strip() for item in policy.split(";"))
        if part
    }


def test_citizen_pages_carry_a_strict_content_security_policy():
    for path in ("/", "/thu-tuc/", "/lien-he/", "/danh-gia/"):
        response = get("voi", path)
        policy = csp(response)
        assert policy["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "google" not in response["Content-Security-Policy"], path
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"]


def test_only_the_feedback_form_allows_recaptcha():
    policy = csp(get("voi", "/gop-y/"))
    assert "https://www.google.com/recaptcha/" in policy["script-src"]
    assert "https://www.gstatic.com/recaptcha/" in policy["script-src"]
    assert "https://www.google.com/recaptcha/" in policy["frame-src"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_no_inline_script_on_citizen_pages():
    for path in ("/", "/thu-tuc/", "/thu-tuc/1.001193/", "/lien-he/", "/gop-y/", "/danh-gia/"):
        page = get("voi", path).content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", page) if " src=" not in tag]
        # Structured data is the one script written into a page.
        assert set(inline) <= {'<script type="application/ld+json">'}, (path, inline)


def test_robots_txt_points_at_the_sites_own_sitemap():
    response = get("kep", "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://kep.localhost:8000/sitemap.xml" in text


def test_sitemap_lists_only_the_sites_pages():
    text = get("voi", "/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    # Addresses come from the Site's own hostname and port (80 here).
    assert "http://voi.localhost/lien-he/" in locations
    assert all(loc.startswith("http://voi.localhost/") for loc in locations)
    assert len(locations) >= 8


def test_favicon_and_canonical():
    assert get("voi", "/favicon.ico").status_code == 301
    page = get("voi", "/thu-tuc/", data={"q": "khai sinh"}).content.decode()
    assert '<link rel="canonical" href="http://voi.localhost:8000/thu-tuc/">' in page
    assert 'rel="icon"' in page


def test_hreflang_both_ways_only_where_a_translation_exists():
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)  # translates Vôi's home page
    vietnamese = get("voi", "/").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://voi.localhost:8000/">' in vietnamese
    assert '<link rel="alternate" hreflang="en" href="http://voi.localhost:8000/en/">' in vietnamese
    english = get("voi", "/en/").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://voi.localhost:8000/">' in english
    assert '<html lang="en">' in english
    untranslated = get("voi", "/lien-he/").content.decode()
    assert 'hreflang="en"' not in untranslated


def test_health_check():
    response = get(None, "/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "problems": []}


def test_admin_login_is_locked_after_repeated_failures(django_user_model):
    django_user_model.objects.create_user(username="bientap", password="dung-mat-khau")
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "bientap", "password": "sai"})
        assert response.status_code == 200
    fifth = client.post("/admin/login/", {"username": "bientap", "password": "sai"})
    assert fifth.status_code == 429
    locked = client.post("/admin/login/", {"username": "bientap", "password": "dung-mat-khau"})
    assert locked.status_code == 429
    other_user = Client().post("/admin/login/", {"username": "khac", "password": "sai"})
    assert other_user.status_code == 200


def test_admin_login_works_with_the_right_password(django_user_model):
    django_user_model.objects.create_user(
        username="bientap2", password="dung-mat-khau", is_superuser=True
    )
    response = Client().post("/admin/login/", {"username": "bientap2", "password": "dung-mat-khau"})
    assert response.status_code == 302


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-like-secret-key-0123456789",
        "RECAPTCHA_PUBLIC_KEY": "site-key-from-google",
        "RECAPTCHA_PRIVATE_KEY": "secret-key-from-google",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
