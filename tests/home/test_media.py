"""Media in production, from the attacker's side: a document in a private
collection or under a private page, an original image, a citizen's
feedback photo must not be reachable by guessing a ``/media/`` address.
Documents keep Wagtail's serve view (and its privacy and collection
checks); only image renditions, public by nature, are served by the web
server straight from disk, fast and long cached.

The web server's configuration is the nginx snippet of
``docs/deployment.md``: the test reads it and resolves addresses the way
nginx does (the longest matching prefix wins)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOYMENT = ROOT / "docs" / "deployment.md"


def nginx_locations() -> dict[str, str]:
    """``location`` prefix -> its body, from the guide's nginx snippet."""
    text = DEPLOYMENT.read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, flags=re.S)
    assert blocks, "docs/deployment.md has no nginx snippet"
    locations = {}
    for block in blocks:
        for prefix, body in re.findall(r"location\s+([^\s{]+)\s*\{([^}]*)\}", block):
            locations[prefix] = body
    return locations


def served_from_disk(path: str) -> bool:
    """Whether nginx answers ``path`` with a file (alias or root), by the
    longest matching prefix location; False when nothing under /media/ matches
    (the request goes to Django, which serves no media in production)."""
    matching = [prefix for prefix in nginx_locations() if path.startswith(prefix)]
    if not matching:
        return False
    body = nginx_locations()[max(matching, key=len)]
    return bool(re.search(r"\b(alias|root)\s", body))


def production_setting(name: str, **extra_env) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50},
        **extra_env,
    )
    script = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(getattr(settings, {name!r}, None))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("bucket", ["", "langgiang-media"])
def test_documents_keep_wagtails_serve_view_in_production(bucket):
    """Local disk or an S3 bucket: every download goes through the view that
    checks the page's privacy and the collection (never a redirect to a
    public bucket address, never a direct link)."""
    assert production_setting("WAGTAILDOCS_SERVE_METHOD", AWS_STORAGE_BUCKET_NAME=bucket) == (
        "serve_view"
    )


@pytest.mark.django_db
def test_a_private_documents_file_is_not_served_from_media(communes):
    document = get_document_model().objects.create(
        title="Biên bản nội bộ của Kép",
        file=get_test_image_file(filename="bien-ban.pdf"),
        collection=communes["kep"].collection,
    )
    assert document.url.startswith("/documents/")  # Wagtail's checked view
    assert document.file.url.startswith(settings.MEDIA_URL)
    assert not served_from_disk(document.file.url)


@pytest.mark.django_db
def test_renditions_are_served_from_disk_and_original_images_are_not(communes):
    image = get_image_model().objects.create(
        title="Ảnh trụ sở", file=get_test_image_file(), collection=communes["voi"].collection
    )
    rendition = image.get_rendition("fill-320x240")
    assert served_from_disk(rendition.url), rendition.url
    assert not served_from_disk(image.file.url), image.file.url
    body = nginx_locations()[
        max((p for p in nginx_locations() if rendition.url.startswith(p)), key=len)
    ]
    assert re.search(r"expires\s+(\d+d|max)", body), "renditions must be cached long"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/bien-ban.pdf",
        "/media/original_images/anh.jpg",
        "/media/feedback/2026/11/anh.jpg",
        "/media/",
        "/media/../private/x",
    ],
)
def test_nothing_but_renditions_is_served_from_media(path):
    assert not served_from_disk(path)
