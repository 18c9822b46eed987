"""The generated OpenAPI schema and the documentation page that works offline."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.api.conftest import client_with


def test_the_schema_is_openapi_json_in_english_without_a_token(db):
    response = client_with(None).get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    customer = spec["components"]["schemas"]["Customer"]["properties"]
    assert customer["since"]["title"] == "Customer since"


def test_the_schema_lists_every_endpoint_with_the_error_body(db):
    spec = client_with(None).get("/api/v1/schema/").json()

    assert set(spec["paths"]) == {
        "/api/v1/analysis/",
        "/api/v1/customers/",
        "/api/v1/customers/{id}/",
        "/api/v1/customers/{id}/figures/",
        "/api/v1/followups/",
        "/api/v1/followups/done/",
        "/api/v1/followups/snooze/",
        "/api/v1/interactions/",
        "/api/v1/invoices/",
        "/api/v1/time-entries/",
    }
    for operations in spec["paths"].values():
        for operation in operations.values():
            for status in ("400", "401", "403", "404"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}


def test_the_docs_page_describes_the_endpoints_and_loads_nothing_from_elsewhere(db):
    page = Client().get(reverse("api:docs")).content.decode()

    assert "GET /api/v1/analysis/" in page and "POST /api/v1/invoices/" in page
    assert "Authorization: Bearer" in page
    assert not re.search(r'(src|href)="https?://', page)


def test_an_unknown_address_under_the_api_answers_in_the_error_body(owner_api):
    response = owner_api.delete("/api/v1/nothing/here/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
