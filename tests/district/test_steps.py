"""The twelve steps of section IV: the file quotes the plan; a late step is
flagged on the dashboard and its reminder is in the outbox; an editor of
Vôi never reaches Kép's step statuses or evidence."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.documents.models import Document

from district.criteria import STEPS_FILE
from district.models import (
    Criterion,
    CriterionSection,
    ReminderKind,
    StatusChange,
    Step,
    StepLevel,
    StepProgress,
    StepReminder,
    StepStatus,
)
from district.progress import save_step_progress
from district.reminders import send_step_reminders

from .plan_text import SECTION_IV, SECTION_V, plain
from .test_admin import denied

STEPS = json.loads(STEPS_FILE.read_text(encoding="utf-8"))["steps"]


def test_each_step_is_quoted_from_section_iv():
    rows = [
        line
        for line in STEPS_FILE.parent.joinpath(
            "ke-hoach-chinh-quyen-than-thien-lang-giang-2022.txt"
        )
        .read_text(encoding="utf-8")
        .splitlines()
        if line.split("\t", 1)[0].isdigit()
    ]
    assert [row["number"] for row in STEPS] == [int(r.split("\t", 1)[0]) for r in rows]
    for row, line in zip(STEPS, rows, strict=True):
        _, content, when, unit = line.split("\t")
        assert (row["content"], row["deadline_text"], row["unit"]) == (content, when, unit)
        assert plain(row["content"]) in SECTION_IV
        assert row["level"] in ("district", "commune")
        if row.get("commune_duty"):
            assert plain(row["commune_duty"]) in SECTION_V


@pytest.mark.django_db
def test_the_database_holds_the_steps(communes):
    loaded = list(Step.objects.values_list("number", "deadline", "level"))
    assert loaded == [(r["number"], date.fromisoformat(r["deadline"]), r["level"]) for r in STEPS]


def commune_step() -> Step:
    return Step.objects.filter(level=StepLevel.COMMUNE).order_by("number").first()


@pytest.fixture
def voi_editor(communes, make_editor):
    user = make_editor(communes["voi"], "bien-tap-voi")
    user.email = "voi@example.org"
    user.save()
    return user


@pytest.fixture
def admin_with_mail(district_admin):
    district_admin.email = "huyen@example.org"
    district_admin.save()
    return district_admin


@pytest.mark.django_db
@override_settings(PROGRAMME_STEP_REMINDER_DAYS=5)
def test_a_passed_deadline_sends_a_reminder_and_flags_the_step_late(
    communes, voi_editor, admin_with_mail, client_for, make_editor
):
    kep_editor = make_editor(communes["kep"], "bien-tap-kep")
    kep_editor.email = "kep@example.org"
    kep_editor.save()
    step = commune_step()
    Step.objects.exclude(pk=step.pk).update(deadline=date(2099, 1, 1))
    for commune in communes.values():  # the others done on time
        if commune.slug != "voi":
            StepProgress.objects.create(
                commune=commune, step=step, status=StepStatus.DONE, done_on=step.deadline
            )
    before = (step.deadline - timedelta(days=5)).isoformat()
    assert send_step_reminders.enqueue(before).return_value == 1
    assert mail.outbox[-1].subject.startswith(f"Bước {step.number} của Kế hoạch đến hạn")
    assert send_step_reminders.enqueue(before).return_value == 0  # once
    mail.outbox.clear()
    after = (step.deadline + timedelta(days=1)).isoformat()
    assert send_step_reminders.enqueue(after).return_value == 1
    [message] = mail.outbox
    assert sorted(message.to) == ["huyen@example.org", "voi@example.org"]
    assert "Thị trấn Vôi" in message.subject and "trễ hạn" in message.subject
    assert step.unit in message.body
    assert set(StepReminder.objects.values_list("kind", flat=True)) == {
        ReminderKind.BEFORE,
        ReminderKind.PASSED,
    }
    assert send_step_reminders.enqueue(after).return_value == 0
    page = client_for(voi_editor).get(reverse("district_dashboard")).content.decode()
    late = page.split('id="late-steps"', 1)[1]
    assert "Thị trấn Vôi" in late and "Trễ hạn" in late and step.deadline_text in late


@pytest.mark.django_db
def test_a_step_done_on_time_is_not_late_and_not_reminded(communes, admin_with_mail, client_for):
    Step.objects.update(deadline=date(2099, 1, 1))
    step = commune_step()
    step.deadline = date(2024, 5, 31)
    step.save()
    for commune in communes.values():
        save_step_progress(
            StepProgress(commune=commune, step=step, status=StepStatus.DONE, done_on=step.deadline),
            user=admin_with_mail,
        )
    assert send_step_reminders.enqueue("2024-06-10").return_value == 0
    assert mail.outbox == []
    page = client_for(admin_with_mail).get(reverse("district_dashboard")).content.decode()
    assert "Không có bước nào trễ hạn." in page
    change = StatusChange.objects.filter(step=step, commune=communes["voi"]).get()
    assert (change.status, change.by, change.done_on) == ("done", admin_with_mail, step.deadline)


@pytest.fixture
def kep_evidence(communes):
    return Document.objects.create(
        title="Quyết định bí mật của Kép",
        file=ContentFile(b"%PDF-1.4 Kep", name="kep.pdf"),
        collection=communes["kep"].collection,
    )


@pytest.fixture
def kep_step(communes, kep_evidence):
    return StepProgress.objects.create(
        commune=communes["kep"],
        step=commune_step(),
        status=StepStatus.DONE,
        done_on=date(2022, 9, 1),
        evidence_document=kep_evidence,
        note="Ghi chú bí mật của Kép",
    )


def step_form(commune, step, **extra):
    return {
        "commune": commune.pk if commune else "",
        "step": step.pk,
        "status": StepStatus.DONE,
        "done_on": "2022-09-01",
        "evidence_document": "",
        "evidence_image": "",
        "note": "Đã thành lập Ban Chỉ đạo",
        **extra,
    }


@pytest.mark.django_db
def test_editor_of_voi_cannot_reach_keps_steps_or_evidence(
    communes, voi_editor, client_for, kep_step, kep_evidence
):
    attacker = client_for(voi_editor)
    listing = attacker.get(reverse("step_progress:index")).content.decode()
    assert "Ghi chú bí mật" not in listing
    assert reverse("step_progress:edit", args=[kep_step.pk]) not in listing
    response = attacker.get(reverse("step_progress:index") + "?export=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Kép" not in export and "bí mật" not in export
    for name in ("step_progress:edit", "step_progress:delete", "step_progress:history"):
        assert denied(attacker.get(reverse(name, args=[kep_step.pk]))), name
    response = attacker.post(
        reverse("step_progress:edit", args=[kep_step.pk]),
        step_form(communes["kep"], kep_step.step, status=StepStatus.NOT_STARTED),
    )
    assert denied(response)
    kep_step.refresh_from_db()
    assert kep_step.status == StepStatus.DONE
    assert attacker.get(reverse("district_commune", args=["07399"])).status_code == 404
    # Kép's file as Vôi's evidence: refused, nothing saved.
    step = kep_step.step
    response = attacker.post(
        reverse("step_progress:add"),
        step_form(communes["voi"], step, evidence_document=kep_evidence.pk),
    )
    assert response.status_code == 200
    assert not StepProgress.objects.filter(commune=communes["voi"]).exists()
    # Nor for Kép, nor a district step.
    add = reverse("step_progress:add")
    assert attacker.post(add, step_form(communes["kep"], step)).status_code == 200
    district_step = Step.objects.filter(level=StepLevel.DISTRICT).first()
    assert attacker.post(add, step_form(None, district_step)).status_code == 200
    assert StepProgress.objects.count() == 1
    # Its own, with its own file: saved, with the author in the history.
    own = Document.objects.create(
        title="Quyết định của Vôi",
        file=ContentFile(b"%PDF-1.4 Voi", name="voi.pdf"),
        collection=communes["voi"].collection,
    )
    response = attacker.post(
        reverse("step_progress:add"), step_form(communes["voi"], step, evidence_document=own.pk)
    )
    assert response.status_code == 302
    saved = StepProgress.objects.get(commune=communes["voi"])
    assert saved.evidence_document == own
    assert StatusChange.objects.get(step=step, commune=communes["voi"]).by == voi_editor


@pytest.mark.django_db
def test_the_district_enters_the_police_criteria_and_editors_cannot(
    communes, district_admin, voi_editor, client_for
):
    police = CriterionSection.objects.get(filled_by_district=True)
    admin = client_for(district_admin)
    form = {
        "section": police.pk,
        "code": "CA.1",
        "requirement": "Tiếp dân niềm nở",
        "agency": "Công an huyện",
        "means": "",
        "sort_order": 0,
    }
    assert admin.post(reverse("police_criteria:add"), form).status_code == 302
    created = Criterion.objects.get(code="CA.1")
    listing = admin.get(reverse("police_criteria:index")).content.decode()
    assert "Tiếp dân niềm nở" in listing and "1.1.1" not in listing
    plan_criterion = Criterion.objects.get(code="1.1.1")
    for name in ("police_criteria:edit", "police_criteria:delete"):
        assert admin.get(reverse(name, args=[plan_criterion.pk])).status_code == 404
    # A plan section is not offered: the plan's criteria come from its file.
    form_other = {**form, "code": "CA.2", "section": CriterionSection.objects.get(number=1).pk}
    assert admin.post(reverse("police_criteria:add"), form_other).status_code == 200
    attacker = client_for(voi_editor)
    assert denied(attacker.get(reverse("police_criteria:index")))
    assert denied(attacker.post(reverse("police_criteria:edit", args=[created.pk]), form))


@pytest.mark.django_db
def test_the_daily_command_queues_the_reminders(communes, voi_editor, admin_with_mail):
    Step.objects.update(deadline=date(2099, 1, 1))
    step = commune_step()
    step.deadline = date(2024, 5, 31)
    step.save()
    out = io.StringIO()
    call_command("send_step_reminders", date="2024-06-01", stdout=out)
    assert "step reminders queued" in out.getvalue()
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 3  # Vôi, Kép and Tân Thanh: none has done it
    assert all("trễ hạn" in subject for subject in subjects)
    call_command("send_step_reminders", date="2024-06-02", stdout=out)
    assert len(mail.outbox) == 3
