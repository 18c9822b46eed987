"""`Authorization: Bearer <token>`: the only way into the API.

No session: the API is for programs, and a session would need CSRF protection on every
write. A missing token is 401 with `WWW-Authenticate: Bearer`; an unknown or revoked one
is 401 too, with the same message, so a guess learns nothing. Once the token is known,
messages are in its user's language, as the web app's pages are for a signed-in user.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from kundenwert.api.tokens import active_token

KEYWORD = "Bearer"


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _space, secret = header.strip().partition(" ")
        if keyword.lower() != KEYWORD.lower() or not secret.strip():
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        token = active_token(secret.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or was revoked."))
        if token.user.language:
            translation.activate(token.user.language)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'
