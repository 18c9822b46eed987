"""The sign-in locks after five failures per user name (or twenty per address) in 15 minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from kundenwert.accounts.models import FailedLogin, Role
from kundenwert.accounts.services import do_create_user

PASSWORD = "a-long-test-password-4711"


@pytest.fixture
def anna(db):
    return do_create_user("anna", PASSWORD, role=Role.OWNER)


def sign_in(username: str, password: str, ip: str = "192.0.2.1", language: str = "en"):
    client = Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/login/", {"username": username, "password": password})
    return response, client


def signed_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def fail(username: str, times: int, ip: str = "192.0.2.1") -> None:
    for _ in range(times):
        response, _client = sign_in(username, "wrong", ip)
        assert not signed_in(response)


def test_the_sixth_attempt_is_refused_even_with_the_right_password(anna):
    fail("anna", 5)

    response, client = sign_in("anna", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Too many failed sign-ins" in text
    assert "did not match" not in text


def test_the_message_says_when_to_try_again(anna):
    fail("anna", 5)

    response, _client = sign_in("anna", PASSWORD)

    until = timezone.localtime(timezone.now() + timedelta(minutes=15))
    text = response.content.decode()
    assert "try again in 15 minutes" in text
    assert f"(at {until:%H:%M})" in text or f"(at {until - timedelta(minutes=1):%H:%M})" in text


def test_the_message_is_german_with_sie(anna):
    fail("anna", 5)

    response, _client = sign_in("anna", PASSWORD, language="de")

    assert "Bitte versuchen Sie es in 15 Minuten" in response.content.decode()


def test_four_failures_and_a_success_reset_that_name_only(anna):
    do_create_user("bert", PASSWORD, role=Role.STAFF)
    fail("anna", 4)
    fail("bert", 4, ip="198.51.100.7")

    response, _client = sign_in("anna", PASSWORD)
    assert signed_in(response)

    fail("anna", 4)  # anna's count started afresh: four more are allowed
    assert signed_in(sign_in("anna", PASSWORD)[0])
    fail("bert", 1, ip="198.51.100.7")  # bert's fifth failure still counts
    assert not signed_in(sign_in("bert", PASSWORD, ip="198.51.100.7")[0])


def test_the_lock_expires(anna):
    fail("anna", 5)
    assert not signed_in(sign_in("anna", PASSWORD)[0])

    FailedLogin.objects.update(at=timezone.now() - timedelta(minutes=15, seconds=1))

    assert signed_in(sign_in("anna", PASSWORD)[0])


def test_the_name_is_locked_from_every_address_and_in_any_case(anna):
    for number in range(5):
        fail("Anna" if number % 2 else "anna ", 1, ip=f"192.0.2.{number + 10}")

    assert not signed_in(sign_in("anna", PASSWORD, ip="203.0.113.5")[0])


def test_one_address_trying_many_names_is_locked(anna):
    for number in range(20):
        fail(f"guess{number}", 1)

    assert not signed_in(sign_in("anna", PASSWORD)[0])
    assert signed_in(sign_in("anna", PASSWORD, ip="203.0.113.5")[0])


def test_the_admin_sign_in_is_locked_too(anna):
    anna.is_staff = True
    anna.save()
    fail("anna", 5)

    client = Client(REMOTE_ADDR="192.0.2.1")
    response = client.post("/admin/login/", {"username": "anna", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_lock_message_in_german():
    from kundenwert.accounts.forms import lock_message

    with translation.override("de"):
        message = lock_message(timezone.now() + timedelta(minutes=1))

    assert message.startswith("Zu viele fehlgeschlagene Anmeldungen.")
    assert "in 1 Minute erneut" in message
