"""The backup and restore drill: ``bench/backup_restore.sh`` backs up the
database (``pg_dump``) and the media folders, restores them into a fresh
database and fresh folders, and compares the two sites with
``manage.py site_fingerprint`` (every table's rows, every file by checksum).
Run here against the test database, with a citizen's feedback and its
private photo committed first."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from contact.models import Feedback
from home.models import Commune
from tests.committed import in_thread

ROOT = Path(__file__).resolve().parent.parent.parent
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")


def jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 80, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh-gop-y.jpg")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump and pg_restore need PostgreSQL")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
@pytest.mark.django_db
def test_backup_then_restore_gives_the_same_site(tmp_path):
    def write_a_submission():
        return Feedback.objects.create(
            commune=Commune.objects.get(slug="voi"),
            tracking_code="SAOL-UU01",
            kind="gop_y",
            subject="Góp ý trước khi sao lưu",
            message="Nội dung phải còn nguyên sau khi khôi phục.",
            name="Người dân",
            email="dan@example.com",
            photo=jpeg(),
            due_date=timezone.localdate(),
        ).pk

    pk = in_thread(write_a_submission)
    database = connection.settings_dict["NAME"]
    source_url = re.sub(r"/[^/]*$", f"/{database}", os.environ["DATABASE_URL"])
    env = {
        **os.environ,
        # Development settings read MEDIA_ROOT and PRIVATE_MEDIA_ROOT from
        # the environment (the test settings always draw temporary folders).
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": source_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "PYTHON": sys.executable,
    }
    try:
        result = subprocess.run(  # noqa: S603
            ["/bin/bash", "bench/backup_restore.sh", str(tmp_path / "drill")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        in_thread(lambda: Feedback.objects.filter(pk=pk).delete())
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-3000:]
    assert "identical" in result.stdout
    for table in ("wagtailcore.page", "contact.feedback", "media files", "private media files"):
        assert re.search(rf"{re.escape(table)}\s.*\bsame\b", result.stdout), table
