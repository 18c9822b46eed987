"""The owner's page of API tokens: make one (its secret shown once), see which are in use,
revoke one. Owners only; a token may act as the owner or as a staff member.

The new secret is shown in the answer to the form itself, never kept, not even in the
session: only its digest is stored anywhere.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.api.forms import TokenForm
from kundenwert.api.models import ApiToken
from kundenwert.api.tokens import TokenError, do_create_api_token, do_revoke_api_token
from kundenwert.web.permissions import owner_required


@owner_required
def tokens(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm(initial={"user": request.user}))


@require_POST
@owner_required
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, secret = do_create_api_token(
            request.user, form.cleaned_data["user"], form.cleaned_data["name"]
        )
    except TokenError as exc:
        form.add_error(None, str(exc))
        return _page(request, form, status=400)
    return _page(request, TokenForm(initial={"user": request.user}), new=(token, secret))


@require_POST
@owner_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    do_revoke_api_token(request.user, token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")


def _page(request: HttpRequest, form: TokenForm, status: int = 200, new=None) -> HttpResponse:
    context = {
        "tokens": ApiToken.objects.select_related("user"),
        "form": form,
        "new_token": new[0] if new else None,
        "secret": new[1] if new else None,
    }
    response = render(request, "api/tokens.html", context, status=status)
    if new:
        response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response
