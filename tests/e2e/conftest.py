"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse the ORM calls the tests make to set up data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install it.")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshots_dir() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def live_district(live_server, migrated_db):
    """Two communes provisioned with demo content, served by the live server."""
    from django.core.management import call_command

    from home.demo import load_demo_content
    from home.registry import read_commune_registry
    from home.services import provision_communes
    from tests.conftest import SHIPPED_PROCEDURES

    rows = [row for row in read_commune_registry() if row.slug in {"voi", "tan-thanh"}]
    provision_communes(rows=rows, base_domain="localhost")
    load_demo_content()
    call_command("import_procedures", str(SHIPPED_PROCEDURES), verbosity=0)
    port = live_server.url.rsplit(":", 1)[1]
    return {slug: f"http://{slug}.localhost:{port}" for slug in ("voi", "tan-thanh")}
