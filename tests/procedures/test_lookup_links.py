"""The dossier look-up is linked where a citizen who has applied looks for
it: the catalogue and every procedure page (issue 17), found in the page tree."""

import pytest
from django.test import Client

from procedures.models import DossierLookupPage

pytestmark = pytest.mark.django_db

LINK = 'class="dossier-lookup-link"'


def html(slug: str, path: str) -> str:
    response = Client().get(path, HTTP_HOST=f"{slug}.localhost:8000")
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def lookup_link(page: str) -> str:
    return page.split(LINK, 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("path", ["/thu-tuc/", "/thu-tuc/1.001193/"])
def test_catalogue_and_procedure_pages_link_to_the_dossier_lookup(path):
    link = lookup_link(html("voi", path))
    assert '<a href="/tra-cuu-ho-so/">Tra cứu hồ sơ</a>' in link
    assert "Đã nộp hồ sơ? Theo dõi hồ sơ bằng mã biên nhận:" in link


def test_the_link_follows_the_page_and_goes_with_it(communes):
    page = DossierLookupPage.objects.child_of(communes["kep"].site.root_page).get()
    page.slug = "theo-doi-ho-so"
    page.save_revision().publish()
    assert 'href="/theo-doi-ho-so/"' in lookup_link(html("kep", "/thu-tuc/1.001193/"))
    assert 'href="/tra-cuu-ho-so/"' in lookup_link(html("voi", "/thu-tuc/1.001193/"))
    page.unpublish()
    assert LINK not in html("kep", "/thu-tuc/1.001193/")
