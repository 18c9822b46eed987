"""Every write about API tokens goes through here, and a request's token is checked here.

A secret is `kw_` and 43 random URL-safe characters (256 bits): the prefix lets secret
scanners and people recognise it. Only its SHA-256 digest is stored; a random 256-bit
secret needs no slow hash, since there is nothing to guess from the digest.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.api.models import ApiToken

PREFIX = "kw_"
# How often "last used" is written: once a minute is enough to see which tokens are in
# use, and keeps a busy client from turning every read into a write.
LAST_USED_STEP = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made; the message says why, for the user."""


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def do_create_api_token(by: User, user: User, name: str) -> tuple[ApiToken, str]:
    """A token acting as `user`, made by `by`; returns it with its secret, shown only now."""
    name = name.strip()[:100]
    if not name:
        raise TokenError(_("Give the token a name, e.g. the program that uses it."))
    if not user.is_active:
        raise TokenError(_("This account is deactivated."))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, digest=token_digest(secret), hint=secret[-4:]
    )
    do_record_change(by, "create", token, f"API token {name} for {user.get_username()}")
    return token, secret


def do_revoke_api_token(by: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        do_record_change(by, "revoke", token, f"API token {token.name} …{token.hint}")
    return token


def active_token(secret: str) -> ApiToken | None:
    """The unrevoked token of an active user with this secret, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        _note_use(token)
    return token


def _note_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        # Not a change by a person, so no change record: just when the token was last used.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
