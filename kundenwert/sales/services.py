"""Changes to offers made by the app itself. Offers are imported through the importers
(kundenwert.importers); a decision recorded here is written to the change log."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.sales.models import Offer, OfferStatus


class OfferError(Exception):
    """An offer that cannot take the change asked for."""


@transaction.atomic
def do_decline_offer(user: User | None, offer: Offer, decided_on: date, why: str = "") -> Offer:
    """An open offer becomes declined on `decided_on`. Follow-ups leave decided offers alone
    (method.md section 4), so this also ends its check-in and its expiry reminder. A decided
    offer keeps its decision."""
    if offer.status != OfferStatus.OPEN:
        raise OfferError(f"offer {offer.number} is already {offer.status}")
    old = {"status": offer.status, "decided_date": offer.decided_date}
    offer.status = OfferStatus.DECLINED
    offer.decided_date = decided_on
    offer.save(update_fields=["status", "decided_date"])
    summary = f"offer {offer.number} declined" + (f": {why}" if why else "")
    do_record_change(
        user,
        "decline",
        offer,
        summary,
        {
            "status": [old["status"], OfferStatus.DECLINED],
            "decided_date": [
                old["decided_date"].isoformat() if old["decided_date"] else None,
                decided_on.isoformat(),
            ],
        },
    )
    return offer
