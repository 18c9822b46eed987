"""What owners and staff see and do in a real browser, each step with a screenshot."""

from __future__ import annotations

import base64
import io
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kundenwert.activity.models import Interaction
from kundenwert.activity.services import do_log_interaction
from kundenwert.customers.models import Customer
from kundenwert.planning.models import Task
from kundenwert.portfolio.writer import write_folder
from tests.analysis.builders import make_portfolio
from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_the_owner_signs_in_and_sees_the_dashboard_with_its_charts(page, demo, owner):
    sign_in(page, "olga")

    expect(page.get_by_role("heading", name="Übersicht", level=1)).to_be_visible()
    for chart in ("#portfolio-chart", "#whale-chart", "#budget-chart"):
        expect(page.locator(chart)).to_be_visible()
    assert page.locator("#portfolio-chart g.marks circle").count() >= 50
    first_title = page.locator("#portfolio-chart a circle title").first.text_content()
    assert " · Gruppe " in first_title
    expect(page.get_by_text("60 Kunden")).to_be_visible()
    screenshot(page, "01-dashboard")


def test_the_owner_opens_a_customer_and_sees_its_reasons(page, demo, owner):
    sign_in(page, "olga")
    page.get_by_role("link", name="Kunden", exact=True).click()
    page.get_by_label("Suche").fill("Bäckerei")
    page.get_by_role("button", name="Anzeigen").click()
    page.get_by_role("link", name="Bäckerei Sommer GmbH").click()

    expect(page.get_by_role("heading", name="Warum Gruppe A")).to_be_visible()
    expect(page.get_by_text("der umsatzstärkste Kunde; Grenze 80 %")).to_be_visible()
    expect(page.locator("#spark-revenue")).to_be_visible()
    screenshot(page, "02-customer")


def test_a_contact_is_logged_with_the_keyboard_and_shows_in_the_timeline(page, demo, owner):
    sign_in(page, "olga")
    page.goto(f"{page.base}/customers/")

    page.keyboard.press("Alt+l")
    dialog = page.locator("#quick-log")
    expect(dialog).to_be_visible()
    page.keyboard.type("Bäckerei Som")
    expect(page.get_by_role("option", name=re.compile("Bäckerei Sommer GmbH"))).to_be_visible()
    page.keyboard.press("Enter")
    dialog.get_by_label("Kanal").select_option("email")
    dialog.get_by_text("eingehend").click()
    dialog.get_by_role("button", name="Stoppuhr starten").click()
    dialog.get_by_role("button", name="Stoppuhr anhalten").click()
    dialog.get_by_label("Notiz").fill("Fragt nach dem Frühjahrsprospekt")
    screenshot(page, "03-log-dialog", full_page=False)
    dialog.get_by_role("button", name="Kontakt speichern").click()

    expect(
        page.get_by_text("Der Kontakt mit Bäckerei Sommer GmbH ist gespeichert.")
    ).to_be_visible()
    saved = Interaction.objects.get(note="Fragt nach dem Frühjahrsprospekt")
    assert (saved.channel, saved.direction, saved.minutes) == ("email", "in", 1)
    page.goto(f"{page.base}/customers/{saved.customer.pk}/")
    expect(
        page.locator("#timeline").get_by_text("Fragt nach dem Frühjahrsprospekt")
    ).to_be_visible()
    page.locator("#timeline").scroll_into_view_if_needed()
    screenshot(page, "04-timeline")


def test_calling_a_c_customer_asks_first(page, demo, owner):
    sign_in(page, "olga")
    c_customer = Customer.objects.get(number="K-1028")
    page.goto(f"{page.base}/customers/{c_customer.pk}/")

    page.locator(".head-actions").get_by_role("link", name="Kontakt erfassen").click()
    dialog = page.locator("#quick-log")
    dialog.get_by_label("Kanal").select_option("phone")
    dialog.get_by_label("Notiz").fill("Rückruf wegen Reklamation")
    dialog.get_by_role("button", name="Kontakt speichern").click()

    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_contain_text("nur per E-Mail, Brief")
    screenshot(page, "05-channel-question", full_page=False)
    confirm.get_by_role("button", name="Ja, weiter").click()

    expect(page.get_by_text("ist gespeichert")).to_be_visible()
    assert Interaction.objects.filter(note="Rückruf wegen Reklamation", channel="phone").exists()


