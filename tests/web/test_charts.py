"""The SVG builders alone: pure Python, no Django."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kundenwert.charts import (
    BudgetBar,
    BudgetLabels,
    PortfolioLabels,
    PortfolioPoint,
    WhaleLabels,
    budget_chart,
    portfolio_chart,
    sparkline,
    whale_chart,
)
from kundenwert.charts.scale import scale_for, spreads_widely
from kundenwert.charts.whale import MAX_POINTS, thinned

SVG = "{http://www.w3.org/2000/svg}"
XSS = '<script>alert("x")</script> & <b>'
LABELS = PortfolioLabels(
    title="Portfolio",
    desc="one mark per customer",
    x_axis="Aufwand",
    y_axis="Umsatz",
    margin="Gewinn",
    log_note="log",
    groups={"A": "Gruppe A", "B": "Gruppe B", "C": "Gruppe C", None: "ohne"},
    size_note="Fläche: Gewinn",
    rate_line="Ø 100 €",
)


def money(value: float) -> str:
    return f"{value:.0f} €"


def hours(value: float) -> str:
    return f"{value:g} h"


def point(name: str = "Kunde", group="A", revenue=1000.0, hours_=10.0, margin=400.0):
    return PortfolioPoint(name, group, revenue, hours_, margin, "hoher Umsatz", "/customers/1/")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on anything that is not well-formed XML


def test_the_portfolio_chart_has_one_mark_per_customer():
    svg = parse(portfolio_chart([point("a"), point("b"), point("c")], LABELS, money, hours))

    assert len(svg.findall(f".//{SVG}g[@class='marks group-a']//{SVG}circle")) == 3
    assert svg.find(f"{SVG}title").text == "Portfolio"


def test_names_and_reasons_are_escaped_in_the_portfolio_chart():
    markup = portfolio_chart([point(XSS)], LABELS, money, hours)

    assert "<script>" not in markup
    titles = [t.text for t in parse(markup).iter(f"{SVG}title")]
    assert any(t.startswith(XSS) for t in titles)


def test_a_loss_is_drawn_hollow_and_bigger_margins_bigger():
    svg = parse(
        portfolio_chart(
            [point("small", margin=10), point("big", margin=1000), point("loss", margin=-500)],
            LABELS,
            money,
            hours,
        )
    )
    marks = {
        c.find(f"{SVG}title").text.split(" ·")[0]: c
        for c in svg.iter(f"{SVG}circle")
        if c.find(f"{SVG}title") is not None
    }

    assert float(marks["big"].get("r")) > float(marks["small"].get("r"))
    assert marks["loss"].get("fill") == "#ffffff"


def test_a_wide_spread_gets_logarithmic_axes():
    spread = [point(str(n), revenue=10.0**n, hours_=n + 1) for n in range(6)]

    assert "(log)" in portfolio_chart(spread, LABELS, money, hours)
    assert spreads_widely([1, 2, 3, 10_000])
    assert not spreads_widely([100, 200, 300])


def test_a_log_scale_puts_zero_on_the_axis_line():
    scale = scale_for([0, 5, 50_000], 0, 100, log=True)

    assert scale(0) == scale(scale.low) == 0
    assert scale(scale.high) == 100


def test_an_empty_portfolio_still_gives_a_chart():
    assert parse(portfolio_chart([], LABELS, money, hours)).tag == f"{SVG}svg"


WHALE = WhaleLabels(
    "Wal", "Kurve", "Kunden", "Gewinn", "Gipfel {money} nach {customers}", "Summe {money}"
)


def test_the_whale_curve_marks_its_peak_and_the_total():
    markup = whale_chart([500, 800, 900, 700, 600], WHALE, money, lambda v: f"{v:.0%}")

    assert "Gipfel 900 € nach 3" in markup
    assert "Summe 600 €" in markup
    parse(markup)


def test_a_long_whale_curve_is_thinned_but_keeps_its_peak():
    kept = thinned(20_000, keep=12_345)

    assert len(kept) <= MAX_POINTS + 3
    assert {0, 12_345, 19_999} <= set(kept)


def test_a_loss_making_portfolio_gets_a_whale_curve_below_zero():
    markup = whale_chart([-100, -300, -900], WHALE, money, lambda v: f"{v:.0%}")

    assert "Summe -900 €" in markup
    parse(markup)


def test_the_budget_chart_says_actual_and_target_in_words():
    bars = [BudgetBar("A", "Gruppe A", 0.5, 0.44, 1728), BudgetBar("C", XSS, 0.1, 0.06, 230)]
    markup = budget_chart(
        bars,
        BudgetLabels("Budget", "Zeit", "{actual} ({hours}), Ziel {target}"),
        lambda v: f"{v:.0%}",
        hours,
    )

    assert "44% (1728 h), Ziel 50%" in markup
    assert "<script>" not in markup
    parse(markup)


def test_a_sparkline_breaks_where_a_value_is_missing():
    svg = parse(sparkline([1, 2, None, 4, 5], "Umsatz", "spark"))

    assert len(svg.findall(f"{SVG}polyline")) == 2
    assert svg.get("role") == "img"
