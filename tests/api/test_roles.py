"""What a staff member's token may do: log and read interactions and time, see follow-ups
without amounts; never revenue, margins or rates.

`ROLES` holds every operation of the generated OpenAPI schema with what a staff token gets
there; `test_every_operation_of_the_schema_answers_each_role_as_designed` walks the schema
and fails on an operation missing from it, so a new endpoint cannot slip in untested (and
REST framework's default, owners only, keeps staff out until the endpoint opts in).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from kundenwert.api.tokens import do_create_api_token, do_revoke_api_token
from kundenwert.customers.models import Customer
from tests.api.conftest import client_with
from tests.web.conftest import customer, import_rows

STAFF_ALLOWED = "staff allowed"
STAFF_REFUSED = "staff refused (403)"
# Every operation of the schema (method, path as the schema writes it) and what a staff
# token gets. No token and a revoked token get 401 everywhere; an owner's token is let in
# everywhere (docs/reports-and-api.md, "Endpoints").
ROLES = {
    ("GET", "/api/v1/customers/"): STAFF_ALLOWED,
    ("POST", "/api/v1/customers/"): STAFF_REFUSED,
    ("GET", "/api/v1/customers/{id}/"): STAFF_ALLOWED,
    ("PUT", "/api/v1/customers/{id}/"): STAFF_REFUSED,
    ("PATCH", "/api/v1/customers/{id}/"): STAFF_REFUSED,
    ("GET", "/api/v1/customers/{id}/figures/"): STAFF_REFUSED,
    ("GET", "/api/v1/interactions/"): STAFF_ALLOWED,
    ("POST", "/api/v1/interactions/"): STAFF_ALLOWED,
    ("GET", "/api/v1/time-entries/"): STAFF_ALLOWED,
    ("POST", "/api/v1/time-entries/"): STAFF_ALLOWED,
    ("GET", "/api/v1/invoices/"): STAFF_REFUSED,
    ("POST", "/api/v1/invoices/"): STAFF_REFUSED,
    ("GET", "/api/v1/analysis/"): STAFF_REFUSED,
    ("GET", "/api/v1/followups/"): STAFF_ALLOWED,
    ("POST", "/api/v1/followups/done/"): STAFF_ALLOWED,
    ("POST", "/api/v1/followups/snooze/"): STAFF_ALLOWED,
}
HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}

OWNER_ONLY = [
    ("get", "/api/v1/analysis/"),
    ("get", "/api/v1/invoices/"),
    ("post", "/api/v1/invoices/"),
    ("get", "/api/v1/customers/{pk}/figures/"),
    ("post", "/api/v1/customers/"),
    ("patch", "/api/v1/customers/{pk}/"),
    ("put", "/api/v1/customers/{pk}/"),
]
FOR_EVERYONE = [
    "/api/v1/customers/",
    "/api/v1/customers/{pk}/",
    "/api/v1/interactions/",
    "/api/v1/time-entries/",
    "/api/v1/followups/",
]
EVERY_ENDPOINT = [*(url for _, url in OWNER_ONLY), *FOR_EVERYONE]


@pytest.fixture
def pk(db) -> int:
    import_rows(customers=[{"id": "K-1001", "name": "Bäckerei Sommer GmbH"}])
    return customer("K-1001").pk


@pytest.mark.parametrize(("method", "url"), OWNER_ONLY)
def test_a_staff_token_is_refused_on_owner_data(staff_api, pk, method, url):
    response = getattr(staff_api, method)(url.format(pk=pk), {}, format="json")

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"


@pytest.mark.parametrize("url", FOR_EVERYONE)
def test_a_staff_token_reads_what_staff_see_in_the_app(staff_api, pk, url):
    assert staff_api.get(url.format(pk=pk)).status_code == 200


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_no_token_and_a_revoked_token_are_refused_everywhere(owner, owner_token, pk, url):
    from kundenwert.api.models import ApiToken
    from kundenwert.api.tokens import do_revoke_api_token

    do_revoke_api_token(owner, ApiToken.objects.get(user=owner))

    assert client_with(None).get(url.format(pk=pk)).status_code == 401
    assert client_with(owner_token).get(url.format(pk=pk)).status_code == 401


def test_staff_see_customers_without_the_owners_judgement(staff_api, owner_api, pk):
    as_staff = staff_api.get(f"/api/v1/customers/{pk}/").json()
    as_owner = owner_api.get(f"/api/v1/customers/{pk}/").json()

    hidden = {"potential", "useful", "heart", "group_override", "override_reason", "notes"}
    assert hidden <= set(as_owner) and not hidden & set(as_staff)
    assert as_staff["name"] == as_owner["name"] == "Bäckerei Sommer GmbH"


def test_staff_see_follow_ups_without_amounts(demo, staff_api, owner_api):
    as_staff = staff_api.get("/api/v1/followups/", {"lang": "de"}).json()["followups"]
    as_owner = owner_api.get("/api/v1/followups/", {"lang": "de"}).json()["followups"]

    assert [i["cause"] for i in as_staff] == [i["cause"] for i in as_owner]
    assert not any("€" in item["reason"] for item in as_staff)
    assert any("€" in item["reason"] for item in as_owner)


def test_staff_log_interactions_in_their_own_name(staff_api, pk, staff):
    response = staff_api.post(
        "/api/v1/interactions/", {"customer": pk, "channel": "phone", "minutes": 5}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["user_name"] == staff.username


# --- the whole schema against ROLES -------------------------------------------------------


class Sample:
    """What the requests of the role walk need: a customer, follow-up causes (another for
    each request that marks one done or snoozes it, while the demo's list lasts, so that
    the answer does not depend on an earlier request), unique numbers for new records."""

    def __init__(self, customer_pk: int, causes: list[str], today: date, body: dict):
        self.pk = customer_pk
        self.causes = itertools.cycle(causes or ["no-follow-up-today"])
        self.today = today
        self.customer_body = body  # the customer as the owner reads it, for PUT
        self.numbers = itertools.count(1)

    def cause(self) -> str:
        return next(self.causes)

    def number(self, prefix: str) -> str:
        return f"{prefix}-ROLE-{next(self.numbers)}"


WRITABLE_CUSTOMER = ("number", "name", "status", "since", "email", "phone")
# A real, valid body for each writing operation; an operation without one sends {} (and
# may get 400, which is as good as 200 for the question asked here: let in or not).
BODIES: dict[tuple[str, str], Callable[[Sample], dict]] = {
    ("POST", "/api/v1/customers/"): lambda s: {"number": s.number("K"), "name": "Rollen GmbH"},
    ("PUT", "/api/v1/customers/{id}/"): lambda s: {
        k: v for k, v in s.customer_body.items() if k in WRITABLE_CUSTOMER and v is not None
    },
    ("PATCH", "/api/v1/customers/{id}/"): lambda s: {"phone": "+49 30 1234567"},
    ("POST", "/api/v1/interactions/"): lambda s: {
        "customer": s.pk,
        "channel": "phone",
        "minutes": 5,
    },
    ("POST", "/api/v1/time-entries/"): lambda s: {
        "customer": s.pk,
        "start": f"{s.today - timedelta(days=1)}T09:00:00",
        "minutes": 30,
    },
    ("POST", "/api/v1/invoices/"): lambda s: {
        "number": s.number("RE"),
        "customer": s.pk,
        "issue_date": s.today.isoformat(),
        "net": 100,
    },
    ("POST", "/api/v1/followups/done/"): lambda s: {"cause": s.cause()},
    ("POST", "/api/v1/followups/snooze/"): lambda s: {
        "cause": s.cause(),
        "until": (s.today + timedelta(days=7)).isoformat(),
    },
}


def schema_operations(spec: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    ]


def test_every_operation_of_the_schema_answers_each_role_as_designed(
    demo, owner, owner_token, staff_token, today
):
    spec = client_with(None).get("/api/v1/schema/").json()
    operations = schema_operations(spec)
    revoked = do_create_api_token(owner, owner, "ausgemustert")
    do_revoke_api_token(owner, revoked[0])
    owner_api = client_with(owner_token)
    pk = Customer.objects.order_by("pk").first().pk
    causes = [item["cause"] for item in owner_api.get("/api/v1/followups/").json()["followups"]]
    sample = Sample(pk, causes, today, owner_api.get(f"/api/v1/customers/{pk}/").json())
    clients = {
        "no token": client_with(None),
        "revoked token": client_with(revoked[1]),
        "staff token": client_with(staff_token),
        "owner token": owner_api,
    }

    unknown = [f"{m} {p}" for m, p in operations if (m, p) not in ROLES]
    assert not unknown, f"operations missing from ROLES (say what staff get): {unknown}"
    gone = [f"{m} {p}" for m, p in ROLES if (m, p) not in operations]
    assert not gone, f"operations in ROLES that the schema no longer has: {gone}"

    wrong = []
    for method, path in operations:
        expected = {
            "no token": "401",
            "revoked token": "401",
            "staff token": "403" if ROLES[method, path] == STAFF_REFUSED else "allowed",
            "owner token": "allowed",
        }
        for role, client in clients.items():
            url = path.format(id=pk)
            if method == "GET":
                response = client.get(url)
            else:
                build = BODIES.get((method, path))
                body = build(sample) if build else {}
                response = getattr(client, method.lower())(url, body, format="json")
            status = response.status_code
            got = str(status) if status in (401, 403) else "allowed"
            if got != expected[role] or status >= 500:
                wrong.append(f"{method} {path} with {role}: {status}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)
