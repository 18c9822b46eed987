# ruff: noqa: F811 - the forms module's fixtures, imported below, are parameters by name
"""The web app's GET forms and addresses, given hostile values (issue 9): the customer
list's filters, the customer page's timeline pages, the type-ahead, the period choosers of
the budget and channel reports, the downloads' filters, the annual report's year, the
calendar feed's secret and the `next` and `customer` of the contact form.

None may answer with a server error; a value that makes no sense falls back to the
default or is refused with 400 or 404.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hardening.test_fuzz_forms import (  # noqa: F401
    FUZZ,
    World,
    _client,
    module_world,
    no_kept_analysis,
    world,
)
from tests.hardening.test_fuzz_values import (
    hostile_dates,
    hostile_numbers,
    hostile_texts,
    hostile_values,
)

ANSWERS = (200, 302, 400, 404)

# URL name (with the World's customer as <pk> where it has one) -> its query parameters.
QUERIES: dict[str, dict[str, st.SearchStrategy[str]]] = {
    "customer_list": {
        "q": hostile_texts(),
        "group": st.one_of(st.sampled_from(["A", "none"]), hostile_texts()),
        "status": hostile_texts(),
        "reason": hostile_texts(),
        "exit": hostile_values(),
        "sort": st.one_of(st.sampled_from(["-revenue", "name", "-rate"]), hostile_texts()),
        "page": hostile_numbers(),
    },
    "customer_detail": {"page": hostile_numbers(), "kind": hostile_texts()},
    "customer_search": {"q": hostile_texts()},
    "log_interaction": {"customer": hostile_numbers(), "next": hostile_texts()},
    "planning:budget": {
        "period": st.one_of(st.sampled_from(["week", "month"]), hostile_texts()),
        "date": hostile_dates(),
    },
    "planning:channels": {
        "period": st.one_of(st.sampled_from(["week", "month"]), hostile_texts()),
        "date": hostile_dates(),
    },
    "reports:list": {
        "customer": hostile_numbers(),
        "from": hostile_dates(),
        "to": hostile_dates(),
        "encoding": st.one_of(st.sampled_from(["utf-8", "cp1252"]), hostile_texts()),
        "q": hostile_texts(),
        "sort": hostile_texts(),
        "page": hostile_numbers(),
    },
    "reports:annual": {"lang": st.one_of(st.sampled_from(["de", "en"]), hostile_texts())},
}
KWARGS = {
    "reports:list": [
        {"name": name, "fmt": fmt}
        for name in ("customers", "interactions", "invoices", "followups")
        for fmt in ("csv", "csv-de", "xlsx")
    ],
    "reports:annual": [{"year": 2026, "fmt": "html"}],
}


def _urls(name: str, world: World) -> list[str]:
    if name in ("customer_detail",):
        return [reverse(name, kwargs={"pk": world.customer.pk})]
    return [reverse(name, kwargs=kwargs) for kwargs in KWARGS.get(name, [{}])]


@st.composite
def queries(draw, params: dict[str, st.SearchStrategy[str]]) -> dict[str, str]:
    names = sorted(params)
    chosen = draw(st.sets(st.sampled_from(names), min_size=1, max_size=len(names)))
    return {name: draw(params[name]) for name in sorted(chosen)}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_hostile_query_parameters_cause_no_server_error(name, world):
    client = _client(world.owner)
    urls = _urls(name, world)

    @FUZZ
    @given(query=queries(QUERIES[name]), which=st.integers(0, len(urls) - 1))
    def get(query, which):
        response = client.get(urls[which], query)
        assert response.status_code in ANSWERS, (urls[which], response.status_code)

    get()


@pytest.mark.parametrize("year", [0, 1, 1899, 1900, 2999, 3000, 9999, 10000, 2**31, 2**63, 10**20])
def test_the_annual_report_of_any_year_answers_without_a_server_error(year, world):
    client = _client(world.owner)
    for fmt in ("html", "pdf"):
        response = client.get(reverse("reports:annual", kwargs={"year": year, "fmt": fmt}))
        assert response.status_code in (200, 400, 404), (year, fmt)
        if fmt == "html" and response.status_code != 200:
            break  # the PDF is refused for the same year, at a second a try


@pytest.mark.parametrize(
    "secret", ["\x00", "%00", "x" * 10_001, "<script>", "..", "😀", "' OR '1'='1", "%2F"]
)
def test_a_hostile_feed_secret_gets_404(secret, world):
    path = reverse("planning:feed", kwargs={"secret": "S"}).replace("S.ics", f"{secret}.ics")
    assert _client(world.staff).get(path).status_code == 404


@pytest.mark.parametrize(
    "pk", [0, 2**31, 2**63, 10**20, 10**400], ids=lambda pk: f"{len(str(pk))} digits"
)
def test_an_id_beyond_every_integer_column_gets_404(pk, world):
    """<int:pk> takes any digits; an id no column can hold must be 404, not an overflow."""
    client = _client(world.owner)
    for name in ("customer_detail", "kaizen:customer", "kaizen:step", "kaizen:talk"):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    for name in ("planning:task_done", "planning:rule_retire", "api:token_revoke"):
        assert client.post(reverse(name, kwargs={"pk": pk})).status_code == 404, name
