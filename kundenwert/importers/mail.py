"""E-mail: mbox files and single .eml messages become e-mail interactions.

One message is one interaction (channel "email", 0 minutes: a mail carries no duration).
Its direction is "out" when the owner sent it and "in" otherwise. Who the owner is comes
from `owner_addresses` (full addresses, or bare domains such as "example.com" for all of
the owner's addresses there); without them the file itself is asked: the addresses in
Delivered-To / X-Original-To / Envelope-To headers are the mailbox's own, and in a file of
several messages an address found in more than half of them is the owner's (unless another
is found as often: a correspondence of two people does not say which one is the owner). When neither
tells, every message counts as incoming from its sender, and a warning says so.

The customer is named by the other party's addresses (the sender of an incoming mail, the
recipients of an outgoing one) and the first company domain among them; freemail domains
and the owner's own domains never name a customer (see `company_domain`).

Automatic and bulk mail (auto-replies, delivery reports, mailing lists, newsletters,
no-reply senders) is skipped with the reason. A message without a readable date, or with
no address besides the owner's, is skipped too, so that one odd message does not stop a
mailbox of thousands from importing.

This module also holds the small address helpers that the other contact-like importers
(vCard, iCalendar, e-invoices) share.
"""

from __future__ import annotations

import email
import hashlib
import mailbox
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kundenwert.importers.lines import located, start_lines
from kundenwert.importers.matching import canonical_address, canonical_domain, is_freemail
from kundenwert.importers.records import CustomerRef, InteractionRecord, ParsedFile
from kundenwert.portfolio.errors import RowError

NAME = "mail"
LABEL = "E-mail (mbox, .eml)"

# A domain's labels: letters (of any script: müller.de) and digits, hyphens inside.
_ADDRESS = re.compile(r"[^@\s<>(),;:\"]+@[^\W_](?:(?:[^\W_]|-)*[^\W_])?(?:\.(?:[^\W_]|-)+)+")

# A message of an mbox starts on a line beginning "From " (as Python's mailbox reads it).
MESSAGE_START = re.compile(rb"^From ", re.MULTILINE)

# Headers of the mailbox's own address: the receiving server writes them on delivery.
_DELIVERY_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To")
_LIST_HEADERS = ("List-Id", "List-Unsubscribe", "List-Post", "X-Mailman-Version")
_BULK_PRECEDENCE = {"bulk", "list", "junk", "auto_reply"}
_AUTOMATIC_HEADERS = ("X-Autoreply", "X-Autorespond")
_ROBOT_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|"
    r"notifications?)(?:[-+._].*)?@"
    r"|^owner-.*@|^[^@]*-(?:request|bounces|owner|admin)@",
    re.IGNORECASE,
)


def clean_address(text: str) -> str | None:
    """The e-mail address in `text` (a bare address, "mailto:…", "Name <…>"), lower-cased,
    its domain as `canonical_domain` spells it."""
    match = _ADDRESS.search(text.strip())
    return canonical_address(match.group(0)) if match else None


def domain_of(address: str) -> str:
    return canonical_domain(address.rpartition("@")[2])


def company_domain(addresses: Iterable[str], own: Iterable[str] = ()) -> str | None:
    """The first domain among `addresses` that can stand for a company: not a freemail
    provider (matching's list) and not one of the `own` domains."""
    skip = {domain.lower() for domain in own}
    for address in addresses:
        domain = domain_of(address)
        if domain and domain not in skip and not is_freemail(domain):
            return domain
    return None


def sniff(name: str, head: bytes) -> bool:
    if name.lower().endswith((".eml", ".mbox", ".mbx")):
        return True
    text = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    if text.startswith(b"From ") and b"\nFrom:" in text[:4096]:
        return True
    known = re.findall(
        rb"(?im)^(From|To|Date|Subject|Message-ID|Received|Return-Path|MIME-Version):", text
    )
    return bool(re.match(rb"[A-Za-z][A-Za-z0-9-]*:", text)) and len(set(known)) >= 3


def parse(path: Path, *, time_zone: str, owner_addresses: Iterable[str] = ()) -> ParsedFile:
    data = path.read_bytes()
    parsed = ParsedFile(path.name, NAME, hashlib.sha256(data).hexdigest())
    messages = list(_messages(path, data))
    if not messages or not any(message.keys() for message in messages):
        parsed.errors.append(
            RowError(path.name, None, None, None, "contains no e-mail message (mbox or .eml)")
        )
        return parsed
    owner = Owner.from_settings(owner_addresses) or Owner.inferred(messages)
    zone = ZoneInfo(time_zone)
    lines = start_lines(data, MESSAGE_START, len(messages)) if len(messages) > 1 else None
    for number, message in enumerate(messages, start=1):
        location = f"message {number}"
        record = _interaction(message, location, owner or Owner(), zone)
        if isinstance(record, str):
            parsed.skipped.append((located(location, lines, number), record))
        else:
            parsed.interactions.append(record)
    if owner is None and parsed.interactions:
        parsed.warnings.append(
            f"{path.name}: your own e-mail address is unknown, so every message counts as "
            "incoming from its sender; enter your addresses in the settings (own e-mail "
            "addresses and domains) to tell sent mail apart"
        )
    return parsed


