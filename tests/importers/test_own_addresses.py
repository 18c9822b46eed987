# ruff: noqa: E501 - the messages read best whole
"""The owner's own e-mail addresses and domains (a workspace setting): checked once, passed
by the import service to the mail and calendar importers, web and CLI alike, and used by
customer matching. The samples: the calendar with attendees, and the mail sample (a
Mailman digest) with the messages it carries taken out as a mailbox."""

from __future__ import annotations

import email
import mailbox
from pathlib import Path

import pytest
from django.utils import translation

from kundenwert.activity.models import Interaction
from kundenwert.cli import main
from kundenwert.customers.models import Contact, Customer
from kundenwert.importers import ical, mail
from kundenwert.importers.records import CustomerRef
from kundenwert.importers.services import do_import_files
from kundenwert.workspace.services import (
    OwnAddressesInvalid,
    clean_own_addresses,
    do_update_own_addresses,
    get_settings,
    own_domains,
)
from tests.conftest import SAMPLES

CALENDAR = SAMPLES / "calendar" / "icalendar_docs_example_with_attendees.ics"
DIGEST = SAMPLES / "email" / "cpython_msg_02.eml"
BERLIN = "Europe/Berlin"
UNKNOWN = "your own e-mail address is unknown"


def digest_messages(tmp_path: Path, *, delivered_to: str | None = None) -> Path:
    """The five messages of the sample digest as a mailbox, as the list's subscriber
    ppp@zzz.org received them from barry@digicool.com, without their "Precedence: bulk"
    (which would skip them as list mail)."""
    digest = email.message_from_bytes(DIGEST.read_bytes())
    inner = [
        part.get_payload(0) for part in digest.walk() if part.get_content_type() == "message/rfc822"
    ]
    path = tmp_path / "ppp.mbox"
    box = mailbox.mbox(path)
    for message in inner:
        del message["Precedence"]
        if delivered_to:
            message["Delivered-To"] = delivered_to
        box.add(message)
    box.close()
    return path


def test_the_problems_are_in_german_too():
    with translation.override("de"), pytest.raises(OwnAddressesInvalid) as caught:
        clean_own_addresses("anna@")

    assert caught.value.problems == [
        "„anna@“ ist keine gültige E-Mail-Adresse (wie name@example.com)."
    ]


# --- checked once ----------------------------------------------------------------------------


def test_addresses_and_domains_are_cleaned_lower_cased_and_kept_once():
    text = "Anna@Sommer-Design.de\n@sommer-design.de, mailto:info@sommer-design.de; anna@sommer-design.de\n\nmüller-bau.de"

    assert clean_own_addresses(text) == [
        "anna@sommer-design.de",
        "sommer-design.de",
        "info@sommer-design.de",
        "müller-bau.de",
    ]
    assert clean_own_addresses(["a@b.de", " c.de "]) == ["a@b.de", "c.de"]
    # An internationalised domain is kept in one spelling, however it was entered.
    assert clean_own_addresses("xn--mller-bau-q9a.de anna@XN--MLLER-BAU-Q9A.de") == [
        "müller-bau.de",
        "anna@müller-bau.de",
    ]
    assert clean_own_addresses("") == []


def test_every_bad_entry_is_named_with_what_would_be_right():
    with translation.override("en"), pytest.raises(OwnAddressesInvalid) as caught:
        clean_own_addresses("anna@, sommer, gmx.de, anna@gmx.de, -x.de")

    assert caught.value.problems == [
        "“anna@” is not a valid e-mail address (like name@example.com).",
        "“sommer” is neither an e-mail address (like name@example.com) nor a domain (like example.com).",
        "“gmx.de” is a mail provider that many people share: please enter your full address there (like name@gmx.de).",
        "“-x.de” is neither an e-mail address (like name@example.com) nor a domain (like example.com).",
    ]


def test_too_many_entries_are_refused():
    with translation.override("en"), pytest.raises(OwnAddressesInvalid, match="at most 50"):
        clean_own_addresses([f"a{n}@example.de" for n in range(51)])


