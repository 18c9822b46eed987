"""One error body for every error the API answers:

    {"errors": [{"field": "net", "message": "A valid number is required.", "code": "invalid"}]}

`field` names the field or query parameter (nested ones as `metrics.revenue`, list items
as `items.0`), or is null for an error of the whole request (no token, no right, not
found). Django's ValidationError, which the services raise, becomes 400 like the
serializers' own, so a rule checked in a service reads the same as one checked here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

# Keys under which DRF and Django put errors that belong to no field.
WHOLE_REQUEST = frozenset({"detail", "non_field_errors", "__all__"})


def handle(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    response = exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": flatten(response.data)}
    return response


def flatten(detail, field: str | None = None) -> list[dict[str, str | None]]:
    if isinstance(detail, dict):
        return [
            error for key, value in detail.items() for error in flatten(value, _joined(field, key))
        ]
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [error for item in detail for error in flatten(item, field)]
        return [
            error for i, item in enumerate(detail) for error in flatten(item, _joined(field, i))
        ]
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": field, "message": str(detail), "code": str(code)}]


def _joined(field: str | None, key) -> str | None:
    if key in WHOLE_REQUEST:
        return field
    return f"{field}.{key}" if field else str(key)
