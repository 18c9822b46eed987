"""schemathesis sends generated requests, valid and invalid, to every operation of the
OpenAPI schema with an owner's token, in-process through the WSGI app, on the demo
portfolio: no answer is a 5xx, and every answer is documented and matches the schema.

The examples are bounded and derandomised, so the run is the same on every machine and
takes seconds, not minutes."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kundenwert.web.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The test's database connection stays open across requests, as Django's test client
    keeps it: the WSGI app would close it after each request, and the test's transaction
    with it (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Reading the schema touches no database, so it is read once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_none_is_a_server_error(case, demo, owner_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {owner_token}"}, checks=CHECKS)
