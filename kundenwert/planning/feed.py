"""The calendar feed: follow-ups as all-day events, planned tasks as to-dos (iCalendar).

Follow-ups are VEVENTs, since many calendar apps show only events of a subscribed
calendar: on their due date, a snoozed one on its snooze date, and one that is overdue on
today (the app fetches the feed again and it moves along until it is dealt with). The
feed looks `FEED_DAYS` ahead, as the data stands today. Tasks are VTODOs with their due
date and importance. UIDs stay the same from fetch to fetch, so an app updates an entry
instead of adding it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Todo

from kundenwert.followups import Followup
from kundenwert.followups.output import kind_label

FEED_DAYS = 28
PRIORITY = {1: 1, 2: 5, 3: 9}  # iCalendar: 1 highest, 9 lowest


def build_calendar(
    followups: Iterable[tuple[Followup, date]],
    tasks: Iterable,
    *,
    lang: str,
    money: bool,
    now: datetime,
    name: str,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kundenwert//Wiedervorlagen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-published-ttl", "PT1H")
    for item, day in followups:
        calendar.add_component(followup_event(item, day, lang=lang, money=money, now=now))
    for task in tasks:
        calendar.add_component(task_todo(task, now=now))
    return calendar.to_ical()


def followup_event(item: Followup, day: date, *, lang: str, money: bool, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"followup-{hashlib.sha1(item.cause.encode()).hexdigest()}@kundenwert")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{kind_label(item.kind, lang)}: {item.customer}")
    event.add("description", item.reason(lang, money=money))
    event.add("categories", [item.kind])
    event.add("transp", "TRANSPARENT")  # a reminder, not time blocked in the day
    return event


def task_todo(task, *, now: datetime) -> Todo:
    todo = Todo()
    todo.add("uid", f"task-{task.pk}@kundenwert")
    todo.add("dtstamp", now)
    todo.add("summary", task.title)
    if task.due_date:
        todo.add("due", task.due_date)
    todo.add("priority", PRIORITY.get(task.importance, 5))
    todo.add("status", "NEEDS-ACTION")
    if task.customer_id:
        todo.add("description", str(task.customer))
    return todo
