"""`kundenwert demo`, `createowner` and the first start of `serve` on an empty database."""

from __future__ import annotations

import io
from datetime import date

import pytest

from kundenwert.accounts.models import ChangeRecord, User
from kundenwert.cli import main
from kundenwert.commands import serve
from kundenwert.customers.models import Customer
from kundenwert.exchange.services import do_import_folder
from kundenwert.workspace.services import get_settings

pytestmark = pytest.mark.django_db


def test_demo_fills_an_empty_database_and_creates_the_demo_owner(capsys):
    assert main(["demo", "--as-of", "2026-11-23"]) == 0

    out = capsys.readouterr().out
    assert "60 customers" in out and "demo" in out
    assert Customer.objects.count() == 60
    demo = User.objects.get(username="demo")
    assert demo.is_owner and demo.check_password("demo")
    assert get_settings().is_demo


def test_demo_twice_says_it_is_already_loaded(capsys):
    main(["demo", "--as-of", "2026-11-23"])
    capsys.readouterr()

    assert main(["demo", "--as-of", "2026-11-23"]) == 0

    assert "already loaded" in capsys.readouterr().out
    assert Customer.objects.count() == 60


def test_a_database_with_real_data_never_gets_the_demo_account(small_folder, capsys):
    do_import_folder(small_folder)

    assert main(["demo"]) == 1

    assert "already holds data" in capsys.readouterr().err
    assert not User.objects.filter(username="demo").exists()
    assert Customer.objects.count() == 2


def test_createowner_reads_the_password_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("ein langes Passwort 42\n"))

    assert main(["createowner", "inhaberin", "--password-stdin", "--language", "en"]) == 0

    owner = User.objects.get(username="inhaberin")
    assert (owner.role, owner.language, owner.is_superuser) == ("owner", "en", True)
    assert owner.check_password("ein langes Passwort 42")
    assert ChangeRecord.objects.filter(action="create", model="accounts.User").count() == 1


def test_createuser_refuses_a_weak_password(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))

    assert main(["createuser", "mitarbeiter", "--password-stdin"]) == 1

    assert "Password not accepted" in capsys.readouterr().err
    assert not User.objects.exists()


def test_serve_on_a_database_without_accounts_says_how_to_create_one(capsys):
    serve._make_sure_someone_can_sign_in()

    out = capsys.readouterr().out
    assert "no account yet" in out and "kundenwert createowner" in out


def test_demo_history_ends_on_the_as_of_date():
    main(["demo", "--as-of", "2026-03-15"])

    latest = Customer.objects.get(number="K-1001").invoices.order_by("-issue_date").first()
    assert latest.issue_date <= date(2026, 3, 15)
