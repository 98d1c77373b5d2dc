"""Rate limits from the attacker's side: a home or mobile IPv6 connection
owns a whole /64 (2^64 addresses), so a limit per address is no limit at
all for the dossier look-up (receipt code plus four digits). Limits count
per IPv6 /64 and per IPv4 address."""

import pytest
from django.test import Client, RequestFactory, override_settings

from home import ratelimit
from home.sections import SECTIONS_BY_KEY

pytestmark = pytest.mark.django_db

LOOKUP_URL = f"/{SECTIONS_BY_KEY['dossier_lookup'].slug}/"
LIMIT = 3


def look_up(address: str):
    return Client().post(
        LOOKUP_URL,
        {"receipt_code": "VOI-KHONG-CO", "phone_last_four": "1234"},
        HTTP_HOST="voi.localhost",
        REMOTE_ADDR=address,
    )


@override_settings(LOOKUP_RATE_LIMIT=LIMIT)
def test_rotating_addresses_within_one_ipv6_64_does_not_escape_the_limit():
    statuses = [look_up(f"2001:db8:1:2::{index + 1:x}") for index in range(LIMIT + 2)]
    assert [r.status_code for r in statuses[:LIMIT]] == [404] * LIMIT
    assert [r.status_code for r in statuses[LIMIT:]] == [429, 429]
    # Random interface identifiers, as privacy extensions draw them.
    assert look_up("2001:db8:1:2:a3f1:9c2e:77d0:1b4e").status_code == 429
    # The neighbouring /64 is another subscriber.
    assert look_up("2001:db8:1:3::1").status_code == 404


@override_settings(LOOKUP_RATE_LIMIT=LIMIT)
def test_ipv4_addresses_count_one_by_one():
    for _ in range(LIMIT):
        assert look_up("203.0.113.7").status_code == 404
    assert look_up("203.0.113.7").status_code == 429
    assert look_up("203.0.113.8").status_code == 404


@override_settings(LOOKUP_RATE_LIMIT=LIMIT)
def test_an_ipv4_mapped_ipv6_address_is_the_ipv4_address():
    for _ in range(LIMIT):
        assert look_up("198.51.100.20").status_code == 404
    assert look_up("::ffff:198.51.100.20").status_code == 429


@pytest.mark.parametrize(
    "first,second,same",
    [
        ("2001:db8::1", "2001:db8::ffff:1", True),
        ("2001:DB8:0:0:1::1", "2001:db8::2", True),
        ("2001:db8:0:1::1", "2001:db8::1", False),
        ("10.0.0.1", "10.0.0.2", False),
        ("::ffff:10.0.0.1", "10.0.0.1", True),
        ("fe80::1%eth0", "fe80::2", True),
    ],
)
def test_client_keys(first, second, same):
    factory = RequestFactory()
    key = ratelimit.client_key
    assert (
        key(factory.get("/", REMOTE_ADDR=first)) == key(factory.get("/", REMOTE_ADDR=second))
    ) is same


def test_a_garbled_address_still_gets_a_key():
    factory = RequestFactory()
    for address in ("", "not-an-address", "2001:db8::zz"):
        assert ratelimit.client_key(factory.get("/", REMOTE_ADDR=address))


def test_admin_login_lock_out_holds_across_one_ipv6_64(django_user_model):
    """Five wrong passwords from five addresses of one /64 lock the pair out,
    as they would from one IPv4 address."""
    django_user_model.objects.create_user(username="bientap-v6", password="dung-mat-khau")
    for index in range(5):
        Client(REMOTE_ADDR=f"2001:db8:7:7::{index + 1}").post(
            "/admin/login/", {"username": "bientap-v6", "password": "sai"}
        )
    locked = Client(REMOTE_ADDR="2001:db8:7:7::99").post(
        "/admin/login/", {"username": "bientap-v6", "password": "dung-mat-khau"}
    )
    assert locked.status_code == 429
    elsewhere = Client(REMOTE_ADDR="2001:db8:7:8::1").post(
        "/admin/login/", {"username": "bientap-v6", "password": "dung-mat-khau"}
    )
    assert elsewhere.status_code == 302