def test_the_domains_of_the_owners_addresses_are_the_owners_too():
    assert own_domains(["anna@sommer-design.de", "bau.de", "@x.de", "me@gmail.com"]) == [
        "sommer-design.de",
        "bau.de",
        "x.de",
        "gmail.com",
    ]


@pytest.mark.django_db
def test_the_setting_is_stored_only_when_valid_and_the_change_recorded():
    from kundenwert.accounts.models import ChangeRecord

    assert do_update_own_addresses(None, "Anna@Sommer-Design.de") == ["anna@sommer-design.de"]
    with pytest.raises(OwnAddressesInvalid):
        do_update_own_addresses(None, "kein-eintrag")

    assert get_settings().own_addresses == ["anna@sommer-design.de"]
    assert ChangeRecord.objects.filter(summary="own e-mail addresses").count() == 1


# --- the importers, with and without them -------------------------------------------------------


def test_the_mail_sample_is_a_mailing_list_whoever_the_owner_is():
    for owner in ((), ("ppp@zzz.org",), ("zzz.org",)):
        parsed = mail.parse(DIGEST, time_zone=BERLIN, owner_addresses=owner)

        assert parsed.interactions == []
        assert parsed.skipped == [("message 1", "mailing list (X-Mailman-Version)")]


def test_the_digests_messages_are_sent_mail_when_the_sender_is_the_owner(tmp_path):
    parsed = mail.parse(
        digest_messages(tmp_path), time_zone=BERLIN, owner_addresses=["barry@digicool.com"]
    )

    assert [m.direction for m in parsed.interactions] == ["out"] * 5
    assert {m.customer for m in parsed.interactions} == {
        CustomerRef(emails=("ppp@zzz.org",), domain="zzz.org")
    }
    assert [m.note for m in parsed.interactions] == [
        "[Ppp] testing #1",
        None,
        "[Ppp] testing #3",
        "[Ppp] testing #4",
        "[Ppp] testing #5",
    ]
    assert parsed.warnings == []


def test_the_digests_messages_are_received_mail_when_the_owner_is_the_domain_written_to(tmp_path):
    parsed = mail.parse(digest_messages(tmp_path), time_zone=BERLIN, owner_addresses=["zzz.org"])

    assert [m.direction for m in parsed.interactions] == ["in"] * 5
    assert {m.customer for m in parsed.interactions} == {
        CustomerRef(emails=("barry@digicool.com",), domain="digicool.com")
    }


def test_the_owners_internationalised_domain_is_known_in_its_punycode_spelling(tmp_path):
    message = (
        "From: Anna Müller <anna@xn--mller-bau-q9a.de>\n"
        "To: Einkauf <einkauf@kunde.de>\n"
        "Date: Mon, 02 Mar 2026 09:30:00 +0100\n"
        "Subject: Angebot\n\nGuten Tag\n"
    )
    path = tmp_path / "angebot.eml"
    path.write_text(message, encoding="utf-8")

    parsed = mail.parse(path, time_zone=BERLIN, owner_addresses=["müller-bau.de"])

    [interaction] = parsed.interactions
    assert interaction.direction == "out"
    assert interaction.customer == CustomerRef(emails=("einkauf@kunde.de",), domain="kunde.de")


def test_without_the_setting_the_mailbox_still_tells_who_the_owner_is(tmp_path):
    delivered = digest_messages(tmp_path, delivered_to="ppp@zzz.org")

    parsed = mail.parse(delivered, time_zone=BERLIN, owner_addresses=())

    assert [m.direction for m in parsed.interactions] == ["in"] * 5
    assert parsed.warnings == []


def test_two_people_in_every_message_do_not_make_either_the_owner(tmp_path):
    parsed = mail.parse(digest_messages(tmp_path), time_zone=BERLIN, owner_addresses=())

    # barry and ppp are in all five: nothing tells which one is the owner, so the messages
    # count as received from their sender (as always without an owner), with the warning.
    assert [m.direction for m in parsed.interactions] == ["in"] * 5
    assert UNKNOWN in parsed.warnings[0]


