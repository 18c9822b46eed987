"""Follow-ups (Wiedervorlagen), pure: a portfolio in, dated suggestions out, no Django.

    from kundenwert.followups import FollowupSettings, input_from_portfolio, open_followups
    data = input_from_portfolio(portfolio, AnalysisSettings(), as_of)
    items = open_followups(data, as_of, FollowupSettings(), states={})
    items[0].kind, items[0].due, items[0].reason("de"), items[0].cause

The rules (method.md section 4 and docs/followups.md) live one module each: offers.py,
deliveries.py, cadence.py, thanks.py, occasions.py; engine.py runs them and applies the
owner's states; texts.py writes the reasons; output.py the JSON and the table.
"""

from kundenwert.followups.engine import (
    FollowupInput,
    find_followups,
    input_from_analysis,
    input_from_portfolio,
    open_followups,
    shows_on,
    standings_from_analysis,
)
from kundenwert.followups.items import (
    APPRECIATION_KINDS,
    DISMISSED,
    DONE,
    KINDS,
    SNOOZED,
    Birthday,
    Cause,
    Followup,
    Standing,
    State,
    cause_key,
    parse_cause,
)
from kundenwert.followups.settings import FollowupSettings, FollowupSettingsError

__all__ = [
    "APPRECIATION_KINDS",
    "DISMISSED",
    "DONE",
    "KINDS",
    "SNOOZED",
    "Birthday",
    "Cause",
    "Followup",
    "FollowupInput",
    "FollowupSettings",
    "FollowupSettingsError",
    "Standing",
    "State",
    "cause_key",
    "find_followups",
    "input_from_analysis",
    "input_from_portfolio",
    "open_followups",
    "parse_cause",
    "shows_on",
    "standings_from_analysis",
]
