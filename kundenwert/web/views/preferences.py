"""The language switch: kept with the user's account, or in a cookie before sign-in."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kundenwert.accounts.services import do_set_language
from kundenwert.activity.views import safe_next


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("unsupported language")
    if request.user.is_authenticated:
        do_set_language(request.user, language)
    response = redirect(safe_next(request) or "home")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
    )
    return response
