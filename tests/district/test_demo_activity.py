"""The demo shows the product at work: every commune of the session has
ratings of both kinds, feedback answered on time and late, criteria
confirmed and proposed, a late dossier with its apology letter, so the
portal's and the dashboard's figures are not "—". All of it is example
rows, nothing is sent, and a second load changes nothing."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from contact.models import Feedback, FeedbackNotice, Letter, LetterKind, Rating, RatingKind
from district.demo import load_demo_content
from district.figures import Period, dashboard_table
from district.models import CriterionProgress, ProgressStatus
from procedures.models import Dossier, SmsMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(communes):
    load_demo_content()
    return communes


def test_every_commune_shows_figures(demo):
    table = dashboard_table(None, Period.last_twelve_months())
    assert len(table.rows) == len(demo)
    for row in table.rows:
        slug = row.commune.slug
        assert row.procedure_ratings > row.reception_ratings > 0, slug
        assert 0 < row.procedure_satisfied_share < 100, slug
        assert row.reception_satisfied_share is not None, slug
        assert 0 < row.answered_on_time < row.answered < row.feedback_received, slug
        assert row.median_days_to_answer is not None, slug
        assert row.programme.criteria_met > 0, slug
        assert (row.dossiers_on_time, row.dossiers_late) == (1, 1), slug
    assert table.for_commune(demo["voi"]).overdue == 1  # the first commune has one overdue


def test_criteria_confirmed_and_proposed(demo):
    for commune in demo.values():
        progress = CriterionProgress.objects.filter(commune=commune)
        assert progress.filter(confirmed=True, status=ProgressStatus.MET).exists(), commune
        assert progress.filter(confirmed=False, status=ProgressStatus.MET).exists(), commune


def test_the_late_dossier_has_its_apology_letter(demo):
    voi = demo["voi"]
    late = Dossier.objects.filter(commune=voi, is_example=True).late().get()
    assert late.new_appointment_date > timezone.localdate()
    letter = Letter.objects.get(commune=voi, kind=LetterKind.APOLOGY)
    assert late.receipt_code in letter.reason
    assert letter.new_appointment_date == late.new_appointment_date
    assert "(minh họa)" in letter.recipient_name


def test_everything_is_an_example_and_nothing_is_sent(demo):
    assert not Rating.objects.filter(is_example=False).exists()
    assert not Feedback.objects.filter(is_example=False).exists()
    assert not Feedback.objects.exclude(phone="").exists()
    assert not Feedback.objects.exclude(email="").exists()
    assert not FeedbackNotice.objects.exists()
    assert not SmsMessage.objects.exclude(status="example").exists()
    assert mail.outbox == []
    kinds = set(Rating.objects.values_list("kind", flat=True))
    assert kinds == {RatingKind.PROCEDURE, RatingKind.RECEPTION}


def test_dates_count_back_from_today(demo):
    now = timezone.now()
    assert not Rating.objects.filter(created_at__gt=now).exists()
    assert not Rating.objects.filter(created_at__lt=now - timedelta(days=160)).exists()


def test_a_second_load_changes_nothing(demo):
    before = (Rating.objects.count(), Feedback.objects.count(), CriterionProgress.objects.count())
    assert not load_demo_content().changed
    after = (Rating.objects.count(), Feedback.objects.count(), CriterionProgress.objects.count())
    assert after == before


def test_the_portal_shows_figures_not_dashes(demo):
    html = Client().get("/", HTTP_HOST="localhost:8000").content.decode()
    for name in ("Thị trấn Vôi", "Thị trấn Kép", "Xã Tân Thanh"):
        item = html.split(f"{name}</a>", 1)[1].split("</li>", 1)[0]
        assert "—" not in item, name
        assert len(re.findall(r"<strong>[\d,]+%</strong>", item)) == 3, name
