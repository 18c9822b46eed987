"""iCalendar (.ics) events become meetings with the customers who attended them.

Each event, and each occurrence of a recurring one, is one InteractionRecord (channel
"meeting"): its start as naive wall-clock time in the installation's `time_zone` (from UTC,
a TZID with or without its VTIMEZONE, or floating time, which is read as local time), its
duration in minutes, the SUMMARY as note, and the key UID + "/" + the occurrence's original
start in UTC, which stays the same when the file is imported again and when one occurrence
is moved (its RECURRENCE-ID keeps the original start).

The customer is named by the e-mail addresses of the organizer and the attendees, without
the owner's own (`owner_addresses`: full addresses, or bare domains such as "example.com"
for all of the owner's addresses there; without them, an address found in every event with
attendees, when there are at least two such events, is taken to be the owner's, else the
calendar's name when it is an address, as in Google's exports), and by the first company
domain among them that is not one of the owner's. The direction is "in" when someone else
organised the meeting, "out" otherwise.

Skipped, with the reason: cancelled events, all-day events (holidays, birthdays, absences:
no meeting time to count) and timed events longer than a day (trips, conferences: their
hours are not time spent with one customer), events without attendees besides the owner
(nothing names the customer), and events still in the future at import time (`now`), which
have not happened and may yet be cancelled.

Recurring events (RRULE, RDATE, EXDATE, and occurrences overridden by a RECURRENCE-ID) are
expanded with dateutil over the `LOOKBACK_YEARS` before `now`, keeping the latest
`MAX_OCCURRENCES` per event, so that a rule without an end cannot flood the database; rules
repeating every second or minute are no meetings and are skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rruleset, rrulestr

from kundenwert.importers.lines import located, start_lines
from kundenwert.importers.mail import Owner, clean_address, company_domain
from kundenwert.importers.records import CustomerRef, InteractionRecord, ParsedFile
from kundenwert.portfolio.errors import RowError

NAME = "ical"
LABEL = "iCalendar events (.ics)"

LOOKBACK_YEARS = 10
MAX_OCCURRENCES = 5_000
MAX_DURATION = timedelta(days=1)
EVENT_START = re.compile(rb"^BEGIN:VEVENT[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class _Event:
    number: int  # the event's place in the file, from 1
    component: icalendar.Event
    uid: str
    start: datetime  # aware
    duration: timedelta
    participants: tuple[str, ...]  # organizer first, then attendees; lower-case addresses
    organizer: str | None
    recurrence_id: datetime | None  # UTC: the original start of a moved occurrence


def sniff(name: str, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    return text[:15].upper() == b"BEGIN:VCALENDAR"


def parse(
    path: Path,
    *,
    time_zone: str,
    owner_addresses: Iterable[str] = (),
    now: datetime | None = None,
) -> ParsedFile:
    data = path.read_bytes()
    parsed = ParsedFile(path.name, NAME, hashlib.sha256(data).hexdigest())
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except ValueError as problem:
        parsed.errors.append(
            _file_error(path.name, f"is not a readable iCalendar file ({problem})")
        )
        return parsed
    components = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not calendars:
        parsed.errors.append(
            _file_error(
                path.name, "contains no complete calendar (BEGIN:VCALENDAR … END:VCALENDAR)"
            )
        )
        return parsed
    zone = ZoneInfo(time_zone)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    lines = start_lines(data, EVENT_START, len(components))
    events = list(_events(components, zone, parsed, lines))
    owner = _owner(owner_addresses, events, calendars)
    if owner is None:
        owner = Owner()
        if any(event.participants for event in events):
            parsed.warnings.append(
                f"{path.name}: your own e-mail address is unknown, so it may be among the "
                "addresses that name the customer; enter your addresses in the settings "
                "(own e-mail addresses and domains) to leave it out"
            )
    moved = {(e.uid, e.recurrence_id) for e in events if e.recurrence_id is not None}
    for event in events:
        _add_meetings(event, owner, moved, zone, now, parsed, lines)
    return parsed


def _file_error(file: str, message: str) -> RowError:
    return RowError(file, None, None, None, message)


def _events(
    components: list[icalendar.Event],
    zone: ZoneInfo,
    parsed: ParsedFile,
    lines: list[int] | None,
) -> Iterator[_Event]:
    """The events that can be meetings; the others go to `parsed.skipped` with the reason."""
    for number, component in enumerate(components, start=1):
        location = located(f"event {number}", lines, number)
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            parsed.skipped.append((location, "cancelled"))
            continue
        try:
            start, end = component.start, component.end
            recurrence_id = _recurrence_id(component, zone)
        except (icalendar.InvalidCalendar, ValueError, TypeError) as problem:
            parsed.skipped.append((location, f"no readable start and end ({problem})"))
            continue
        if not isinstance(start, datetime):
            parsed.skipped.append((location, "all-day event"))
            continue
        organizer = _address(component.get("ORGANIZER"))
        attendees = [_address(a) for a in _as_list(component.get("ATTENDEE"))]
        participants = tuple(dict.fromkeys(a for a in [organizer, *attendees] if a))
        yield _Event(
            number=number,
            component=component,
            uid=str(component.get("UID") or "") or _fallback_uid(component),
            start=_aware(start, zone),
            duration=max(_aware(end, zone) - _aware(start, zone), timedelta(0)),
            participants=participants,
            organizer=organizer,
            recurrence_id=recurrence_id,
        )


def _owner(
    settings: Iterable[str], events: list[_Event], calendars: list[icalendar.Calendar]
) -> Owner | None:
    given = Owner.from_settings(settings)
    if given:
        return given
    attended = [set(e.participants) for e in events if len(e.participants) >= 2]
    if len(attended) >= 2:
        in_every = set.intersection(*attended)
        if len(in_every) == 1:
            return Owner(frozenset(in_every))
    names = (str(c.get("X-WR-CALNAME", "")) for c in calendars)
    named = frozenset(a for a in (clean_address(n) for n in names if "@" in n) if a)
    return Owner(named) if named else None


def _add_meetings(
    event: _Event,
    owner: Owner,
    moved: set[tuple[str, datetime]],
    zone: ZoneInfo,
    now: datetime,
    parsed: ParsedFile,
    lines: list[int] | None,
) -> None:
    location = f"event {event.number}"
    where = located(location, lines, event.number)  # of a skipped event, or a warning
    others = tuple(a for a in event.participants if a not in owner)
    if not others:
        reason = (
            "no attendees besides you: nothing names the customer"
            if event.participants
            else "no attendees and no organizer: nothing names the customer"
        )
        parsed.skipped.append((where, reason))
        return
    try:
        starts, capped = _occurrences(event, zone, now, moved)
    except (ValueError, TypeError, OverflowError) as problem:
        parsed.skipped.append((where, f"its recurrence rule cannot be read ({problem})"))
        return
    if capped:
        parsed.warnings.append(
            f"{parsed.file}, {where}: only its last {MAX_OCCURRENCES} occurrences were imported"
        )
    if not starts:
        why = (
            f"no occurrence up to today within the last {LOOKBACK_YEARS} years"
            if _recurs(event.component)
            else "in the future: not held yet"
        )
        parsed.skipped.append((where, why))
        return
    if event.duration > MAX_DURATION:
        parsed.skipped.append((where, "longer than a day: a trip or an absence, no meeting"))
        return
    customer = CustomerRef(emails=others, domain=company_domain(others, owner.domains))
    direction = "in" if event.organizer and event.organizer not in owner else "out"
    minutes = Decimal(event.duration.total_seconds() / 60).quantize(Decimal("0.01"))
    summary = " ".join(str(event.component.get("SUMMARY", "")).split()) or None
    for start in starts:
        original = event.recurrence_id or start
        parsed.interactions.append(
            InteractionRecord(
                location=f"{location} {start.astimezone(zone):%Y-%m-%d %H:%M}",
                customer=customer,
                at=start.astimezone(zone).replace(tzinfo=None),
                channel="meeting",
                direction=direction,
                minutes=minutes,
                note=summary,
                key=f"{event.uid}/{original.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            )
        )


def _occurrences(
    event: _Event, zone: ZoneInfo, now: datetime, moved: set[tuple[str, datetime]]
) -> tuple[list[datetime], bool]:
    """The event's starts up to `now`: its one start, or the latest `MAX_OCCURRENCES`
    occurrences of its rules within `LOOKBACK_YEARS`, without those moved to an event of
    their own (a RECURRENCE-ID); and whether the cap cut some off."""
    if not _recurs(event.component):
        return ([event.start] if event.start <= now else []), False
    rules = _rule_set(event, zone)
    earliest = max(event.start, now - timedelta(days=365 * LOOKBACK_YEARS))
    found: list[datetime] = []
    # Newest first, a year at a time, so that a long-running series stops at the cap
    # without expanding all of its past.
    window_end = now
    while window_end >= earliest and len(found) < MAX_OCCURRENCES:
        window_start = max(earliest, window_end - timedelta(days=365))
        year = [
            start
            for start in rules.between(window_start, window_end, inc=True)
            if (start > window_start or window_start == earliest)
            and (event.uid, start.astimezone(UTC)) not in moved
        ]
        found = year + found
        if window_start == earliest:
            break
        window_end = window_start
    return found[-MAX_OCCURRENCES:], len(found) > MAX_OCCURRENCES


def _rule_set(event: _Event, zone: ZoneInfo) -> rruleset:
    rules = rruleset()
    for rule in _as_list(event.component.get("RRULE")):
        text = rule.to_ical().decode() if isinstance(rule, icalendar.vRecur) else str(rule)
        # Outlook writes "BYDAY=MO, TU"; dateutil wants no spaces.
        text = text.replace(" ", "")
        if any(f"FREQ={often}" in text.upper() for often in ("SECONDLY", "MINUTELY")):
            raise ValueError("it repeats every second or minute, which no meeting does")
        rules.rrule(rrulestr(text, dtstart=event.start))
    for moment in _dates(event.component, "RDATE", event.start, zone):
        rules.rdate(moment)
    for moment in _dates(event.component, "EXDATE", event.start, zone):
        rules.exdate(moment)
    rules.rdate(event.start)  # DTSTART is always the first occurrence (RFC 5545, 3.8.5.3)
    return rules


def _dates(
    component: icalendar.Event, name: str, start: datetime, zone: ZoneInfo
) -> Iterator[datetime]:
    for prop in _as_list(component.get(name)):
        for value in getattr(prop, "dts", []):
            moment = value.dt
            if isinstance(moment, tuple):  # an RDATE period (start, end or duration)
                moment = moment[0]
            if not isinstance(moment, datetime):  # a date: the event's time on that day
                moment = datetime.combine(moment, start.astimezone(zone).timetz())
            yield _aware(moment, zone)


def _recurs(component: icalendar.Event) -> bool:
    return component.get("RRULE") is not None or component.get("RDATE") is not None


def _recurrence_id(component: icalendar.Event, zone: ZoneInfo) -> datetime | None:
    if component.get("RECURRENCE-ID") is None:
        return None
    moment = component.get("RECURRENCE-ID").dt
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time())
    return _aware(moment, zone).astimezone(UTC)


def _aware(moment: datetime | date, zone: ZoneInfo) -> datetime:
    """Floating time (no TZID, no Z) is local time in the installation's zone."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _address(value: object) -> str | None:
    return clean_address(str(value)) if value is not None else None


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _fallback_uid(component: icalendar.Event) -> str:
    """A stable stand-in for a missing UID: the event's summary and start."""
    content = f"{component.get('SUMMARY', '')}\x1f{component.get('DTSTART').to_ical()!r}"
    return "no-uid:" + hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()
