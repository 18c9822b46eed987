"""vCard 2.1, 3.0 and 4.0 contacts as Gmail, Apple, Outlook, Android and Thunderbird export them.

Read by a small parser of our own rather than `vobject`: a file is split into its cards
first, so that a card that cannot be read is skipped with its number and the others still
import, and every value is decoded the way these exporters write it (folded lines,
quoted-printable with soft line breaks and a CHARSET in Outlook and Android 2.1 files,
backslash escapes in 3.0 and 4.0).

Per card one ContactRecord:
- name: FN, else the parts of N, else the organisation, else the first e-mail address
  (Android exports cards that hold nothing but an address); a card with none of them is
  skipped;
- customer: the organisation (first part of ORG) with the card's addresses and the first
  company domain among them (freemail domains name no company); without an organisation,
  the addresses alone; without either, None;
- role: TITLE, else ROLE; phone: the preferred TEL, else the first;
- birthday: BDAY as a date (1980-03-22, 19800322, or with a time). A birthday without a year
  (vCard 4 "--0203", Apple's year 1604 with X-APPLE-OMIT-YEAR) is not stored, and a warning
  says so: the contact's birthday field is a full date, and a made-up year would show a
  wrong age.
"""

from __future__ import annotations

import hashlib
import quopri
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kundenwert.importers.mail import clean_address, company_domain
from kundenwert.importers.records import ContactRecord, CustomerRef, ParsedFile
from kundenwert.portfolio.errors import RowError

NAME = "vcard"
LABEL = "vCard contacts (.vcf)"

# A card runs from BEGIN:VCARD to END:VCARD; one cut off (by the next BEGIN or the end of the
# file) is found too, so that it can be reported rather than silently merged or lost.
_CARD = re.compile(
    r"^BEGIN:VCARD[ \t]*$\n?(?P<body>.*?)(?:^(?P<end>END:VCARD)[ \t]*$|(?=^BEGIN:VCARD)|\Z)",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):")
_BIRTHDAY = re.compile(r"^(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})(?:T.*)?$")
_NO_YEAR = re.compile(r"^--\d{2}-?\d{2}$")
_APPLE_NO_YEAR = "1604"  # Apple writes this year, with X-APPLE-OMIT-YEAR, for "no year"


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    value: str = ""

    @property
    def preferred(self) -> bool:
        types = [t.lower() for t in self.params.get("TYPE", [])]
        return "pref" in types or "PREF" in self.params

    @property
    def parts(self) -> list[str]:
        """The components of a structured value (N, ORG), unescaped."""
        return [_unescape(part) for part in re.split(r"(?<!\\);", self.value)]

    @property
    def text(self) -> str:
        return _unescape(self.value).strip()


class _Unreadable(ValueError):
    """A card that is no vCard; the message says why."""


