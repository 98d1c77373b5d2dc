"""``shared_state``: data built once for a class of tests is seen by each of
them, a write of one test is gone in the next, and all of it is gone after
the class. The order of the tests in this file is part of the test."""

import pytest

from contact.models import Official
from home.models import Commune
from tests.factories import OfficialFactory
from tests.shipped import shared_state

pytestmark = pytest.mark.django_db

SHARED = "Người Dùng Chung"
CHANGED = "Tên Đã Đổi"


@pytest.fixture(scope="class")
def shared_official(django_db_setup, django_db_blocker):
    yield from shared_state(
        django_db_blocker,
        lambda: OfficialFactory(commune=Commune.objects.get(slug="voi"), full_name=SHARED),
    )


def test_nothing_shared_before_the_class():
    assert not Official.objects.filter(full_name__in=[SHARED, CHANGED]).exists()


class TestSharedState:
    def test_each_test_sees_the_shared_data(self, shared_official):
        assert Official.objects.get(pk=shared_official.pk).full_name == SHARED
        Official.objects.filter(pk=shared_official.pk).update(full_name=CHANGED)
        OfficialFactory(commune=shared_official.commune, full_name=CHANGED)
        assert Official.objects.filter(full_name=CHANGED).count() == 2

    def test_a_write_of_the_test_before_is_gone(self, shared_official):
        assert Official.objects.get(pk=shared_official.pk).full_name == SHARED
        assert not Official.objects.filter(full_name=CHANGED).exists()


def test_nothing_shared_after_the_class():
    assert not Official.objects.filter(full_name__in=[SHARED, CHANGED]).exists()
