"""iCalendar events: every sample in shared/samples/calendar, with the values read from the
files, and the samples again with a customer among the attendees, for their time zones and
recurrence rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from kundenwert.importers import ical
from kundenwert.importers.records import CustomerRef
from tests.conftest import SAMPLES

CALENDAR = SAMPLES / "calendar"
BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 23, tzinfo=UTC)
ME = "me@example.org"
CUSTOMER = "anna@sommer-baeckerei.de"
NO_ATTENDEES = "no attendees and no organizer: nothing names the customer"


def read(path: Path, *, now: datetime = NOW, owner=(ME,)):
    return ical.parse(path, time_zone=BERLIN, owner_addresses=owner, now=now)


# file: what is skipped, and why (no sample but one names attendees).
SKIPPED = {
    "icalendar_alarm_google_future.ics": [
        ("line 26, event 1", NO_ATTENDEES)
    ],  # ATTENDEE only in VALARM
    "icalendar_alarm_thunderbird_future.ics": [("line 603, event 1", NO_ATTENDEES)],
    "icalendar_docs_example_with_attendees.ics": [("line 5, event 1", NO_ATTENDEES)],
    "icalendar_example.ics": [
        (f"line {line}, event {n}", "all-day event") for n, line in ((1, 8), (2, 19), (3, 30))
    ],
    "icalendar_issue_165_missing_event.ics": [("line 20, event 1", NO_ATTENDEES)],
    "icalendar_issue_836_do_not_quote_tzid.ics": [("line 20, event 1", NO_ATTENDEES)],
    "icalendar_property_params_blackberry.ics": [("line 5, event 1", "all-day event")],
    "icalendar_timezone_same_start.ics": [("line 20, event 1", NO_ATTENDEES)],
    "icalendar_x_location.ics": [("line 27, event 1", NO_ATTENDEES)],
    "vobject_ms_tzid_outlook12.ics": [("line 35, event 1", NO_ATTENDEES)],
}


def test_every_sample_is_covered():
    assert {p.name for p in CALENDAR.glob("*") if p.is_file()} == set(SKIPPED)


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_each_sample_is_read_and_what_is_no_meeting_is_skipped_with_the_reason(name):
    path = CALENDAR / name

    parsed = read(path)

    assert ical.sniff("", path.read_bytes())
    assert parsed.errors == []
    assert parsed.skipped == SKIPPED[name]


def test_the_docs_example_gives_one_meeting_with_three_attendees():
    parsed = read(CALENDAR / "icalendar_docs_example_with_attendees.ics", owner=())

    [ride] = parsed.interactions
    # 07:00Z on 28 March 2026 is 08:00 in Berlin (summer time starts on the 29th).
    assert (ride.at, ride.minutes, ride.note, ride.channel, ride.direction) == (
        datetime(2026, 3, 28, 8, 0),
        Decimal("390.00"),
        "Morning ride with the team.",
        "meeting",
        "out",
    )
    assert ride.customer == CustomerRef(
        emails=("me@example.com", "another_friend@example.com", "late_joiner@example.com"),
        domain="example.com",
    )
    assert ride.key == "d755cef5-2311-46ed-a0e1-6733c9e15c63/20260328T070000Z"
    assert "your own e-mail address is unknown" in parsed.warnings[0]


def test_the_owners_address_does_not_name_the_customer():
    parsed = read(CALENDAR / "icalendar_docs_example_with_attendees.ics", owner=("ME@example.com",))

    [ride] = parsed.interactions
    assert ride.customer.emails == ("another_friend@example.com", "late_joiner@example.com")
    assert parsed.warnings == []


def with_customer(tmp_path: Path, name: str) -> Path:
    """The sample with a customer among the attendees of each event (in a temporary file)."""
    text = (CALENDAR / name).read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace(
        f"BEGIN:VEVENT{newline}", f"BEGIN:VEVENT{newline}ATTENDEE:mailto:{CUSTOMER}{newline}"
    )
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "at", "minutes"),
    [
        # UTC: 18:15Z is 20:15 summer time.
        ("icalendar_alarm_google_future.ics", datetime(2024, 10, 4, 20, 15), "45.00"),
        # Europe/London with a full VTIMEZONE: 15:00 BST = 14:00Z = 16:00 in Berlin.
        ("icalendar_alarm_thunderbird_future.ics", datetime(2024, 10, 23, 16, 0), "60.00"),
        # Exchange's "Eastern Standard Time": US summer time until 3 Nov, so 17:00 is 21:00Z,
        # which is 22:00 in Berlin, where summer time ended on 27 Oct.
        ("icalendar_issue_836_do_not_quote_tzid.ics", datetime(2024, 10, 28, 22, 0), "60.00"),
        # "Pacific Standard Time" in February: 12:00 -08:00 = 20:00Z = 21:00 CET.
        ("icalendar_timezone_same_start.ics", datetime(2017, 2, 24, 21, 0), "30.00"),
        # A quoted TZID with commas; Sydney standard time +10:00 in May: 15:00 = 05:00Z =
        # 07:00 in Berlin. No DTEND: no duration.
        ("vobject_ms_tzid_outlook12.ics", datetime(2008, 5, 30, 7, 0), "0.00"),
    ],
)
def test_time_zones_become_berlin_wall_clock_time(tmp_path, name, at, minutes):
    [meeting] = read(with_customer(tmp_path, name)).interactions

    assert (meeting.at, meeting.minutes) == (at, Decimal(minutes))
    assert meeting.customer == CustomerRef(emails=(CUSTOMER,), domain="sommer-baeckerei.de")


def test_a_daily_standup_with_a_custom_time_zone_is_expanded_until_its_end(tmp_path):
    # DAILY on weekdays from Fri 3 July 2015 10:00 (+02:00) until 22 July 08:00Z, inclusive;
    # Outlook wrote "BYDAY=MO, TU, WE, TH, FR" with spaces. The event has no UID.
    now = datetime(2015, 8, 1, tzinfo=UTC)

    parsed = read(with_customer(tmp_path, "icalendar_issue_165_missing_event.ics"), now=now)

    days = [m.at.date() for m in parsed.interactions]
    weekdays = [date(2015, 7, d) for d in (3, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22)]
    assert days == weekdays
    assert {m.at.time() for m in parsed.interactions} == {datetime(2015, 7, 3, 10).time()}
    assert {m.minutes for m in parsed.interactions} == {Decimal("30.00")}
    first = parsed.interactions[0]
    assert first.key.startswith("no-uid:") and first.key.endswith("/20150703T080000Z")
    assert len({m.key for m in parsed.interactions}) == 14


def test_a_rule_without_an_end_is_expanded_only_up_to_now(tmp_path):
    # Weekly Mon–Fri 14:00 Europe/Zurich from Fri 28 Oct 2016; summer time ends on the 30th.
    now = datetime(2016, 11, 4, tzinfo=UTC)

    parsed = read(with_customer(tmp_path, "icalendar_x_location.ics"), now=now)

    assert [m.at for m in parsed.interactions] == [
        datetime(2016, 10, 28, 14, 0),
        datetime(2016, 10, 31, 14, 0),
        datetime(2016, 11, 1, 14, 0),
        datetime(2016, 11, 2, 14, 0),
        datetime(2016, 11, 3, 14, 0),
    ]
    assert parsed.interactions[1].key == "BFE33ADD-5553-48B5-B5A5-F9DA5CA4C393/20161031T130000Z"
    assert parsed.interactions[0].note == "Daily Sync"


# --- inline calendars --------------------------------------------------------------------------


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT\n" for event in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n{body}END:VCALENDAR\n"


def lines(*properties: str) -> str:
    return "\n".join(properties)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_moved_and_excluded_occurrences_and_extra_dates(tmp_path):
    master = f"""
