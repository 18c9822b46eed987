"""Follow-ups for programs (method.md section 4's JSON) and for people (a rich table)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.table import Table

from kundenwert.followups.items import Followup
from kundenwert.lib.formatting import format_date, language

JSON_KEYS = ("due", "kind", "customer_id", "customer", "ref", "reason")

LABELS = {
    "de": {
        "title": "Wiedervorlagen fällig bis {as_of}",
        "due": "Fällig",
        "kind": "Art",
        "customer": "Kunde",
        "reason": "Grund",
        "minutes": "Min.",
        "none": "Keine offenen Wiedervorlagen.",
    },
    "en": {
        "title": "Follow-ups due by {as_of}",
        "due": "Due",
        "kind": "Kind",
        "customer": "Customer",
        "reason": "Reason",
        "minutes": "min",
        "none": "No open follow-ups.",
    },
}

KIND_LABELS = {
    "de": {
        "offer_checkin": "Angebot nachfassen",
        "offer_expired": "Angebot abgelaufen",
        "delivery_checkin": "Lieferung nachfragen",
        "cadence": "Kontakt halten",
        "thanks_punctual": "Dank: pünktlich",
        "thanks_big_order": "Dank: großer Auftrag",
        "anniversary": "Jubiläum",
        "birthday": "Geburtstag",
        "present": "Kleines Geschenk",
    },
    "en": {
        "offer_checkin": "Offer check-in",
        "offer_expired": "Offer expired",
        "delivery_checkin": "Delivery check-in",
        "cadence": "Keep in touch",
        "thanks_punctual": "Thanks: punctual",
        "thanks_big_order": "Thanks: big order",
        "anniversary": "Anniversary",
        "birthday": "Birthday",
        "present": "Small present",
    },
}


def item_json(item: Followup, lang: str, *, money: bool = True) -> dict[str, object]:
    return {
        "due": item.due.isoformat(),
        "kind": item.kind,
        "customer_id": item.customer_id,
        "customer": item.customer,
        "ref": item.ref,
        "reason": item.reason(lang, money=money),
    }


def to_json(as_of: date, items: Sequence[Followup], lang: str) -> dict[str, object]:
    """`{"as_of", "followups": [...]}`, the items in the engine's order."""
    return {"as_of": as_of.isoformat(), "followups": [item_json(i, lang) for i in items]}


def render_json(as_of: date, items: Sequence[Followup], lang: str) -> str:
    return json.dumps(to_json(as_of, items, lang), ensure_ascii=False, indent=2)


def kind_label(kind: str, lang: str) -> str:
    return KIND_LABELS[language(lang)][kind]


def render_table(as_of: date, items: Sequence[Followup], lang: str, console: Console) -> None:
    lang = language(lang)
    labels = LABELS[lang]
    if not items:
        console.print(labels["none"])
        return
    table = Table(title=labels["title"].format(as_of=format_date(as_of, lang)), show_lines=False)
    for key in ("due", "kind", "customer", "reason"):
        table.add_column(labels[key], overflow="fold")
    table.add_column(labels["minutes"], justify="right")
    for item in items:
        table.add_row(
            format_date(item.due, lang),
            kind_label(item.kind, lang),
            f"{item.customer} ({item.customer_id})",
            item.reason(lang),
            str(item.minutes),
        )
    console.print(table)
