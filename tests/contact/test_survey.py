"""The residents' satisfaction survey on a commune's site: no login and
nothing personal, one response per device and round, a limit per
connection, only the communes a round asks, only while it is open."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from contact.models import SurveyAnswer, SurveyResponse, SurveyRound, SurveyTopic
from contact.survey import SurveyForm

pytestmark = pytest.mark.django_db
VOI = {"HTTP_HOST": "voi.localhost:8000"}
KEP = {"HTTP_HOST": "kep.localhost:8000"}
URL = "/danh-gia/khao-sat/"


def answers(level="hai_long", respondent="nguoi_dan", **overrides) -> dict:
    data = {"respondent_type": respondent}
    data.update({f"q_{topic}": level for topic in SurveyTopic.values})
    data.update(overrides)
    return data


def make_round(*communes, days_left=10, started=-1, title="Khảo sát năm 2022") -> SurveyRound:
    today = timezone.localdate()
    survey_round = SurveyRound.objects.create(
        title=title,
        start_date=today + timedelta(days=started),
        end_date=today + timedelta(days=days_left),
    )
    survey_round.communes.set(communes)
    return survey_round


def test_the_questionnaire_asks_every_topic_and_nothing_personal(communes):
    make_round()
    page = Client().get(URL, **VOI).content.decode()
    assert "Khảo sát năm 2022" in page
    for label in (
        "Thái độ phục vụ của cán bộ, công chức",
        "Việc công khai thủ tục hành chính và thông tin của chính quyền",
        "Việc giải quyết thủ tục hành chính",
        "Việc tiếp công dân",
        "Việc trả lời phản ánh, kiến nghị của người dân",
        "Người dân",
        "Tổ chức",
        "Doanh nghiệp",
        "Rất không hài lòng",
        "Bình thường",
    ):
        assert label in page
    fields = set(SurveyForm().fields)
    assert fields == {"respondent_type", *(f"q_{topic}" for topic in SurveyTopic.values)}
    for personal in ("name", "phone", "email", "address"):
        assert f'name="{personal}"' not in page


def test_a_response_is_stored_with_every_answer(communes):
    survey_round = make_round()
    levels = dict(
        zip(
            SurveyTopic.values,
            ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", "rat_khong_hai_long"],
            strict=True,
        )
    )
    data = answers(respondent="doanh_nghiep", **{f"q_{t}": lv for t, lv in levels.items()})
    response = Client().post(URL, data, **VOI)
    assert response.status_code == 302
    assert response["Location"] == "/danh-gia/khao-sat/cam-on/"
    stored = SurveyResponse.objects.get()
    assert (stored.survey_round, stored.commune, stored.respondent_type) == (
        survey_round,
        communes["voi"],
        "doanh_nghiep",
    )
    assert dict(stored.answers.values_list("topic", "level")) == levels


def test_an_incomplete_questionnaire_is_refused_and_nothing_stored(communes):
    make_round()
    data = answers()
    del data[f"q_{SurveyTopic.RECEPTION}"]
    response = Client().post(URL, data, **VOI)
    assert response.status_code == 400
    assert "Việc tiếp công dân" in response.content.decode()
    assert SurveyResponse.objects.count() == 0 and SurveyAnswer.objects.count() == 0


def test_one_response_per_device_and_round(communes):
    first_round = make_round()
    phone = Client()
    assert phone.post(URL, answers(), **VOI).status_code == 302
    again = phone.get(URL, **VOI).content.decode()
    assert "Bạn đã trả lời đợt khảo sát này trên thiết bị này" in again
    assert '<form class="form survey-form"' not in again
    assert phone.post(URL, answers(level="khong_hai_long"), **VOI).status_code == 409
    assert SurveyResponse.objects.count() == 1
    assert Client().post(URL, answers(), **VOI).status_code == 302  # another phone
    # A new round asks the same phone again.
    first_round.end_date = timezone.localdate() - timedelta(days=1)
    first_round.save()
    make_round(title="Khảo sát năm 2023")
    assert phone.post(URL, answers(), **VOI).status_code == 302
    assert SurveyResponse.objects.filter(survey_round=first_round).count() == 2


def test_a_forged_cookie_does_not_block_nor_count(communes):
    survey_round = make_round()
    phone = Client()
    phone.cookies[f"survey-{survey_round.pk}"] = "1:forged"
    assert phone.post(URL, answers(), **VOI).status_code == 302


@override_settings(SURVEY_RATE_LIMIT=3)
def test_a_connection_is_limited(communes):
    make_round()
    codes = [Client().post(URL, answers(), **VOI).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert SurveyResponse.objects.count() == 3
    other = Client().post(URL, answers(), REMOTE_ADDR="203.0.113.9", **VOI)
    assert other.status_code == 302


def test_a_round_asks_only_the_communes_it_names(communes):
    make_round(communes["kep"])
    voi = Client().get(URL, **VOI).content.decode()
    assert "chưa mở đợt khảo sát nào" in voi
    assert Client().post(URL, answers(), **VOI).status_code == 200
    assert SurveyResponse.objects.count() == 0
    assert Client().post(URL, answers(), **KEP).status_code == 302
    assert SurveyResponse.objects.get().commune == communes["kep"]


@pytest.mark.parametrize("started, days_left", [(1, 10), (-20, -1)])
def test_no_answer_before_or_after_the_round(communes, started, days_left):
    make_round(started=started, days_left=days_left)
    assert Client().post(URL, answers(), **VOI).status_code == 200
    assert SurveyResponse.objects.count() == 0


def test_the_poster_carries_the_survey_link_as_a_qr_code(communes):
    make_round()
    page = Client().get(URL + "in-poster/", **VOI).content.decode()
    assert "http://voi.localhost:8000/danh-gia/khao-sat/" in page
    assert 'aria-label="Mã QR mở phiếu khảo sát"' in page and "<svg" in page


def test_a_round_ends_before_it_starts_is_invalid():
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        SurveyRound(title="x", start_date=today, end_date=today - timedelta(days=1)).full_clean()
