from __future__ import annotations

from kundenwert.accounts.services import do_record_change
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.workspace.models import WorkspaceSettings


def get_settings() -> WorkspaceSettings:
    settings, _ = WorkspaceSettings.objects.get_or_create(pk=1)
    return settings


def analysis_settings() -> AnalysisSettings:
    return AnalysisSettings().updated(get_settings().analysis, source="stored settings")


def do_update_analysis_settings(user, values: dict[str, object]) -> AnalysisSettings:
    """Validates `values` like a settings.toml would be validated, then stores them."""
    settings = get_settings()
    merged = {**settings.analysis, **values}
    result = AnalysisSettings().updated(merged, source="settings")  # raises SettingsError
    defaults = AnalysisSettings().as_json()
    settings.analysis = {k: v for k, v in result.as_json().items() if defaults[k] != v}
    settings.save(update_fields=["analysis", "updated_at"])
    do_record_change(user, "update", settings, "analysis settings", values)
    return result


DEMO_USERNAME = DEMO_PASSWORD = "demo"


class DatabaseNotEmpty(Exception):
    """The demo portfolio goes only into an empty database, never over real data."""


def database_is_empty() -> bool:
    from kundenwert.accounts.models import User
    from kundenwert.customers.models import Customer

    return not Customer.objects.exists() and not User.objects.exists()


def do_load_demo(as_of) -> tuple[bool, object]:
    """Fills an empty database with the demo portfolio and the demo/demo owner account.

    Returns (loaded, report); loaded is False when the demo is already there.
    """
    from django.db import transaction

    from kundenwert.accounts.models import Role, User
    from kundenwert.demo import generate_demo
    from kundenwert.exchange.services import do_import_portfolio

    settings = get_settings()
    if settings.is_demo:
        return False, None
    if not database_is_empty():
        raise DatabaseNotEmpty
    with transaction.atomic():
        report = do_import_portfolio(generate_demo(as_of), source="demo portfolio")
        # Not through do_create_user: the demo password is deliberately weak.
        User.objects.create_user(
            DEMO_USERNAME,
            password=DEMO_PASSWORD,
            role=Role.OWNER,
            is_staff=True,
            is_superuser=True,
        )
        settings.is_demo = True
        settings.save(update_fields=["is_demo", "updated_at"])
    return True, report
