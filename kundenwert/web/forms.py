"""What every web form checks the same way, whichever app it belongs to.

`SaneDates` keeps the days of a form's date and date-time fields inside the years the API
and the exports accept (kundenwert.reports.querysets.EARLIEST … LATEST). Python's calendar
ends on 31 December 9999, so a talk held that day, a watch after it or a step's measurement
window would step beyond it and fail every page that shows them; no real record lies there.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.reports.querysets import EARLIEST, LATEST

DAY_RANGE_MESSAGE = _("Please enter a day between the years %(first)d and %(last)d.")


def within_the_years(value: date | datetime) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            DAY_RANGE_MESSAGE,
            code="out_of_range",
            params={"first": EARLIEST.year, "last": LATEST.year},
        )


class SaneDates:
    """A form mixin: each date and date-time field refuses days outside the years."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(within_the_years)
