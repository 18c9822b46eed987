"""A page that documents the API from its generated OpenAPI schema, without JavaScript and
without loading anything from elsewhere (Swagger UI would need a CDN or an extra package).
Programs read the schema itself at /api/v1/schema/."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView

from kundenwert.web.language import ui_language

METHODS = ("get", "post", "put", "patch", "delete")


@extend_schema(exclude=True)
class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI schema, in English unless `?lang=de` asks otherwise: its field names and
    codes are English, and a program's developer reads it, not the interface's user."""

    def get(self, request, *args, **kwargs):
        with translation.override(request.GET.get("lang") or "en"):
            return super().get(request, *args, **kwargs)


@cache
def schema(lang: str) -> dict:
    """The schema for the page, made once per language (it only changes with the code)."""
    with translation.override(lang):
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(spec: dict) -> list[dict]:
    """Every operation as the page lists it: method, path, description, parameters."""
    found = []
    for path, items in spec.get("paths", {}).items():
        for method in METHODS:
            if method in items:
                operation = items[method]
                found.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "description": operation.get("description", ""),
                        "parameters": operation.get("parameters", []),
                        "body": body_fields(spec, operation),
                        "statuses": sorted(operation.get("responses", {})),
                    }
                )
    return found


def body_fields(spec: dict, operation: dict) -> list[dict]:
    """The fields of an operation's JSON body: name, type and whether it is required."""
    content = operation.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    if not ref:
        return []
    body = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    required = set(body.get("required", []))
    return [
        {"name": name, "type": _type_of(field), "required": name in required}
        for name, field in body.get("properties", {}).items()
    ]


def _type_of(field: dict) -> str:
    if "enum" in field:
        return " | ".join(str(value) for value in field["enum"] if value not in ("", None))
    if "allOf" in field or "oneOf" in field or "$ref" in field:
        return "choice"
    kind = field.get("format") or field.get("type", "")
    return f"{kind}, or null" if field.get("nullable") else kind


def docs(request: HttpRequest) -> HttpResponse:
    spec = schema(ui_language())
    context = {
        "info": spec.get("info", {}),
        "operations": operations(spec),
    }
    return render(request, "api/docs.html", context)