def sniff(name: str, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    return text[:11].upper() == b"BEGIN:VCARD"


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    data = path.read_bytes()
    parsed = ParsedFile(path.name, NAME, hashlib.sha256(data).hexdigest())
    text = _decode(data)
    cards = list(_CARD.finditer(text))
    if not cards:
        parsed.errors.append(
            RowError(path.name, None, None, None, "contains no vCard (BEGIN:VCARD … END:VCARD)")
        )
        return parsed
    lines = _LineCounter(text)
    for number, card in enumerate(cards, start=1):
        location = f"card {number}"
        # Where a card was left out says its line too, to find it in a text editor.
        where = f"line {lines.at(card.start())}, {location}"
        if card["end"] is None:
            parsed.skipped.append((where, "the card is incomplete (no END:VCARD)"))
            continue
        try:
            properties = _properties(card["body"])
        except _Unreadable as problem:
            parsed.skipped.append((where, str(problem)))
            continue
        contact = _contact(properties, location, parsed.warnings, path.name)
        if contact is None:
            parsed.skipped.append((where, "the card has no name and no e-mail address"))
        else:
            parsed.contacts.append(contact)
    return parsed


class _LineCounter:
    """The line (from 1) of positions in `text`, asked for in increasing order."""

    def __init__(self, text: str) -> None:
        self.text, self.position, self.line = text, 0, 1

    def at(self, position: int) -> int:
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


def _decode(data: bytes) -> str:
    """UTF-8 as every current exporter writes it; Windows-1252 for old Outlook files."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _properties(body: str) -> list[_Property]:
    properties = []
    for number, line in enumerate(_logical_lines(body), start=1):
        match = _PROPERTY.match(line)
        if match is None:
            raise _Unreadable(f"line {number} of the card is not a vCard property: {line[:60]!r}")
        prop = _Property(match["name"].upper(), _params(match["params"]), line[match.end() :])
        if _is_quoted_printable(prop):
            prop.value = _from_quoted_printable(prop)
        properties.append(prop)
    return properties


def _logical_lines(body: str) -> list[str]:
    """Physical lines joined: folded lines (a leading space or tab continues the line) and
    quoted-printable values whose line ends in a soft break "="."""
    lines: list[str] = []
    for raw in body.split("\n"):
        if lines and _continues_quoted_printable(lines[-1]):
            lines[-1] = lines[-1][:-1] + raw  # after a soft break, a leading space is text
        elif raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _continues_quoted_printable(line: str) -> bool:
    head = line.partition(":")[0].upper()
    return "QUOTED-PRINTABLE" in head and line.endswith("=")


def _params(text: str) -> dict[str, list[str]]:
    """;TYPE=work,voice;PREF=1;CHARSET=UTF-8 and the bare 2.1 form ;WORK;PREF."""
    params: dict[str, list[str]] = {}
    for item in re.findall(r';((?:[^;"]|"[^"]*")*)', text):
        key, sep, value = item.partition("=")
        if not sep:  # vCard 2.1: a bare value is a TYPE, or ENCODING/CHARSET by itself
            key, value = _bare_param(key)
        values = [v.strip('"') for v in re.findall(r'"[^"]*"|[^,]+', value)]
        params.setdefault(key.upper(), []).extend(values)
    return params


def _bare_param(value: str) -> tuple[str, str]:
    upper = value.upper()
    if upper in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"):
        return "ENCODING", upper
    if upper == "PREF":
        return "TYPE", "pref"
    return "TYPE", value


def _is_quoted_printable(prop: _Property) -> bool:
    return any(v.upper() == "QUOTED-PRINTABLE" for v in prop.params.get("ENCODING", []))


def _from_quoted_printable(prop: _Property) -> str:
    raw = quopri.decodestring(prop.value.encode("utf-8"))
    charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        # A wrong or unknown CHARSET; Outlook's real one is nearly always Windows-1252.
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def _unescape(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text, flags=re.DOTALL
    ).replace("\r", "")


def _contact(
    properties: list[_Property], location: str, warnings: list[str], file: str
) -> ContactRecord | None:
    by_name: dict[str, list[_Property]] = {}
    for prop in properties:
        by_name.setdefault(prop.name, []).append(prop)
    emails = _emails(by_name.get("EMAIL", []), location, warnings, file)
    organisation = _first_part(by_name.get("ORG", []))
    name = _text(by_name, "FN") or _name_from_n(by_name.get("N", [])) or organisation
    name = name or (emails[0] if emails else None)
    if not name:
        return None
    customer = None
    if organisation or emails:
        customer = CustomerRef(name=organisation, emails=emails, domain=company_domain(emails))
    return ContactRecord(
        location=location,
        name=name[:200],
        customer=customer,
        role=(_text(by_name, "TITLE") or _text(by_name, "ROLE") or None),
        emails=emails,
        phone=_phone(by_name.get("TEL", [])),
        birthday=_birthday(by_name.get("BDAY", []), location, warnings, file),
    )


def _text(by_name: dict[str, list[_Property]], name: str) -> str | None:
    for prop in by_name.get(name, []):
        if prop.text:
            return " ".join(prop.text.split())
    return None


def _name_from_n(props: list[_Property]) -> str | None:
    """N is family;given;additional;prefixes;suffixes; people write prefix given additional
    family suffix."""
    for prop in props:
        parts = (prop.parts + [""] * 5)[:5]
        family, given, additional, prefix, suffix = (p.replace(",", " ").strip() for p in parts)
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        if name:
            return " ".join(name.split())
    return None


def _first_part(props: list[_Property]) -> str | None:
    for prop in props:
        organisation = " ".join(prop.parts[0].split())
        if organisation:
            return organisation[:200]
    return None


def _emails(
    props: list[_Property], location: str, warnings: list[str], file: str
) -> tuple[str, ...]:
    ordered = sorted(props, key=lambda p: not p.preferred)
    found: list[str] = []
    for prop in ordered:
        address = clean_address(prop.text)
        if address is None:
            if prop.text:
                warnings.append(f"{file}, {location}: '{prop.text[:60]}' is not an e-mail address")
        elif address not in found:
            found.append(address)
    return tuple(found)


def _phone(props: list[_Property]) -> str | None:
    for prop in sorted(props, key=lambda p: not p.preferred):
        number = prop.text.removeprefix("tel:").strip()
        if number:
            return number[:50]
    return None


def _birthday(props: list[_Property], location: str, warnings: list[str], file: str) -> date | None:
    if not props:
        return None
    prop = props[0]
    value = prop.text
    match = _BIRTHDAY.match(value)
    no_year = _NO_YEAR.match(value) or (
        match is not None and match["year"] == _APPLE_NO_YEAR and "X-APPLE-OMIT-YEAR" in prop.params
    )
    if no_year:
        warnings.append(f"{file}, {location}: birthday '{value}' has no year; not stored")
        return None
    if match is not None:
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            pass
    warnings.append(f"{file}, {location}: '{value}' is not a birthday date; not stored")
    return None
