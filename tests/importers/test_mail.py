"""E-mail: the sample in shared/samples/email, and mailboxes written here."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kundenwert.importers import mail
from kundenwert.importers.records import CustomerRef
from tests.conftest import SAMPLES

EMAIL = SAMPLES / "email"
BERLIN = "Europe/Berlin"
ME = "inhaber@kundenwert-beratung.de"


def read(path: Path, owner=(ME,)):
    return mail.parse(path, time_zone=BERLIN, owner_addresses=owner)


def test_every_sample_is_covered():
    assert {p.name for p in EMAIL.glob("*") if p.is_file()} == {"cpython_msg_02.eml"}


def test_the_mailman_digest_sample_is_skipped_as_a_mailing_list():
    path = EMAIL / "cpython_msg_02.eml"

    parsed = read(path)

    assert mail.sniff("", path.read_bytes())
    assert (parsed.errors, parsed.interactions) == ([], [])
    assert parsed.skipped == [("message 1", "mailing list (X-Mailman-Version)")]


def message(
    sender: str,
    to: str,
    *,
    date: str = "Mon, 02 Mar 2026 09:15:00 +0100",
    subject: str = "Angebot",
    message_id: str | None = "<1@example>",
    headers: str = "",
    body: str = "Hallo",
) -> str:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if date:
        lines.append(f"Date: {date}")
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    lines += [h for h in headers.splitlines() if h]
    return "\n".join(lines) + f"\n\n{body}\n"


def mbox(tmp_path: Path, *messages: str) -> Path:
    path = tmp_path / "mailbox.mbox"
    text = "".join(f"From x@y Mon Mar  2 09:15:00 2026\n{m}\n" for m in messages)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mailbox_gives_incoming_and_outgoing_mail_and_skips_automatic_mail(tmp_path):
    path = mbox(
        tmp_path,
        message(
            '"Anna Sommer" <Anna@Sommer-Baeckerei.de>',
            f"Inhaber <{ME}>",
            subject="=?utf-8?q?R=C3=BCckfrage_zum_Angebot?=",
            headers="Cc: buchhaltung@sommer-baeckerei.de",
        ),
        message(ME, "anna@sommer-baeckerei.de", date="Tue, 03 Mar 2026 17:00:00 +0000",
                message_id="<2@example>", subject="Re: Rückfrage"),
        message("kunde@gmx.de", ME, message_id="<3@example>",
                headers="Auto-Submitted: auto-replied"),
        message("news@shop.de", ME, message_id="<4@example>",
                headers="List-Unsubscribe: <mailto:unsubscribe@shop.de>"),
        message("info@verein.de", ME, message_id="<5@example>", headers="Precedence: bulk"),
        message("no-reply@portal.de", ME, message_id="<6@example>"),
        message("bob@berger-partner.de", ME, message_id="<7@example>", date=""),
        message(ME, ME, message_id="<8@example>"),
    )  # fmt: skip

    parsed = read(path)

    incoming, outgoing = parsed.interactions
    assert (incoming.at, incoming.direction, incoming.channel, incoming.minutes) == (
        datetime(2026, 3, 2, 9, 15),
        "in",
        "email",
        Decimal("0"),
    )
    assert incoming.customer == CustomerRef(
        emails=("anna@sommer-baeckerei.de", "buchhaltung@sommer-baeckerei.de"),
        domain="sommer-baeckerei.de",
    )
    assert (incoming.note, incoming.key, incoming.location) == (
        "Rückfrage zum Angebot",
        "1@example",
        "message 1",
    )
    assert (outgoing.at, outgoing.direction, outgoing.note) == (
        datetime(2026, 3, 3, 18, 0),
        "out",
        "Re: Rückfrage",
    )
    assert outgoing.customer == CustomerRef(
        emails=("anna@sommer-baeckerei.de",), domain="sommer-baeckerei.de"
    )
    assert parsed.skipped == [
        # Where each message's "From " line is, so it can be found in an editor.
        ("line 20, message 3", "automatic mail (Auto-Submitted: auto-replied)"),
        ("line 30, message 4", "mailing list (List-Unsubscribe)"),
        ("line 40, message 5", "bulk mail (Precedence: bulk)"),
        ("line 50, message 6", "automatic sender (no-reply@portal.de)"),
        ("line 59, message 7", "no readable date (no Date header)"),
        ("line 67, message 8", "no address besides your own"),
    ]


def test_the_owner_is_read_from_delivered_to(tmp_path):
    path = mbox(
        tmp_path,
        message("anna@sommer-baeckerei.de", ME, headers=f"Delivered-To: {ME}"),
    )

    [received] = read(path, owner=()).interactions

    assert (received.direction, received.customer.emails) == ("in", ("anna@sommer-baeckerei.de",))


def test_the_owner_is_the_address_in_most_messages(tmp_path):
    path = mbox(
        tmp_path,
        message("anna@sommer-baeckerei.de", ME, message_id="<a>"),
        message(ME, "bob@berger-partner.de", message_id="<b>"),
        message("bob@berger-partner.de", ME, message_id="<c>"),
    )

    parsed = read(path, owner=())

    assert [m.direction for m in parsed.interactions] == ["in", "out", "in"]
    assert parsed.warnings == []


def test_own_domains_are_the_owners_and_name_no_customer(tmp_path):
    path = mbox(
        tmp_path,
        message("kollegin@kundenwert-beratung.de", "anna@gmail.com",
                headers="Cc: chef@kundenwert-beratung.de"),
    )  # fmt: skip

    [sent] = read(path, owner=("kundenwert-beratung.de",)).interactions

    assert sent.direction == "out"
    assert sent.customer == CustomerRef(emails=("anna@gmail.com",), domain=None)


def test_without_a_known_owner_a_single_message_counts_as_incoming(tmp_path):
    path = tmp_path / "one.eml"
    path.write_text(message("anna@sommer-baeckerei.de", "someone@example.de"), encoding="utf-8")

    parsed = read(path, owner=())

    [received] = parsed.interactions
    assert (received.direction, received.customer.emails) == ("in", ("anna@sommer-baeckerei.de",))
    assert "your own e-mail address is unknown" in parsed.warnings[0]


def test_a_message_without_message_id_gets_a_stable_key(tmp_path):
    text = message("anna@sommer-baeckerei.de", ME, message_id=None)
    first, second = tmp_path / "a.eml", tmp_path / "b.eml"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")

    key = read(first).interactions[0].key

    assert key.startswith("no-message-id:")
    assert read(second).interactions[0].key == key


@pytest.mark.parametrize(
    "headers",
    ["Content-Type: multipart/report; report-type=delivery-status; boundary=x", "X-Autoreply: yes"],
)
def test_reports_and_auto_replies_are_skipped(tmp_path, headers):
    path = tmp_path / "one.eml"
    path.write_text(message("anna@sommer-baeckerei.de", ME, headers=headers), encoding="utf-8")

    parsed = read(path)

    assert parsed.interactions == []
    assert parsed.skipped[0][1].startswith(("delivery report", "automatic mail"))


@pytest.mark.parametrize("content", [b"", b"\n\n", bytes(range(256)) * 3])
def test_empty_and_binary_files_are_a_clean_error(tmp_path, content):
    path = tmp_path / "mail.eml"
    path.write_bytes(content)

    parsed = read(path)

    assert parsed.interactions == []
    assert str(parsed.errors[0]) == "mail.eml: contains no e-mail message (mbox or .eml)"


def test_a_truncated_message_still_reads_its_headers_or_skips(tmp_path):
    data = (EMAIL / "cpython_msg_02.eml").read_bytes()
    path = tmp_path / "cut.eml"
    path.write_bytes(data[:150])

    parsed = read(path)

    assert parsed.interactions == []
    assert parsed.errors or parsed.skipped


def test_sniff_knows_mail_by_its_headers_or_its_name():
    head = message("anna@sommer-baeckerei.de", ME).encode()

    assert mail.sniff("", head)
    assert mail.sniff("", b"From x@y Mon Mar  2 09:15:00 2026\n" + head)
    assert mail.sniff("export.mbox", b"")
    assert not mail.sniff("", b"Datum;Betrag\n01.03.2026;12,50\n")
