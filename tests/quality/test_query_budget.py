"""Every citizen page type renders uncached in at most 12 SQL queries, with
the demo content and again with a lot more of everything (300 procedures,
40 more people, 60 published answers, 500 ratings, 20 more meetings, 10
more pages in the menu): the count must not grow with the content."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import fetch
from .content import add_lots_more
from .pages import CITIZEN_PAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUDGET = 12


def query_counts(paths: dict[str, str]) -> dict[str, int]:
    client = Client()
    counts = {}
    for page in CITIZEN_PAGES:
        fetch(client, page, paths)  # warm process-wide caches (content types, site roots)
        with CaptureQueriesContext(connection) as queries:
            response = fetch(client, page, paths)
        assert response.status_code == page.status, page.name
        counts[page.name] = len(queries)
    return counts


def test_every_citizen_page_stays_within_the_query_budget(quality_content, settings, subtests):
    assert settings.PAGE_CACHE_SECONDS == 0
    demo = query_counts(quality_content.paths)
    add_lots_more()
    lots = query_counts(quality_content.paths)
    for page in CITIZEN_PAGES:
        with subtests.test(msg=page.name):
            counts = (demo[page.name], lots[page.name])
            assert max(counts) <= BUDGET, f"{page.name}: {counts} queries (demo, lots)"
            assert counts[1] <= counts[0], f"{page.name} grows with content: {counts}"