def _messages(path: Path, data: bytes) -> Iterator[Message]:
    if data.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"From "):
        box = mailbox.mbox(path, create=False)
        try:
            yield from box
        finally:
            box.close()
    elif data.strip():
        yield email.message_from_bytes(data)


@dataclass(frozen=True)
class Owner:
    """The owner's addresses and domains, to tell sent from received mail (and, for the
    calendar import, the owner from the other attendees)."""

    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, entries: Iterable[str]) -> Owner | None:
        addresses, domains = set(), set()
        for entry in entries:
            entry = entry.strip().lower().removeprefix("mailto:")
            if "@" in entry.lstrip("@"):
                addresses.add(clean_address(entry) or entry)
            elif entry:
                domains.add(canonical_domain(entry.lstrip("@")))
        return cls(frozenset(addresses), frozenset(domains)) if addresses or domains else None

    @classmethod
    def inferred(cls, messages: list[Message]) -> Owner | None:
        delivered = {
            address
            for message in messages
            for header in _DELIVERY_HEADERS
            for address in _addresses(message, header)
        }
        if delivered:
            return cls(frozenset(delivered))
        seen = Counter(
            address
            for message in messages
            for address in set(_addresses(message, "From", "To", "Cc"))
        )
        if len(messages) >= 2 and seen:
            top = seen.most_common(2)
            address, count = top[0]
            tied = len(top) == 2 and top[1][1] == count  # two people in every message
            if count * 2 > len(messages) and not tied:
                return cls(frozenset({address}))
        return None

    def __contains__(self, address: str) -> bool:
        return address in self.addresses or domain_of(address) in self.domains


def _interaction(
    message: Message, location: str, owner: Owner, zone: ZoneInfo
) -> InteractionRecord | str:
    """The message as an interaction, or the reason why it is skipped."""
    if reason := _automatic(message):
        return reason
    sender = next(iter(_addresses(message, "From")), None)
    if sender is None:
        return "no sender address (From)"
    at = _sent_at(message, zone)
    if at is None:
        return f"no readable date ({_header(message, 'Date') or 'no Date header'})"
    recipients = [a for a in _addresses(message, "To", "Cc") if a not in owner]
    outgoing = sender in owner
    if outgoing:
        others = recipients
    else:
        others = [sender] + ([a for a in recipients if a != sender] if owner.addresses else [])
    if not others:
        return "no address besides your own"
    emails = tuple(dict.fromkeys(others))
    customer = CustomerRef(emails=emails, domain=company_domain(emails, owner.domains))
    return InteractionRecord(
        location=location,
        customer=customer,
        at=at,
        channel="email",
        direction="out" if outgoing else "in",
        minutes=Decimal("0"),
        note=_header(message, "Subject"),
        key=_key(message, sender, at),
    )


def _automatic(message: Message) -> str | None:
    """Why the message is automatic or bulk mail, if it is."""
    auto = (_header(message, "Auto-Submitted") or "no").lower()
    if auto != "no":
        return f"automatic mail (Auto-Submitted: {auto})"
    precedence = (_header(message, "Precedence") or "").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"bulk mail (Precedence: {precedence})"
    for header in _LIST_HEADERS:
        if message.get(header) is not None:
            return f"mailing list ({header})"
    for header in _AUTOMATIC_HEADERS:
        if message.get(header) is not None:
            return f"automatic mail ({header})"
    if message.get_content_type() == "multipart/report":
        return "delivery report (multipart/report)"
    for address in _addresses(message, "From", "Sender"):
        if _ROBOT_SENDER.search(address):
            return f"automatic sender ({address})"
    return None


def _addresses(message: Message, *headers: str) -> list[str]:
    values = [str(value) for header in headers for value in message.get_all(header) or []]
    found = (clean_address(address) for _, address in getaddresses(values))
    return [address for address in found if address]


def _header(message: Message, name: str) -> str | None:
    value = message.get(name)
    if value is None:
        return None
    try:
        parts = decode_header(value)
    except (ValueError, LookupError, TypeError):
        parts = [(str(value), None)]
    text = "".join(_decoded(part, charset) for part, charset in parts)
    return " ".join(text.split()) or None


def _decoded(part: str | bytes, charset: str | None) -> str:
    """One piece of a header: an RFC 2047 encoded word in its charset, or raw 8-bit bytes
    (UTF-8 as RFC 6532 allows, else an old client's Windows-1252)."""
    if isinstance(part, str):
        return part
    if charset and charset != "unknown-8bit":
        try:
            return part.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError:
        return part.decode("cp1252", errors="replace")


def _sent_at(message: Message, zone: ZoneInfo) -> datetime | None:
    value = _header(message, "Date")
    if value is None:
        return None
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if sent.tzinfo is None:  # "-0000": the sender did not know its zone; RFC 5322 says UTC
        sent = sent.replace(tzinfo=ZoneInfo("UTC"))
    return sent.astimezone(zone).replace(tzinfo=None)


def _key(message: Message, sender: str, at: datetime) -> str:
    message_id = (_header(message, "Message-ID") or "").strip().strip("<>")
    if message_id:
        return message_id[:200]
    # Without a Message-ID, what the message says about itself identifies it on re-import.
    content = "\x1f".join((sender, at.isoformat(), _header(message, "Subject") or ""))
    return "no-message-id:" + hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()
