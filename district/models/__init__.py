"""The district app's models: the programme (criteria, each commune's
progress, launch dates), the portal's pages and the archive of merged
communes' sites."""

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

__all__ = [
    "ArchivedSite",
    "CommuneLaunch",
    "Criterion",
    "CriterionProgress",
    "CriterionSection",
    "DistrictHomePage",
    "ProgressStatus",
    "SatisfactionOverviewPage",
    "met_q",
]
