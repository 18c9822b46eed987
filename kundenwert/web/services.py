"""Writes the web interface makes about the signed-in user itself.

(The language is a user preference; this belongs with kundenwert.accounts.services, and
lives here only because that module has another owner at the moment.)
"""

from __future__ import annotations

from django.conf import settings

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change


def do_set_language(user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    if user.language == language:
        return
    old, user.language = user.language, language
    user.save(update_fields=["language"])
    do_record_change(user, "update", user, "language", {"language": [old, language]})
