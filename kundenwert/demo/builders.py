"""Turns one customer's plan into records.

Per window of the plan: contacts first (their untracked minutes and the time entries of
tracked meetings use up part of the effort budget), then offers (with the unbilled time
spent writing them), invoices that add up to the planned revenue exactly, time entries
that fill the rest of the effort budget, deliveries and direct costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from random import Random
from typing import Any

from kundenwert.demo import texts
from kundenwert.demo.archetypes import (
    HIGH,
    LEAD,
    NORMAL_PAY_DAYS,
    PROMPT_PAY_DAYS,
    SEVERE_LATE_DAYS,
    SLOW_LATE_DAYS,
)
from kundenwert.demo.catalogue import email_address
from kundenwert.demo.plan import Calendar, CustomerPlan, Window
from kundenwert.demo.records import Records, Row
from kundenwert.portfolio.schema import (
    CUSTOMERS,
    DELIVERIES,
    DIRECT_COSTS,
    INTERACTIONS,
    INVOICES,
    OFFERS,
    TIME_ENTRIES,
)

CHANNELS = ("email", "phone", "meeting", "visit", "chat", "letter")
CHANNEL_WEIGHTS = (45, 30, 11, 7, 5, 2)
CONTACT_MINUTES = {
    "email": (5, 15),
    "phone": (5, 25),
    "chat": (2, 8),
    "letter": (10, 20),
    "meeting": (45, 120),
    "visit": (60, 180),
}
FRIENDLY_MOODS = (2, 1, 1, 1, 0, 0)  # never below 0: only the rude customer averages ≤ -1
RUDE_MOODS = (-2, -1, -1)
TALKER_CALL_SHARE = 0.38  # of the talker's effort; the criterion needs 20 %
BIG_CHUNKS = (60, 90, 120, 180, 240, 300, 360, 420)
SMALL_CHUNKS = (30, 45, 60, 90, 120, 180)
DEFAULT_VALIDITY = 30  # days an offer without valid_until counts as valid (follow-ups)
ONE_DAY = timedelta(days=1)


@dataclass
class Contact:
    at: datetime
    channel: str
    direction: str
    minutes: int
    note: str
    planned: bool = True
    tracked: bool = False
    out_of_scope: bool = False
    price_negotiation: bool = False
    complaint: str = "none"
    mood: int | None = None


class CustomerBuilder:
    def __init__(
        self, plan: CustomerPlan, calendar: Calendar, rng: Random, records: Records, phone: str
    ) -> None:
        self.plan = plan
        self.spec = plan.spec
        self.archetype = plan.archetype
        self.calendar = calendar
        self.as_of = calendar.as_of
        self.rng = rng
        self.records = records
        self.phone = phone
        self.titles: set[str] = set()

    def build(self) -> None:
        self.add_customer()
        for window in self.plan.windows:
            self.build_window(window)

    def build_window(self, window: Window) -> None:
        projects = self.pick_projects()
        prepared = self.add_offers(window)
        logged, untracked = self.add_contacts(window, projects, prepared)
        self.add_invoices(window)
        self.add_work(window, projects, window.effort_minutes - logged - untracked - prepared)
        self.add_deliveries(window, projects)

    # --- the customer ---------------------------------------------------------------------

    def add_customer(self) -> None:
        spec, codes = self.spec, self.archetype.codes
        group, reason = spec.override or (None, None)
        notes = f"Kontakt: {spec.contact}." + (f" {spec.note}" if spec.note else "")
        self.records.add(
            CUSTOMERS,
            id=spec.id,
            name=spec.name,
            status=self.archetype.status,
            since=self.plan.since,
            potential=spec.potential,
            useful="useful" in codes,
            heart="heart" in codes,
            group_override=group,
            override_reason=reason,
            email=email_address(spec),
            phone=self.phone,
            notes=notes,
        )

    def pick_projects(self) -> list[str]:
        if self.archetype.tier == LEAD:
            return [texts.OFFER_PREP_PROJECT]  # meetings with a lead are sales time
        pool = texts.PROJECTS_BY_TRADE[self.spec.trade]
        k = self.rng.randint(3, 5) if self.archetype.tier == HIGH else self.rng.randint(1, 3)
        return self.rng.sample(pool, min(k, len(pool)))

    # --- contacts -------------------------------------------------------------------------

    def add_contacts(self, window: Window, projects: list[str], prepared: int) -> tuple[int, int]:
        """Writes the window's contacts; returns (minutes logged as time entries, untracked)."""
        logged = untracked = 0
        habits = self.habit_contacts(window)
        everyday = self.everyday_contacts(window)
        if self.archetype.tier != LEAD:
            # A small customer's budget has no room for many long meetings: everyday contacts
            # may take what the habits and offers leave of 70 % of it, the rest is real work.
            room = 0.7 * window.effort_minutes - prepared - sum(map(contact_effort, habits))
            everyday = affordable(everyday, room)
        for contact in everyday + habits:
            self.add_interaction(contact)
            if contact.tracked:
                minutes = contact_effort(contact)
                project = self.rng.choice(projects)
                billable = self.archetype.tier != LEAD  # sales time is not billed
                logged += self.add_entry(contact.at, minutes, project, contact.note, billable)
            else:
                untracked += contact.minutes
            if contact.channel == "visit":
                self.add_travel_cost(contact.at.date())
        return logged, untracked

    def everyday_contacts(self, window: Window) -> list[Contact]:
        contacts = [
            self.everyday_contact(window)
            for _ in range(self.count(self.archetype.contacts_per_year, window))
        ]
        if self.archetype.tier == LEAD:
            day = workday_near(window.start, window.start)
            first = datetime.combine(day, time(10, self.rng.randint(0, 59)))
            note = self.rng.choice(texts.LEAD_FIRST_CONTACT_NOTES)
            contacts.append(Contact(first, "email", "in", 10, note))
        if self.archetype.tier != LEAD and self.rng.random() < 0.2:
            # At most one justified complaint per stretch: one bad mood never makes anyone rude.
            note = self.rng.choice(texts.JUSTIFIED_COMPLAINT_NOTES)
            contact = self.flagged_contact(window, note, complaint="justified")
            contact.mood = -2 if self.archetype.rude else -1
            contacts.append(contact)
        return contacts

    def everyday_contact(self, window: Window) -> Contact:
        rng = self.rng
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        direction = "out" if channel == "visit" else rng.choice(("in", "out"))
        minutes = rng.randint(*CONTACT_MINUTES[channel])
        tracked = channel in ("meeting", "visit") and rng.random() < 0.85
        if channel in ("meeting", "visit"):
            minutes = minutes // 15 * 15
        return Contact(
            self.moment(window),
            channel,
            direction,
            minutes,
            rng.choice(self.notes(channel, direction)),
            tracked=tracked,
            mood=self.mood() if rng.random() < 0.35 else None,
        )

    def notes(self, channel: str, direction: str) -> tuple[str, ...]:
        if self.archetype.tier == LEAD:  # no invoices or approvals to talk about yet
            return texts.LEAD_NOTES.get((channel, direction), texts.LEAD_NOTES[("email", "out")])
        return texts.NOTES[(channel, direction)]

    def habit_contacts(self, window: Window) -> list[Contact]:
        """The contacts that make an archetype: unplanned calls, haggling, complaints, ..."""
        a, rng, count = self.archetype, self.rng, self.count
        calls = count(a.unplanned_calls, window)
        contacts = [self.unplanned_call(window, calls) for _ in range(calls)]
        for _ in range(count(a.out_of_scope, window)):
            note = rng.choice(texts.OUT_OF_SCOPE_NOTES)
            contacts.append(self.flagged_contact(window, note, out_of_scope=True))
        # Outside the archetypes a stray negotiation or complaint happens, but only once.
        haggles = count(a.price_negotiations, window) or int(rng.random() < 0.08)
        for _ in range(haggles):
            note = rng.choice(texts.PRICE_NEGOTIATION_NOTES)
            contacts.append(self.flagged_contact(window, note, price_negotiation=True))
        stray = a.tier != LEAD and rng.random() < 0.04
        complaints = count(a.unjustified_complaints, window) or int(stray)
        for _ in range(complaints):
            note = rng.choice(texts.UNJUSTIFIED_COMPLAINT_NOTES)
            contacts.append(self.flagged_contact(window, note, complaint="unjustified"))
        for _ in range(count(a.rude_contacts, window)):
            contact = self.flagged_contact(window, rng.choice(texts.RUDE_NOTES))
            contact.mood = rng.choice(RUDE_MOODS)
            contacts.append(contact)
        return contacts

    def unplanned_call(self, window: Window, calls: int) -> Contact:
        if self.archetype.key == "talker":
            # Long calls that together take a good third of the effort budget.
            share = TALKER_CALL_SHARE * window.effort_minutes / calls
            minutes = max(10, round(share * self.rng.uniform(0.75, 1.25)))
            note = self.rng.choice(texts.TALKER_CALL_NOTES)
        else:
            minutes = self.rng.randint(5, 15)
            note = self.rng.choice(texts.UNPLANNED_CALL_NOTES)
        return Contact(self.moment(window), "phone", "in", minutes, note, planned=False)

    def flagged_contact(self, window: Window, note: str, **flags: Any) -> Contact:
        """An inbound, announced contact carrying a flag (never an unplanned call)."""
        channel = self.rng.choice(("phone", "phone", "email", "chat"))
        minutes = self.rng.randint(10, 30)
        return Contact(self.moment(window), channel, "in", minutes, note, **flags)

    def mood(self) -> int:
        return self.rng.choice(RUDE_MOODS if self.archetype.rude else FRIENDLY_MOODS)

    def add_interaction(self, c: Contact) -> None:
        self.records.add(
            INTERACTIONS,
            customer_id=self.spec.id,
            at=c.at,
            channel=c.channel,
            direction=c.direction,
            planned=c.planned,
            minutes=c.minutes,
            tracked=c.tracked,
            out_of_scope=c.out_of_scope,
            price_negotiation=c.price_negotiation,
            complaint=c.complaint,
            mood=c.mood,
            user=self.user(),
            note=c.note,
        )

    # --- offers ---------------------------------------------------------------------------

    def add_offers(self, window: Window) -> int:
        """Writes the window's offers; returns the unbilled minutes spent writing them."""
        prepared = 0
        for intent in self.offer_intents(window):
            sent = self.add_offer(window, intent)
            prepared += self.add_offer_prep(window, sent)
        return prepared

    def offer_intents(self, window: Window) -> list[str]:
        mode = self.archetype.offers
        if mode == "empty":
            return ["declined", "expired", "lapsed"] if window.in_period else ["accepted"]
        if mode == "lead":
            return ["showcase"]  # exactly one: two undecided offers would be empty promises
        if mode == "lead_empty":
            return ["declined", "declined"]
        weights = (6, 3, 1)
        intents = [
            self.rng.choices(("accepted", "declined", "expired"), weights)[0]
            for _ in range(self.count(self.archetype.offers_per_year, window))
        ]
        if window.in_period:
            if intents:
                intents[0] = "accepted"  # keeps ordinary customers clear of empty promises
            if self.spec.open_offer:
                intents.append("showcase")
        return intents

    def add_offer(self, window: Window, intent: str) -> date:
        rng = self.rng
        validity = rng.choice((14, 21, 30, 30, 30, 42))
        dated = intent in ("expired", "lapsed") or rng.random() > 0.1
        if not dated:
            validity = DEFAULT_VALIDITY
        if intent == "showcase":
            # Half the validity after sending is the check-in; put it near the as-of date.
            checkin = self.as_of + timedelta(days=rng.randint(-12, 12))
            sent = checkin - timedelta(days=validity // 2)
            sent = workday_near(min(sent, self.as_of - ONE_DAY), window.start)
        elif intent == "lapsed":
            # Still open after its validity ended: an "offer expired" follow-up.
            sent = workday_near(self.as_of - timedelta(days=validity + rng.randint(5, 25)))
        else:
            sent = self.day_in(window, latest=self.as_of - timedelta(days=50))
        status, decided = self.offer_outcome(intent, sent, validity)
        self.records.add(
            OFFERS,
            number=None,
            customer_id=self.spec.id,
            sent_date=sent,
            valid_until=sent + timedelta(days=validity) if dated else None,
            amount=self.offer_amount(),
            status=status,
            decided_date=decided,
        )
        return sent

    def offer_outcome(self, intent: str, sent: date, validity: int) -> tuple[str, date | None]:
        if intent in ("showcase", "lapsed"):
            return "open", None
        if intent == "expired":
            decided = sent + timedelta(days=validity + self.rng.randint(1, 7))
        else:
            decided = sent + timedelta(days=self.rng.randint(2, min(20, validity)))
        return ("open", None) if decided > self.as_of else (intent, decided)

    def offer_amount(self) -> Decimal:
        tier, yearly = self.archetype.tier, float(self.plan.yearly_revenue)
        if tier == LEAD:
            base = self.rng.uniform(2500, 12000)
        elif tier == HIGH:
            base = yearly * self.rng.uniform(0.08, 0.25)
        else:
            base = yearly * self.rng.uniform(0.3, 0.9)
        return Decimal(max(300, round(base / 50) * 50))

    def add_offer_prep(self, window: Window, sent: date) -> int:
        day = workday_near(sent - timedelta(days=self.rng.randint(0, 3)), window.start)
        start = datetime.combine(day, time(self.rng.randint(9, 15), self.rng.choice((0, 30))))
        minutes = self.rng.choice((45, 60, 90, 120))
        task = self.rng.choice(texts.OFFER_PREP_TASKS)
        return self.add_entry(start, minutes, texts.OFFER_PREP_PROJECT, task, billable=False)

    # --- invoices -------------------------------------------------------------------------

    def add_invoices(self, window: Window) -> None:
        if window.revenue <= 0:
            return
        credit = self.credit_amount(window)
        gross = window.revenue + credit
        count = self.invoice_count(window, gross)
        dates = self.invoice_dates(window, count)
        amounts = split_amount(gross, count, self.rng)
        rows = [
            self.add_invoice(d, net, i)
            for i, (d, net) in enumerate(zip(dates, amounts, strict=True))
        ]
        if window.in_period:
            self.leave_unpaid(rows)
        if credit:
            self.add_credit_note(window, credit)

    def invoice_count(self, window: Window, gross: Decimal) -> int:
        wanted = round(self.rng.randint(*self.archetype.invoices_per_year) * window.years)
        return max(1, min(wanted, int(gross // 150)))

    def invoice_dates(self, window: Window, count: int) -> list[date]:
        """Spread over the window, one per slice, on working days."""
        span = (min(window.end, self.as_of) - window.start).days
        dates = []
        for i in range(count):
            offset = int((i + self.rng.uniform(0.15, 0.85)) * span / count)
            dates.append(workday_near(window.start + timedelta(days=offset), window.start))
        return dates

    def add_invoice(self, issue: date, net: Decimal, index: int) -> Row:
        due = issue + timedelta(days=self.spec.terms_days)
        # Some invoices omit the due date; with 14-day terms that is what the analysis assumes.
        stated = None if self.spec.terms_days == 14 and self.rng.random() < 0.08 else due
        return self.records.add(
            INVOICES,
            number=None,
            customer_id=self.spec.id,
            issue_date=issue,
            due_date=stated,
            net=net,
            currency="EUR",
            paid_date=self.paid_date(issue, due, index),
        )

    def paid_date(self, issue: date, due: date, index: int) -> date | None:
        payment = self.archetype.payment
        if payment == "severe":
            days = SEVERE_LATE_DAYS
        elif payment == "slow" and index % 4 != 3:  # three of four invoices late
            days = SLOW_LATE_DAYS
        elif payment == "prompt":
            days = PROMPT_PAY_DAYS
        else:
            days = NORMAL_PAY_DAYS
        paid = next_workday(max(due + timedelta(days=self.rng.randint(*days)), issue + ONE_DAY))
        return paid if paid <= self.as_of else None  # not paid yet (and maybe overdue)

    def leave_unpaid(self, rows: list[Row]) -> None:
        """Invoices still open long after their due date (reminders went out)."""
        for _ in range(self.spec.unpaid_overdue):
            paid = [r for r in rows if r["paid_date"] is not None]
            old = [r for r in paid if 45 <= (self.as_of - r["issue_date"]).days <= 150]
            candidates = old or [r for r in paid if (self.as_of - r["issue_date"]).days >= 35]
            if candidates:
                self.rng.choice(candidates)["paid_date"] = None

    def credit_amount(self, window: Window) -> Decimal:
        where = "period" if window.in_period else "history"
        if where not in self.spec.credit_notes:
            return Decimal(0)
        share = self.rng.uniform(0.03, 0.07)
        return Decimal(max(50, round(float(window.revenue) * share / 5) * 5))

    def add_credit_note(self, window: Window, amount: Decimal) -> None:
        # Settled by offsetting soon after, and well before the as-of date.
        latest = min(window.end, self.as_of) - timedelta(days=30)
        issue = self.day_in(window, earliest=window.start + timedelta(days=20), latest=latest)
        self.records.add(
            INVOICES,
            number=None,
            customer_id=self.spec.id,
            issue_date=issue,
            due_date=issue + timedelta(days=14),
            net=-amount,
            currency="EUR",
            paid_date=next_workday(issue + timedelta(days=self.rng.randint(0, 10))),
        )

    # --- time entries ---------------------------------------------------------------------

    def add_work(self, window: Window, projects: list[str], budget: int) -> None:
        """Time entries in 15-minute steps that use up the remaining effort budget."""
        remaining = budget // 15 * 15
        chunks = BIG_CHUNKS if self.archetype.tier == HIGH else SMALL_CHUNKS
        while remaining >= 15:
            minutes = min(remaining, self.rng.choice(chunks))
            start = self.work_start(window, minutes)
            if start.hour >= 18:
                minutes = min(minutes, 120)  # an evening session, not a night shift
            project = self.rng.choice(projects)
            task = self.rng.choice(texts.TASKS_BY_PROJECT[project])
            remaining -= self.add_entry(start, minutes, project, task)

    def work_start(self, window: Window, minutes: int) -> datetime:
        odd = self.spec.odd_hours if self.spec.odd_hours is not None else self.archetype.odd_hours
        if self.rng.random() < odd:
            if self.rng.random() < 0.5:  # a Saturday or Sunday, no surcharge
                day = self.day_in(window, weekend=True)
                return datetime.combine(day, time(self.rng.randint(9, 14)))
            day = self.day_in(window)
            return datetime.combine(day, time(self.rng.randint(18, 20), self.rng.choice((0, 30))))
        day = self.day_in(window)
        latest = max(8 * 4, (18 * 60 - minutes) // 15)  # in quarter hours; end by 18:00
        quarter = self.rng.randint(8 * 4, latest)
        return datetime.combine(day, time(quarter // 4, quarter % 4 * 15))

    def add_entry(
        self, start: datetime, minutes: int, project: str, task: str, billable: bool = True
    ) -> int:
        label = f"{project} {start.year}" if project in texts.RECURRING_PROJECTS else project
        self.records.add(
            TIME_ENTRIES,
            customer_id=self.spec.id,
            start=start,
            minutes=minutes,
            billable=billable,
            user=self.user(),
            project=label,
            description=task,
        )
        return minutes

    # --- deliveries and direct costs ------------------------------------------------------

    def add_deliveries(self, window: Window, projects: list[str]) -> None:
        if self.archetype.tier == LEAD:
            return  # nothing handed over before the first order
        chance = 0.7 if self.archetype.tier == HIGH else 0.45
        for project in projects:
            if project in texts.DELIVERABLES_BY_PROJECT and self.rng.random() < chance:
                self.add_delivery(window, project)
        if window.in_period and self.spec.stalled:
            # Handed over five to fifteen weeks ago and still not online.
            delivered = workday_near(self.as_of - timedelta(days=self.rng.randint(35, 110)))
            self.titles.add(self.spec.stalled)
            self.records.add(
                DELIVERIES,
                customer_id=self.spec.id,
                title=self.spec.stalled,
                delivered_date=delivered,
                live_date=None,
            )

    def add_delivery(self, window: Window, project: str) -> None:
        delivered = self.day_in(window, latest=self.as_of - ONE_DAY)
        title = self.unique_title(project, delivered)
        if title is None:
            return
        live = delivered + timedelta(days=self.rng.randint(2, 21))
        self.records.add(
            DELIVERIES,
            customer_id=self.spec.id,
            title=title,
            delivered_date=delivered,
            live_date=live if live <= self.as_of else None,  # recent: still being put live
        )
        if project in texts.MATERIAL_COSTS and self.rng.random() < 0.6:
            label, low, high = texts.MATERIAL_COSTS[project]
            day = delivered - timedelta(days=self.rng.randint(0, 7))
            self.add_cost(day, self.cost_amount(low, high), f"{label}: {title}")

    def unique_title(self, project: str, day: date) -> str | None:
        season = texts.SEASONS[(day.month - 3) % 12 // 3]  # March starts the spring
        template = self.rng.choice(texts.DELIVERABLES_BY_PROJECT[project])
        title = template.format(season=season, year=day.year)
        for candidate in (title, f"{title} {day:%m/%Y}"):
            if candidate not in self.titles:
                self.titles.add(candidate)
                return candidate
        return None

    def add_travel_cost(self, day: date) -> None:
        label, low, high = texts.TRAVEL_COSTS[self.spec.city]
        if self.spec.city == "koeln" and self.rng.random() > 0.3:
            return  # most local visits cost nothing worth booking
        self.add_cost(day, self.cost_amount(low, high), label)

    def cost_amount(self, low: int, high: int) -> Decimal:
        cents = self.rng.choice((0, 0, 50, 80, 90))
        return Decimal(self.rng.randint(low, high)) + Decimal(cents) / 100

    def add_cost(self, day: date, amount: Decimal, description: str) -> None:
        day = workday_near(day)
        self.records.add(
            DIRECT_COSTS, customer_id=self.spec.id, date=day, amount=amount, description=description
        )

    # --- small helpers --------------------------------------------------------------------

    def count(self, band: tuple[int, int], window: Window) -> int:
        """A per-year count drawn from `band`, scaled to the window's length."""
        return round(self.rng.randint(*band) * min(window.years, 3.0))

    def user(self) -> str:
        return self.rng.choices(texts.USERS, texts.USER_WEIGHTS)[0]

    def moment(self, window: Window) -> datetime:
        """A time during office hours on a working day of the window."""
        day = self.day_in(window)
        return datetime.combine(day, time(self.rng.randint(8, 17), self.rng.randint(0, 59)))

    def day_in(
        self,
        window: Window,
        earliest: date | None = None,
        latest: date | None = None,
        weekend: bool = False,
    ) -> date:
        """A random working day (or weekend day) of the window, never after the as-of date."""
        first = max(window.start, earliest or window.start)
        last = min(window.end, self.as_of, latest or window.end)
        if last < first:
            last = first
        day = first
        for _ in range(60):
            day = first + timedelta(days=self.rng.randint(0, (last - first).days))
            if (day.weekday() >= 5) if weekend else is_workday(day):
                break
        return day


def contact_effort(contact: Contact) -> int:
    """Minutes a contact adds to the effort; tracked time is kept in 15-minute steps."""
    return -(-contact.minutes // 15) * 15 if contact.tracked else contact.minutes


def affordable(contacts: list[Contact], room: float) -> list[Contact]:
    """The contacts, in order, that fit into `room` minutes of effort."""
    kept = []
    for contact in contacts:
        if contact_effort(contact) <= room:
            kept.append(contact)
            room -= contact_effort(contact)
    return kept


def is_workday(day: date) -> bool:
    """Monday to Friday, without the quiet days between Christmas Eve and New Year."""
    holidays = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
    return day.weekday() < 5 and not holidays


def workday_near(day: date, not_before: date | None = None) -> date:
    """The working day on or before `day`; the one after if that falls before `not_before`."""
    back = day
    while not is_workday(back):
        back -= ONE_DAY
    if not_before is None or back >= not_before:
        return back
    ahead = day
    while not is_workday(ahead):
        ahead += ONE_DAY
    return ahead


def next_workday(day: date) -> date:
    """Money arrives on bank days."""
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


def split_amount(total: Decimal, parts: int, rng: Random) -> list[Decimal]:
    """`parts` amounts of varying size, rounded to 5 EUR, that add up to `total` exactly."""
    if parts == 1:
        return [total]
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = float(total) / sum(weights)
    amounts = [Decimal(round(w * scale / 5) * 5) for w in weights[:-1]]
    last = total - sum(amounts)
    if last < 50:  # rounding ate the last invoice: split evenly instead
        even = (total / parts).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        amounts = [even] * (parts - 1)
        last = total - even * (parts - 1)
    return [*amounts, last]
