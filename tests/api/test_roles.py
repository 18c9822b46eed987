"""What a staff member's token may do: log and read interactions and time, see follow-ups
without amounts; never revenue, margins or rates."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_with
from tests.web.conftest import customer, import_rows

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
