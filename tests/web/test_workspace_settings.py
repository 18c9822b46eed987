"""The settings page: the owner's own e-mail addresses and domains, checked and saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kundenwert.workspace.services import do_update_own_addresses, get_settings


def test_the_page_shows_the_stored_addresses_one_per_line(owner, owner_client):
    do_update_own_addresses(owner, "anna@sommer-design.de, sommer-design.de")

    page = owner_client.get(reverse("workspace_settings")).content.decode()

    assert "anna@sommer-design.de\nsommer-design.de</textarea>" in page
    assert 'name="own_addresses"' in page


def test_saving_cleans_the_entries_and_says_so(owner_client):
    response = owner_client.post(
        reverse("workspace_settings"),
        {"own_addresses": "Anna@Sommer-Design.de\n@sommer-design.de\nanna@sommer-design.de"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("workspace_settings")
    assert get_settings().own_addresses == ["anna@sommer-design.de", "sommer-design.de"]
    assert "Die Einstellungen sind gespeichert." in response.content.decode()


def test_bad_entries_are_named_and_nothing_is_saved(owner, owner_client):
    do_update_own_addresses(owner, "anna@sommer-design.de")
    owner.language = "en"
    owner.save(update_fields=["language"])

    response = owner_client.post(reverse("workspace_settings"), {"own_addresses": "gmx.de\nanna@"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "“gmx.de” is a mail provider that many people share" in page
    assert "“anna@” is not a valid e-mail address" in page
    assert get_settings().own_addresses == ["anna@sommer-design.de"]


def test_an_empty_field_forgets_the_addresses(owner, owner_client):
    do_update_own_addresses(owner, "anna@sommer-design.de")

    owner_client.post(reverse("workspace_settings"), {"own_addresses": ""})

    assert get_settings().own_addresses == []


def test_the_import_page_shows_the_addresses_and_links_to_the_settings(owner, owner_client):
    page = owner_client.get(reverse("import_upload")).content.decode()
    assert reverse("workspace_settings") in page

    do_update_own_addresses(owner, "anna@sommer-design.de")
    owner.language = "en"
    owner.save(update_fields=["language"])
    page = owner_client.get(reverse("import_upload")).content.decode()

    assert "your own addresses are anna@sommer-design.de" in page


def test_staff_may_not_change_the_settings(staff_client):
    response = staff_client.post(reverse("workspace_settings"), {"own_addresses": "x@y.de"})

    assert response.status_code == 403
    assert get_settings().own_addresses == []


def test_the_admin_checks_the_addresses_the_same_way(db):
    stored = get_settings()
    stored.own_addresses = ["Anna@Sommer-Design.de", "gmx.de"]

    with pytest.raises(ValidationError) as caught:
        stored.full_clean()

    assert "gmx.de" in str(caught.value.message_dict["own_addresses"])
    stored.own_addresses = ["Anna@Sommer-Design.de"]
    stored.full_clean()
    assert stored.own_addresses == ["anna@sommer-design.de"]
