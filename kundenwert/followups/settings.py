"""Every number of the follow-ups and the daily plan, with its default (docs/followups.md).

The same dataclass validates the values stored in `WorkspaceSettings.followups`, whose
`DEFAULT_FOLLOWUPS` is `FollowupSettings().as_json()`, so a default is written once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date


class FollowupSettingsError(ValueError):
    """A follow-up setting that cannot be used; the message names the key and the value."""


@dataclass(frozen=True)
class FollowupSettings:
    # method.md section 4: the rules other programs rely on.
    offer_default_validity_days: int = 30
    delivery_checkin_days: int = 28
    cadence_a_days: int = 42
    cadence_b_days: int = 84
    # Appreciation (our own defaults).
    punctual_payments_in_row: int = 3
    big_order_lookback_days: int = 365
    appreciation_open_days: int = 14  # a thank-you later than this is dropped, not nagged
    present_month: int = 12
    present_day: int = 1
    # Time estimates of a follow-up on the daily plan, in minutes.
    minutes_checkin: int = 15
    minutes_cadence: int = 20
    minutes_thanks: int = 10
    minutes_present: int = 30
    # The daily plan.
    plan_tomorrow_minutes: int = 10
    capacity_notice_share: float = 0.5
    capacity_warning_share: float = 0.7

    def __post_init__(self) -> None:
        _check(self)

    def as_json(self) -> dict[str, int | float]:
        return asdict(self)

    def updated(self, values: dict[str, object]) -> FollowupSettings:
        """A copy with `values` applied, each converted to the field's type or rejected."""
        changes = {key: _coerce(key, value) for key, value in values.items()}
        # _coerce gives each field its type (int or float), which mypy cannot tell by key.
        return replace(self, **changes)  # type: ignore[arg-type]

    def cadence_days(self, group: str | None) -> int | None:
        """Days between contacts for a group; None where there is no cadence (C, none)."""
        return {"A": self.cadence_a_days, "B": self.cadence_b_days}.get(group or "")


FIELD_TYPES = {f.name: f.type for f in fields(FollowupSettings)}


def _coerce(key: str, value: object) -> int | float:
    if key not in FIELD_TYPES:
        raise FollowupSettingsError(f"unknown follow-up setting '{key}'")
    # `value` is any JSON/TOML value: int() and float() refuse the unsuitable ones
    # (TypeError/ValueError below), hence the ignores.
    try:
        if isinstance(value, bool):
            raise ValueError
        if FIELD_TYPES[key] == "int":
            if int(value) != float(value):  # type: ignore[call-overload,arg-type]
                raise ValueError
            return int(value)  # type: ignore[call-overload]
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise FollowupSettingsError(
            f"follow-up setting {key}: '{value}' is not a valid {FIELD_TYPES[key]}"
        ) from None


def _check(settings: FollowupSettings) -> None:
    for key, value in settings.as_json().items():
        if value < 0:
            raise FollowupSettingsError(f"follow-up setting {key}: '{value}' must not be negative")
    if settings.punctual_payments_in_row < 1:
        raise FollowupSettingsError("follow-up setting punctual_payments_in_row: at least 1")
    try:
        # A year without 29 February, so the present's date exists every year.
        date(2001, settings.present_month, settings.present_day)
    except ValueError:
        raise FollowupSettingsError(
            f"follow-up settings present_month/present_day: "
            f"{settings.present_day}.{settings.present_month}. is not a date of every year"
        ) from None
    if not settings.capacity_notice_share <= settings.capacity_warning_share <= 1:
        raise FollowupSettingsError(
            "follow-up settings: capacity_notice_share ≤ capacity_warning_share ≤ 1"
        )