def test_the_calendar_samples_attendees_without_the_owner_by_address_or_domain():
    by_address = ical.parse(CALENDAR, time_zone=BERLIN, owner_addresses=["me@example.com"])
    by_domain = ical.parse(CALENDAR, time_zone=BERLIN, owner_addresses=["example.com"])
    unknown = ical.parse(CALENDAR, time_zone=BERLIN, owner_addresses=[])

    [ride] = by_address.interactions
    assert ride.customer == CustomerRef(
        emails=("another_friend@example.com", "late_joiner@example.com"), domain="example.com"
    )
    # Everybody at example.com is the owner: nobody names a customer.
    assert by_domain.interactions == []
    assert by_domain.skipped[-1] == (
        "line 12, event 2",
        "no attendees besides you: nothing names the customer",
    )
    [guess] = unknown.interactions
    assert guess.customer.emails[0] == "me@example.com"
    assert UNKNOWN in unknown.warnings[0]


# --- the service passes the setting on, web and CLI alike -------------------------------------


@pytest.fixture
def riders(db) -> Customer:
    friends = Customer.objects.create(number="K1", name="Radgruppe")
    Contact.objects.create(customer=friends, name="Friend", email="another_friend@example.com")
    return friends


def test_the_import_service_gives_the_stored_addresses_to_the_calendar_importer(riders):
    do_update_own_addresses(None, "me@example.com")

    report = do_import_files([CALENDAR])

    assert report.kinds["interactions"].added == 1
    assert Interaction.objects.get().customer == riders
    assert not any(UNKNOWN in w for w in report.warnings)


def test_without_the_setting_the_calendar_import_warns_and_still_finds_the_customer(riders):
    report = do_import_files([CALENDAR])

    assert report.kinds["interactions"].added == 1  # by another_friend's address
    assert any(UNKNOWN in w for w in report.warnings)


def test_the_owners_company_domain_never_names_a_customer(db):
    club = Customer.objects.create(number="K2", name="Example Club", email="info@example.com")

    do_import_files([CALENDAR])
    do_update_own_addresses(None, "me@example.com")
    with_setting = do_import_files([CALENDAR], dry_run=True)

    # Without the setting the owner's own domain is taken for the club's: the ride became
    # theirs. With it, example.com is the owner's, and the other riders name no customer.
    assert Interaction.objects.get().customer == club
    assert (
        with_setting.kinds["interactions"]
        .skipped[-1]
        .reason.startswith("no customer matches 'another_friend@example.com'")
    )
    assert with_setting.changes == 0


def test_addresses_given_to_the_service_win_over_the_setting(tmp_path, db):
    Customer.objects.create(number="K3", name="Digicool", email="info@digicool.com")
    do_update_own_addresses(None, "barry@digicool.com")

    report = do_import_files([digest_messages(tmp_path)], owner_addresses=["zzz.org"])

    assert report.kinds["interactions"].added == 5
    assert set(Interaction.objects.values_list("direction", flat=True)) == {"in"}


def test_the_cli_import_uses_the_setting_and_shows_it(tmp_path, capsys, db):
    list_ = Customer.objects.create(number="K4", name="PPP-Liste", email="ppp@zzz.org")
    do_update_own_addresses(None, "barry@digicool.com")

    assert main(["import", "--lang", "en", str(digest_messages(tmp_path))]) == 0

    out = capsys.readouterr().out
    assert "Your own e-mail addresses and domains: barry@digicool.com" in out
    assert Interaction.objects.count() == 5
    assert set(Interaction.objects.values_list("customer", "direction")) == {(list_.pk, "out")}


def test_the_cli_says_when_the_setting_is_missing(tmp_path, capsys, db):
    assert main(["import", "--lang", "en", "--dry-run", str(CALENDAR)]) == 0

    captured = capsys.readouterr()
    assert "Your own e-mail addresses are not set" in captured.out
    assert UNKNOWN in captured.err


# --- the stored domains survive the migration -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_own_domains_stored_before():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("workspace", "0003_columnmapping_workspacesettings_own_domains")]
    after = [("workspace", "0004_own_addresses_importjob")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("workspace", "WorkspaceSettings")
    old.objects.update_or_create(pk=1, defaults={"own_domains": ["meine-agentur.de"]})

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    new = executor.loader.project_state(after).apps.get_model("workspace", "WorkspaceSettings")
    assert new.objects.get(pk=1).own_addresses == ["meine-agentur.de"]
