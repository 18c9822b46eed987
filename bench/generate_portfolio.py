"""Generate a large portfolio folder (shared/docs/data-format.md) for the benchmark.

    .venv/bin/python bench/generate_portfolio.py [DIR] [--seed N] [--scale X]

Writes customers, invoices, time entries, interactions, offers and deliveries to DIR
(default bench/data/, git-ignored): at scale 1, 20,000 customers, 2,000,000 time entries,
200,000 invoices, 600,000 interactions, 40,000 offers and 20,000 deliveries, dated over the
two years up to `END` (the benchmark analyses the last of them).

The data is meant to look like a real business, so that every part of the analysis works:
customer sizes follow a Zipf law (a few big customers, a long tail), some customers are
dormant, and a few carry a trait that the method looks for (paying late, haggling,
complaining without cause, long unplanned calls, a bad mood, offers never accepted).

Every random number comes from a counter-based generator (splitmix64 over the row number,
one stream per column) written as polars expressions: the same seed gives the same files,
byte for byte, and no Python code runs per row. Needs only polars.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import polars as pl

END = date(2026, 6, 30)  # the last day with data; bench/analyze.py analyses up to it
DAYS = 731  # two years, both ends included
START = END - timedelta(days=DAYS - 1)
DEFAULT_DIR = Path(__file__).resolve().parent / "data"

SIZES = {
    "customers": 20_000,
    "time_entries": 2_000_000,
    "invoices": 200_000,
    "interactions": 600_000,
    "offers": 40_000,
    "deliveries": 20_000,
}

USERS = ("anna", "ben", "clara", "deniz", "emil")
PHRASES = (
    "Konzeption",
    "Abstimmung mit dem Kunden",
    "Umsetzung, Teil 2",
    "Korrekturschleife",
    "Recherche für das Größenmodell",
    "Workshop-Vorbereitung",
)
NOTES = (
    None,
    None,
    None,
    "Rückruf erbeten",
    "Wünscht Änderungen, bitte prüfen",
    "kurz, freundlich",
)

MASK = 2**64 - 1
GOLDEN = 0x9E3779B97F4A7C15


# --- random numbers, as polars expressions ---------------------------------------------------


def _splitmix_int(x: int) -> int:
    """splitmix64 of one Python int: the seed of a stream."""
    z = (x * GOLDEN) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def _splitmix(z: pl.Expr) -> pl.Expr:
    # UInt64 arithmetic in polars wraps around, as splitmix64 needs; // 2**k is >> k.
    z = z.xor(z // 2**30) * pl.lit(0xBF58476D1CE4E5B9, pl.UInt64)
    z = z.xor(z // 2**27) * pl.lit(0x94D049BB133111EB, pl.UInt64)
    return z.xor(z // 2**31)


class Random:
    """Independent uniform columns: each call of `uniform` is a new stream.

    The streams are numbered in the order of the calls, so the files depend only on the
    seed and on this script.
    """

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._streams = itertools.count()

    def uniform(self) -> pl.Expr:
        """A Float64 in [0, 1) per row of the frame it is evaluated on."""
        key = _splitmix_int(self._seed * 1_000_003 + next(self._streams))
        row = pl.int_range(pl.len(), dtype=pl.UInt64)
        state = row * pl.lit(GOLDEN, pl.UInt64) + pl.lit(key, pl.UInt64)
        return (_splitmix(state) // 2**11).cast(pl.Float64) / float(2**53)

    def integers(self, low: int | pl.Expr, high: int | pl.Expr) -> pl.Expr:
        """An Int64 in low..high, both included."""
        span = pl.lit(high) - pl.lit(low) + 1
        return pl.lit(low) + (self.uniform() * span).floor().cast(pl.Int64)

    def chance(self, probability: float | pl.Expr) -> pl.Expr:
        return self.uniform() < probability

    def normal(self) -> pl.Expr:
        """Standard normal, by Box–Muller."""
        radius = (-2.0 * (1.0 - self.uniform()).log()).sqrt()
        return radius * (2.0 * math.pi * self.uniform()).cos()

    def choice(self, values: Sequence[object], weights: Sequence[float]) -> pl.Expr:
        return pick(self.uniform(), values, weights)


def pick(u: pl.Expr, values: Sequence[object], weights: Sequence[float]) -> pl.Expr:
    """The value whose share of the cumulative weights holds `u`."""
    total = sum(weights)
    cumulative = pl.Series(list(itertools.accumulate(w / total for w in weights)))
    index = pl.lit(cumulative).search_sorted(u, side="right")
    index = index.clip(upper_bound=len(values) - 1)  # u just below 1 after rounding
    return pl.lit(pl.Series(values)).gather(index)


# --- formatting as the folder format writes it -------------------------------------------------


def decimal_text(hundredths: pl.Expr) -> pl.Expr:
    """An integer number of hundredths as `12`, `12.50` or `-3.05`."""
    sign = pl.when(hundredths < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    whole, fraction = hundredths.abs() // 100, hundredths.abs() % 100
    return (
        pl.when(fraction == 0)
        .then(pl.format("{}{}", sign, whole))
        .otherwise(pl.format("{}{}.{}", sign, whole, fraction.cast(pl.String).str.zfill(2)))
    )


def numbered(prefix: str, width: int) -> pl.Expr:
    """prefix + the 1-based row number, zero-padded: K-00001."""
    number = pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(width)
    return pl.lit(prefix) + number


def day_in_range(rng: Random) -> pl.Expr:
    """A working day mostly: a weekend day moves to Friday or Monday five times out of six."""
    day = pl.lit(START) + pl.duration(days=rng.integers(0, DAYS - 1))
    weekday = day.dt.weekday()  # 6 Saturday, 7 Sunday
    shift = pl.when(weekday == 6).then(-1).when(weekday == 7).then(1).otherwise(0)
    moved = day + pl.duration(days=pl.when(rng.chance(5 / 6)).then(shift).otherwise(0))
    return moved.clip(START, END)


def at_work(day: pl.Expr, rng: Random) -> pl.Expr:
    """A wall-clock time between 07:00 and 18:59 of `day`; never in a DST gap (02:00-03:00)."""
    minute_of_day = rng.integers(7 * 60, 19 * 60 - 1)
    return day.cast(pl.Datetime("us")) + pl.duration(minutes=minute_of_day)


def later(day: pl.Expr, low: int | pl.Expr, high: int | pl.Expr, rng: Random) -> pl.Expr:
    """`day` plus low..high days, or null when that is after END (it has not happened yet)."""
    moved = day + pl.duration(days=rng.integers(low, high))
    return pl.when(moved <= END).then(moved)


# --- the tables ---------------------------------------------------------------------------------


def customers(n: int, rng: Random) -> pl.DataFrame:
    """The customers, with their hidden traits in columns starting with '_'."""
    frame = pl.select(_row=pl.int_range(n))
    frame = frame.with_columns(
        id=numbered("K-", 5),
        status=rng.choice(["active", "lead", "ended"], [86, 4, 10]),
        _rank=rng.uniform().rank("ordinal"),  # a random order of sizes
        _dormant=rng.chance(0.6),  # taken for the ended customers only
        _late=rng.chance(0.08),
        _haggler=rng.chance(0.06),
        _complainer=rng.chance(0.04),
        _talker=rng.chance(0.05),
        _rude=rng.chance(0.03),
        _accepts=rng.uniform() * 0.8,
        _never_accepts=rng.chance(0.08),
        _terms=rng.choice([14, 30], [3, 1]),
    )
    # Leads and most ended customers have no records, so they are inactive in the analysis.
    silent = (pl.col("status") == "lead") | ((pl.col("status") == "ended") & pl.col("_dormant"))
    zipf = pl.col("_rank").cast(pl.Float64).pow(-1.1)
    frame = frame.with_columns(_weight=pl.when(silent).then(0.0).otherwise(zipf))
    # Bigger customers get bigger invoices (not only more of them), and each has its own
    # price level: revenue then roughly follows effort, with room for outliers.
    median = pl.col("_weight").filter(pl.col("_weight") > 0).median()
    price = (pl.col("_weight") / median).pow(0.3) * (0.4 * rng.normal()).exp()
    return frame.with_columns(
        _price=price,
        name=pl.format("{} {}", rng.choice(["Atelier", "Büro", "Praxis", "Haus"], [1] * 4), "id")
        + pl.lit(" ")
        + rng.choice(["GmbH", "KG", "e.K.", "GbR", "& Söhne"], [5, 2, 2, 2, 1]),
        since=pl.lit(START) - pl.duration(days=rng.integers(0, 3650)),
        potential=pl.when(rng.chance(0.7)).then(rng.integers(1, 5)),
        useful=rng.chance(0.1),
        heart=rng.chance(0.04),
        group_override=pl.when(rng.chance(0.01)).then(rng.choice(["A", "B", "C"], [1, 1, 1])),
        email=pl.format("kontakt@{}.example", pl.col("id").str.to_lowercase()),
        phone=pl.format("+49 30 {}", rng.integers(1_000_000, 9_999_999)),
    ).with_columns(
        override_reason=pl.when(pl.col("group_override").is_not_null()).then(
            pl.lit("Absprache mit der Geschäftsführung")
        ),
        notes=pl.lit(None, pl.String),
    )


def records(n: int, clients: pl.DataFrame, rng: Random, flatten: float = 1.0) -> pl.DataFrame:
    """`n` rows, each with a customer drawn by weight**flatten, and that customer's traits."""
    weights = clients["_weight"].pow(flatten)
    cumulative = weights.cum_sum() / weights.sum()
    rows = pl.select(_row=pl.int_range(n)).with_columns(
        _row=pl.lit(cumulative).search_sorted(rng.uniform(), side="right").cast(pl.Int64)
    )
    traits = clients.select("id", pl.selectors.starts_with("_"))
    return rows.join(traits, on="_row", how="left").rename({"id": "customer_id"})


