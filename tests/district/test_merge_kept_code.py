"""Merges where the new commune keeps the code of one merged unit (most of
2025's): Xã Lạng Giang keeps Thị trấn Vôi's 07375. That unit becomes the new
commune; its old addresses answer 301 like the others'; all or nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from contact.models import Feedback, Official, Rating
from district.merge import MergeError, merge_communes
from district.models import ArchivedSite
from home.models import Commune, UnitKind
from procedures.models import Dossier
from tests.shipped import provision, shared_state

from .test_merge import fill

pytestmark = pytest.mark.django_db

# Resolution 1658/NQ-UBTVQH15: Vôi, Hương Lạc (with Yên Mỹ since January
# 2025), Tân Hưng and Xương Lâm make Xã Lạng Giang, code 07375 (Vôi's).
LANG_GIANG = ["voi", "huong-lac", "tan-hung", "xuong-lam"]
EXTRA = ["huong-lac", "tan-hung", "xuong-lam"]


@pytest.fixture(scope="module", autouse=True)
def lang_giang_units(django_db_setup, django_db_blocker):
    yield from shared_state(django_db_blocker, lambda: provision(EXTRA))


def row_counts() -> dict[str, int]:
    """Every kind of row a merge must keep: pages, people, feedback, ratings,
    dossiers, files, users, communes and every row pointing to a commune."""
    counts = {
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "users": get_user_model().objects.count(),
        "communes": Commune.objects.count(),
    }
    for relation in Commune._meta.related_objects:
        if relation.related_model in (Commune, ArchivedSite) or relation.many_to_many:
            continue  # ArchivedSite: the merge's own record, one per old hostname
        model = relation.related_model
        counts[model._meta.label] = model._default_manager.count()
    return counts


def live_urls(slugs) -> dict[tuple[str, str], int]:
    urls = {}
    for commune in Commune.objects.filter(slug__in=slugs).select_related("site"):
        for page in Page.objects.descendant_of(commune.site.root_page, inclusive=True).live():
            urls[(commune.slug, page.get_url_parts()[2])] = page.pk
    return urls


def get(host: str, path: str):
    return Client().get(path, HTTP_HOST=host)


@pytest.fixture
def filled(communes, make_editor):
    units = {c.slug: c for c in Commune.objects.filter(slug__in=LANG_GIANG)}
    for i, slug in enumerate(LANG_GIANG, start=1):
        fill(units[slug], i)
        make_editor(units[slug])
    return {"urls": live_urls(LANG_GIANG), "before": row_counts(), "voi": units["voi"]}


def test_the_new_commune_keeps_the_code_of_a_merged_unit(filled, capsys):
    call_command(
        "merge_communes",
        *LANG_GIANG,
        "--into",
        "lang-giang",
        "--name",
        "Lạng Giang",
        "--code",
        "07375",
    )
    out = capsys.readouterr().out
    assert "keeps the code of Thị trấn Vôi (07375), which becomes the new commune" in out
    assert "merged 4 commune(s) into Xã Lạng Giang" in out
    new = Commune.objects.select_related("site").get(code="07375")
    assert new.pk == filled["voi"].pk  # Vôi became the new commune, not a copy
    assert (new.slug, new.full_name, new.kind) == ("lang-giang", "Xã Lạng Giang", UnitKind.COMMUNE)
    assert new.site.hostname == "lang-giang.localhost"
    assert new.site.root_page.title == "Xã Lạng Giang"
    assert not Commune.objects.filter(slug="voi").exists()
    for slug in EXTRA:
        assert Commune.objects.get(slug=slug).merged_into == new
    archive = ArchivedSite.objects.get(site__hostname="voi.localhost")
    assert (archive.former_code, archive.former_name, archive.merged_into) == (
        "07375",
        "Thị trấn Vôi",
        new,
    )
    assert row_counts() == filled["before"]
    assert Official.objects.filter(commune=new).count() == 1 + 2 + 3 + 4
    for model in (Feedback, Rating, Dossier):
        assert model.objects.filter(commune=new).count() == 10
    assert Image.objects.filter(collection=new.collection).count() == 10


def test_every_old_address_of_every_unit_answers_301_to_its_page(filled):
    merge_communes(sources=LANG_GIANG, target="lang-giang", name="Lạng Giang", code="07375")
    urls = filled["urls"]
    assert {slug for slug, _ in urls} == set(LANG_GIANG)
    assert len(urls) >= 4 * 14
    for (slug, path), pk in urls.items():
        response = get(f"{slug}.localhost", path)
        assert response.status_code == 301, (slug, path)
        location = response["Location"]
        assert location == Page.objects.get(pk=pk).get_full_url(), (slug, path)
        assert location.startswith("http://lang-giang.localhost/")
        page = get("lang-giang.localhost", location.removeprefix("http://lang-giang.localhost"))
        assert page.status_code == 200, location
    # Vôi's own pages keep their paths on the new hostname.
    assert get("voi.localhost", "/ban-tin/ban-tin-1/")["Location"] == (
        "http://lang-giang.localhost/ban-tin/ban-tin-1/"
    )
    assert get("voi.localhost", "/gop-y/tra-cuu/")["Location"] == (
        "http://lang-giang.localhost/gop-y/tra-cuu/"
    )


def test_the_new_commune_may_take_the_slug_of_another_merged_unit(communes, make_editor):
    """Tiên Lục 2025 keeps Nghĩa Hưng's code and Tiên Lục's name: here Kép's
    code and Tân Thanh's slug. Tân Thanh's hostname becomes the new commune's;
    its old paths that are no page there still answer 301."""
    fill(communes["tan-thanh"], 1)
    old = live_urls(["kep", "tan-thanh"])
    before = row_counts()
    report = merge_communes(
        sources=["tan-thanh", "kep"], target="tan-thanh", name="Tân Thanh", code="07399"
    )
    assert report.archived_hosts == ["kep.localhost"]
    new = Commune.objects.select_related("site").get(code="07399")
    assert (new.slug, new.full_name, new.site.hostname) == (
        "tan-thanh",
        "Xã Tân Thanh",
        "tan-thanh.localhost",
    )
    assert Commune.objects.get(code="07411").slug == "tan-thanh-07411"
    assert not ArchivedSite.objects.filter(site__hostname="tan-thanh.localhost").exists()
    assert row_counts() == before
    for (slug, path), pk in old.items():
        response = get(f"{slug}.localhost", path)
        page = Page.objects.get(pk=pk)
        if slug == "kep":
            assert response.status_code == 301, path
            assert response["Location"] == page.get_full_url()
        elif response.status_code == 301:
            assert response["Location"] == page.get_full_url(), path
        else:  # the same path is a page of the new commune (its own "Giới thiệu")
            assert response.status_code == 200, path
    assert get("tan-thanh.localhost", "/ban-tin/ban-tin-1/")["Location"] == (
        "http://tan-thanh.localhost/tan-thanh/ban-tin/ban-tin-1/"
    )


def test_a_failure_midway_changes_nothing(filled, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("district.merge.provision_commune", explode)
    with pytest.raises(RuntimeError):
        merge_communes(sources=LANG_GIANG, target="lang-giang", name="Lạng Giang", code="07375")
    assert row_counts() == filled["before"]
    assert not ArchivedSite.objects.exists()
    assert Commune.objects.get(code="07375").slug == "voi"
    for slug in LANG_GIANG:
        assert Commune.objects.get(slug=slug).merged_into is None
        assert get(f"{slug}.localhost", "/ban-tin/ban-tin-1/").status_code == 200


def test_refusals(filled):
    with pytest.raises(MergeError, match="already used"):
        # Kép's code, but Kép is not merged here.
        merge_communes(sources=LANG_GIANG, target="lang-giang", name="Lạng Giang", code="07399")
    with pytest.raises(MergeError, match="already the slug of"):
        merge_communes(sources=LANG_GIANG, target="kep", name="Lạng Giang", code="07375")
    with pytest.raises(MergeError, match="into itself"):
        merge_communes(sources=LANG_GIANG, target="voi")
    assert row_counts() == filled["before"]
