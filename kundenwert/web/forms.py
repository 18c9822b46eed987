"""What every web form checks the same way, whichever app it belongs to.

`SaneDates` keeps the days of a form's date and date-time fields inside the years the API
and the exports accept (kundenwert.reports.querysets.EARLIEST … LATEST). Python's calendar
ends on 31 December 9999, so a talk held that day, a watch after it or a step's measurement
window would step beyond it and fail every page that shows them; no real record lies there.

`ImportOptionsForm` is the import page's options besides the files. It checks them with the
functions `kundenwert import` uses (the importers' registry, the saved column mappings, the
customer map's reader), so that the page and the command accept and refuse the same.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.importers.messages import problem
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


class ImportOptionsForm(forms.Form):
    """What `kundenwert import` takes besides the paths: --format, --mapping NAME (a saved
    column mapping) and --customer-map. The files themselves are the page's drop zone."""

    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        initial="auto",
        help_text=_(
            "Kundenwert recognises the format from the content. Choose one only for files it "
            "does not recognise; it then applies to all files of this upload."
        ),
    )
    mapping = forms.ChoiceField(
        label=_("Column mapping for invoice lists"),
        required=False,
        help_text=_(
            "A saved mapping of your invoicing tool's column names (kundenwert import "
            "--save-mapping). For column names Kundenwert does not know, choose the format "
            "“Invoice list” too."
        ),
    )
    customer_map = forms.FileField(
        label=_("Customer map"),
        required=False,
        help_text=_(
            "A CSV file with the columns source_name and customer_id (and optionally "
            "customer_name): which customer a name, e-mail address or domain in the files is."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        from kundenwert.web.importing import format_choices
        from kundenwert.workspace.models import ColumnMapping

        super().__init__(*args, **kwargs)
        self.fields["format"].choices = format_choices()
        saved = ColumnMapping.objects.values_list("name", flat=True)
        self.fields["mapping"].choices = [("", _("None: found by the column names"))] + [
            (name, name) for name in saved
        ]
        self.columns: dict[str, str] | None = None

    def clean_format(self) -> str:
        return self.cleaned_data["format"] or "auto"

    def clean_mapping(self) -> str:
        from kundenwert.importers.services import ImportInvalid, column_mapping

        name = self.cleaned_data["mapping"]
        if name:
            try:
                self.columns = column_mapping(name)
            except ImportInvalid as invalid:
                raise forms.ValidationError([problem(e) for e in invalid.errors]) from None
        return name

    def clean_customer_map(self):
        """The uploaded customer map, read as --customer-map reads it: each error names the
        file, the line and the column."""
        from kundenwert.importers.services import ImportInvalid, read_customer_map
        from kundenwert.web.importing import save_uploaded, upload_name

        upload = self.cleaned_data["customer_map"]
        if not upload:
            return None
        with tempfile.TemporaryDirectory(prefix="kundenwert-map-") as folder:
            path = Path(folder) / upload_name(upload.name, "customer-map.csv")
            save_uploaded(upload, path)
            try:
                read_customer_map(path)
            except ImportInvalid as invalid:
                errors = [problem(e) for e in invalid.errors]
                if invalid.total > len(errors):
                    more = invalid.total - len(errors)
                    errors.append(str(_("… and %(count)d more") % {"count": more}))
                raise forms.ValidationError(errors) from None
        return upload

    def options(self):
        """The options as the import job takes them (after `is_valid`)."""
        from kundenwert.web.importing import ImportOptions

        data = self.cleaned_data
        return ImportOptions(
            format=data["format"], mapping_name=data["mapping"] or "", mapping=self.columns
        )
