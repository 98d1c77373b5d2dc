"""Writers other than the admin (a command, a shell, the CSV import) call the
same services: a dossier's text message, a criterion's confirmation."""

import pytest
from django.core.management import call_command

from district.models import Criterion, CriterionProgress, ProgressStatus
from district.progress import save_progress
from procedures.dossiers import ready_text, save_dossier
from procedures.models import DossierStatus, SmsMessage, SmsStatus

from .conftest import make_dossier

pytestmark = pytest.mark.django_db


def test_a_dossier_made_ready_in_a_shell_texts_the_applicant(
    communes, outbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-SHELL")
    dossier.status = DossierStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        save_dossier(dossier)
    assert outbox.messages == [{"to": "0912345678", "text": ready_text(dossier)}]
    assert SmsMessage.objects.get(dossier=dossier).status == SmsStatus.SENT


def test_a_ready_dossier_imported_from_csv_texts_the_applicant(
    communes, outbox, tmp_path, django_capture_on_commit_callbacks
):
    rows = (
        "ma_ho_so,ten_thu_tuc,nguoi_nop,so_dien_thoai,ngay_tiep_nhan,ngay_hen_tra,trang_thai\n"
        "VOI-CSV-1,Đăng ký khai sinh,Trần Thị Lan,0912 345 678,01/11/2026,05/11/2026,Có kết quả\n"
    )
    path = tmp_path / "ho-so.csv"
    path.write_text(rows, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_dossiers", str(path), commune="voi")
    message = SmsMessage.objects.get(dossier__receipt_code="VOI-CSV-1")
    assert message.status == SmsStatus.SENT
    assert [m["to"] for m in outbox.messages] == ["0912345678"]


@pytest.fixture
def progress(communes):
    return CriterionProgress(
        commune=communes["voi"],
        criterion=Criterion.objects.get(code="1.1.1"),
        status=ProgressStatus.MET,
        confirmed=True,
    )


def test_a_command_cannot_confirm_a_criterion(progress):
    save_progress(progress, user=None)
    progress.refresh_from_db()
    assert (progress.confirmed, progress.confirmed_by, progress.confirmed_at) == (False, None, None)


def test_an_editor_saving_in_a_shell_only_proposes(progress, editor_a):
    save_progress(progress, user=editor_a)
    progress.refresh_from_db()
    assert progress.confirmed is False and not progress.counts_as_met


def test_the_district_confirms_with_its_name_and_the_time(progress, district_admin):
    save_progress(progress, user=district_admin)
    progress.refresh_from_db()
    assert progress.confirmed and progress.confirmed_by == district_admin
    first_confirmation = progress.confirmed_at
    assert first_confirmation is not None

    save_progress(progress, user=district_admin, changed=False)
    progress.refresh_from_db()
    assert progress.confirmed_at == first_confirmation  # saved unchanged: the date stays

    save_progress(progress, user=district_admin, changed=True)
    progress.refresh_from_db()
    assert progress.confirmed_at > first_confirmation
