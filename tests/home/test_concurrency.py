"""Two writers at once leave no duplicate and lose no change.

- Two editors of Vôi save the same page: the one who saves second, from a
  form opened before the first save, is told and keeps what they typed; an
  overwrite happens only when they save again knowingly. At the same instant
  (PostgreSQL, two connections), exactly one save wins the check.
- ``provision_communes`` run twice at once (two processes against
  PostgreSQL) creates what is missing once, and neither run fails.

The PostgreSQL tests commit for real from threads or processes with their own
connections, as ``tests/contact/test_load.py`` does, and put back what they
changed.
"""

import contextlib
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import Commune, StandardPage
from tests.committed import in_thread

ROOT = Path(__file__).resolve().parent.parent.parent
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
CONFLICT = "Một biên tập viên khác đã lưu trang này"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="two connections at once need PostgreSQL (DATABASE_URL=postgres://…)"
)


def loaded_revision(client: Client, page: Page) -> dict[str, str]:
    """The hidden inputs the edit form carries: which revision the editor saw."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def save_draft(client: Client, page: Page, title: str, seen: dict[str, str]):
    data = nested_form_data(
        {"title": title, "slug": page.slug, "intro": "", "body": streamfield([])}
    )
    data.update(seen)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def draft_title(page: Page) -> str:
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title


@pytest.mark.django_db
def test_a_save_from_a_stale_form_is_refused_and_keeps_what_was_typed(
    communes, make_editor, client_for
):
    page = StandardPage.objects.child_of(communes["voi"].site.root_page).first()
    first = client_for(make_editor(communes["voi"], "bientap-voi-1"))
    second = client_for(make_editor(communes["voi"], "bientap-voi-2"))
    first_saw, second_saw = loaded_revision(first, page), loaded_revision(second, page)

    saved = save_draft(first, page, "Giới thiệu (bản của người thứ nhất)", first_saw)
    assert saved.status_code == 302
    refused = save_draft(second, page, "Giới thiệu (bản của người thứ hai)", second_saw)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html
    assert "Giới thiệu (bản của người thứ hai)" in html  # nothing typed is lost
    assert draft_title(page) == "Giới thiệu (bản của người thứ nhất)"

    # Saving again from the refreshed form is a knowing overwrite.
    now_seen = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1) for name in second_saw
    }
    again = save_draft(second, page, "Giới thiệu (bản của người thứ hai)", now_seen)
    assert again.status_code == 302
    assert draft_title(page) == "Giới thiệu (bản của người thứ hai)"


@postgresql_only
@pytest.mark.django_db
def test_two_editors_saving_the_same_page_at_the_same_instant(monkeypatch):
    def set_up():
        voi = Commune.objects.select_related("site", "editors_group").get(slug="voi")
        home = voi.site.root_page
        page = home.add_child(instance=StandardPage(title="Trang thử đồng thời", slug="dong-thoi"))
        page.save_revision().publish()
        users = []
        for name in ("dongthoi-1", "dongthoi-2"):
            user = get_user_model().objects.create_user(username=name, password="pw")
            user.groups.add(voi.editors_group)
            users.append(user)
        return page, users

    page, users = in_thread(set_up)
    clients = [Client(), Client()]

    def log_in():
        for client, user in zip(clients, users, strict=True):
            client.force_login(user)  # sessions committed by the thread's connection

    in_thread(log_in)
    try:
        seen = in_thread(lambda: loaded_revision(clients[0], page))
        # Both requests pass the staleness check before either saves, unless
        # the check and the save are one critical section: the barrier holds
        # each save until the other request has reached its own save.
        barrier = threading.Barrier(2, timeout=3)
        original = Page.save_revision

        def save_revision_after_the_other_request(self, *args, **kwargs):
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Page, "save_revision", save_revision_after_the_other_request)
        results = {}

        def save(index):
            def run():
                response = save_draft(clients[index], page, f"Bản số {index + 1}", seen)
                return response.status_code, CONFLICT in response.content.decode()

            results[index] = in_thread(run)

        threads = [threading.Thread(target=save, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        monkeypatch.undo()
        statuses = sorted(results.values())
        assert statuses == [(200, True), (302, False)], statuses
        winner = 1 if results[0][0] == 302 else 2
        assert in_thread(lambda: draft_title(page)) == f"Bản số {winner}"
        assert in_thread(lambda: Page.objects.get(pk=page.pk).revisions.count()) == 2
    finally:

        def tear_down():
            Page.objects.get(pk=page.pk).delete()
            get_user_model().objects.filter(username__startswith="dongthoi-").delete()

        in_thread(tear_down)


@postgresql_only
@pytest.mark.django_db
def test_provisioning_twice_at_once_creates_once_and_both_runs_succeed(tmp_path):
    """Tân Thanh's collection went missing; two operators run provisioning at
    the same moment. One collection comes back, no run fails."""
    registry = tmp_path / "communes.csv"
    lines = (ROOT / "home" / "data" / "communes.csv").read_text(encoding="utf-8").splitlines()
    registry.write_text(
        "\n".join([lines[0], *[line for line in lines[1:] if ",tan-thanh," in line]]) + "\n",
        encoding="utf-8",
    )

    def lose_the_collection():
        commune = Commune.objects.get(slug="tan-thanh")
        collection = commune.collection
        Commune.objects.filter(pk=commune.pk).update(collection=None)
        collection.delete()
        return commune.full_name

    name = in_thread(lose_the_collection)
    database = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": re.sub(r"/[^/]*$", f"/{database}", os.environ["DATABASE_URL"]),
    }
    runs = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "provision_communes", "--registry", str(registry)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-2000:]

    def found():
        commune = Commune.objects.select_related("collection").get(slug="tan-thanh")
        return (
            Collection.objects.filter(name=name).count(),
            commune.collection is not None and commune.collection.name == name,
            commune.editors_group.collection_permissions.filter(
                collection=commune.collection
            ).exists(),
        )

    assert in_thread(found) == (1, True, True)
