"""axe-core in Debian's Chromium finds nothing on any citizen page type, at a
phone's width and a desktop's."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import CITIZEN_PAGES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def axe_violations(browser, url: str, viewport: tuple[int, int]) -> list[dict]:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        # Google's reCAPTCHA script cannot load here; the page must still pass.
        page.route("https://www.google.com/**", lambda route: route.abort())
        page.route("https://www.gstatic.com/**", lambda route: route.abort())
        page.goto(url, wait_until="load")
        return Axe().run(page).response["violations"]
    finally:
        context.close()


# One test per width, so that parallel workers share the checks.
@pytest.mark.parametrize("width_name", VIEWPORTS)
def test_axe_finds_no_violations_on_any_citizen_page(browser, live_quality, subtests, width_name):
    for page in CITIZEN_PAGES:
        with subtests.test(msg=f"{page.name} at {width_name} width"):
            violations = axe_violations(browser, live_quality(page), VIEWPORTS[width_name])
            assert not violations, describe(violations)