UID:jour-fixe
SUMMARY:Jour fixe
DTSTART;TZID=Europe/Berlin:20260105T090000
DTEND;TZID=Europe/Berlin:20260105T100000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=Europe/Berlin:20260112T090000
RDATE;TZID=Europe/Berlin:20260131T110000
ORGANIZER:mailto:{CUSTOMER}
ATTENDEE:mailto:{ME}
"""
    moved = f"""
UID:jour-fixe
RECURRENCE-ID;TZID=Europe/Berlin:20260119T090000
SUMMARY:Jour fixe (verschoben)
DTSTART;TZID=Europe/Berlin:20260120T150000
DURATION:PT30M
ORGANIZER:mailto:{CUSTOMER}
ATTENDEE:mailto:{ME}
"""
    parsed = read(write(tmp_path, calendar(master, moved)))

    meetings = sorted(parsed.interactions, key=lambda m: m.at)
    assert [(m.at, m.minutes, m.key) for m in meetings] == [
        (datetime(2026, 1, 5, 9), Decimal("60.00"), "jour-fixe/20260105T080000Z"),
        (datetime(2026, 1, 20, 15), Decimal("30.00"), "jour-fixe/20260119T080000Z"),
        (datetime(2026, 1, 26, 9), Decimal("60.00"), "jour-fixe/20260126T080000Z"),
        (datetime(2026, 1, 31, 11), Decimal("60.00"), "jour-fixe/20260131T100000Z"),
    ]
    assert {m.direction for m in meetings} == {"in"}  # the customer organised it
    assert {m.customer.emails for m in meetings} == {(CUSTOMER,)}


def test_the_owner_is_found_as_the_address_in_every_event(tmp_path):
    one = lines(
        "UID:1", "DTSTART:20260301T090000Z", f"ORGANIZER:mailto:{ME}", f"ATTENDEE:mailto:{CUSTOMER}"
    )
    two = lines(
        "UID:2",
        "DTSTART:20260302T090000Z",
        f"ATTENDEE:mailto:{ME}",
        "ATTENDEE:mailto:bob@berger.de",
    )

    parsed = read(write(tmp_path, calendar(one, two)), owner=())

    assert [(m.customer.emails, m.direction) for m in parsed.interactions] == [
        ((CUSTOMER,), "out"),
        (("bob@berger.de",), "out"),
    ]
    assert parsed.warnings == []


def test_floating_times_are_local_and_what_is_no_meeting_is_skipped(tmp_path):
    floating = f"UID:f\nDTSTART:20260302T090000\nDTEND:20260302T100000\nATTENDEE:mailto:{CUSTOMER}"
    cancelled = f"UID:c\nSTATUS:CANCELLED\nDTSTART:20260303T090000Z\nATTENDEE:mailto:{CUSTOMER}"
    future = f"UID:x\nDTSTART:20270101T090000Z\nATTENDEE:mailto:{CUSTOMER}"
    only_me = f"UID:m\nDTSTART:20260304T090000Z\nATTENDEE:mailto:{ME}"
    trip = lines("UID:t", "DTSTART:20260305T080000Z", "DURATION:P3D", f"ATTENDEE:mailto:{CUSTOMER}")

    parsed = read(write(tmp_path, calendar(floating, cancelled, future, only_me, trip)))

    assert [m.at for m in parsed.interactions] == [datetime(2026, 3, 2, 9, 0)]
    assert parsed.skipped == [
        ("line 10, event 2", "cancelled"),
        ("line 16, event 3", "in the future: not held yet"),
        ("line 21, event 4", "no attendees besides you: nothing names the customer"),
        ("line 26, event 5", "longer than a day: a trip or an absence, no meeting"),
    ]


def test_a_series_older_than_ten_years_is_skipped_with_the_reason(tmp_path):
    parsed = read(with_customer(tmp_path, "icalendar_issue_165_missing_event.ics"))

    assert parsed.interactions == []
    assert parsed.skipped == [
        ("line 20, event 1", "no occurrence up to today within the last 10 years")
    ]


def test_an_endless_daily_series_is_expanded_over_the_last_ten_years_only(tmp_path):
    event = lines(
        "UID:d",
        "DTSTART;TZID=Europe/Berlin:20000101T090000",
        "RRULE:FREQ=DAILY",
        f"ATTENDEE:mailto:{CUSTOMER}",
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)

    parsed = read(write(tmp_path, calendar(event)), now=now)

    earliest = (now - timedelta(days=3650)).date()  # 2016-01-03
    days = [m.at.date() for m in parsed.interactions]
    assert (days[0], days[-1]) == (earliest, date(2025, 12, 31))
    assert len(days) == (date(2025, 12, 31) - earliest).days + 1


def test_an_hourly_series_stops_at_the_cap_keeping_the_latest(tmp_path):
    event = f"UID:h\nDTSTART:20250101T000000Z\nRRULE:FREQ=HOURLY\nATTENDEE:mailto:{CUSTOMER}"

    parsed = read(write(tmp_path, calendar(event)), now=datetime(2026, 1, 1, tzinfo=UTC))

    assert len(parsed.interactions) == ical.MAX_OCCURRENCES
    assert parsed.interactions[-1].at == datetime(2026, 1, 1, 1, 0)  # 00:00Z in Berlin
    assert "only its last 5000 occurrences" in parsed.warnings[0]


def test_a_rule_repeating_every_minute_is_no_meeting(tmp_path):
    event = f"UID:m\nDTSTART:20250101T000000Z\nRRULE:FREQ=MINUTELY\nATTENDEE:mailto:{CUSTOMER}"

    parsed = read(write(tmp_path, calendar(event)))

    assert parsed.interactions == []
    assert "recurrence rule cannot be read" in parsed.skipped[0][1]


def test_an_event_without_a_start_is_skipped_and_the_others_import(tmp_path):
    broken = f"UID:b\nSUMMARY:no start\nATTENDEE:mailto:{CUSTOMER}"
    fine = f"UID:f\nDTSTART:20260302T090000Z\nATTENDEE:mailto:{CUSTOMER}"

    parsed = read(write(tmp_path, calendar(broken, fine)))

    assert len(parsed.interactions) == 1
    assert parsed.skipped[0][0] == "line 4, event 1"
    assert parsed.skipped[0][1].startswith("no readable start and end")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "contains no complete calendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026", "contains no complete calendar"),
        (bytes(range(256)) * 3, "is not a readable iCalendar file"),
        (b"garbage\r\n", "is not a readable iCalendar file"),
    ],
)
def test_empty_truncated_and_binary_files_are_clean_errors(tmp_path, content, message):
    path = tmp_path / "calendar.ics"
    path.write_bytes(content)

    parsed = read(path)

    assert parsed.interactions == []
    assert message in str(parsed.errors[0])


def test_a_truncated_sample_is_a_clean_error(tmp_path):
    data = (CALENDAR / "icalendar_x_location.ics").read_bytes()
    path = tmp_path / "cut.ics"
    path.write_bytes(data[: len(data) // 2])

    parsed = read(path)

    assert parsed.interactions == []
    assert parsed.errors
