"""CSRF on every form: a POST without the token is refused, whoever is signed in.

The URLs are those of tests/hardening/test_fuzz_forms.py (`post_views` walks the URL
configuration for every view that takes a POST), so a new form is checked here without
touching this file. Django's CSRF check runs before the view, so a placeholder pk or token
in the address is as good as a real one. The REST API takes no session at all (a bearer
token only, docs/reports-and-api.md), so a forged request from a signed-in browser gets
401 there: it cannot act as the user either.
"""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from rest_framework.views import APIView

from kundenwert.accounts.models import Role
from kundenwert.accounts.services import do_create_user
from kundenwert.workspace.services import get_settings
from tests.hardening.test_fuzz_forms import post_views

PASSWORD = "csrf-test-password-4711"


def routes(patterns=None, namespace: str = "") -> dict[str, URLPattern]:
    """{URL name: pattern} of every named URL, named as `post_views` names them."""
    found: dict[str, URLPattern] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{entry.namespace}:" if entry.namespace else namespace
            found |= routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = entry
    return found


def placeholder_url(name: str) -> str:
    converters = routes()[name].pattern.converters
    kwargs = {
        key: 1 if isinstance(converter, IntConverter) else "placeholder"
        for key, converter in converters.items()
    }
    return reverse(name, kwargs=kwargs)


def takes_tokens_only(view) -> bool:
    view_class = getattr(view, "cls", None)
    return view_class is not None and issubclass(view_class, APIView)


POST_URLS = sorted(post_views())


@pytest.fixture
def owner(db):
    return do_create_user("olga", PASSWORD, role=Role.OWNER)


@pytest.fixture
def browser(owner) -> Client:
    """An owner's browser that checks CSRF as a real one's would, with the CSRF cookie
    set by a page it opened (so the refusals below are for the missing token, not for a
    missing cookie)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(reverse("workspace_settings")).status_code == 200
    assert client.cookies["csrftoken"].value
    return client


def test_the_list_covers_the_forms():
    assert len(POST_URLS) > 40
    assert {"login", "logout", "log_interaction", "import_upload", "api:token_new"} <= set(
        POST_URLS
    )


@pytest.mark.parametrize("name", POST_URLS)
def test_a_post_without_the_csrf_token_is_refused(name, browser, caplog):
    view = post_views()[name]
    url = placeholder_url(name)

    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = browser.post(url, {"note": "forged"})

    if takes_tokens_only(view):
        assert response.status_code == 401, f"{name} answered {response.status_code}"
        return
    assert response.status_code == 403, f"{name} answered {response.status_code}"
    refusals = [r for r in caplog.records if r.name == "django.security.csrf"]
    assert refusals, f"{name}: 403, but not from the CSRF check"
    assert "CSRF token missing" in refusals[-1].getMessage()


def test_the_same_post_with_the_token_goes_through(browser):
    """The contrast: the check is real, a form with its token is saved."""
    url = reverse("workspace_settings")
    data = {"own_addresses": "olga@sommer-design.de"}

    forged = browser.post(url, data)
    assert forged.status_code == 403
    assert get_settings().own_addresses != ["olga@sommer-design.de"]

    token = browser.cookies["csrftoken"].value
    sent = browser.post(url, {**data, "csrfmiddlewaretoken": token})

    assert sent.status_code == 302
    assert get_settings().own_addresses == ["olga@sommer-design.de"]


def test_a_wrong_token_is_refused_too(browser):
    response = browser.post(
        reverse("workspace_settings"),
        {"own_addresses": "olga@sommer-design.de", "csrfmiddlewaretoken": "x" * 64},
    )

    assert response.status_code == 403
