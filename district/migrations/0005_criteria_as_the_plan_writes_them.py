"""Criteria as the plan writes them: the old codes (1.1 … 5.4) become the
plan's items (section.item.bullet, 1.1.1 … 2.2.2), each commune's status
kept where an old criterion maps to a new one (one old row that named two of
the plan's items is copied to both); the district steering committee's
tasks (5.1–5.4) are not commune criteria and go (they are steps now).
Each progress row left gets its first ``StatusChange``, at its confirmation
time or its last update, so "met as of a date" has a starting point.

The criteria's texts, groups and agencies come from ``load_criteria``
(``provision_communes`` runs it), which reads ``district/data/criteria.json``.
"""

from django.db import migrations

NEW_CODES = {
    "1.1": ["1.1.1"],
    "1.2": ["1.1.2"],
    "1.3": ["1.1.3"],
    "1.4": ["1.1.4"],
    "1.5": ["1.1.5"],
    "1.6": ["1.1.6"],
    "1.7": ["1.1.7"],
    "2.1": ["1.2.1", "1.2.2"],
    "2.2": ["1.2.3", "1.2.4"],
    "2.3": ["1.2.5"],
    "2.4": ["1.2.6"],
    "3.1": ["1.3.1"],
    "3.2": ["1.3.2"],
    "3.3": ["1.3.3"],
    "3.4": ["1.3.4"],
    "3.5": ["1.3.5"],
    "4.1": ["2.1.3"],
    "4.2": ["2.1.4"],
    "4.3": ["2.1.5"],
    "4.4": ["2.2.2"],
}
STEERING_COMMITTEE_TASKS = ["5.1", "5.2", "5.3", "5.4"]
PROGRESS_FIELDS = [
    "status",
    "evidence_url",
    "evidence_document_id",
    "evidence_image_id",
    "date",
    "note",
    "confirmed",
    "confirmed_by_id",
    "confirmed_at",
]


def copy_criterion(Criterion, CriterionProgress, old, code):
    if Criterion.objects.filter(code=code).exists():
        return
    new = Criterion.objects.create(
        code=code,
        section_id=old.section_id,
        requirement=old.requirement,
        means=old.means,
        sort_order=old.sort_order,
    )
    for row in CriterionProgress.objects.filter(criterion=old):
        CriterionProgress.objects.create(
            commune_id=row.commune_id,
            criterion=new,
            **{name: getattr(row, name) for name in PROGRESS_FIELDS},
        )


def rename_criteria(apps, schema_editor):
    Criterion = apps.get_model("district", "Criterion")
    CriterionProgress = apps.get_model("district", "CriterionProgress")
    Criterion.objects.filter(code__in=STEERING_COMMITTEE_TASKS).delete()
    for old_code, codes in NEW_CODES.items():
        old = Criterion.objects.filter(code=old_code).first()
        if old is None:
            continue
        for code in codes[1:]:
            copy_criterion(Criterion, CriterionProgress, old, code)
        old.code = codes[0]
        old.save(update_fields=["code"])


def record_first_states(apps, schema_editor):
    CriterionProgress = apps.get_model("district", "CriterionProgress")
    StatusChange = apps.get_model("district", "StatusChange")
    StatusChange.objects.bulk_create(
        StatusChange(
            commune_id=row.commune_id,
            criterion_id=row.criterion_id,
            status=row.status,
            confirmed=row.confirmed,
            at=(row.confirmed and row.confirmed_at) or row.updated_at,
            by_id=row.confirmed_by_id,
        )
        for row in CriterionProgress.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("district", "0004_programme_steps_and_status_history")]

    operations = [
        migrations.RunPython(rename_criteria, migrations.RunPython.noop),
        migrations.RunPython(record_first_states, migrations.RunPython.noop),
    ]