def test_the_owner_sets_a_group_by_hand(page, demo, owner):
    sign_in(page, "olga")
    customer = Customer.objects.get(number="K-1001")
    page.goto(f"{page.base}/customers/{customer.pk}/")

    form = page.locator("#group-form")
    form.get_by_label("C", exact=True).check()
    form.get_by_label("Grund").fill("Will nur noch Rabatte")
    form.get_by_role("button", name="Gruppe speichern").click()

    expect(page.get_by_role("heading", name="Warum Gruppe C")).to_be_visible()
    expect(page.get_by_text("Gruppe C von Hand gesetzt: Will nur noch Rabatte")).to_be_visible()
    screenshot(page, "06-group-by-hand")


def test_the_owner_switches_to_english(page, demo, owner):
    sign_in(page, "olga")

    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    expect(page.locator(".kpi-value").first).to_contain_text("€")
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "07-english")
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("heading", name="Übersicht", level=1)).to_be_visible()


def test_the_owner_drops_a_portfolio_on_the_import_page_and_confirms(page, owner, tmp_path):
    sign_in(page, "olga")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Noch keine Kunden")).to_have_count(0)

    drop_file(page, "[data-dropzone]", "kunden.zip", zipped_portfolio(tmp_path))
    expect(page.locator(".dropzone-files")).to_have_text("kunden.zip")
    page.get_by_role("button", name="Vorschau zeigen").click()

    expect(page.get_by_role("heading", name="Was der Import tun würde")).to_be_visible()
    assert not Customer.objects.exists()
    screenshot(page, "08-import-preview")
    page.get_by_role("button", name="Jetzt importieren").click()

    expect(page.get_by_role("heading", name="Import abgeschlossen")).to_be_visible()
    assert Customer.objects.get(number="B1").name == "Blumen Berger"
    screenshot(page, "09-import-done")


def test_staff_see_their_tasks_and_no_owner_page(page, demo, staff):
    bakery = Customer.objects.get(number="K-1001")
    Task.objects.create(title="Angebot nachfassen", customer=bakery, assigned_to=staff)
    do_log_interaction(staff, bakery, at=timezone.now(), channel="phone", mood=1, note="Nett")
    sign_in(page, "stefan")

    expect(page.get_by_role("heading", name="Meine Aufgaben", level=1)).to_be_visible()
    expect(page.get_by_text("Angebot nachfassen")).to_be_visible()
    expect(page.get_by_role("link", name="Übersicht")).to_have_count(0)
    screenshot(page, "10-staff-tasks")
    response = page.goto(f"{page.base}/dashboard/")
    assert response.status == 403
    assert "€" not in page.content()


def test_keyboard_users_can_skip_to_the_content(page, demo, owner):
    sign_in(page, "olga")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_script_in_names_and_notes_is_shown_as_text(page, owner, transactional_db):
    evil = '<img src=x onerror="alert(1)">'
    from tests.web.conftest import import_rows

    import_rows(customers=[{"id": "E1", "name": f"Evil {evil}"}])
    sign_in(page, "olga")
    page.goto(f"{page.base}/interactions/new/")

    page.get_by_role("combobox", name="Kunde").fill("Evil")
    expect(page.get_by_role("option", name=re.compile("Evil"))).to_contain_text(evil)
    page.goto(f"{page.base}/customers/")
    expect(page.get_by_role("link", name=f"Evil {evil}")).to_be_visible()
    screenshot(page, "11-escaped-name")


def zipped_portfolio(tmp_path) -> bytes:
    folder = tmp_path / "portfolio"
    write_folder(
        make_portfolio(
            customers=[{"id": "B1", "name": "Blumen Berger"}],
            time_entries=[{"customer_id": "B1", "minutes": 45}],
        ),
        folder,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, path.name)
    return buffer.getvalue()


def drop_file(page, selector: str, name: str, data: bytes) -> None:
    """Drops a file on an element the way a drag from the desktop does."""
    page.locator(selector).evaluate(
        """(zone, [name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [name, base64.b64encode(data).decode()],
    )


def test_a_form_marked_data_confirm_asks_and_then_sends_its_button(page, demo, owner):
    sign_in(page, "olga")
    # Any form can ask first (the kaizen pages do); the language switch stands in here.
    page.locator("form.language-switch").evaluate("form => form.dataset.confirm = 'Wirklich?'")

    page.get_by_role("button", name="English").click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_contain_text("Wirklich?")
    confirm.get_by_role("button", name="Abbrechen").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")

    page.get_by_role("button", name="English").click()
    confirm.get_by_role("button", name="Ja, weiter").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")  # the button's value went along
