"""The procedures app's models: the shared catalogue with each commune's
notes and own procedures, and each commune's dossier register with the text
messages sent about dossiers."""

from .catalogue import (
    LegalBasis,
    LocalProcedureNote,
    Procedure,
    ProcedureField,
    ProcedureIndexPage,
    RequiredDocument,
    SubmissionMethod,
    procedure_summary,
)
from .dossiers import (
    OPEN_DOSSIER_STATUSES,
    Dossier,
    DossierLookupPage,
    DossierStatus,
    SmsEvent,
    SmsMessage,
    SmsStatus,
    late_q,
    returned_on_time_q,
)

__all__ = [
    "OPEN_DOSSIER_STATUSES",
    "Dossier",
    "DossierLookupPage",
    "DossierStatus",
    "LegalBasis",
    "LocalProcedureNote",
    "Procedure",
    "ProcedureField",
    "ProcedureIndexPage",
    "RequiredDocument",
    "SmsEvent",
    "SmsMessage",
    "SmsStatus",
    "SubmissionMethod",
    "late_q",
    "procedure_summary",
    "returned_on_time_q",
]
