"""Who may open what: every URL name of the project, for visitors, staff and owners.

The matrix walks the URL configuration itself, so a new page that nobody classified here
fails `test_every_url_name_is_classified` until someone decides who may see it.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.conftest import customer

# Pages and endpoints staff may use: they show no revenue, margin or rate.
STAFF_ALLOWED = {
    "home",
    "my_tasks",
    "log_interaction",
    "customer_search",
    "set_language",
    "login",
    "logout",
    "healthz",
    "planning:today",
    "planning:followup_done",
    "planning:followup_snooze",
    "planning:followup_dismiss",
    "planning:task_add",
    "planning:task_done",
    "planning:calendar",
    "planning:calendar_new",
    "planning:calendar_revoke",
    "planning:feed",
    "reports:index",  # lists only what the person may download
    "api:docs",
    "api:schema",
}
# Owner-only: staff get 403 (or 404), never a figure.
OWNER_ONLY = {
    "dashboard",
    "customer_list",
    "customer_detail",
    "customer_ratings",
    "customer_group",
    "customer_insight",
    "import_upload",
    "import_confirm",
    "import_job",
    "import_status",
    "unmatched_payments",
    "payment_assign",
    "workspace_settings",
    "planning:rule_add",
    "planning:rule_retire",
    "planning:to_leave_add",
    "planning:to_leave_left",
    "planning:budget",
    "planning:channels",
    "reports:annual",
    "reports:list",  # tested with the customer list; staff may export interactions
    "api:tokens",
    "api:token_new",
    "api:token_revoke",
}
# Whole areas for owners only (kundenwert.kaizen: patterns, talks, exits, data protection).
OWNER_ONLY_NAMESPACES = {"kaizen"}
# The REST API's data endpoints take tokens only (kundenwert.api, tested in tests/api):
# a browser session gets 401 there, whoever signed in.
TOKEN_ONLY_NAMESPACES = {"api"}
# Open without signing in (the feed is protected by the secret in its address; the API's
# documentation describes fields, it holds no figures).
PUBLIC = {"login", "healthz", "set_language", "planning:feed", "api:docs", "api:schema"}
DOCUMENTATION = {"api:docs", "api:schema"}
# "EUR" only as a word: random CSRF tokens and secrets may hold those three letters.
MONEY_SIGN = re.compile(r"€|\bEUR\b")


def shows_money(response) -> bool:
    return MONEY_SIGN.search(response.content.decode()) is not None


def url_names(patterns=None, namespace: str = "") -> dict[str, str]:
    """{name: route} of every named URL outside the Django admin."""
    found: dict[str, str] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{entry.namespace}:" if entry.namespace else namespace
            found |= url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = str(entry.pattern)
    return found


def token_only_names() -> set[str]:
    in_areas = {name for name in url_names() if name.split(":")[0] in TOKEN_ONLY_NAMESPACES}
    return in_areas - STAFF_ALLOWED - OWNER_ONLY


def owner_only_names() -> set[str]:
    in_areas = {name for name in url_names() if name.split(":")[0] in OWNER_ONLY_NAMESPACES}
    return OWNER_ONLY | in_areas


def sample_url(name: str, route: str) -> str:
    values = {
        "pk": customer("K-1001").pk,
        "token": "no-such-upload",
        "secret": "not-a-secret",
        "fmt": "csv",
        "name": "customers",
        "year": 2026,
    }
    kwargs = {key: values[key] for key in re.findall(r"<(?:\w+:)?(\w+)>", route)}
    return reverse(name, kwargs=kwargs)


def test_every_url_name_is_classified():
    unclassified = set(url_names()) - STAFF_ALLOWED - owner_only_names() - token_only_names()
    assert unclassified == set()


@pytest.mark.parametrize("name", sorted(owner_only_names()))
def test_staff_get_403_or_404_and_no_figure_on_owner_pages(name, demo, staff_client):
    url = sample_url(name, url_names()[name])

    got, posted = staff_client.get(url), staff_client.post(url)

    assert got.status_code in (403, 404, 405)
    assert posted.status_code in (403, 404)
    for response in (got, posted):
        assert not shows_money(response)


@pytest.mark.parametrize("name", sorted(STAFF_ALLOWED - {"logout"} - DOCUMENTATION))
def test_staff_pages_show_no_money(name, demo, staff_client):
    response = staff_client.get(sample_url(name, url_names()[name]), follow=True)

    assert response.status_code in (200, 404, 405)
    assert not shows_money(response)


@pytest.mark.parametrize("name", sorted((STAFF_ALLOWED | owner_only_names()) - PUBLIC))
def test_visitors_are_sent_to_sign_in(name, demo, client):
    url = sample_url(name, url_names()[name])

    for response in (client.get(url), client.post(url)):
        if response.status_code != 405:  # a POST-only endpoint may refuse GET first
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(token_only_names()))
def test_api_data_endpoints_answer_sessions_with_401_and_no_figure(
    name, demo, staff_client, owner_client, client
):
    url = sample_url(name, url_names()[name])

    for session in (staff_client, owner_client, client):
        for response in (session.get(url), session.post(url)):
            assert response.status_code in (401, 403)
            assert not shows_money(response)


@pytest.mark.parametrize(
    "name", ["dashboard", "customer_list", "customer_detail", "import_upload", "my_tasks"]
)
def test_owners_open_their_pages(name, demo, owner_client):
    response = owner_client.get(sample_url(name, url_names()[name]))

    assert response.status_code == 200


def test_the_start_page_sends_owners_to_the_dashboard_and_staff_to_their_tasks(
    owner_client, staff_client
):
    assert owner_client.get(reverse("home")).url == reverse("dashboard")
    assert staff_client.get(reverse("home")).url == reverse("my_tasks")


def test_the_staff_page_says_it_is_for_the_owner(demo, staff_client):
    response = staff_client.get(reverse("dashboard"))

    assert response.status_code == 403
    assert "Inhaber" in response.content.decode() or "owner" in response.content.decode()


def test_only_the_owner_gets_into_the_django_admin(owner_client, staff_client, client):
    admin, admin_login = reverse("admin:index"), reverse("admin:login")

    assert owner_client.get(admin).status_code == 200
    refused = staff_client.get(admin)
    # A staff member of the business is no Django staff: the admin asks for another login.
    assert refused.status_code == 403 or (
        refused.status_code == 302 and refused.url.startswith(admin_login)
    )
    visitor = client.get(admin)
    assert visitor.status_code == 302
    assert visitor.url.startswith(admin_login)
