# ruff: noqa: F811 - the forms module's fixtures, imported below, are parameters by name
"""The REST API's writing endpoints, posted hostile JSON with a token (issue 9).

tests/api/test_schema_conformance.py lets schemathesis send what the schema describes,
valid and invalid, to every operation. This adds what a schema does not think of: the
hostile values of tests.hardening.test_fuzz_values in each field of a body that is
otherwise valid (so garbage that passes the checks is stored), JSON types where strings
belong, lone surrogates, bodies that are no object at all, and then the web pages, the
exports and /api/v1/analysis/, which must still open with whatever was stored.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from kundenwert.api.tokens import do_create_api_token
from tests.hardening.test_fuzz_forms import (  # noqa: F401
    FUZZ,
    World,
    assert_every_page_opens,
    module_world,
    no_kept_analysis,
    world,
)
from tests.hardening.test_fuzz_values import (
    hostile_dates,
    hostile_datetimes,
    hostile_json_values,
    hostile_numbers,
    hostile_texts,
)

TEXT, DATE, MOMENT, NUMBER, FLAG, CHOICE, CUSTOMER = (
    "text",
    "date",
    "moment",
    "number",
    "flag",
    "choice",
    "customer",
)
_numbers = itertools.count(1)


def kind_values(kind: str, choices: tuple[str, ...] = ()) -> st.SearchStrategy[object]:
    own = {
        TEXT: hostile_texts(),
        DATE: hostile_dates(),
        MOMENT: hostile_datetimes(),
        NUMBER: st.one_of(hostile_numbers(), st.sampled_from([-1, 0, 10**20, 1e308, -0.001])),
        FLAG: st.sampled_from([True, False, "true", "ja", 1, 2]),
        CHOICE: st.sampled_from(choices or ("",)),
        CUSTOMER: st.sampled_from([0, -1, 2**31, 2**63, 10**20, "1", "K1"]),
    }[kind]
    return st.one_of(own, hostile_json_values())


@dataclass(frozen=True)
class Endpoint:
    name: str  # URL name in the `api` namespace
    valid: Callable[[World], dict]
    fields: dict[str, str | tuple[str, tuple[str, ...]]]  # name -> kind, or (CHOICE, values)
    method: str = "post"
    pk: bool = False  # the URL names K1
    staff: bool = False  # staff may use it too
    ok: tuple[int, ...] = (200, 201)


def _customer(w: World) -> dict:
    return {
        "number": f"F-{next(_numbers)}",
        "name": "Fuzz GmbH",
        "status": "active",
        "since": (w.today - timedelta(days=400)).isoformat(),
        "email": "info@fuzz.example",
        "phone": "+49 221 0",
        "potential": 3,
        "useful": True,
        "heart": False,
        "group_override": "",
        "override_reason": "",
        "notes": "",
    }


CUSTOMER_FIELDS = {
    "number": TEXT,
    "name": TEXT,
    "status": (CHOICE, ("lead", "active", "ended")),
    "since": DATE,
    "email": TEXT,
    "phone": TEXT,
    "potential": NUMBER,
    "useful": FLAG,
    "heart": FLAG,
    "group_override": (CHOICE, ("", "A", "B", "C")),
    "override_reason": TEXT,
    "notes": TEXT,
}

ENDPOINTS = [
    Endpoint("customers", _customer, CUSTOMER_FIELDS),
    Endpoint(
        "customer",
        lambda w: {k: v for k, v in _customer(w).items() if k != "number"},
        CUSTOMER_FIELDS,
        method="patch",
        pk=True,
    ),
    Endpoint("customer", _customer, CUSTOMER_FIELDS, method="put", pk=True),
    Endpoint(
        "interactions",
        lambda w: {
            "customer": w.customer.pk,
            "at": f"{w.today.isoformat()}T09:30:00+01:00",
            "channel": "email",
            "direction": "out",
            "planned": True,
            "minutes": "10",
            "tracked": False,
            "out_of_scope": False,
            "price_negotiation": False,
            "complaint": "none",
            "mood": 1,
            "note": "Angerufen",
        },
        {
            "customer": CUSTOMER,
            "at": MOMENT,
            "channel": (CHOICE, ("email", "phone", "meeting")),
            "direction": (CHOICE, ("in", "out")),
            "planned": FLAG,
            "minutes": NUMBER,
            "tracked": FLAG,
            "out_of_scope": FLAG,
            "price_negotiation": FLAG,
            "complaint": (CHOICE, ("none", "justified")),
            "mood": NUMBER,
            "note": TEXT,
        },
        staff=True,
    ),
    Endpoint(
        "time_entries",
        lambda w: {
            "customer": w.customer.pk,
            "start": f"{w.today.isoformat()}T08:00:00",
            "minutes": "45",
            "billable": True,
            "project": "Website",
            "description": "Texte",
        },
        {
            "customer": CUSTOMER,
            "start": MOMENT,
            "minutes": NUMBER,
            "billable": FLAG,
            "project": TEXT,
            "description": TEXT,
        },
        staff=True,
    ),
    Endpoint(
        "invoices",
        lambda w: {
            "number": f"RE-F-{next(_numbers)}",
            "customer": w.customer.pk,
            "issue_date": w.today.isoformat(),
            "due_date": (w.today + timedelta(days=14)).isoformat(),
            "net": "1200.00",
            "currency": "EUR",
            "paid_date": None,
        },
        {
            "number": TEXT,
            "customer": CUSTOMER,
            "issue_date": DATE,
            "due_date": DATE,
            "net": NUMBER,
            "currency": TEXT,
            "paid_date": DATE,
        },
    ),
    Endpoint("followup_done", lambda w: {"cause": w.causes[0]}, {"cause": TEXT}, staff=True),
    Endpoint(
        "followup_snooze",
        lambda w: {"cause": w.causes[-1], "until": (w.today + timedelta(days=5)).isoformat()},
        {"cause": TEXT, "until": DATE},
        staff=True,
    ),
]


def _values(spec: str | tuple) -> st.SearchStrategy[object]:
    if isinstance(spec, tuple):
        return kind_values(CHOICE, spec[1])
    return kind_values(spec)


@st.composite
def bodies(draw, endpoint: Endpoint, world: World) -> dict:
    """The valid body with one to three fields hostile or left out."""
    body = endpoint.valid(world)
    names = sorted(endpoint.fields)
    for name in sorted(draw(st.sets(st.sampled_from(names), min_size=1, max_size=3))):
        if draw(st.integers(0, 9)) == 0:
            body.pop(name, None)
        else:
            body[name] = draw(_values(endpoint.fields[name]))
    return body


def api_client(world: World, *, staff: bool = False) -> APIClient:
    user = world.staff if staff else world.owner
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {do_create_api_token(world.owner, user, 'f')[1]}"
    )
    return client


def _url(endpoint: Endpoint, world: World) -> str:
    return reverse(f"api:{endpoint.name}", kwargs={"pk": world.customer.pk} if endpoint.pk else {})


def _send(client: APIClient, endpoint: Endpoint, url: str, body) -> object:
    send = getattr(client, endpoint.method)
    # json.dumps writes lone surrogates as escapes, as a client in another language might.
    return send(url, json.dumps(body), content_type="application/json")


def fuzz(endpoint: Endpoint, world: World, client: APIClient) -> None:
    """Hypothesis sends bodies; after each, the analysis must still answer."""
    url, reader = _url(endpoint, world), api_client(world)

    @FUZZ
    @given(body=bodies(endpoint, world))
    def send(body):
        response = _send(client, endpoint, url, body)
        assert response.status_code in (*endpoint.ok, 400, 403, 404, 409), response.content
        assert reader.get(reverse("api:analysis")).status_code == 200

    send()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.name}")
def test_hostile_json_causes_no_server_error_and_breaks_no_page(endpoint, world):
    fuzz(endpoint, world, api_client(world))
    if endpoint.staff:
        fuzz(endpoint, world, api_client(world, staff=True))

    assert_every_page_opens(world)


BROKEN_BODIES = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"42",
    b"{",
    b"\x00",
    b'{"name": "a\\u0000b", "number": "N\\u0000"}',
    b'{"name": "\\ud800", "number": "\\udfff"}',
    b'{"net": 1e999, "minutes": -1e999, "potential": 1e999}',
    b'{"net": NaN, "minutes": Infinity}',
    b"[" * 50_000 + b"]" * 50_000,
    b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    b"\xff\xfe{}",
    '{"name": "Bäckerei"}'.encode("latin-1"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.name}")
def test_bodies_that_are_no_json_object_get_400(endpoint, world):
    client, url = api_client(world), _url(endpoint, world)
    send = getattr(client, endpoint.method)
    for body in BROKEN_BODIES:
        response = send(url, body, content_type="application/json")
        if endpoint.method == "patch" and body == b"":
            assert response.status_code == 200  # nothing to change
        else:
            assert response.status_code == 400, (body[:30], response.status_code)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"number": "K\x001"},
        {"status": "\x00"},
        {"q": "%"},
        {"q": "x" * 10_001},
        {"customer": "99999999999999999999"},
        {"customer": "\x00"},
        {"from": "0001-01-01", "to": "9999-12-31"},
        {"as_of": "9999-12-31"},
        {"as_of": "0001-01-01"},
        {"lang": "\x00"},
        {"page": "99999999999999999999"},
        {"page": "-1"},
        {"page_size": "\x00"},
    ],
    ids=repr,
)
def test_hostile_query_parameters_get_no_server_error(params, world):
    """Reads take filters: a NUL in a search reaches the database on PostgreSQL."""
    client = api_client(world)
    for name in ("customers", "interactions", "time_entries", "invoices", "analysis", "followups"):
        response = client.get(reverse(f"api:{name}"), params)
        assert response.status_code in (200, 400, 404, 409), (name, response.status_code)
    response = client.get(reverse("api:customer_figures", kwargs={"pk": world.customer.pk}), params)
    assert response.status_code in (200, 400, 404, 409)


ENDPOINT_NAMES = {f"api:{e.name}" for e in ENDPOINTS}


def test_every_writing_endpoint_of_the_api_is_fuzzed():
    from tests.hardening.test_fuzz_forms import API_WRITES

    assert ENDPOINT_NAMES == API_WRITES
