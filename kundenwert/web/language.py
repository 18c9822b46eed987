"""The interface language of the current request, as kundenwert.lib.formatting wants it."""

from __future__ import annotations

from django.utils import translation

from kundenwert.lib.formatting import language


def ui_language() -> str:
    """'de' or 'en': the active Django language (the user's choice, set by middleware)."""
    try:
        return language(translation.get_language() or "de")
    except ValueError:
        return "de"
