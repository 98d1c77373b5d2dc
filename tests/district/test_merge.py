"""Merging communes: everything moves, every old URL answers 301 to a live
page (old hostnames included), and on any error nothing changes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from contact.models import Feedback, Official, Rating
from district.merge import MergeError, counts_for, merge_communes
from district.models import ArchivedSite, CommuneLaunch
from home.access import communes_for_user
from home.models import Commune, StandardPage
from procedures.models import Dossier
from tests.factories import OfficialFactory
from tests.shipped import PROVISIONED, provision, shared_state, write_registry

from .conftest import make_dossier

pytestmark = pytest.mark.django_db

SOURCES = ["kep", "dai-lam", "tan-dinh"]
# Two more communes of the registry than the session provisions, to merge three.
EXTRA = ["dai-lam", "tan-dinh"]


@pytest.fixture(scope="module", autouse=True)
def three_sources(django_db_setup, django_db_blocker):
    yield from shared_state(django_db_blocker, lambda: provision(EXTRA))


def fill(commune: Commune, n: int) -> None:
    """n of each: people, feedback, ratings, dossiers, images, documents, and
    a content page with a child."""
    for i in range(n):
        OfficialFactory(commune=commune)
        Feedback.objects.create(
            commune=commune,
            tracking_code=f"M{commune.code[-3:]}-{i:03d}",
            kind="gop_y",
            subject="Ý kiến",
            message="Nội dung",
            name="Người dân",
            due_date="2025-01-20",
        )
        Rating.objects.create(commune=commune, level="hai_long")
        make_dossier(commune, receipt_code=f"{commune.slug}-{i}")
        Image.objects.create(
            title=f"Ảnh {i}", file=get_test_image_file(), collection=commune.collection
        )
        Document.objects.create(title=f"Tài liệu {i}", collection=commune.collection)
    home = commune.site.root_page
    news = StandardPage(title="Bản tin", slug="ban-tin")
    home.add_child(instance=news)
    news.save_revision().publish()
    item = StandardPage(title="Bản tin số 1", slug="ban-tin-1")
    news.add_child(instance=item)
    item.save_revision().publish()


@pytest.fixture
def merged_world(communes, make_editor):
    for i, slug in enumerate(SOURCES, start=1):
        fill(communes[slug], i)
    CommuneLaunch.objects.create(commune=communes["kep"], launch_date="2022-11-15")
    editors = [make_editor(communes[slug]) for slug in SOURCES]
    old_urls = {}
    for slug in SOURCES:
        site = communes[slug].site
        for page in Page.objects.descendant_of(site.root_page, inclusive=True).live():
            old_urls[(slug, page.get_url_parts()[2])] = page.pk
    before = {slug: counts_for(communes[slug]) for slug in SOURCES}
    return {"editors": editors, "old_urls": old_urls, "before": before}


def get(host: str, path: str):
    return Client().get(path, HTTP_HOST=host)


def test_merge_several_communes_into_a_new_one(communes, merged_world):
    report = merge_communes(sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001")
    target = Commune.objects.get(slug="kep-moi")
    assert report.target_created and target.full_name == "Xã Kép Mới"
    after = counts_for(target)
    before = merged_world["before"]
    for key in (
        "contact.Official",
        "contact.Feedback",
        "contact.Rating",
        "procedures.Dossier",
        "images",
        "documents",
    ):
        assert after[key] == sum(b[key] for b in before.values()) == 6, key
    assert after["district.CommuneLaunch"] == 1
    provisioned = Page.objects.descendant_of(target.site.root_page, inclusive=True).count() - sum(
        b["pages"] for b in before.values()
    )
    assert report.moved["pages"] == sum(b["pages"] for b in before.values())
    # The new commune's home and its provisioned pages: about, catalogue, contact,
    # office, reception, feedback, rating, dossier look-up, news, announcements,
    # greetings, thank-you.
    assert provisioned == 13
    assert Official.objects.filter(commune__slug__in=SOURCES).count() == 0
    assert Dossier.objects.filter(commune=target).count() == 6
    for slug in SOURCES:
        old = Commune.objects.get(slug=slug)
        assert old.site is None and old.merged_into == target
        site = Site.objects.get(hostname=f"{slug}.localhost")
        assert ArchivedSite.objects.get(site=site).merged_into == target


def test_every_old_url_redirects_permanently_to_a_live_page(communes, merged_world):
    merge_communes(sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001")
    assert len(merged_world["old_urls"]) >= 3 * 10
    for (slug, path), pk in merged_world["old_urls"].items():
        response = get(f"{slug}.localhost:8000", path)
        assert response.status_code == 301, (slug, path)
        location = response["Location"]
        assert location.startswith("http://kep-moi.localhost/"), location
        assert location == Page.objects.get(pk=pk).get_full_url()
        new_path = location.removeprefix("http://kep-moi.localhost")
        assert get("kep-moi.localhost:8000", new_path).status_code == 200, location


def test_page_routes_and_unknown_paths_follow_too(communes, merged_world):
    merge_communes(sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001")
    response = get("kep.localhost", "/gop-y/tra-cuu/")
    assert response.status_code == 301
    assert response["Location"] == "http://kep-moi.localhost/kep/gop-y/tra-cuu/"
    assert get("kep-moi.localhost", "/kep/gop-y/tra-cuu/").status_code == 200


def test_editors_of_the_old_communes_edit_the_new_one(communes, merged_world):
    merge_communes(sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001")
    target = Commune.objects.get(slug="kep-moi")
    for editor in merged_world["editors"]:
        editor = get_user_model().objects.get(pk=editor.pk)
        assert list(communes_for_user(editor)) == [target]
        client = Client()
        client.force_login(editor)
        moved_home = Page.objects.get(pk=communes["kep"].site.root_page_id)
        assert client.get(f"/admin/pages/{moved_home.pk}/edit/").status_code == 200


def test_merge_into_an_existing_commune(communes, merged_world):
    voi_people = Official.objects.filter(commune=communes["voi"]).count()
    report = merge_communes(sources=["kep"], target="voi")
    assert not report.target_created
    assert Official.objects.filter(commune=communes["voi"]).count() == voi_people + 1
    assert get("kep.localhost", "/ban-tin/ban-tin-1/")["Location"] == (
        "http://voi.localhost/kep/ban-tin/ban-tin-1/"
    )


def test_a_failure_midway_changes_nothing(communes, merged_world, monkeypatch):
    def explode(source, target, report):
        raise RuntimeError("disk full")

    monkeypatch.setattr("district.merge.move_editors", explode)
    with pytest.raises(RuntimeError):
        merge_communes(sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001")
    assert not Commune.objects.filter(slug="kep-moi").exists()
    assert not ArchivedSite.objects.exists()
    for slug in SOURCES:
        commune = Commune.objects.get(slug=slug)
        assert commune.site is not None and commune.merged_into is None
        assert counts_for(commune) == merged_world["before"][slug]
    assert get("kep.localhost", "/ban-tin/ban-tin-1/").status_code == 200


def test_dry_run_reports_the_plan_and_changes_nothing(communes, merged_world):
    report = merge_communes(
        sources=SOURCES, target="kep-moi", name="Kép Mới", code="99001", dry_run=True
    )
    assert report.dry_run and report.moved["procedures.Dossier"] == 6
    assert report.redirects == len(merged_world["old_urls"])
    assert not Commune.objects.filter(slug="kep-moi").exists()
    for slug in SOURCES:
        assert counts_for(Commune.objects.get(slug=slug)) == merged_world["before"][slug]
    assert get("kep.localhost", "/").status_code == 200


def test_command_and_its_refusals(communes, merged_world, capsys):
    call_command(
        "merge_communes",
        "kep",
        "--into",
        "kep-moi",
        "--dry-run",
        "--name",
        "Kép Mới",
        "--code",
        "99001",
    )
    out = capsys.readouterr().out
    assert "would merge 1 commune(s) into Xã Kép Mới" in out
    assert "permanent redirects: " in out
    with pytest.raises(CommandError, match="give --name and --code"):
        call_command("merge_communes", "kep", "--into", "nowhere")
    with pytest.raises(CommandError, match="unknown commune"):
        call_command("merge_communes", "atlantis", "--into", "voi")
    with pytest.raises(MergeError):
        merge_communes(sources=["voi"], target="voi")
    call_command("merge_communes", "kep", "--into", "voi")
    with pytest.raises(CommandError, match="already merged"):
        call_command("merge_communes", "kep", "--into", "voi")


def test_provisioning_leaves_merged_communes_archived(communes, merged_world, tmp_path):
    merge_communes(sources=["kep"], target="voi")
    registry = write_registry(tmp_path / "communes.csv", [*PROVISIONED, *EXTRA])
    call_command("provision_communes", "--registry", str(registry), verbosity=0)
    kep = Commune.objects.get(slug="kep")
    assert kep.site is None
    assert Site.objects.filter(hostname="kep.localhost").count() == 1
    assert get("kep.localhost", "/").status_code == 301


def test_translated_pages_move_to_the_new_home_of_their_language(communes):
    call_command("load_demo_content", verbosity=0)
    english_home = Page.objects.get(
        translation_key=communes["voi"].site.root_page.translation_key, locale__language_code="en"
    )
    old_path = english_home.get_url_parts()[2]
    assert old_path == "/en/"
    merge_communes(sources=["voi"], target="kep")
    english_home.refresh_from_db()
    kep_home = communes["kep"].site.root_page
    assert english_home.get_parent().specific.translation_key == kep_home.translation_key
    assert english_home.get_parent().locale.language_code == "en"
    new_url = Page.objects.get(pk=english_home.pk).get_full_url()
    assert new_url == f"http://kep.localhost/en/{english_home.slug}/"
    response = get("voi.localhost", "/en/")
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert get("kep.localhost", new_url.removeprefix("http://kep.localhost")).status_code == 200
