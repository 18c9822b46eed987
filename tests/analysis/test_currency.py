"""Several currencies: the analysis never adds up amounts in different currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kundenwert.analysis import AnalysisError, MixedCurrenciesError
from tests.analysis.builders import PortfolioBuilder, run


def two_currencies() -> PortfolioBuilder:
    b = PortfolioBuilder().customer("a").customer("b").customer("c")
    b.invoice("a", net=1000, currency="EUR").invoice("b", net=500, currency="CHF")
    b.invoice("c", net=700, currency="USD", issue_date="2024-01-01")  # outside the period
    return b


def test_invoices_in_several_currencies_without_a_currency_setting_are_an_error():
    with pytest.raises(AnalysisError) as raised:
        run(two_currencies().build())
    message = str(raised.value)
    assert "CHF, EUR" in message and "USD" not in message
    assert "`currency`" in message
    assert isinstance(raised.value, MixedCurrenciesError)
    assert raised.value.currencies == ["CHF", "EUR"]
    assert raised.value.text("en") == message
    assert raised.value.text("de").startswith(
        "Die Rechnungen des Zeitraums lauten auf mehrere Währungen (CHF, EUR). Legen Sie"
    )
    assert '`currency = "CHF"` unter [analysis]' in raised.value.text("de")


def test_with_a_currency_set_only_invoices_in_that_currency_count():
    result = run(two_currencies().build(), currency="eur")
    assert result.currency == "EUR"
    assert result.customer("a").metrics["revenue"] == Decimal("1000.00")
    assert result.customer("b").metrics["revenue"] == Decimal("0.00")
    assert result.totals.excluded_invoices == 1


def test_a_customer_with_invoices_only_in_another_currency_is_still_active():
    result = run(two_currencies().build(), currency="EUR")
    assert "inactive" not in result.customer("b").reasons
    assert result.customer("b").group == "B"


def test_the_one_currency_in_use_is_the_analysis_currency():
    b = PortfolioBuilder().customer("a").invoice("a", currency="CHF")
    result = run(b.build())
    assert result.currency == "CHF"
    assert "CHF" in result.customer("a").explain("high_revenue", "de")


def test_an_invoice_without_currency_is_in_euro():
    b = PortfolioBuilder().customer("a").invoice("a", currency=None).invoice("a", currency="EUR")
    assert run(b.build()).customer("a").metrics["revenue"] == Decimal("200.00")
