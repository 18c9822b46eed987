"""The demo portfolio: its size, its determinism, and that it shows the whole method.

Two checks of the method: one through the analysis core, and one direct check that
recomputes the section-2 criteria from the frames, so a failure says whether the demo
data or the analysis moved.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import pytest

from kundenwert.analysis import AnalysisSettings, analyze
from kundenwert.demo import ARCHETYPE_BY_ID, DEMO_SEED, generate_demo
from kundenwert.demo.archetypes import ARCHETYPES
from kundenwert.demo.catalogue import PHONE_BLOCKS
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES

AS_OF = date(2026, 3, 15)
ALL_GROUPS = {"A", "B", "C"}
ALL_CODES = {
    "high_revenue",
    "proportional_effort",
    "disproportionate_effort",
    "low_revenue_high_effort",
    "late_payer",
    "haggler",
    "talker",
    "empty_promises",
    "unjustified_complaints",
    "rude",
    "potential",
    "useful",
    "heart",
    "inactive",
}
# Habits that must show exactly where an archetype puts them, and nowhere else.
HABIT_CODES = {
    "late_payer",
    "haggler",
    "talker",
    "empty_promises",
    "unjustified_complaints",
    "rude",
    "useful",
    "heart",
    "inactive",
}


PERIOD_FROM = AS_OF - timedelta(days=364)


@pytest.fixture(scope="module")
def demo() -> Portfolio:
    return generate_demo(AS_OF)


def archetype(customer_id: str):
    return ARCHETYPES[ARCHETYPE_BY_ID[customer_id]]


def ids_of(*keys: str) -> list[str]:
    return [cid for cid, key in ARCHETYPE_BY_ID.items() if key in keys]


def in_period(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    day = pl.col(column).cast(pl.Date)
    return frame.filter(day >= PERIOD_FROM, day <= AS_OF)


# --- shape and size ---------------------------------------------------------------------


def test_it_has_about_sixty_customers_with_unique_ids(demo):
    ids = demo.customers["id"]
    assert 55 <= demo.customers.height <= 65
    assert ids.n_unique() == ids.len()
    assert all(re.fullmatch(r"K-1\d{3}", cid) for cid in ids)


def test_most_customers_are_active_with_a_few_leads_and_ended(demo):
    status = dict(demo.customers.group_by("status").len().iter_rows())
    assert status["active"] >= 45
    assert 2 <= status["lead"] <= 6
    assert 2 <= status["ended"] <= 3


def test_invoices_span_at_least_two_years_up_to_the_as_of_date(demo):
    first, last = demo.invoices["issue_date"].min(), demo.invoices["issue_date"].max()
    assert (last - first).days >= 730
    assert last <= AS_OF
    assert (AS_OF - last).days <= 31


def test_sizes_stay_modest(demo):
    assert 300 <= demo.invoices.height <= 900
    assert 1500 <= demo.time_entries.height <= 8000
    assert demo.interactions.height <= 3000
    assert 50 <= demo.offers.height <= 300


def test_frames_have_the_schema_columns_and_dtypes(demo):
    for table in TABLES:
        assert demo.frame(table).schema == pl.Schema(table.polars_schema), table.name


def test_nothing_is_dated_after_the_as_of_date(demo):
    checks = {
        "invoices": ("issue_date", "paid_date"),
        "time_entries": ("start",),
        "interactions": ("at",),
        "offers": ("sent_date", "decided_date"),
        "deliveries": ("delivered_date", "live_date"),
        "direct_costs": ("date",),
    }
    for name, columns in checks.items():
        for column in columns:
            latest = demo.frame(name)[column].cast(pl.Date).max()
            assert latest is None or latest <= AS_OF, (name, column)


def test_the_demo_survives_a_round_trip_through_the_folder_format(demo, tmp_path):
    # The reader applies every rule of data-format.md, so this checks the demo against it.
    reader = pytest.importorskip("kundenwert.portfolio.reader")
    writer = pytest.importorskip("kundenwert.portfolio.writer")
    writer.write_folder(demo, tmp_path)
    again = reader.read_folder(tmp_path)
    assert again.warnings == []
    for table in TABLES:
        assert again.frame(table).equals(demo.frame(table)), table.name


# --- determinism ------------------------------------------------------------------------


def test_the_same_date_and_seed_give_identical_frames(demo):
    again = generate_demo(AS_OF, seed=DEMO_SEED)
    for table in TABLES:
        assert demo.frame(table).equals(again.frame(table)), table.name
        assert demo.frame(table).write_csv() == again.frame(table).write_csv(), table.name


def test_another_seed_gives_other_figures_but_the_same_customers(demo):
    other = generate_demo(AS_OF, seed=7)
    assert other.customers["name"].to_list() == demo.customers["name"].to_list()
    assert not other.invoices.equals(demo.invoices)


# --- plausible records ------------------------------------------------------------------


def test_contact_data_is_fictional(demo):
    blocks = tuple(f"{area} {block}-" for area, block in PHONE_BLOCKS.values())
    assert all(email.endswith(".example") for email in demo.customers["email"])
    assert all(phone.startswith(blocks) for phone in demo.customers["phone"])
    assert demo.customers["phone"].n_unique() == demo.customers.height


def test_some_names_have_umlauts_or_sharp_s(demo):
    assert sum(bool(re.search("[äöüÄÖÜß]", n)) for n in demo.customers["name"]) >= 5


def test_document_numbers_count_up_per_year(demo):
    for frame, column, prefix in (
        (demo.invoices, "issue_date", "RE"),
        (demo.offers, "sent_date", "AN"),
    ):
        for (year,), rows in frame.group_by(pl.col(column).dt.year()):
            expected = [f"{prefix}-{year}-{i:04d}" for i in range(1, rows.height + 1)]
            rows = rows.sort("number")
            assert rows["number"].to_list() == expected
            assert rows[column].is_sorted()


def test_invoices_include_credit_notes_missing_due_dates_and_open_items(demo):
    inv = demo.invoices
    due = pl.coalesce("due_date", pl.col("issue_date") + pl.duration(days=14))
    unpaid = inv.filter(pl.col("paid_date").is_null())
    assert 3 <= inv.filter(pl.col("net") < 0).height <= 8
    assert inv.filter(pl.col("due_date").is_null()).height >= 5
    assert unpaid.filter(due < AS_OF).height >= 2
    assert unpaid.filter(due >= AS_OF).height >= 2


def test_time_entries_are_quarter_hours_mostly_on_weekdays(demo):
    te = demo.time_entries
    assert (te["minutes"] % 15 == 0).all()
    odd = (pl.col("start").dt.weekday() >= 6) | (pl.col("start").dt.hour() >= 18)
    assert te.filter(odd).height / te.height < 0.1
    by_customer = te.filter(odd).group_by("customer_id").len().filter(pl.col("len") >= 3)
    assert {"K-1004", "K-1012"} <= set(by_customer["customer_id"])


def test_open_offers_are_due_for_a_check_in_around_the_as_of_date(demo):
    validity = pl.coalesce(
        pl.col("valid_until") - pl.col("sent_date"), pl.duration(days=30)
    ).dt.total_days()
    checkin = pl.col("sent_date") + pl.duration(days=validity // 2)
    still_valid = pl.col("valid_until").is_null() | (pl.col("valid_until") >= AS_OF)
    near = demo.offers.filter(
        pl.col("status") == "open",
        still_valid,
        (checkin - AS_OF).dt.total_days().abs() <= 14,
    )
    assert near.height >= 4
    assert demo.offers.filter(pl.col("valid_until").is_null()).height >= 3
    assert set(demo.offers["status"]) == {"open", "accepted", "declined", "expired"}


def test_some_deliveries_wait_for_their_live_date_for_over_four_weeks(demo):
    stalled = demo.deliveries.filter(
        pl.col("live_date").is_null(), pl.col("delivered_date") < AS_OF - timedelta(days=28)
    )
    assert "Website-Texte Relaunch" in stalled["title"].to_list()
    assert stalled.height >= 2


def test_some_customers_have_direct_costs(demo):
    assert demo.direct_costs["customer_id"].n_unique() >= 10


# --- the archetypes, checked on the frames ----------------------------------------------


def test_late_payers_pay_well_over_fourteen_days_late(demo):
    inv = in_period(demo.invoices, "issue_date").filter(pl.col("net") > 0)
    due = pl.coalesce("due_date", pl.col("issue_date") + pl.duration(days=14))
    late = (pl.coalesce("paid_date", pl.lit(AS_OF)) - due).dt.total_days()
    inv = inv.with_columns(days_late=late)
    for cid in ids_of("late_payer", "late_payer_severe"):
        rows = inv.filter(pl.col("customer_id") == cid)
        assert rows.filter(pl.col("days_late") > 14).height >= 4, cid
    severe = inv.filter(pl.col("customer_id").is_in(ids_of("late_payer_severe")))
    mild = inv.filter(pl.col("customer_id").is_in(ids_of("late_payer")))
    assert severe["days_late"].clip(0).mean() >= 35
    assert mild["days_late"].clip(0).mean() <= 25


def test_the_talker_calls_unannounced_and_at_length(demo):
    fig = direct_reading(demo, AS_OF, AnalysisSettings())
    for cid in ids_of("talker"):
        assert fig[cid].calls >= 10
        assert fig[cid].call_minutes >= Decimal("0.3") * fig[cid].effort_minutes


def test_only_the_rude_customer_rates_at_minus_one_or_worse(demo):
    moods = (
        in_period(demo.interactions, "at")
        .filter(pl.col("mood").is_not_null())
        .group_by("customer_id")
        .agg(pl.len().alias("n"), pl.col("mood").mean().alias("avg"))
    )
    rude = moods.filter(pl.col("n") >= 3, pl.col("avg") <= -1)
    assert rude["customer_id"].to_list() == ids_of("rude")


def test_empty_promises_send_offers_that_are_never_accepted(demo):
    offers = in_period(demo.offers, "sent_date")
    for cid in ids_of("empty_promises", "lead_empty"):
        mine = offers.filter(pl.col("customer_id") == cid)
        assert mine.height >= 2 and "accepted" not in mine["status"].to_list(), cid


def test_every_customer_meets_its_archetype_by_a_direct_reading(demo):
    fig = direct_reading(demo, AS_OF, AnalysisSettings())
    for cid, f in fig.items():
        a = archetype(cid)
        assert f.group == a.group, cid
        assert set(a.codes) <= f.codes, cid
        assert f.codes & HABIT_CODES == set(a.codes) & HABIT_CODES, cid
        assert f.exit == a.exit_candidate, cid


@pytest.mark.parametrize(
    ("as_of", "seed"),
    [(date(2025, 12, 31), DEMO_SEED), (date(2026, 1, 2), 1), (date(2026, 7, 1), 99)],
)
def test_the_archetypes_hold_for_other_dates_and_seeds(as_of, seed):
    fig = direct_reading(generate_demo(as_of, seed), as_of, AnalysisSettings())
    wrong = {cid for cid, f in fig.items() if f.group != archetype(cid).group}
    assert not wrong


# --- the archetypes, checked through the analysis core ----------------------------------


@pytest.fixture(scope="module")
def analysed(demo):
    return {c.id: c for c in analyze(demo, AnalysisSettings(), AS_OF).customers}


def test_the_analysis_finds_every_group_and_inactive_customers(analysed):
    groups = {c.group for c in analysed.values()}
    assert ALL_GROUPS | {None} == groups


def test_the_analysis_finds_every_reason_code(analysed):
    found = {code for c in analysed.values() for code in c.reasons}
    assert found >= ALL_CODES, ALL_CODES - found


def test_the_analysis_finds_exit_candidates(analysed):
    exits = {cid for cid, c in analysed.items() if c.exit_candidate}
    assert exits == {cid for cid in analysed if archetype(cid).exit_candidate}
    assert len(exits) >= 5


def test_the_analysis_puts_each_customer_where_its_archetype_belongs(analysed):
    for cid, c in analysed.items():
        assert c.group == archetype(cid).group, (cid, c.group, c.reasons)
        assert set(archetype(cid).codes) <= set(c.reasons), (cid, c.reasons)


def test_an_inactive_customer_close_to_heart_stays_in_group_a(analysed):
    (cid,) = ids_of("heart_dormant")
    assert analysed[cid].group == "A"
    assert {"inactive", "heart"} <= set(analysed[cid].reasons)


# --- a direct reading of method.md, section 2 ----------------------------------------------


@dataclass
class Figures:
    revenue: Decimal = Decimal(0)
    effort_minutes: Decimal = Decimal(0)
    active: bool = False
    days_late: list[int] = field(default_factory=list)
    price_negotiations: int = 0
    unjustified: int = 0
    calls: int = 0
    call_minutes: Decimal = Decimal(0)
    moods: list[int] = field(default_factory=list)
    offers_sent: int = 0
    offers_accepted: int = 0
    codes: set[str] = field(default_factory=set)
    group: str | None = None
    exit: bool = False


def direct_reading(p: Portfolio, as_of: date, s: AnalysisSettings) -> dict[str, Figures]:
    start = as_of - timedelta(days=s.period_days - 1)

    def inside(d: date) -> bool:
        return start <= d <= as_of

    fig = {cid: Figures() for cid in p.customers["id"]}
    for r in p.invoices.iter_rows(named=True):
        if inside(r["issue_date"]):
            f = fig[r["customer_id"]]
            f.revenue += r["net"]
            f.active = True
            due = r["due_date"] or r["issue_date"] + timedelta(days=s.payment_terms_days)
            end = r["paid_date"] or (as_of if as_of > due else None)
            if end is not None:
                f.days_late.append((end - due).days)
    for r in p.time_entries.iter_rows(named=True):
        if inside(r["start"].date()):
            fig[r["customer_id"]].effort_minutes += r["minutes"]
            fig[r["customer_id"]].active = True
    for r in p.interactions.iter_rows(named=True):
        if inside(r["at"].date()):
            f = fig[r["customer_id"]]
            f.active = True
            f.effort_minutes += 0 if r["tracked"] else r["minutes"]
            f.price_negotiations += r["price_negotiation"]
            f.unjustified += r["complaint"] == "unjustified"
            if r["channel"] == "phone" and r["direction"] == "in" and not r["planned"]:
                f.calls += 1
                f.call_minutes += r["minutes"]
            if r["mood"] is not None:
                f.moods.append(r["mood"])
    for r in p.offers.iter_rows(named=True):
        if inside(r["sent_date"]):
            f = fig[r["customer_id"]]
            f.active = True
            f.offers_sent += 1
            f.offers_accepted += r["status"] == "accepted"
    _criteria(p, fig, s)
    return fig


def _criteria(p: Portfolio, fig: dict[str, Figures], s: AnalysisSettings) -> None:
    total_revenue = sum(f.revenue for f in fig.values() if f.revenue > 0)
    total_effort = sum(f.effort_minutes for f in fig.values())
    ranked = sorted(
        (cid for cid in fig if fig[cid].revenue > 0), key=lambda c: (-fig[c].revenue, c)
    )
    before = Decimal(0)
    for cid in ranked:
        if before < Decimal(str(s.high_revenue_share)) * total_revenue:
            fig[cid].codes.add("high_revenue")
        before += fig[cid].revenue
    for row in p.customers.iter_rows(named=True):
        f = fig[row["id"]]
        ratio = _effort_ratio(f, total_revenue, total_effort)
        high = "high_revenue" in f.codes
        late = [d for d in f.days_late if d > s.late_after_days]
        holds = {
            "proportional_effort": high and ratio is not None and ratio < s.effort_ratio_limit,
            "disproportionate_effort": ratio is not None
            and ratio >= s.effort_ratio_limit
            and f.effort_minutes > 0,
            "late_payer": len(late) >= s.late_invoices_min,
            "haggler": f.price_negotiations >= s.price_negotiations_min,
            "talker": f.calls >= s.talker_calls_min
            and f.call_minutes >= Decimal(str(s.talker_minutes_share)) * f.effort_minutes,
            "empty_promises": f.offers_sent >= s.empty_promises_offers_min
            and f.offers_accepted == 0,
            "unjustified_complaints": f.unjustified >= s.unjustified_complaints_min,
            "rude": len(f.moods) >= s.rude_ratings_min
            and sum(f.moods) / len(f.moods) <= s.rude_mood_max,
            "potential": (row["potential"] or 0) >= s.potential_min,
            "useful": row["useful"],
            "heart": row["heart"],
            "inactive": not f.active,
        }
        f.codes |= {code for code, ok in holds.items() if ok}
        if not high and "disproportionate_effort" in f.codes:
            f.codes.discard("disproportionate_effort")
            f.codes.add("low_revenue_high_effort")
        f.group = _group(f.codes, row["group_override"])
        avg_late = sum(max(d, 0) for d in f.days_late) / len(f.days_late) if f.days_late else 0
        f.exit = (
            f.group == "C"
            or "unjustified_complaints" in f.codes
            or ("late_payer" in f.codes and avg_late >= s.exit_avg_days_late)
        )


def _effort_ratio(f: Figures, total_revenue: Decimal, total_effort: Decimal) -> float | None:
    if f.revenue <= 0:
        return math.inf if f.effort_minutes > 0 else None
    effort_share = f.effort_minutes / total_effort if total_effort else Decimal(0)
    return float(effort_share / (f.revenue / total_revenue))


def _group(codes: set[str], override: str | None) -> str | None:
    if override:
        return override
    if "inactive" in codes and "heart" not in codes:
        return None
    if "rude" in codes:
        return "C"
    if "heart" in codes:
        return "A"
    if "high_revenue" in codes:
        if "useful" in codes:
            return "A"
        trouble = {"disproportionate_effort", "late_payer", "haggler", "talker"}
        return "B" if codes & (trouble | {"unjustified_complaints"}) else "A"
    if codes & {"empty_promises", "talker", "unjustified_complaints"}:
        return "C"
    if "potential" in codes:
        return "B"
    return "C" if "low_revenue_high_effort" in codes else "B"
