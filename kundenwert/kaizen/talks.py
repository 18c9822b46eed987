"""Reading relationship talks: the agenda as sentences, and the watch afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.data import customer_portfolio
from kundenwert.kaizen.models import RelationshipTalk
from kundenwert.patterns import Agenda, Watch, watch_after_talk
from kundenwert.patterns.agenda_texts import item_text, item_title
from kundenwert.workspace.services import analysis_settings

# Watched when the agenda flagged nothing: the talk's own core topics that are patterns.
DEFAULT_WATCH = ("out_of_scope", "days_late", "mood")


@dataclass(frozen=True)
class AgendaLine:
    title: str
    text: str
    flagged: bool


@dataclass(frozen=True)
class WatchLine:
    pattern: str
    watch: Watch | None  # None until the day after the talk


def agenda_lines(talk: RelationshipTalk, lang: str) -> list[AgendaLine]:
    agenda = Agenda.from_json(talk.agenda)
    return [
        AgendaLine(item_title(item, lang), item_text(item, lang, agenda.currency), item.flagged)
        for item in agenda.items
    ]


def watch_as_of(talk: RelationshipTalk, today: date) -> date:
    """The watch looks no further than its end date."""
    return min(today, talk.watch_until)


def talk_watch(talk: RelationshipTalk, today: date) -> list[WatchLine]:
    as_of = watch_as_of(talk, today)
    settings = pattern_settings()
    since = talk.held_on - timedelta(days=settings.watch_window_days)
    portfolio = customer_portfolio(talk.customer, since)
    analysis = analysis_settings()
    return [
        WatchLine(
            key,
            watch_after_talk(
                portfolio, talk.customer.number, key, talk.held_on, as_of, settings, analysis
            ),
        )
        for key in talk.watched
    ]


def returned_patterns(talk: RelationshipTalk, today: date) -> list[str]:
    return [line.pattern for line in talk_watch(talk, today) if line.watch and line.watch.returned]
