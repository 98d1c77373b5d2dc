"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (kept importable here)

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
LIVE_COMMUNES = ("voi", "tan-thanh")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def screenshots_dir() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_district() -> None:
    from django.core.management import call_command

    from district.demo import load_demo_content
    from district.provisioning import provision_communes
    from tests.shipped import SHIPPED_PROCEDURES, registry_rows

    provision_communes(rows=registry_rows(LIVE_COMMUNES), base_domain="localhost")
    load_demo_content()
    call_command("import_procedures", str(SHIPPED_PROCEDURES), verbosity=0)


@pytest.fixture
def live_district(live_server, migrated_db):
    """Two communes provisioned with demo content, served by the live server
    (built once, copied back for each test: ``committed_state``)."""
    from tests.shipped import committed_state

    committed_state("e2e live_district", build_district)
    port = live_server.url.rsplit(":", 1)[1]
    return {slug: f"http://{slug}.localhost:{port}" for slug in LIVE_COMMUNES}
