"""The demo district of ``content.py``, built once per session and copied
back for each test that asks for it (``committed_state``), served by the
live server for the browser checks."""

import pytest
from django.test import Client

from tests.shipped import committed_state

from .content import QualityContent, build_quality_content
from .pages import CitizenPage


@pytest.fixture
def quality_content(migrated_db) -> QualityContent:
    return committed_state("quality_content", build_quality_content)


@pytest.fixture
def live_quality(live_server, quality_content):
    """``url(page)``: the page's address on the live server."""
    port = live_server.url.rsplit(":", 1)[1]

    def url(page: CitizenPage) -> str:
        return f"http://{page.host()}:{port}{page.resolved_path(quality_content.paths)}"

    return url


def fetch(client: Client, page: CitizenPage, paths: dict[str, str]):
    return client.get(page.resolved_path(paths), HTTP_HOST=page.host())