def time_entries(n: int, clients: pl.DataFrame, rng: Random) -> pl.DataFrame:
    minutes = rng.choice([15, 30, 45, 60, 90, 120, 180, 240, 480], [8, 14, 8, 20, 12, 14, 10, 8, 6])
    odd = rng.integers(5, 600) * 100 + rng.choice([0, 25, 50, 75], [1, 1, 1, 1])
    return records(n, clients, rng).select(
        "customer_id",
        start=at_work(day_in_range(rng), rng),
        minutes=decimal_text(pl.when(rng.chance(0.1)).then(odd).otherwise(minutes * 100)),
        billable=rng.chance(0.85),
        user=rng.choice(USERS, [5, 4, 3, 2, 1]),
        project=pl.format("P-{}-{}", pl.col("customer_id").str.slice(2), rng.integers(1, 4)),
        description=rng.choice(PHRASES, [1] * len(PHRASES)),
    )


def invoices(n: int, clients: pl.DataFrame, rng: Random) -> pl.DataFrame:
    # Invoices are spread more evenly than the work (weight**0.7), as small customers are
    # invoiced too; the difference is made up by the size of their invoices (see _price).
    frame = records(n, clients, rng, flatten=0.7).with_columns(
        number=numbered("R-", 7),
        issue_date=day_in_range(rng),
        _credit=rng.chance(0.03),
        _amount=(pl.col("_price") * (6.8 + 0.6 * rng.normal()).exp()).clip(50, 50_000),
    )
    late = rng.chance(pl.when(pl.col("_late")).then(0.5).otherwise(0.06))
    due = pl.col("issue_date") + pl.duration(days=pl.col("_terms"))
    delay = pl.when(late).then(rng.integers(15, 90)).otherwise(rng.integers(-12, 6))
    paid = due + pl.duration(days=delay)
    cents = (pl.col("_amount") * 100).round().cast(pl.Int64)
    return frame.select(
        "number",
        "customer_id",
        "issue_date",
        due_date=pl.when(rng.chance(0.85)).then(due),  # empty: the default payment terms
        net=decimal_text(pl.when(pl.col("_credit")).then(-cents // 4).otherwise(cents)),
        currency=pl.lit("EUR"),
        paid_date=pl.when(rng.chance(0.99) & (paid <= END)).then(paid),  # else still unpaid
    )


def interactions(n: int, clients: pl.DataFrame, rng: Random) -> pl.DataFrame:
    channels = ["phone", "email", "meeting", "visit", "chat", "letter"]
    frame = records(n, clients, rng).with_columns(
        channel=rng.choice(channels, [35, 35, 10, 4, 12, 4]),
        direction=rng.choice(["in", "out"], [45, 55]),
    )
    inbound_call = (pl.col("channel") == "phone") & (pl.col("direction") == "in")
    unplanned = pl.when(inbound_call & pl.col("_talker")).then(0.7).otherwise(0.1)
    minutes = (
        pl.when(pl.col("channel") == "phone")
        .then(rng.integers(3, 45))
        .when(pl.col("channel").is_in(["meeting", "visit"]))
        .then(rng.integers(30, 180))
        .otherwise(rng.integers(0, 15))
    )
    talk = pl.when(pl.col("_talker") & inbound_call).then(minutes * 2).otherwise(minutes)
    mood = (
        pl.when(pl.col("_rude"))
        .then(rng.choice([-2, -1, 0, 1, 2], [35, 40, 15, 7, 3]))
        .otherwise(rng.choice([-2, -1, 0, 1, 2], [2, 8, 30, 40, 20]))
    )
    haggle = pl.when(pl.col("_haggler")).then(0.15).otherwise(0.005)
    unjustified = pl.when(pl.col("_complainer")).then(0.1).otherwise(0.003)
    return frame.select(
        "customer_id",
        at=at_work(day_in_range(rng), rng),
        channel="channel",
        direction="direction",
        planned=~rng.chance(unplanned),
        minutes=decimal_text(talk * 100),
        tracked=rng.chance(
            pl.when(pl.col("channel").is_in(["meeting", "visit"])).then(0.6).otherwise(0.2)
        ),
        out_of_scope=rng.chance(0.03),
        price_negotiation=rng.chance(haggle),
        complaint=pl.when(rng.chance(unjustified))
        .then(pl.lit("unjustified"))
        .when(rng.chance(0.02))
        .then(pl.lit("justified"))
        .otherwise(pl.lit("none")),
        mood=pl.when(rng.chance(0.3)).then(mood),
        user=rng.choice(USERS, [5, 4, 3, 2, 1]),
        note=rng.choice(NOTES, [1] * len(NOTES)),
    )


def offers(n: int, clients: pl.DataFrame, rng: Random) -> pl.DataFrame:
    frame = records(n, clients, rng).with_columns(
        number=numbered("A-", 6),
        sent_date=day_in_range(rng),
        _amount=(7.5 + 0.9 * rng.normal()).exp().clip(200, 200_000),
    )
    accepts = pl.when(pl.col("_never_accepts")).then(0.0).otherwise(pl.col("_accepts"))
    u = rng.uniform()
    decided = (
        pl.when(u < accepts)
        .then(pl.lit("accepted"))
        .when(u < accepts + 0.3)
        .then(pl.lit("declined"))
        .when(u < accepts + 0.4)
        .then(pl.lit("expired"))
        .otherwise(pl.lit("open"))
    )
    recent = pl.col("sent_date") > END - timedelta(days=20)
    status = pl.when(recent).then(pl.lit("open")).otherwise(decided)
    return frame.select(
        "number",
        "customer_id",
        "sent_date",
        valid_until=pl.when(rng.chance(0.9)).then(pl.col("sent_date") + timedelta(days=30)),
        amount=decimal_text((pl.col("_amount") * 100).round().cast(pl.Int64)),
        status=status,
        decided_date=pl.when(status.is_in(["accepted", "declined"])).then(
            pl.col("sent_date") + pl.duration(days=rng.integers(1, 19))
        ),
    )


def deliveries(n: int, clients: pl.DataFrame, rng: Random) -> pl.DataFrame:
    frame = records(n, clients, rng).with_columns(delivered_date=day_in_range(rng))
    return frame.select(
        "customer_id",
        title=pl.format("Lieferung {}", pl.int_range(1, pl.len() + 1)),
        delivered_date="delivered_date",
        live_date=pl.when(rng.chance(0.75)).then(later(pl.col("delivered_date"), 0, 60, rng)),
    )


def generate(folder: Path, seed: int = 1, scale: float = 1.0) -> dict[str, int]:
    """Write the portfolio into `folder`; the number of rows per file."""
    rng = Random(seed)
    sizes = {name: max(1, round(size * scale)) for name, size in SIZES.items()}
    clients = customers(sizes["customers"], rng)
    frames = {
        "customers": clients.select(
            "id",
            "name",
            "status",
            "since",
            "potential",
            "useful",
            "heart",
            "group_override",
            "override_reason",
            "email",
            "phone",
            "notes",
        ),
        "invoices": invoices(sizes["invoices"], clients, rng),
        "time_entries": time_entries(sizes["time_entries"], clients, rng),
        "interactions": interactions(sizes["interactions"], clients, rng),
        "offers": offers(sizes["offers"], clients, rng),
        "deliveries": deliveries(sizes["deliveries"], clients, rng),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.write_csv(folder / f"{name}.csv", datetime_format="%Y-%m-%dT%H:%M:%S")
    return {name: frame.height for name, frame in frames.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    sizes = generate(args.folder, args.seed, args.scale)
    took = time.perf_counter() - began
    rows = ", ".join(f"{name} {count:,}" for name, count in sizes.items())
    print(f"{args.folder}: {rows} ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
