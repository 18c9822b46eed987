"""The line an entry of a calendar or mailbox starts on (kundenwert.importers.lines)."""

from __future__ import annotations

from kundenwert.importers.ical import EVENT_START
from kundenwert.importers.lines import located, start_lines
from kundenwert.importers.mail import MESSAGE_START


def test_each_entry_gets_the_line_it_starts_on_also_with_windows_line_ends():
    data = b"BEGIN:VCALENDAR\r\nbegin:vevent\r\nEND:VEVENT\r\n\r\nBEGIN:VEVENT  \r\nEND:VEVENT\r\n"

    assert start_lines(data, EVENT_START, 2) == [2, 5]
    assert located("event 2", [2, 5], 2) == "line 5, event 2"


def test_when_the_library_counts_other_entries_the_place_has_no_line():
    mbox = b"From a@b Mon Jan 1 00:00:00 2026\nSubject: x\n\nFrom the start, a body line\n"

    assert start_lines(mbox, MESSAGE_START, 2) == [1, 4]  # as Python's mailbox splits it
    assert start_lines(mbox, MESSAGE_START, 1) is None
    assert located("message 1", None, 1) == "message 1"
