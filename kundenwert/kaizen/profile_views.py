"""The ideal-customer profile page: the written profile, a new version, and the fits.
Owners only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.customers.analysis_service import current_analysis
from kundenwert.kaizen import services
from kundenwert.kaizen.forms import IdealProfileForm
from kundenwert.kaizen.models import IdealProfile
from kundenwert.kaizen.profile import (
    REFLECTION_PROMPTS,
    best_and_worst,
    current_profile,
    current_weights,
    customer_fits,
)
from kundenwert.patterns import Fit, ProfileError
from kundenwert.patterns.ideal import CRITERIA
from kundenwert.patterns.ideal_texts import criterion_label, score_text
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required


@owner_required
def profile_page(request: HttpRequest) -> HttpResponse:
    lang = ui_language()
    labels = {key: criterion_label(key, lang) for key in CRITERIA}
    profile = current_profile()
    form = IdealProfileForm(request.POST or None, labels=labels, initial=_initial(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.do_write_ideal_profile(
                request.user,
                description=form.cleaned_data["description"],
                weights=form.weights(),
                reflection=form.cleaned_data["reflection"],
                written_on=form.cleaned_data["written_on"],
            )
        except (services.KaizenError, ProfileError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The profile is written down as a new version."))
            return redirect("kaizen:profile")
    snapshot = current_analysis()
    fits = customer_fits(snapshot.current) if snapshot.current else []
    best, worst = best_and_worst(fits)
    currency = snapshot.current.currency if snapshot.current else "EUR"
    return render(
        request,
        "kaizen/profile.html",
        {
            "profile": profile,
            "versions": IdealProfile.objects.all(),
            "weights": [(labels[k], w) for k, w in current_weights().items() if w],
            "form": form,
            "prompts": REFLECTION_PROMPTS,
            "snapshot": snapshot,
            "best": _rows(best, snapshot, lang, currency),
            "worst": _rows(worst, snapshot, lang, currency),
            "all": _rows(fits, snapshot, lang, currency),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _initial(profile: IdealProfile | None) -> dict:
    weights = current_weights()
    initial = {f"weight_{key}": weights.get(key, 0) for key in CRITERIA}
    initial["written_on"] = timezone.localdate()
    if profile is not None:
        initial |= {"description": profile.description, "reflection": profile.reflection}
    return initial


def _rows(fits: list[Fit], snapshot, lang: str, currency: str) -> list[dict]:
    return [
        {
            "fit": fit,
            "pk": snapshot.pk(fit.customer_id),
            "reasons": [score_text(score, lang, currency) for score in fit.scores],
        }
        for fit in fits
    ]
