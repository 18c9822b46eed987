"""What drf-spectacular cannot see in the code: the bearer token, the error body every
operation may answer with, and the shape of the analysis JSON (method.md section 2)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from kundenwert.analysis.metrics import REQUIRED_METRICS

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message", "code"],
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "message": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        }
    },
}
ERRORS = {
    "400": "The request is not valid: each error names its field or query parameter.",
    "401": "No token, or a token that is not valid or was revoked.",
    "403": "The token's user may not do this (staff never see revenue, margins or rates).",
    "404": "Not found.",
}
CONFLICT = "The analysis needs a decision first (e.g. invoices in several currencies)."


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "kundenwert.api.auth.TokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made by an owner in the web app.",
        }


def add_error_responses(result, generator, request, public):
    """A drf-spectacular postprocessing hook: the error body on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, error_response(description))
    return result


def error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


# --- the analysis JSON ----------------------------------------------------------------

DATE = {"type": "string", "format": "date"}
NUMBER_OR_NULL = {"type": "number", "nullable": True}

CUSTOMER_RESULT = {
    "type": "object",
    "required": ["id", "name", "group", "reasons", "exit_candidate", "metrics"],
    "properties": {
        "id": {"type": "string", "description": "The customer's number."},
        "name": {"type": "string"},
        "group": {"type": "string", "enum": ["A", "B", "C", None], "nullable": True},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "exit_candidate": {"type": "boolean"},
        "metrics": {
            "type": "object",
            "required": [metric.name for metric in REQUIRED_METRICS],
            "additionalProperties": NUMBER_OR_NULL,
            "description": "Money rounded to cents; null where a figure is absent or infinite.",
        },
    },
}

ANALYSIS = {
    "type": "object",
    "description": "method.md section 2, as `kundenwert analyze --format json` prints it.",
    "required": ["as_of", "period", "settings", "customers", "budget"],
    "properties": {
        "as_of": DATE,
        "period": {
            "type": "object",
            "required": ["from", "to"],
            "properties": {"from": DATE, "to": DATE},
        },
        "settings": {"type": "object", "additionalProperties": True},
        "customers": {"type": "array", "items": CUSTOMER_RESULT},
        "budget": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["target", "actual_hours", "actual_share"],
                "properties": {
                    "target": {"type": "number"},
                    "actual_hours": {"type": "number"},
                    "actual_share": {"type": "number"},
                },
            },
        },
        "whale_curve": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "margin", "cumulative_margin"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "margin": {"type": "number"},
                    "cumulative_margin": {"type": "number"},
                },
            },
        },
        "totals": {"type": "object", "additionalProperties": True},
        "deciding": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}

CUSTOMER_FIGURES = {
    **CUSTOMER_RESULT,
    "required": [*CUSTOMER_RESULT["required"], "as_of", "period", "explanations"],
    "properties": {
        **CUSTOMER_RESULT["properties"],
        "as_of": DATE,
        "period": ANALYSIS["properties"]["period"],
        "explanations": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Each reason code (and the deciding rule) as a sentence.",
        },
    },
}
