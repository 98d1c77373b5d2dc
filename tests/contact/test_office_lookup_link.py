"""The one-stop office page links to the dossier look-up (issue 17)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_office_page_links_to_its_own_commune_s_dossier_lookup(communes):
    for slug in ("voi", "kep"):
        response = Client().get("/mot-cua/", HTTP_HOST=f"{slug}.localhost:8000")
        assert response.status_code == 200
        page = response.content.decode()
        link = page.split('class="dossier-lookup-link"', 1)[1].split("</p>", 1)[0]
        assert '<a href="/tra-cuu-ho-so/">Tra cứu hồ sơ</a>' in link
