"""German by default, formal; English per user; numbers, money and dates per language."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from kundenwert.accounts.models import User
from tests.web.conftest import customer


def test_pages_are_german_by_default(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert '<html lang="de">' in page
    assert "Übersicht" in page


def test_a_user_switches_to_english_and_it_sticks(demo, owner, owner_client):
    response = owner_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("customer_list")}
    )

    assert response.url == reverse("customer_list")
    assert User.objects.get(pk=owner.pk).language == "en"
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in page and "Overview" in page


def test_money_numbers_and_dates_follow_the_language(demo, owner, owner_client):
    url = reverse("customer_detail", args=[customer("K-1001").pk])
    german = owner_client.get(url).content.decode()
    owner_client.post(reverse("set_language"), {"language": "en"})
    english = owner_client.get(url).content.decode()

    assert "40.915,63 €" in german and "€40,915.63" in english
    assert "345,8 h" in german and "345.8 h" in english
    assert re.search(r"Period \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}", english)  # ISO dates
    assert re.search(r"Zeitraum \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}", german)


def test_the_reason_sentences_follow_the_language(demo, owner_client):
    url = reverse("customer_detail", args=[customer("K-1001").pk])
    owner_client.post(reverse("set_language"), {"language": "en"})

    assert "the highest of all customers; limit 80%" in owner_client.get(url).content.decode()


def test_visitors_can_switch_before_signing_in(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Sign in" in client.get("/login/").content.decode()


def test_an_unknown_language_is_refused(owner_client):
    assert owner_client.post(reverse("set_language"), {"language": "xx"}).status_code == 400


def test_the_switch_is_a_form_that_works_without_javascript(owner_client, db):
    page = owner_client.get(reverse("my_tasks")).content.decode()

    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en"' in page and 'lang="en"' in page
