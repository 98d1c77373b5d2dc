import csv
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from district.models import DistrictHomePage
from home.models import Commune, CommuneSettings, HomePage
from home.registry import KIND_BY_LABEL, RegistryError, read_commune_registry
from procedures.models import ProcedureIndexPage
from tests.shipped import PROVISIONED, write_registry

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "communes": Commune.objects.count(),
        "settings": CommuneSettings.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "site_permissions": GroupSitePermission.objects.count(),
    }


def run(*args) -> str:
    out = StringIO()
    call_command("provision_communes", *args, stdout=out)
    return out.getvalue()


def test_registry_reads_every_line_of_the_shipped_file():
    rows = read_commune_registry()
    with settings.COMMUNE_REGISTRY_FILE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [row.code for row in rows] == [line["code"] for line in lines]
    assert [row.slug for row in rows] == [line["slug"] for line in lines]
    assert [row.kind for row in rows] == [
        KIND_BY_LABEL[line["type"].strip().lower()] for line in lines
    ]
    assert {row.slug for row in rows if row.kind == "thi_tran"} == {"voi", "kep"}
    assert set(PROVISIONED) <= {row.slug for row in rows}


def check_commune(commune: Commune) -> None:
    """A commune's site, home page, sections, settings, collection and group."""
    site = commune.site
    assert site.hostname == f"{commune.slug}.localhost"
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live and home.title == commune.full_name
    assert home.locale.language_code == "vi"
    commune_settings = CommuneSettings.for_site(site)
    assert commune_settings.official_name == commune.full_name
    assert commune_settings.statistical_code == commune.code
    assert commune.collection.name == commune.full_name
    assert commune.editors_group.name.endswith(f"({commune.code})")
    assert ProcedureIndexPage.objects.child_of(home).live().count() == 1


def test_every_provisioned_commune_has_site_home_settings_collection_and_group():
    communes = Commune.objects.select_related("site", "collection", "editors_group")
    assert sorted(c.slug for c in communes) == sorted(PROVISIONED)
    for commune in communes:
        check_commune(commune)


def test_district_portal_is_the_default_site():
    portal = Site.objects.get(is_default_site=True)
    assert portal.hostname == "localhost"
    assert isinstance(portal.root_page.specific, DistrictHomePage)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_dry_run_on_empty_commune_saves_nothing(tmp_path):
    registry = tmp_path / "communes.csv"
    registry.write_text(
        "code,name,type,slug,full_name,district,province\n"
        "99999,Thử Nghiệm,xã,thu-nghiem,Xã Thử Nghiệm,Huyện Lạng Giang (217),Tỉnh Bắc Giang (24)\n",
        encoding="utf-8",
    )
    before = counts()
    output = run("--registry", str(registry), "--dry-run")
    assert "[dry run] would make" in output
    assert counts() == before
    assert not Commune.objects.filter(code="99999").exists()


def test_renamed_commune_is_renamed_not_duplicated(tmp_path):
    registry = write_registry(tmp_path / "shipped.csv", PROVISIONED)
    with registry.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    for line in lines:
        if line["code"] == "07375":
            line.update(name="Vôi Mới", slug="voi-moi", full_name="Thị trấn Vôi Mới")
    registry = tmp_path / "communes.csv"
    with registry.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerows(lines)
    before = counts()
    old_site_id = Commune.objects.get(code="07375").site_id

    run("--registry", str(registry))

    assert counts() == before
    commune = Commune.objects.get(code="07375")
    assert commune.site_id == old_site_id
    assert commune.site.hostname == "voi-moi.localhost"
    assert commune.site.root_page.title == "Thị trấn Vôi Mới"
    assert commune.site.root_page.url_path == "/voi-moi/"
    assert commune.collection.name == "Thị trấn Vôi Mới"
    assert "Thị trấn Vôi Mới" in commune.editors_group.name
    assert CommuneSettings.for_site(commune.site).official_name == "Thị trấn Vôi Mới"


def test_registry_with_bad_rows_reports_each_and_changes_nothing(tmp_path):
    registry = tmp_path / "communes.csv"
    registry.write_text(
        "code,name,type,slug,full_name,district,province\n"
        "99998,Một,thôn,mot,Thôn Một,,\n"
        "99997,,xã,hai,Xã Hai,,\n"
        "99996,Ba,xã,ba,Xã Ba,,\n"
        "99996,Bốn,xã,bon,Xã Bốn,,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryError) as error:
        read_commune_registry(registry)
    message = str(error.value)
    assert "row 2: unknown type 'thôn'" in message
    assert "row 3: missing name" in message
    assert "duplicate code '99996'" in message
    before = counts()
    with pytest.raises(CommandError):
        run("--registry", str(registry))
    assert counts() == before


@pytest.mark.parametrize(
    ("command", "role", "group_field"),
    [
        ("add_commune_editor", "editors", "editors_group"),
        ("add_commune_approver", "approvers", "approvers_group"),
    ],
)
def test_add_commune_member_creates_user_in_that_group_only(communes, command, role, group_field):
    out = StringIO()
    call_command(command, "nguyenvana", "--commune", "voi", "--password", "s3cret-pw!", stdout=out)
    assert f"created and added to the {role} of" in out.getvalue()
    user = get_user_model().objects.get(username="nguyenvana")
    assert user.check_password("s3cret-pw!")
    assert list(user.groups.all()) == [getattr(communes["voi"], group_field)]

    call_command(command, "nguyenvana", "--commune", "voi", "--no-input", stdout=out)
    assert out.getvalue().endswith(f"nguyenvana: added to the {role} of {communes['voi']}.\n")
    user.refresh_from_db()
    assert user.check_password("s3cret-pw!"), "no new password given: the old one stays"


@pytest.mark.parametrize("command", ["add_commune_editor", "add_commune_approver"])
def test_add_commune_member_rejects_unknown_commune(command):
    with pytest.raises(CommandError, match="No commune"):
        call_command(command, "x", "--commune", "nowhere", "--password", "pw")


@pytest.mark.usefixtures("whole_registry")
class TestWholeRegistry:
    """The shipped registry provisioned whole, once for these tests."""

    def test_every_commune_has_site_home_settings_collection_and_group(self):
        communes = Commune.objects.select_related("site", "collection", "editors_group")
        registry = read_commune_registry()
        assert sorted(c.code for c in communes) == sorted(row.code for row in registry)
        for commune in communes:
            check_commune(commune)

    def test_second_run_changes_nothing_and_says_so(self):
        before = counts()
        output = run()
        assert output.strip() == (
            f"{len(read_commune_registry())} communes provisioned; nothing to change."
        )
        assert counts() == before
