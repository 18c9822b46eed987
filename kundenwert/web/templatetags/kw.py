"""Template filters that format per interface language (kundenwert.lib.formatting):
1.234,56 € and 23.11.2026 in German, €1,234.56 and 2026-11-23 in English."""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from kundenwert.customers.reasons import reason_label
from kundenwert.lib import formatting
from kundenwert.web.language import ui_language

register = template.Library()
MISSING = "–"


@register.filter
def nobreak(value) -> str:
    """A figure such as "1.234,56 €" kept on one line in running text (a non-breaking space)."""
    return mark_safe(str(conditional_escape(value)).replace(" ", "\u00a0"))


@register.filter
def money(value, currency: str = "EUR") -> str:
    if value is None or value == "":
        return MISSING
    return formatting.format_money(value, ui_language(), currency or "EUR")


@register.filter
def number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return MISSING
    return formatting.format_number(value, ui_language(), int(decimals), trim=True)


@register.filter
def hours(value) -> str:
    if value is None or value == "":
        return MISSING
    return formatting.format_hours(value, ui_language())


@register.filter
def percent(value) -> str:
    if value is None or value == "":
        return MISSING
    return formatting.format_percent(value, ui_language())


@register.filter
def day(value) -> str:
    """A date, or a datetime's local date."""
    if not value:
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formatting.format_date(value, ui_language())


@register.filter
def moment(value) -> str:
    """A datetime as local date and time: 23.11.2026 14:05."""
    if not value:
        return MISSING
    if not isinstance(value, datetime):
        return day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{formatting.format_date(local.date(), ui_language())} {local:%H:%M}"


@register.filter
def long_day(value: date) -> str:
    return formatting.format_date(value, ui_language(), long=True) if value else MISSING


@register.filter
def reason(code: str) -> str:
    return reason_label(code)


@register.filter
def group_name(group: str | None) -> str:
    return group or MISSING


@register.inclusion_tag("activity/_quick_log_dialog.html", takes_context=True)
def quick_log_dialog(context) -> dict:
    """The interaction form in a dialog on every page, opened with Alt+L or the menu link.

    Its ids carry a "ql-" prefix so that they never clash with a form on the page itself.
    The fields of the empty form are the same for everyone, so they are rendered once per
    language: rendering twenty widgets would otherwise cost every page 15 ms.
    """
    request = context["request"]
    return {
        "cached_fields": quick_log_fields(ui_language()),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "in_dialog": True,
    }


@functools.cache
def quick_log_fields(lang: str) -> str:
    from kundenwert.activity.forms import InteractionForm

    context = {"form": InteractionForm(auto_id="ql-%s"), "in_dialog": True}
    return mark_safe(render_to_string("activity/_interaction_fields.html", context))  # noqa: S308


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, 0) if mapping else 0


@register.filter
def cents(value):
    """An amount in cents (the analysis' exact money) as a Decimal."""
    return None if value is None else Decimal(value).scaleb(-2)


@register.filter
def status_label(status: str) -> str:
    from kundenwert.customers.models import Status

    return str(dict(Status.choices).get(status, status))


@register.filter
def minutes_as_hours(minutes) -> str:
    """Tracked time reads better in hours: 90 minutes as 1,5 h."""
    return MISSING if minutes is None else hours(Decimal(minutes) / 60)
