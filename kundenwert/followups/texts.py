"""Reason sentences of the follow-ups, in German (formal Sie) and English, with their figures.

Each reason says what happened, with the dates and amounts, and ends with what to do,
e.g. "Angebot AN-2026-0012 über 4.800,00 € ist seit 15 Tagen offen, gültig bis
30.11.2026: nachfassen". With `money=False` (for staff, who see no revenue figures) the
amounts are left out and the rest stays. Offers carry no currency in the format: EUR.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from kundenwert.followups.items import Followup
from kundenwert.lib.formatting import format_date, format_money, language

CHANNELS = {
    "de": {
        "phone": "Telefon",
        "email": "E-Mail",
        "meeting": "Besprechung",
        "visit": "Besuch",
        "chat": "Chat",
        "letter": "Brief",
    },
    "en": {
        "phone": "phone",
        "email": "e-mail",
        "meeting": "meeting",
        "visit": "visit",
        "chat": "chat",
        "letter": "letter",
    },
}


def reason(item: Followup, lang: str, *, money: bool = True) -> str:
    lang = language(lang)
    return TEXTS[item.kind](item, item.facts, lang, money)


def _de_en(lang: str, de: str, en: str) -> str:
    return de if lang == "de" else en


def _days(n: int, lang: str) -> str:
    """'1 Tag' / '15 Tagen' (after seit/vor), '1 day' / '15 days'."""
    if lang == "de":
        return "1 Tag" if n == 1 else f"{n} Tagen"
    return "1 day" if n == 1 else f"{n} days"


def _amount(lang: str, amount: Decimal, money: bool, currency: str = "EUR") -> str:
    """' über 4.800,00 €' / ' for €4,800.00', or nothing for staff."""
    if not money:
        return ""
    return _de_en(lang, " über ", " for ") + format_money(amount, lang, currency)


def _quoted(text: str, lang: str) -> str:
    return _de_en(lang, f"„{text}“", f"“{text}”")


def offer_checkin(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    offer = _de_en(lang, "Angebot ", "Offer ") + f"{item.ref}{_amount(lang, f['amount'], money)}"
    days = _days(f["days_open"], lang)
    since = (
        _de_en(lang, f"ist seit {days} offen", f"has been open for {days}")
        if f["days_open"] > 0
        else _de_en(lang, "ist seit heute offen", "was sent today")
    )
    until = format_date(f["valid_until"], lang)
    if f["assumed_validity"]:
        valid = _de_en(
            lang,
            f"; es hat kein Gültigkeitsdatum, angenommen sind {f['validity_days']} Tage bis "
            f"{until}: nachfassen und eine Frist nennen",
            f"; it has no validity date, {f['validity_days']} days assumed, until {until}: "
            "check in and name a deadline",
        )
    else:
        valid = _de_en(
            lang, f", gültig bis {until}: nachfassen", f", valid until {until}: check in"
        )
    return f"{offer} {since}{valid}"


def offer_expired(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    offer = _de_en(lang, "Angebot ", "Offer ") + f"{item.ref}{_amount(lang, f['amount'], money)}"
    until = format_date(f["valid_until"], lang)
    if f["assumed_validity"]:
        validity = _de_en(
            lang,
            f"hat kein Gültigkeitsdatum (angenommen {f['validity_days']} Tage, bis {until})",
            f"has no validity date ({f['validity_days']} days assumed, until {until})",
        )
    else:
        validity = _de_en(lang, f"war gültig bis {until}", f"was valid until {until}")
    return _de_en(
        lang,
        f"{offer} {validity} und ist noch offen: neu anbieten oder abschließen?",
        f"{offer} {validity} and is still open: re-quote or close?",
    )


def delivery_checkin(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    title, delivered = _quoted(item.ref or "", lang), format_date(f["delivered"], lang)
    waiting = _days(f["days_waiting"], lang)
    return _de_en(
        lang,
        f"{title} am {delivered} geliefert und seit {waiting} nicht im Einsatz: "
        "anrufen und fragen, wie es läuft",
        f"{title} delivered on {delivered}, not in use for {waiting}: call and ask how it is going",
    )


def cadence(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    rule = _de_en(
        lang,
        f"{item.group}-Kunden alle {f['every_days']} Tage",
        f"{item.group} customers every {f['every_days']} days",
    )
    todo = _de_en(lang, "anrufen und fragen, wie es läuft", "call and ask how it is going")
    if f["last_contact"] is None:
        last = _de_en(lang, "Noch kein Kontakt erfasst", "No contact logged yet")
    else:
        last = _last_contact(f, lang)
    return f"{last}; {rule}: {todo}"


def _last_contact(f: dict[str, Any], lang: str) -> str:
    day, channel = format_date(f["last_contact"], lang), CHANNELS[lang][f["channel"]]
    days = f["days_since"]
    if days == 0:
        return _de_en(lang, f"Letzter Kontakt heute ({channel})", f"Last contact today ({channel})")
    return _de_en(
        lang,
        f"Letzter Kontakt vor {_days(days, lang)} ({day}, {channel})",
        f"Last contact {_days(days, lang)} ago ({day}, {channel})",
    )


def thanks_punctual(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    paid = format_date(f["paid"], lang)
    return _de_en(
        lang,
        f"{f['count']} Rechnungen in Folge pünktlich bezahlt (bis {item.ref}), die letzte "
        f"Zahlung am {paid}: bedanken Sie sich dafür",
        f"{f['count']} invoices in a row paid on time (up to {item.ref}), the last payment on "
        f"{paid}: say thank you",
    )


def thanks_big_order(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    invoice = _de_en(lang, "Rechnung ", "Invoice ")
    invoice += f"{item.ref}{_amount(lang, f['amount'], money, f['currency'])}"
    span = _span(f["lookback_days"], lang)
    before = ""
    if money:
        previous = format_money(f["previous_max"], lang, f["currency"])
        before = _de_en(lang, f" (zuvor höchstens {previous})", f" (before: at most {previous})")
    return _de_en(
        lang,
        f"{invoice} ist der größte Auftrag der letzten {span}{before}: "
        "bedanken Sie sich für den Auftrag",
        f"{invoice} is the largest order of the last {span}{before}: thank them for the order",
    )


def _span(days: int, lang: str) -> str:
    if days == 365:
        return _de_en(lang, "12 Monate", "12 months")
    return _de_en(lang, f"{days} Tage", f"{days} days")


def anniversary(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    years, since = f["years"], format_date(f["since"], lang)
    return _de_en(
        lang,
        f"Seit {years} {'Jahr' if years == 1 else 'Jahren'} Kunde (seit {since}): "
        "zum Jubiläum danken",
        f"A customer for {years} {'year' if years == 1 else 'years'} (since {since}): "
        "thank them on the anniversary",
    )


def birthday(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    day: date = f["day"]
    return _de_en(
        lang,
        f"{f['contact']} hat am {format_date(day, lang)} Geburtstag: gratulieren",
        f"{f['contact']}'s birthday on {format_date(day, lang)}: send your congratulations",
    )


def present(item: Followup, f: dict[str, Any], lang: str, money: bool) -> str:
    return _de_en(
        lang,
        f"Ein kleines Geschenk als Dank für {f['year']} (einmal im Jahr für A-Kunden): "
        "aussuchen und senden",
        f"A small present as thanks for {f['year']} (once a year for A customers): "
        "choose and send it",
    )


Text = Callable[[Followup, Any, str, bool], str]
TEXTS: dict[str, Text] = {
    "offer_checkin": offer_checkin,
    "offer_expired": offer_expired,
    "delivery_checkin": delivery_checkin,
    "cadence": cadence,
    "thanks_punctual": thanks_punctual,
    "thanks_big_order": thanks_big_order,
    "anniversary": anniversary,
    "birthday": birthday,
    "present": present,
}
