"""Text from users and imports is shown as text: in pages, in charts and in JSON."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from kundenwert.activity.services import do_log_interaction
from kundenwert.customers.services import do_add_insight
from tests.web.conftest import customer, import_rows, recent

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
NAME = f"Evil {SCRIPT} GmbH"


def evil_portfolio(today, owner) -> None:
    day = recent(today)
    import_rows(
        customers=[{"id": "E1", "name": NAME}],
        invoices=[{"customer_id": "E1", "net": 5000, "issue_date": day}],
        time_entries=[{"customer_id": "E1", "start": day, "minutes": 600}],
        interactions=[{"customer_id": "E1", "at": day, "channel": "phone", "note": IMAGE}],
    )
    do_add_insight(customer("E1"), owner, "fear", f"Angst {SCRIPT}", today)
    do_log_interaction(
        owner, customer("E1"), at=timezone.now(), channel="email", note=f"Notiz {IMAGE}"
    )


def assert_escaped(page: str) -> None:
    assert SCRIPT not in page
    assert IMAGE not in page
    assert "onerror=" not in page.replace("onerror=&quot;", "")


def test_names_notes_and_insights_are_escaped_on_the_customer_page(owner, owner_client, today):
    evil_portfolio(today, owner)

    page = owner_client.get(reverse("customer_detail", args=[customer("E1").pk])).content.decode()

    assert_escaped(page)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Angst &lt;script&gt;" in page
    assert "Notiz &lt;img src=x" in page


def test_names_are_escaped_in_the_dashboard_and_its_charts(owner, owner_client, today):
    evil_portfolio(today, owner)

    page = owner_client.get(reverse("dashboard")).content.decode()

    assert_escaped(page)
    assert "<title>Evil &lt;script&gt;" in page  # inside the SVG mark's tooltip


def test_names_are_escaped_in_the_list_and_the_staff_pages(
    owner, owner_client, staff_client, today
):
    evil_portfolio(today, owner)
    do_log_interaction(
        __import__("kundenwert.accounts.models", fromlist=["User"]).User.objects.get(
            username="stefan"
        ),
        customer("E1"),
        at=__import__("django.utils.timezone", fromlist=["now"]).now(),
        channel="email",
        note=IMAGE,
    )

    assert_escaped(owner_client.get(reverse("customer_list")).content.decode())
    assert_escaped(staff_client.get(reverse("my_tasks")).content.decode())


def test_the_type_ahead_returns_names_as_data(owner, staff_client, today):
    evil_portfolio(today, owner)

    response = staff_client.get(reverse("customer_search"), {"q": "evil"})

    assert response["Content-Type"] == "application/json"
    assert response.json()["results"][0]["name"] == NAME


def test_pages_forbid_inline_scripts_and_outside_requests(owner_client):
    policy = owner_client.get(reverse("dashboard"))["Content-Security-Policy"]

    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
