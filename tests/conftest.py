"""Shared fixtures: three communes provisioned once per session, editors per
test, and states that a class of tests builds once and only reads."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page

from district.provisioning import DISTRICT_ADMINS_GROUP
from home.models import Commune
from tests import db_snapshot
from tests.browser import browser  # noqa: F401  (Debian's Chromium, for e2e and quality)
from tests.shipped import PROVISIONED, SHIPPED_PROCEDURES, provision, shared_state

_MIGRATED_STATE: dict[str, str] = {}
DB_SNAPSHOT = db_snapshot.snapshot_path()


def _provision() -> str:
    """Provision the portal, the communes of ``PROVISIONED`` and the shipped
    procedures on a migrated database; returns the migrated state."""
    state = connection.creation.serialize_db_to_string()
    provision(PROVISIONED)
    call_command("import_procedures", str(SHIPPED_PROCEDURES), verbosity=0)
    return state


if DB_SNAPSHOT is None:

    @pytest.fixture(scope="session")
    def django_db_setup(django_db_setup, django_db_blocker):
        """Provisioned once; each test then runs in a rolled-back transaction."""
        with django_db_blocker.unblock():
            _MIGRATED_STATE["default"] = _provision()

else:

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker):
        """The same database, copied from a file (``tests/db_snapshot.py``)."""
        with django_db_blocker.unblock():
            _MIGRATED_STATE["default"] = db_snapshot.restore_or_build(DB_SNAPSHOT, _provision)


@pytest.fixture(scope="class")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content of the provisioned communes, loaded once for the tests
    of a class that only read it (``load_demo_content``'s report)."""
    from district.demo import load_demo_content

    yield from shared_state(django_db_blocker, load_demo_content)


@pytest.fixture(scope="class")
def whole_registry(django_db_setup, django_db_blocker):
    """Every commune of the shipped registry provisioned, for the tests of a
    class where the registry itself is under test (provisioning's report)."""
    yield from shared_state(django_db_blocker, provision)


@pytest.fixture
def migrated_db(transactional_db):
    """For transactional tests: the data the migrations made (Wagtail's root page,
    locale and collection), which a previous transactional test's flush removed.

    Django's serialized rollback would do this, but its copy is kept on a
    connection object that Playwright's event loop does not share.
    """
    # With this set, the flush after the test skips post_migrate, as in
    # Django's own serialized rollback.
    connection._test_serialized_contents = _MIGRATED_STATE["default"]
    if Commune.objects.exists():
        # The session's communes: no transactional test has flushed them yet.
        # This one starts from the migrations' data too, like those after it.
        # As the flush after a transactional test: sequences go on from where
        # they are, past the ids of the migrations' data.
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        connection.creation.deserialize_db_from_string(_MIGRATED_STATE["default"])
    elif not Page.objects.filter(depth=1).exists():
        # The flush's post_migrate signal recreated content types and
        # permissions under new ids; the saved state brings back the originals.
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(_MIGRATED_STATE["default"])


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached settings and menus must not outlive the test whose data made them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def communes(db) -> dict[str, Commune]:
    return {c.slug: c for c in Commune.objects.select_related("site", "editors_group")}


@pytest.fixture
def make_editor(db):
    """An active user in the editors' group of the given commune."""

    def make(commune: Commune, username: str | None = None):
        user = get_user_model().objects.create_user(
            username=username or f"editor-{commune.slug}", password="pw"
        )
        user.groups.add(commune.editors_group)
        return user

    return make


@pytest.fixture
def editor_a(communes, make_editor):
    return make_editor(communes["voi"])


@pytest.fixture
def editor_b(communes, make_editor):
    return make_editor(communes["kep"])


@pytest.fixture
def b_image(communes):
    """An image in the collection of Kép, the commune the tests attack."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(
        title="Ảnh bí mật của Kép",
        file=get_test_image_file(),
        collection=communes["kep"].collection,
    )


@pytest.fixture
def district_admin(db):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="district", password="pw")
    user.groups.add(Group.objects.get(name=DISTRICT_ADMINS_GROUP))
    return user


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
