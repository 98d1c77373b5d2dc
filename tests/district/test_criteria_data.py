"""The criteria file next to the plan's section III: every criterion quoted
as the plan writes it, grouped as the plan groups them, commune duties only,
and what the database holds is the file (no count written anywhere)."""

import importlib
import json

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from district.criteria import CRITERIA_FILE, load_criteria
from district.models import (
    Criterion,
    CriterionProgress,
    CriterionSection,
    ProgressStatus,
    StatusChange,
)
from home.services import ProvisionReport

from .plan_text import PLAN, SECTION_III, SECTION_V, plain

DATA = json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))
SECTIONS = DATA["sections"]
PLAN_SECTIONS = [s for s in SECTIONS if not s.get("filled_by_district")]
ROWS = [row for s in SECTIONS for row in s["criteria"]]


@pytest.mark.parametrize("row", ROWS, ids=[row["code"] for row in ROWS])
def test_every_criterion_is_quoted_from_section_iii(row):
    assert plain(row["requirement"]) in SECTION_III
    if row.get("heading"):
        assert plain(row["heading"]) in SECTION_III


def test_groups_are_the_plans_headings():
    for group in PLAN_SECTIONS:
        ref = group["plan_reference"].removeprefix("III.")
        assert f"{ref}. {plain(group['title'])}" in SECTION_III
        assert plain(group["part"]) in SECTION_III
    assert [g["part"] for g in PLAN_SECTIONS] == ["1. Đối với hoạt động của chính quyền"] * 3 + [
        "2. Đối với cán bộ công chức"
    ] * 2


def test_every_bullet_of_section_iii_is_a_criterion():
    """Each "- " or "+ " item of section III (the lines the plan lists as
    duties) is in the file, once."""
    text = CRITERIA_FILE.parent.joinpath(
        "ke-hoach-chinh-quyen-than-thien-lang-giang-2022.txt"
    ).read_text(encoding="utf-8")
    body = text.split("III. NỘI DUNG TIÊU CHÍ XÂY DỰNG", 1)[1].split("IV. CÁC BƯỚC", 1)[0]
    bullets = [
        line[2:]
        for line in body.splitlines()
        if line.startswith(("- ", "+ ")) and not line.endswith("như:")
    ]
    quoted = [plain(row["requirement"]) for row in ROWS]
    for bullet in bullets:
        assert sum(plain(bullet) in q for q in quoted) == 1, bullet
    assert len(ROWS) == len(bullets)


def test_the_words_the_old_list_got_wrong():
    text = {row["code"]: row["requirement"] for row in ROWS}
    assert '"nhanh hơn, tiết kiệm hơn, hợp lý hơn, thân thiện hơn"' in text["1.2.6"]
    assert "“Sáng, xanh, sạch, đẹp, an toàn”" in text["1.2.1"]
    assert "(bộ phận một cửa, tiếp công dân)" in text["1.1.6"]
    assert "cán bộ, công chức cấp xã" in text["1.1.2"]
    assert not any("rẻ hơn" in t for t in text.values())


def test_each_criterion_names_the_agency_that_checks_it():
    for row in ROWS:
        assert row["agency"] and row["agency_basis"] in ("V.2", "V.6"), row["code"]
        if row["agency_basis"] == "V.2":
            assert row["agency"] == "Phòng Nội vụ huyện"
    assert plain("Phòng Nội vụ huyện") in SECTION_V
    police = [s for s in SECTIONS if s.get("filled_by_district")]
    assert [(s["agency"], s["agency_basis"], s["criteria"]) for s in police] == [
        ("Công an huyện", "V.3", [])
    ]
    assert plain("mô hình “Công an thân thiện”") in SECTION_V


def test_no_steering_committee_task_is_a_commune_criterion():
    for row in ROWS:
        for words in ("Sơ kết", "Ban Chỉ đạo huyện", "Ra mắt mô hình điểm", "Khảo sát"):
            assert words not in row["requirement"], row["code"]


@pytest.mark.django_db
def test_the_database_holds_the_file(communes):
    loaded = list(Criterion.objects.order_by("section__number", "sort_order"))
    assert [c.code for c in loaded] == [row["code"] for row in ROWS]
    assert [c.requirement for c in loaded] == [row["requirement"] for row in ROWS]
    assert not Criterion.objects.filter(code__startswith="5.").exists()
    assert CriterionSection.objects.count() == len(SECTIONS)


@pytest.mark.django_db
def test_x_of_n_reads_n_from_the_data(communes, district_admin, client_for):
    page = client_for(district_admin).get(reverse("district_dashboard")).content.decode()
    assert f"/{len(ROWS)}<" in page
    assert "Kế hoạch có" not in page and "The plan has" not in page


@pytest.mark.django_db
def test_police_criteria_survive_a_reload_and_removed_ones_go(communes):
    police = CriterionSection.objects.get(filled_by_district=True)
    Criterion.objects.create(section=police, code="CA.1", requirement="Tiêu chí của Công an")
    stray = Criterion.objects.create(
        section=CriterionSection.objects.get(number=1), code="9.9", requirement="Không có"
    )
    report = load_criteria(report=ProvisionReport())
    assert Criterion.objects.filter(code="CA.1").exists()
    assert not Criterion.objects.filter(pk=stray.pk).exists()
    assert "criterion 9.9: removed (not in the plan's file)" in report.changes
    assert load_criteria(report=ProvisionReport()).changes == []


MIGRATION = importlib.import_module("district.migrations.0005_criteria_as_the_plan_writes_them")


@pytest.mark.django_db
def test_the_data_migration_keeps_each_communes_status(communes):
    """Old codes as they were before it; their progress rows as the old
    model wrote them (no history yet)."""
    Criterion.objects.all().delete()
    section = CriterionSection.objects.get(number=1)
    old = {
        code: Criterion.objects.create(section=section, code=code, requirement=code)
        for code in ("1.2", "2.1", "2.4", "4.4", "5.1")
    }
    CriterionProgress.objects.bulk_create(
        CriterionProgress(commune=communes["voi"], criterion=old[code], status=status)
        for code, status in [
            ("1.2", ProgressStatus.MET),
            ("2.1", ProgressStatus.IN_PROGRESS),
            ("2.4", ProgressStatus.MET),
            ("4.4", ProgressStatus.IN_PROGRESS),
            ("5.1", ProgressStatus.MET),
        ]
    )
    before = (
        MigrationLoader(connection)
        .project_state(("district", "0004_programme_steps_and_status_history"))
        .apps
    )  # the models as the migration sees them: no history written on save
    MIGRATION.rename_criteria(before, None)
    MIGRATION.record_first_states(before, None)
    statuses = dict(
        CriterionProgress.objects.filter(commune=communes["voi"]).values_list(
            "criterion__code", "status"
        )
    )
    assert statuses == {
        "1.1.2": ProgressStatus.MET,
        "1.2.1": ProgressStatus.IN_PROGRESS,
        "1.2.2": ProgressStatus.IN_PROGRESS,
        "1.2.6": ProgressStatus.MET,
        "2.2.2": ProgressStatus.IN_PROGRESS,
    }
    assert StatusChange.objects.filter(commune=communes["voi"]).count() == 5
    load_criteria(report=ProvisionReport())
    assert Criterion.objects.get(code="1.2.6").requirement.endswith(
        '"nhanh hơn, tiết kiệm hơn, hợp lý hơn, thân thiện hơn".'
    )
    assert plain(Criterion.objects.get(code="1.2.6").requirement) in PLAN
