"""The stored kaizen settings, read (writes go through services.py)."""

from __future__ import annotations

from kundenwert.kaizen.models import KaizenSettings
from kundenwert.patterns import PatternSettings


def get_kaizen_settings() -> KaizenSettings:
    settings, _ = KaizenSettings.objects.get_or_create(pk=1)
    return settings


def pattern_settings() -> PatternSettings:
    return PatternSettings().updated(get_kaizen_settings().patterns)
