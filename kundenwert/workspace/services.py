from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


# --- the owner's own e-mail addresses and domains ------------------------------------------

MAX_OWN_ADDRESSES = 50
_SEPARATORS = re.compile(r"[\s,;]+")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class OwnAddressesInvalid(ValueError):
    """Entries that are neither e-mail addresses nor domains; `problems` says which, one
    sentence each, in the active language."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def clean_own_addresses(value: str | Iterable[str]) -> list[str]:
    """The owner's own e-mail addresses and domains, checked and in the stored form.

    `value` is text (one entry per line, or separated by commas, semicolons or spaces) or a
    list of entries. An entry is a full address (anna@example.de) or a domain (example.de,
    also written @example.de) for every address there. Entries are lower-cased, doubles
    dropped, order kept. A freemail domain (gmail.com, gmx.de …) is refused as a domain:
    it would make everybody there the owner; the full address there is fine. Raises
    OwnAddressesInvalid naming every bad entry.
    """
    from kundenwert.importers.matching import canonical_address, canonical_domain, is_freemail

    texts = [value] if isinstance(value, str) else [str(v) for v in value]
    entries = [part for text in texts for part in _SEPARATORS.split(text) if part]
    cleaned: list[str] = []
    problems: list[str] = []
    for raw in entries:
        entry = raw.strip().strip("<>").lower().removeprefix("mailto:")
        if "@" in entry.lstrip("@"):
            try:
                validate_email(entry)
            except ValidationError:
                problems.append(
                    _("“%(entry)s” is not a valid e-mail address (like name@example.com).")
                    % {"entry": raw}
                )
                continue
            entry = canonical_address(entry)
        else:
            entry = canonical_domain(entry.lstrip("@"))
            if not _is_domain(entry):
                problems.append(
                    _(
                        "“%(entry)s” is neither an e-mail address (like name@example.com) "
                        "nor a domain (like example.com)."
                    )
                    % {"entry": raw}
                )
                continue
            if is_freemail(entry):
                problems.append(
                    _(
                        "“%(entry)s” is a mail provider that many people share: please "
                        "enter your full address there (like name@%(entry)s)."
                    )
                    % {"entry": entry}
                )
                continue
        if entry not in cleaned:
            cleaned.append(entry)
    if len(cleaned) > MAX_OWN_ADDRESSES:
        problems.append(
            ngettext(
                "Please enter at most %(max)d address or domain.",
                "Please enter at most %(max)d addresses or domains.",
                MAX_OWN_ADDRESSES,
            )
            % {"max": MAX_OWN_ADDRESSES}
        )
    if problems:
        raise OwnAddressesInvalid(problems)
    return cleaned


def _is_domain(text: str) -> bool:
    try:
        ascii_text = text.encode("idna").decode("ascii")  # müller.de → xn--mller-kva.de
    except UnicodeError:
        return False
    labels = ascii_text.split(".")
    top = labels[-1]
    return (
        len(labels) >= 2
        and len(ascii_text) <= 253
        and all(_LABEL.match(label) for label in labels)
        and (top.isalpha() or top.startswith("xn--"))
    )


def own_domains(entries: Iterable[str]) -> list[str]:
    """The domains that are the owner's: the bare domains among `entries` and those of the
    full addresses (a company address's domain is the company's; a freemail domain among
    them changes nothing, since matching never uses those)."""
    domains: list[str] = []
    for entry in entries:
        domain = entry.strip().lower().lstrip("@").rpartition("@")[2].rstrip(".")
        if domain and domain not in domains:
            domains.append(domain)
    return domains


def do_update_own_addresses(user, value: str | Iterable[str]) -> list[str]:
    """Checks (OwnAddressesInvalid) and stores the owner's own addresses and domains."""
    cleaned = clean_own_addresses(value)
    settings = get_settings()
    if cleaned != settings.own_addresses:
        settings.own_addresses = cleaned
        settings.save(update_fields=["own_addresses", "updated_at"])
        do_record_change(user, "update", settings, "own e-mail addresses", {"own": cleaned})
    return cleaned


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
