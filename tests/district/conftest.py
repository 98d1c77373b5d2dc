"""Fixtures of the district tests: an SMS outbox read from the file sender,
and dossiers of Vôi (the editor's own) and Kép (the attacked commune)."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from procedures.dossiers import save_dossier
from procedures.models import Dossier


class Outbox:
    """The messages the file sender wrote during this test."""

    def __init__(self):
        self.path = Path(settings.SMS_FILE_PATH)
        self.path.write_text("", encoding="utf-8")

    @property
    def messages(self) -> list[dict]:
        text = self.path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def outbox():
    return Outbox()


def make_dossier(commune, **values) -> Dossier:
    today = timezone.localdate()
    fields = {
        "receipt_code": "H06.24-241001-0001",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": "Trần Thị Lan",
        "applicant_phone": "0912345678",
        "received_on": today - timedelta(days=3),
        "appointment_date": today + timedelta(days=2),
        **values,
    }
    return save_dossier(Dossier(commune=commune, **fields))


@pytest.fixture
def a_dossier(communes):
    return make_dossier(communes["voi"], receipt_code="VOI-0001")


@pytest.fixture
def b_dossier(communes):
    return make_dossier(
        communes["kep"],
        receipt_code="KEP-0001",
        applicant_name="Người Bí Mật Của Kép",
        applicant_phone="0987654321",
    )
