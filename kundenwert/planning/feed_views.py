"""The calendar page (make, show once and revoke feed addresses) and the feed itself.

The feed answers without a session, to whoever has the secret address; a revoked or
unknown secret gets 404, the same answer, so a guess learns nothing. Each user's feed
holds the installation's follow-ups (amounts only for owners) and that user's own tasks
(an owner's also the unassigned ones): never another person's tasks.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.analysis import AnalysisError
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.planning import services
from kundenwert.planning.data import current_planning_data, tasks_for
from kundenwert.planning.feed import FEED_DAYS, build_calendar
from kundenwert.planning.forms import FeedTokenForm

NEW_FEED_URL = "planning_new_feed_url"  # session key: the new address, shown once


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/calendar.html",
        {
            "tokens": request.user.feed_tokens.all(),
            "new_url": request.session.pop(NEW_FEED_URL, None),
            "form": FeedTokenForm(),
        },
    )


@require_POST
@login_required
def calendar_new(request: HttpRequest) -> HttpResponse:
    form = FeedTokenForm(request.POST)
    label = form.cleaned_data["label"] if form.is_valid() else ""
    _, secret = services.do_create_feed_token(request.user, label)
    url = reverse("planning:feed", kwargs={"secret": secret})
    request.session[NEW_FEED_URL] = request.build_absolute_uri(url)
    return redirect("planning:calendar")


@require_POST
@login_required
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.feed_tokens, pk=pk)
    services.do_revoke_feed_token(request.user, token)
    return redirect("planning:calendar")


def feed(request: HttpRequest, secret: str) -> HttpResponse:
    token = services.active_feed_token(secret)
    if token is None:
        raise Http404
    user, today = token.user, timezone.localdate()
    with translation.override(user.language):
        body = build_calendar(
            _followups(today),
            tasks_for(user).filter(done_at__isnull=True).select_related("customer"),
            lang=user.language,
            money=user.is_owner,
            now=timezone.now(),
            name=_("Kundenwert: follow-ups and tasks"),
        )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _followups(today):
    try:
        data = current_planning_data(current_analysis(today))
    except AnalysisError:
        return []  # a calendar app cannot show the message; the web pages do
    return data.followups_by_day(today + timedelta(days=FEED_DAYS))
