"""Static files are answered before any middleware that reads the cache or
the database (issue 18): a stylesheet costs no Redis read, no query and no
Content-Security-Policy header, whatever host it is asked on."""

import pytest
from django.core.cache import cache
from django.templatetags.static import static

from district.merge import ARCHIVED_HOSTS_CACHE_KEY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["voi.localhost", "localhost", "unknown.example"])
def test_a_stylesheet_is_served_without_cache_or_database(client, django_assert_num_queries, host):
    with django_assert_num_queries(0):
        response = client.get(static("theme/site.css"), HTTP_HOST=host)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    assert "Content-Security-Policy" not in response.headers
    # The archived-hosts list is read from the cache, and built from the
    # database on a miss, by the first middleware a page request meets.
    assert cache.get(ARCHIVED_HOSTS_CACHE_KEY) is None


def test_a_page_still_passes_the_archived_hosts_check(client):
    response = client.get("/", HTTP_HOST="voi.localhost")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert cache.get(ARCHIVED_HOSTS_CACHE_KEY) is not None
