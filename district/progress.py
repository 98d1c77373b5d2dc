"""A commune's progress on the plan's criteria and steps, for every writer
(the admin, the demo, a command): only a district admin's save confirms a
criterion, recording who confirmed and when; anyone else's save is a
proposal, and a change after a confirmation takes the confirmation away until
the district looks again. Both name the author of the change, which the
status history (``district.models.history``) keeps.
"""

from django.utils import timezone

from home.access import is_district_admin

from .models import CriterionProgress, StepProgress, StepStatus


def save_progress(progress: CriterionProgress, *, user, changed: bool = True) -> CriterionProgress:
    """Saves the progress with its confirmation decided by who saves it.
    ``changed``: whether the writer changed anything (a district admin who
    saves a confirmed row unchanged keeps the first confirmation's date)."""
    by_district = user is not None and is_district_admin(user)
    if by_district and progress.confirmed:
        if changed or not progress.confirmed_at:
            progress.confirmed_by, progress.confirmed_at = user, timezone.now()
    else:
        progress.confirmed, progress.confirmed_by, progress.confirmed_at = False, None, None
    progress.changed_by = user
    progress.save()
    return progress


def save_step_progress(progress: StepProgress, *, user) -> StepProgress:
    """Saves a step's progress with its author; "done" with no date is done
    today (the reviews need a date to tell on time from late)."""
    if progress.status == StepStatus.DONE and progress.done_on is None:
        progress.done_on = timezone.localdate()
    progress.changed_by = user
    progress.save()
    return progress
