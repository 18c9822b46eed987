"""Personal API tokens: made and revoked by an owner, stored as a digest, refused when
missing, unknown or revoked."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kundenwert.accounts.models import ChangeRecord
from kundenwert.api.models import ApiToken
from kundenwert.api.tokens import TokenError, do_create_api_token, do_revoke_api_token
from tests.api.conftest import client_with

CUSTOMERS = "/api/v1/customers/"


def test_a_token_is_stored_only_as_a_digest(owner):
    token, secret = do_create_api_token(owner, owner, "Buchhaltung")

    assert secret.startswith("kw_") and len(secret) > 40
    assert secret not in (token.digest, token.hint) and token.hint == secret[-4:]
    assert ChangeRecord.objects.filter(action="create", model="api.ApiToken").exists()


def test_a_token_needs_a_name(owner):
    with pytest.raises(TokenError):
        do_create_api_token(owner, owner, "  ")


def test_requests_without_a_token_are_refused_with_401(db):
    response = client_with(None).get(CUSTOMERS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["field"] is None


@pytest.mark.parametrize("header", ["Bearer kw_not-a-token", "Token abc", "Bearer", "Basic Zm9v"])
def test_an_unknown_or_malformed_token_is_refused_with_401(db, header):
    client = client_with(None)
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(CUSTOMERS)

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_a_revoked_token_is_refused_with_401(owner, owner_token):
    token = ApiToken.objects.get(user=owner)
    assert client_with(owner_token).get(CUSTOMERS).status_code == 200

    do_revoke_api_token(owner, token)

    assert client_with(owner_token).get(CUSTOMERS).status_code == 401


def test_the_token_of_a_deactivated_account_is_refused(staff, staff_token):
    staff.is_active = False
    staff.save()

    assert client_with(staff_token).get(CUSTOMERS).status_code == 401


def test_a_used_token_notes_when_it_was_last_used(owner, owner_token):
    client_with(owner_token).get(CUSTOMERS)

    assert ApiToken.objects.get(user=owner).last_used_at is not None


def test_the_owner_creates_a_token_and_sees_its_secret_once(owner, owner_client, staff):
    response = owner_client.post(
        reverse("api:token_new"), {"name": "Telefonanlage", "user": staff.pk}
    )

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = re.search(r"<code>(kw_[^<]+)</code>", response.content.decode()).group(1)
    assert client_with(secret).get(CUSTOMERS).status_code == 200
    assert ApiToken.objects.get().user == staff
    again = owner_client.get(reverse("api:tokens")).content.decode()
    assert secret not in again and "Telefonanlage" in again


def test_the_owner_revokes_a_token_in_the_web_app(owner, owner_client, staff_token):
    token = ApiToken.objects.get()

    owner_client.post(reverse("api:token_revoke", args=[token.pk]))

    assert client_with(staff_token).get(CUSTOMERS).status_code == 401
    page = owner_client.get(reverse("api:tokens")).content.decode()
    assert "widerrufen" in page


def test_a_token_without_a_name_is_not_made(owner, owner_client):
    response = owner_client.post(reverse("api:token_new"), {"name": "", "user": owner.pk})

    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_staff_cannot_see_or_make_tokens(staff_client, staff):
    assert staff_client.get(reverse("api:tokens")).status_code == 403
    response = staff_client.post(reverse("api:token_new"), {"name": "x", "user": staff.pk})
    assert response.status_code == 403 and not ApiToken.objects.exists()


def test_a_session_does_not_open_the_api(owner_client):
    assert owner_client.get(CUSTOMERS).status_code == 401
