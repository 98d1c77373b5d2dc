"""The survey's figures (``district.figures.survey``): counts per level,
satisfied shares by the survey's own rule, per commune and in total; the
pages that show them; and the admin screens attacked by the editor of Vôi
(A) towards Kép (B): responses, results and exports."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.models import SurveyResponse, SurveyRound, SurveyTopic
from contact.survey import store_survey_response
from district.figures import survey_results

pytestmark = pytest.mark.django_db
TOPICS = SurveyTopic.values


@pytest.fixture
def survey_round(communes):
    today = timezone.localdate()
    return SurveyRound.objects.create(
        title="Khảo sát thử", start_date=today - timedelta(days=3), end_date=today + timedelta(3)
    )


def respond(survey_round, commune, levels: list[str], kind="nguoi_dan"):
    return store_survey_response(
        survey_round, commune, kind, dict(zip(TOPICS, levels, strict=True))
    )


@pytest.fixture
def answered(survey_round, communes):
    """Vôi: 3 responses; Kép: 1 response, its comment-free answers all
    "very unsatisfied" (Kép's secret figure is 0.0%)."""
    voi, kep = communes["voi"], communes["kep"]
    respond(survey_round, voi, ["rat_hai_long", "hai_long", "binh_thuong", "hai_long", "hai_long"])
    respond(
        survey_round, voi, ["hai_long", "khong_hai_long", "binh_thuong", "hai_long", "hai_long"]
    )
    respond(
        survey_round,
        voi,
        ["binh_thuong", "rat_khong_hai_long", "hai_long", "hai_long", "rat_hai_long"],
        kind="doanh_nghiep",
    )
    respond(survey_round, kep, ["rat_khong_hai_long"] * 5, kind="to_chuc")
    return survey_round


def test_counts_and_shares_per_commune_question_and_total(answered, communes):
    results = survey_results(answered)
    voi = results.for_commune(communes["voi"])
    kep = results.for_commune(communes["kep"])
    tan_thanh = results.for_commune(communes["tan-thanh"])
    assert (voi.responses, kep.responses, tan_thanh.responses) == (3, 1, 0)
    assert voi.by_respondent == {"nguoi_dan": 2, "doanh_nghiep": 1}
    attitude = voi.questions[0]
    assert attitude.topic == SurveyTopic.ATTITUDE
    assert attitude.counts == {
        "rat_hai_long": 1,
        "hai_long": 1,
        "binh_thuong": 1,
        "khong_hai_long": 0,
        "rat_khong_hai_long": 0,
    }
    # "Bình thường" is not satisfied: 2 of 3.
    assert attitude.satisfied_share == 66.7
    assert [q.satisfied_share for q in voi.questions] == [66.7, 33.3, 33.3, 100.0, 100.0]
    assert voi.satisfied_share == 66.7  # 10 of 15 answers
    assert kep.satisfied_share == 0.0
    assert tan_thanh.satisfied_share is None  # nothing counted is not 0%
    # The total's shares come from summed counts: 10 of 20.
    assert results.total.responses == 4
    assert results.total.satisfied_share == 50.0
    assert results.total.questions[0].answers == 4


def test_the_chart_geometry_follows_the_counts(answered, communes):
    question = survey_results(answered).for_commune(communes["voi"]).questions[1]
    bars = question.levels
    assert [b.count for b in bars] == [0, 1, 0, 1, 1]
    assert [b.offset for b in bars] == [0.0, 0.0, 33.3, 33.3, 66.6]
    assert [b.share for b in bars] == [0.0, 33.3, 0.0, 33.3, 33.3]


def test_a_round_naming_communes_counts_only_those(survey_round, communes):
    survey_round.communes.set([communes["voi"]])
    results = survey_results(survey_round)
    assert [row.commune.slug for row in results.rows] == ["voi"]


def test_a_table_costs_four_queries(answered, communes, django_assert_num_queries):
    with django_assert_num_queries(4):
        survey_results(answered)


def test_the_commune_results_page_shows_its_own_figures_only(answered):
    page = Client().get("/danh-gia/khao-sat/ket-qua/", HTTP_HOST="voi.localhost").content.decode()
    assert "Khảo sát thử" in page
    assert "66,7%" in page or "66.7%" in page
    assert '<svg class="survey-chart__bar"' in page and "<table" in page
    kep = Client().get("/danh-gia/khao-sat/ket-qua/", HTTP_HOST="kep.localhost").content.decode()
    assert "0,0%" in kep or "0.0%" in kep
    assert "66,7%" not in kep and "66.7%" not in kep


def test_the_portal_shows_every_commune_and_the_total(answered):
    overview = Client().get("/hai-long/", HTTP_HOST="localhost").content.decode()
    assert '<a href="khao-sat/">' in overview  # relative to /hai-long/ (and /en/hai-long/)
    page = Client().get("/hai-long/khao-sat/", HTTP_HOST="localhost").content.decode()
    assert "Khảo sát sự hài lòng của người dân" in page
    for name in ("Thị trấn Vôi", "Thị trấn Kép"):
        assert name in page
    assert "50,0%" in page or "50.0%" in page
    assert page.count('<svg class="survey-chart__bar"') >= 3 + 5


# --- Admin, from the attacker's side ---------------------------------------


@pytest.fixture
def attacker(editor_a, client_for):
    return client_for(editor_a)


def test_editor_sees_own_results_not_the_other_communes(attacker, answered):
    page = attacker.get(reverse("district_survey")).content.decode()
    assert "Thị trấn Vôi" in page and "Thị trấn Kép" not in page
    export = attacker.get(reverse("district_survey_round", args=[answered.pk]) + "?export=csv")
    text = export.content.decode("utf-8-sig")
    assert "Thị trấn Vôi" in text and "Thị trấn Kép" not in text


def rows_of(listing) -> str:
    """The listing's table body (its filters name every commune)."""
    page = listing.content.decode()
    table = page.split('<table class="listing', 1)
    return table[1].split("</table>", 1)[0] if len(table) == 2 else ""


def test_editor_cannot_open_or_export_the_other_communes_responses(attacker, answered, communes):
    kep_response = SurveyResponse.objects.get(commune=communes["kep"])
    for name in ("inspect", "edit", "delete"):
        url = reverse(f"survey_responses:{name}", args=[kep_response.pk])
        assert attacker.get(url).status_code in (403, 404), name
    listing = rows_of(attacker.get(reverse("survey_responses:index")))
    assert "Thị trấn Kép" not in listing and listing.count("Thị trấn Vôi") == 3
    export = attacker.get(reverse("survey_responses:index") + "?export=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 3
    assert "Kép" not in text and "Vôi" in text
    other = attacker.get(reverse("survey_responses:index") + f"?commune={communes['kep'].pk}")
    assert "Thị trấn Kép" not in rows_of(other)


def test_editor_cannot_open_a_round_that_asks_only_the_other_commune(attacker, communes):
    today = timezone.localdate()
    kep_only = SurveyRound.objects.create(
        title="Đợt riêng của Kép", start_date=today, end_date=today
    )
    kep_only.communes.set([communes["kep"]])
    assert attacker.get(reverse("district_survey_round", args=[kep_only.pk])).status_code == 404


def test_only_the_district_creates_rounds(attacker, district_admin, client_for):
    assert attacker.get(reverse("survey_rounds:add")).status_code in (302, 403)
    assert attacker.get(reverse("survey_rounds:index")).status_code in (302, 403)
    admin = client_for(district_admin)
    today = timezone.localdate().isoformat()
    response = admin.post(
        reverse("survey_rounds:add"),
        {"title": "Khảo sát năm 2023", "intro": "", "start_date": today, "end_date": today},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SurveyRound.objects.filter(title="Khảo sát năm 2023").exists()
    assert admin.get(reverse("district_survey")).status_code == 200
