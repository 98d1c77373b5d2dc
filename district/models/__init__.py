"""The district app's models: the programme (criteria, each commune's
progress, the plan's steps, the history of their statuses, launch dates),
the portal's pages and the archive of merged communes' sites."""

from .history import StatusChange
from .portal import DistrictHomePage, SatisfactionOverviewPage
from .programme import (
    ArchivedSite,
    CommuneLaunch,
    Criterion,
    CriterionProgress,
    CriterionSection,
    ProgressStatus,
    met_q,
)
from .steps import (
    ReminderKind,
    Step,
    StepLevel,
    StepProgress,
    StepReminder,
    StepStatus,
    step_late_q,
    step_overdue_q,
)

__all__ = [
    "ArchivedSite",
    "CommuneLaunch",
    "Criterion",
    "CriterionProgress",
    "CriterionSection",
    "DistrictHomePage",
    "ProgressStatus",
    "ReminderKind",
    "SatisfactionOverviewPage",
    "StatusChange",
    "Step",
    "StepLevel",
    "StepProgress",
    "StepReminder",
    "StepStatus",
    "met_q",
    "step_late_q",
    "step_overdue_q",
]
