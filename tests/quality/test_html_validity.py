"""The W3C Nu HTML checker finds no error on any citizen page type (its
warnings are listed, not failed)."""

import warnings

import pytest
from django.test import Client

from .checkers import vnu_messages
from .conftest import fetch
from .pages import CITIZEN_PAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_nu_html_checker_finds_no_errors_on_any_citizen_page(quality_content, tmp_path):
    names: dict[str, str] = {}
    client = Client()
    for page in CITIZEN_PAGES:
        response = fetch(client, page, quality_content.paths)
        assert response.status_code == page.status, page.name
        (tmp_path / f"{page.id}.html").write_bytes(response.content)
        names[f"{page.id}.html"] = page.name
    messages = vnu_messages(sorted(tmp_path.glob("*.html")))

    def where(message: dict) -> str:
        file_name = message.get("url", "?").rsplit("/", 1)[-1]
        line = message.get("lastLine", "?")
        return f"{names.get(file_name, file_name)}, line {line}: {message['message']}"

    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    notes = [m for m in messages if m["type"] == "info"]
    if notes:
        warnings.warn("Nu HTML checker warnings:\n" + "\n".join(map(where, notes)), stacklevel=1)
    assert not errors, "\n".join(map(where, errors))
