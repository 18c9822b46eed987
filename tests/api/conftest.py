# ruff: noqa: F811 - the web tests' fixtures, imported below, are parameters by name
"""An owner's and a staff member's API tokens, and a client that sends one."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kundenwert.api.tokens import do_create_api_token
from tests.web.conftest import (  # noqa: F401
    PASSWORD,
    demo,
    fresh_analysis,
    owner,
    owner_client,
    staff,
    staff_client,
    today,
)


def client_with(secret: str | None) -> APIClient:
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def owner_token(owner) -> str:
    return do_create_api_token(owner, owner, "Buchhaltung")[1]


@pytest.fixture
def staff_token(owner, staff) -> str:
    return do_create_api_token(owner, staff, "Telefonanlage")[1]


@pytest.fixture
def owner_api(owner_token) -> APIClient:
    return client_with(owner_token)


@pytest.fixture
def staff_api(staff_token) -> APIClient:
    return client_with(staff_token)
