"""The district app's models: programme tracking, the dossier register with
its text messages, and the archive of merged communes' sites."""

from .dossiers import Dossier, DossierLookupPage, DossierStatus, SmsEvent, SmsMessage, SmsStatus
from .programme import (
    ArchivedSite,
    CommuneLaunch,
    Criterion,
    CriterionProgress,
    CriterionSection,
    ProgressStatus,
)

__all__ = [
    "ArchivedSite",
    "CommuneLaunch",
    "Criterion",
    "CriterionProgress",
    "CriterionSection",
    "Dossier",
    "DossierLookupPage",
    "DossierStatus",
    "ProgressStatus",
    "SmsEvent",
    "SmsMessage",
    "SmsStatus",
]
