"""The engine's values: a follow-up, its cause key, the owner's state of it, and the inputs.

A follow-up's `cause` is kind + customer + ref + the date its rule counts from (an offer's
sent date, a delivery's delivered date, the last contact, the payment that completed a
run …). Done, snoozed and dismissed states are stored under that key, so they stick to
the same cause however often the data is re-imported, and a new cause (a new offer, the
next cadence after a new contact) is a new follow-up.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

OFFER_KINDS = ("offer_checkin", "offer_expired")
APPRECIATION_KINDS = ("thanks_punctual", "thanks_big_order", "anniversary", "birthday", "present")
KINDS = (*OFFER_KINDS, "delivery_checkin", "cadence", *APPRECIATION_KINDS)

DONE, SNOOZED, DISMISSED = "done", "snoozed", "dismissed"


@dataclass(frozen=True)
class Followup:
    kind: str
    due: date
    customer_id: str
    customer: str  # the customer's name
    ref: str | None  # offer or invoice number, delivery title, contact name, or None
    cause_date: date | None  # the date the rule counts from; None: never contacted
    # The figures of the reason sentence (texts.py), e.g. amount, days_open.
    facts: Mapping[str, object] = field(default_factory=dict, compare=False)
    group: str | None = None  # the customer's group as of the as-of date
    importance: int = 2  # 1 = most important … 3
    minutes: int = 15  # the time it is expected to take

    @property
    def cause(self) -> str:
        return cause_key(self.kind, self.customer_id, self.ref, self.cause_date)

    @property
    def is_appreciation(self) -> bool:
        return self.kind in APPRECIATION_KINDS

    def reason(self, lang: str, *, money: bool = True) -> str:
        """The reason as a sentence; `money` False leaves out amounts (for staff)."""
        from kundenwert.followups.texts import reason

        return reason(self, lang, money=money)

    def sort_key(self) -> tuple[date, str, str, str]:
        return (self.due, self.kind, self.customer_id, self.ref or "")


def cause_key(kind: str, customer_id: str, ref: str | None, cause_date: date | None) -> str:
    """A JSON array, so that no customer id or title can make two causes look alike."""
    day = cause_date.isoformat() if cause_date else None
    return json.dumps([kind, customer_id, ref, day], ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Cause:
    kind: str
    customer_id: str
    ref: str | None
    cause_date: date | None


def parse_cause(key: str) -> Cause:
    """The parts of a cause key; ValueError for anything `cause_key` cannot have made."""
    try:
        kind, customer_id, ref, day = json.loads(key)
        cause = Cause(kind, customer_id, ref, date.fromisoformat(day) if day else None)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a follow-up cause: {key!r}") from exc
    if kind not in KINDS or not isinstance(customer_id, str) or not isinstance(ref, str | None):
        raise ValueError(f"not a follow-up cause: {key!r}")
    if cause_key(*vars(cause).values()) != key:
        raise ValueError(f"not a follow-up cause: {key!r}")
    return cause


@dataclass(frozen=True)
class State:
    """What the owner did with a follow-up: done, snoozed until a date, or dismissed."""

    status: str  # DONE | SNOOZED | DISMISSED
    until: date | None = None  # the day a snoozed follow-up returns

    def shows_on(self, due: date) -> date | None:
        """The day the follow-up shows again; None: never (done or dismissed)."""
        if self.status == SNOOZED and self.until is not None:
            return max(due, self.until)
        return None


@dataclass(frozen=True)
class Standing:
    """A customer's place as of the as-of date, from the analysis."""

    group: str | None  # "A" | "B" | "C" | None
    inactive: bool = False


@dataclass(frozen=True)
class Birthday:
    customer_id: str
    contact: str  # the contact's name
    day: date  # the date of birth; only day and month are used
