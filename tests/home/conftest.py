"""The editor of Vôi (A) as an attacker, and objects of both communes, for
the isolation tests of ``tests/home``."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.models import StandardPage

from .attacks import SECRET


@pytest.fixture
def attacker(editor_a, client_for):
    return client_for(editor_a)


@pytest.fixture
def a_page(communes):
    return StandardPage.objects.child_of(communes["voi"].site.root_page).get()


@pytest.fixture
def b_draft(communes):
    draft = StandardPage(title=f"Bản nháp {SECRET} của Kép", slug="ban-nhap-kep", live=False)
    communes["kep"].site.root_page.add_child(instance=draft)
    draft.save_revision()
    return draft


@pytest.fixture
def b_document(communes):
    document = Document(title=f"Tài liệu {SECRET}", collection=communes["kep"].collection)
    document.file.save("kep-noi-bo.txt", ContentFile(b"noi bo cua Kep"), save=False)
    document.save()
    return document


@pytest.fixture
def a_document(communes):
    document = Document(title="Tài liệu của Vôi", collection=communes["voi"].collection)
    document.file.save("voi.txt", ContentFile(b"cong khai"), save=False)
    document.save()
    return document


@pytest.fixture
def b_secret_image(communes):
    return Image.objects.create(
        title=f"Ảnh {SECRET}", file=get_test_image_file(), collection=communes["kep"].collection
    )
