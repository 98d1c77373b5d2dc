"""The 2025 reform applied to the shipped 21 units of Lạng Giang: the five
communes of Resolution 1658/NQ-UBTVQH15 (Article 1, items 46–50), every old
page address answering 301 to a live page, no row lost; a dry run and an
injected failure change nothing.

One class, on the whole shipped registry (``whole_registry``: provisioning
the 21 units costs one to two minutes)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from district.reform import apply_reform, plan_reform
from home.models import Commune, UnitKind

from .test_merge_kept_code import row_counts

pytestmark = pytest.mark.django_db

# Resolution 1658/NQ-UBTVQH15 (16 June 2025) on the communes of Bắc Ninh,
# items 46–50: the 2025 commune (code, name) and the units it is made of, as
# the Resolution names them (the map after January 2025).
RESOLUTION_1658 = {
    "07375": ("Xã Lạng Giang", {"voi", "huong-lac", "tan-hung", "xuong-lam"}),
    "07381": ("Xã Tiên Lục", {"tien-luc", "nghia-hoa", "nghia-hung", "dao-my", "an-ha"}),
    "07399": ("Xã Kép", {"kep", "quang-thinh", "huong-son"}),
    "07420": ("Xã Mỹ Thái", {"my-thai", "duong-duc", "tan-thanh", "xuan-huong"}),
    "07432": ("Xã Tân Dĩnh", {"tan-dinh", "dai-lam", "thai-dao"}),
}
# The shipped registry is the map of 2022: two units merged in January 2025
# before the Resolution (Mỹ Hà into Tiên Lục, Yên Mỹ into Hương Lạc).
JANUARY_2025 = {"my-ha": ("tien-luc", "Xã Tiên Lục"), "yen-my": ("huong-lac", "Xã Hương Lạc")}
SLUGS = {
    "07375": "lang-giang",
    "07381": "tien-luc",
    "07399": "kep",
    "07420": "my-thai",
    "07432": "tan-dinh",
}


def expected_members(code: str) -> set[str]:
    members = set(RESOLUTION_1658[code][1])
    return members | {old for old, (into, _) in JANUARY_2025.items() if into in members}


def old_addresses() -> dict[tuple[str, str], int]:
    urls = {}
    for commune in Commune.objects.filter(site__isnull=False).select_related("site"):
        homes = Page.objects.filter(translation_key=commune.site.root_page.translation_key)
        for home in homes:
            for page in Page.objects.descendant_of(home, inclusive=True).live():
                site_id, _, path = page.get_url_parts()
                if site_id == commune.site_id:
                    urls[(commune.site.hostname, path)] = page.pk
    return urls


def get(host: str, path: str):
    return Client().get(path, HTTP_HOST=host)


def state() -> dict:
    return {
        "rows": row_counts(),
        "communes": sorted(
            Commune.objects.values_list("code", "slug", "full_name", "site_id", "merged_into_id")
        ),
    }


@pytest.mark.usefixtures("whole_registry")
class TestReformOfTheShippedUnits:
    def test_the_plan_is_the_resolution(self):
        groups = plan_reform()
        assert {g.unit.code: g.unit.full_name for g in groups} == {
            code: name for code, (name, _) in RESOLUTION_1658.items()
        }
        for group in groups:
            code = group.unit.code
            assert {m.slug for m in group.members} == expected_members(code), code
            assert group.unit.slug == SLUGS[code]
            assert group.unit.kind == UnitKind.COMMUNE
            assert group.unit.province == "Tỉnh Bắc Ninh"
            # Each keeps the code of one of its units.
            assert group.keeper is not None, code
            for member in group.members:
                assert member.via == dict(JANUARY_2025).get(member.slug, ("", ""))[1]
        assert sum(len(g.members) for g in groups) == 21

    def test_dry_run_prints_the_plan_and_changes_nothing(self):
        before = state()
        out = StringIO()
        call_command("apply_reform", "--dry-run", stdout=out)
        output = out.getvalue()
        assert "Xã Lạng Giang (07375, Tỉnh Bắc Ninh) → lang-giang" in output
        assert "← Thị trấn Vôi (07375, voi) [keeps its code]" in output
        assert "← Xã Mỹ Hà (07402, my-ha) [in Xã Tiên Lục since January 2025]" in output
        assert "[dry run] would merge 21 commune(s) into 5 of the 2025 map" in output
        assert state() == before
        assert get("voi.localhost", "/").status_code == 200

    def test_an_injected_failure_leaves_everything_as_it_was(self, monkeypatch):
        before = state()
        calls = []

        def explode_at_the_third(source, target, report):
            calls.append(source.slug)
            if len(calls) == 11:
                raise RuntimeError("disk full")

        monkeypatch.setattr("district.merge.move_editors", explode_at_the_third)
        with pytest.raises(RuntimeError):
            apply_reform()
        # Lạng Giang (4 merged into Vôi) and Tiên Lục (5) done, Kép's second failed.
        assert len(calls) == 11
        assert state() == before
        assert get("voi.localhost", "/").status_code == 200

    def test_the_reform_gives_the_five_communes_and_keeps_every_address(self):
        old = old_addresses()
        assert {host for host, _ in old} == {f"{c.slug}.localhost" for c in Commune.objects.all()}
        before = row_counts()
        apply_reform()
        live = Commune.objects.filter(site__isnull=False).select_related("site")
        assert sorted((c.code, c.full_name, c.slug) for c in live) == sorted(
            (code, name, SLUGS[code]) for code, (name, _) in RESOLUTION_1658.items()
        )
        for commune in live:
            assert commune.kind == UnitKind.COMMUNE and commune.province == "Tỉnh Bắc Ninh"
            assert commune.district == ""
            assert commune.site.hostname == f"{commune.slug}.localhost"
            merged = set(commune.merged_from.values_list("code", flat=True)) | {commune.code}
            assert len(merged) == len(expected_members(commune.code))
        assert row_counts() == before
        live_hosts = {c.site.hostname for c in live}
        redirected = 0
        for (host, path), pk in old.items():
            response = get(host, path)
            if response.status_code == 200:
                # Only where the address is the new commune's own (same hostname).
                assert host in live_hosts, (host, path)
                continue
            assert response.status_code == 301, (host, path)
            location = response["Location"]
            assert location == Page.objects.get(pk=pk).get_full_url(), (host, path)
            new_host, new_path = location.removeprefix("http://").split("/", 1)
            assert new_host in live_hosts
            assert get(new_host, "/" + new_path).status_code == 200, location
            redirected += 1
        # 17 old hostnames archived (15 merged units', Vôi's and Nghĩa Hưng's, whose
        # codes Lạng Giang and Tiên Lục keep); each of their 13 pages answers 301.
        assert redirected == 17 * 13
