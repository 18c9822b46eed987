"""The exit assistant: checklist, letters in three voices, confirmation and what follows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.services import do_log_interaction
from kundenwert.analysis import AnalysisSettings
from kundenwert.customers.models import Contact, Customer
from kundenwert.exchange.loader import load_portfolio
from kundenwert.followups import FollowupSettings, input_from_portfolio, open_followups
from kundenwert.kaizen import services
from kundenwert.kaizen.exits import (
    contacts_after_exit,
    default_end_date,
    default_greeting_name,
    exit_checklist,
    warn_if_ended,
)
from kundenwert.kaizen.models import Voice
from kundenwert.planning.data import open_followups_on
from kundenwert.sales.models import Offer

PLACEHOLDERS = ("{{", "}}", "{%", "%}", "[", "]", "XXX", "TODO", "None", "<", ">")


def prepare(world, owner, voice: str, **extra):
    return services.do_prepare_exit(
        owner,
        world.customer,
        voice=voice,
        end_date=date(2027, 1, 31),
        sender="Olga Hartmann",
        today=date(2026, 11, 23),
        **extra,
    )


@pytest.mark.parametrize("voice", Voice.values)
def test_the_letter_renders_in_every_voice_with_the_customers_data_and_no_placeholder(
    world, owner, voice
):
    letter = prepare(world, owner, voice, greeting_name="Peter Schmitz").letter

    assert "Tischlerei Schmitz" in letter
    assert "Peter Schmitz" in letter
    assert "Olga Hartmann" in letter
    assert "RE-Schmitz-2" in letter  # the open invoice
    assert "AN-Schmitz-1" in letter  # the open offer
    assert "Website-Texte (Schmitz)" in letter  # the delivery not yet live
    assert "2021" in letter  # customer since
    for placeholder in PLACEHOLDERS:
        assert placeholder not in letter, placeholder
    assert "\n\n\n" not in letter


def test_each_voice_speaks_as_it_should(world, owner):
    sie = prepare(world, owner, Voice.DE_SIE).letter
    du = prepare(world, owner, Voice.DE_DU, greeting_name="Peter").letter
    en = prepare(world, owner, Voice.EN, recommendation="Agentur Nord, Köln").letter

    assert "Sehr geehrte Damen und Herren," in sie and "31. Januar 2027" in sie
    assert "Bitte begleichen Sie die offene Rechnung (RE-Schmitz-2 über 800,50 €)" in sie
    assert "Mit freundlichen Grüßen" in sie and " dir " not in sie
    assert "Hallo Peter," in du and "danke ich dir" in du and "Bitte begleiche" in du
    assert " Ihnen " not in du
    assert "Dear Sir or Madam," in en and "31 Jan 2027" in en
    assert "Please settle the open invoice (RE-Schmitz-2 for €800.50)" in en
    assert "For future support I recommend Agentur Nord, Köln." in en


def test_a_recommendation_and_open_items_are_left_out_as_whole_sentences(db, owner):
    customer = Customer.objects.create(number="K-5", name="Friseursalon Haarmonie")

    plan = services.do_prepare_exit(
        owner, customer, voice=Voice.DE_SIE, end_date=date(2027, 1, 31), sender="Olga"
    )

    assert "empfehle" not in plan.letter
    assert "Rechnung" not in plan.letter and "Angebot" not in plan.letter
    assert "für die bisherige Zusammenarbeit danke ich Ihnen" in plan.letter
    assert "Alle Unterlagen, Dateien und Zugänge" in plan.letter


def test_names_with_an_ampersand_are_not_escaped_in_the_text_letter(db, owner):
    customer = Customer.objects.create(number="K-6", name="Schneider & Söhne")

    plan = services.do_prepare_exit(
        owner, customer, voice=Voice.EN, end_date=date(2027, 1, 31), sender="Olga"
    )

    assert "Schneider & Söhne" in plan.letter and "&amp;" not in plan.letter


def test_the_checklist_comes_from_the_data(world):
    checklist = exit_checklist(world.customer)

    assert [i.number for i in checklist.open_invoices] == ["RE-Schmitz-2"]
    assert [o.number for o in checklist.open_offers] == ["AN-Schmitz-1"]
    assert [d.title for d in checklist.running_deliveries] == ["Website-Texte (Schmitz)"]
    assert [c.name for c in checklist.contacts] == ["Petra Schmitz"]
    assert not checklist.is_clear


def test_the_defaults_give_a_month_or_two_of_notice_and_greet_the_first_contact(world):
    assert default_end_date(date(2026, 11, 23)) == date(2027, 1, 31)
    assert default_end_date(date(2026, 1, 5)) == date(2026, 3, 31)
    Contact.objects.create(customer=world.other, name="Dr. Martin Berger")
    assert default_greeting_name(world.other, Voice.DE_DU) == "Martin"
    assert default_greeting_name(world.other, Voice.DE_SIE) == "Dr. Martin Berger"


def test_the_owner_can_edit_the_letter(world, owner):
    plan = prepare(world, owner, Voice.DE_SIE)

    services.do_edit_exit_letter(owner, plan, "Guten Tag,\r\nes ist vorbei.\r\n")

    plan.refresh_from_db()
    assert plan.letter == "Guten Tag,\nes ist vorbei.\n"


def cadence_customers(today: date) -> set[str]:
    data = input_from_portfolio(load_portfolio(), AnalysisSettings(), today)
    items = open_followups(
        data, today, FollowupSettings(), states={}, until=today + timedelta(days=400)
    )
    return {item.customer_id for item in items if item.kind == "cadence"}


def test_confirming_ends_the_customer_and_removes_it_from_cadence(world, owner):
    world.customer.group_override = "A"
    world.customer.save()
    assert "K-1001" in cadence_customers(world.today)
    plan = prepare(world, owner, Voice.DE_SIE)

    services.do_confirm_exit(owner, plan)

    world.customer.refresh_from_db()
    assert world.customer.status == "ended"
    assert "K-1001" not in cadence_customers(world.today)
    record = ChangeRecord.objects.get(action="end")
    assert record.changes["status"] == ["active", "ended"]
    with pytest.raises(services.KaizenError):
        services.do_confirm_exit(owner, plan)


OFFER_KINDS = {"offer_checkin", "offer_expired"}


def kinds_of(customer_id: str, as_of: date) -> set[str]:
    """What `kundenwert followups --as-of` lists for the customer from the database."""
    return {item.kind for item in open_followups_on(as_of) if item.customer_id == customer_id}


def test_confirming_declines_the_open_offers_and_leaves_no_offer_or_cadence_follow_up(world, owner):
    world.customer.group_override = "A"
    world.customer.save()
    # Past the offer's default validity (sent 10 days ago, 30 days) and the A cadence.
    as_of = world.today + timedelta(days=60)
    before = kinds_of("K-1001", as_of)
    assert "offer_expired" in before and "cadence" in before
    others = kinds_of("K-2002", as_of)
    plan = prepare(world, owner, Voice.DE_SIE)

    services.do_confirm_exit(owner, plan)

    offer = Offer.objects.get(number="AN-Schmitz-1")
    assert offer.status == "declined"
    assert offer.decided_date == timezone.localdate(plan.confirmed_at)
    record = ChangeRecord.objects.get(action="decline")
    assert (record.model, record.object_id) == ("sales.Offer", str(offer.pk))
    assert record.changes == {
        "status": ["open", "declined"],
        "decided_date": [None, offer.decided_date.isoformat()],
    }
    assert "Tischlerei" not in record.summary  # kaizen change-log lines name numbers only
    after = kinds_of("K-1001", as_of)
    assert not after & (OFFER_KINDS | {"cadence"})
    # The contract has no exemption for deliveries: one not yet live keeps its check-in.
    assert "delivery_checkin" in after
    # The other customer's offer and follow-ups are untouched.
    assert Offer.objects.get(number="AN-Sommer-1").status == "open"
    assert kinds_of("K-2002", as_of) == others


def test_the_offers_are_declined_on_the_local_day_of_the_confirmation(db, owner, monkeypatch):
    customer = Customer.objects.create(number="K-8", name="Weinhandel Kurz")
    Offer.objects.create(number="AN-8", customer=customer, sent_date=date(2026, 12, 1), amount=900)
    Offer.objects.create(
        number="AN-9",
        customer=customer,
        sent_date=date(2026, 6, 1),
        amount=100,
        status="accepted",
        decided_date=date(2026, 6, 5),
    )
    plan = services.do_prepare_exit(
        owner,
        customer,
        voice=Voice.EN,
        end_date=date(2027, 2, 28),
        sender="Olga",
        today=date(2026, 12, 31),
    )
    # 20 minutes into the new year in Berlin, still 2026 in UTC.
    moment = datetime(2027, 1, 1, 0, 20, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(timezone, "now", lambda: moment)

    services.do_confirm_exit(owner, plan)

    declined = Offer.objects.get(number="AN-8")
    assert (declined.status, declined.decided_date) == ("declined", date(2027, 1, 1))
    accepted = Offer.objects.get(number="AN-9")  # a decided offer keeps its decision
    assert (accepted.status, accepted.decided_date) == ("accepted", date(2026, 6, 5))
    assert ChangeRecord.objects.filter(action="decline").count() == 1


def test_the_exit_page_says_what_confirming_does_before_it_is_done(world, owner, owner_client):
    plan = prepare(world, owner, Voice.DE_SIE)

    page = owner_client.get(f"/kaizen/customers/{world.customer.pk}/exit/").content.decode()

    assert (
        "Das offene Angebot AN-Schmitz-1 wird als abgelehnt geschlossen, mit dem Datum des "
        "Tages, an dem Sie bestätigen." in page
    )
    assert "Eine Lieferung, die noch nicht im Einsatz ist, behält ihre" in page
    services.do_confirm_exit(owner, plan)
    after = owner_client.get(f"/kaizen/customers/{world.customer.pk}/exit/").content.decode()
    assert "wird als abgelehnt geschlossen" not in after


def test_a_contact_logged_after_the_end_is_flagged(world, owner):
    assert warn_if_ended(world.customer) is None
    plan = services.do_confirm_exit(owner, prepare(world, owner, Voice.DE_SIE))
    world.customer.refresh_from_db()

    with translation.override("en"):
        warning = warn_if_ended(world.customer)
    # Relative to the moment of confirmation, not to the calendar day: a suite run in the
    # afternoon confirms after noon.
    do_log_interaction(
        owner, world.customer, at=plan.confirmed_at - timedelta(minutes=5), channel="email"
    )
    later = do_log_interaction(
        owner, world.customer, at=plan.confirmed_at + timedelta(minutes=5), channel="phone"
    )

    assert "Tischlerei Schmitz" in warning and "2027-01-31" in warning
    assert list(contacts_after_exit(world.customer)) == [later]


def test_an_ended_customer_without_an_exit_is_still_flagged(db):
    customer = Customer.objects.create(number="K-7", name="Modehaus Lindner", status="ended")

    with translation.override("de"):
        assert "Modehaus Lindner" in warn_if_ended(customer)
    assert list(contacts_after_exit(customer)) == []


def test_the_letter_exports_as_text_and_as_html(world, owner, owner_client):
    plan = prepare(world, owner, Voice.EN)
    plan.letter = "Dear Peter,\n\n<b>bye</b> & thanks\n"
    plan.save()

    text = owner_client.get(f"/kaizen/exits/{plan.pk}/letter.txt")
    html = owner_client.get(f"/kaizen/exits/{plan.pk}/letter.html")

    assert text["Content-Type"].startswith("text/plain")
    assert "attachment" in text["Content-Disposition"]
    assert text.content.decode() == plan.letter
    assert "&lt;b&gt;bye&lt;/b&gt; &amp; thanks" in html.content.decode()
    assert owner_client.get(f"/kaizen/exits/{plan.pk}/letter.pdf").status_code == 404
