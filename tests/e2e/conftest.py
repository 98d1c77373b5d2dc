"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (kept importable here)

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def screenshots_dir() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def live_district(live_server, migrated_db):
    """Two communes provisioned with demo content, served by the live server."""
    from django.core.management import call_command

    from district.demo import load_demo_content
    from district.provisioning import provision_communes
    from home.registry import read_commune_registry
    from tests.conftest import SHIPPED_PROCEDURES

    rows = [row for row in read_commune_registry() if row.slug in {"voi", "tan-thanh"}]
    provision_communes(rows=rows, base_domain="localhost")
    load_demo_content()
    call_command("import_procedures", str(SHIPPED_PROCEDURES), verbosity=0)
    port = live_server.url.rsplit(":", 1)[1]
    return {slug: f"http://{slug}.localhost:{port}" for slug in ("voi", "tan-thanh")}
