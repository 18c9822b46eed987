"""Errors the analysis reports to its caller (CLI, web, API) instead of a wrong answer."""

from __future__ import annotations


class AnalysisError(Exception):
    """The portfolio cannot be analysed as asked; the message says what to change."""


class MixedCurrenciesError(AnalysisError):
    """Invoices in the period use several currencies and no `currency` setting picks one.

    Revenues in different currencies cannot be added up, and converting them would need
    exchange rates the portfolio does not hold, so the owner has to choose one.
    """

    def __init__(self, currencies: list[str]) -> None:
        self.currencies = sorted(currencies)
        listed = ", ".join(self.currencies)
        super().__init__(
            f"Invoices in the period use several currencies ({listed}). "
            "Set `currency` in the analysis settings (e.g. `currency = "
            f'"{self.currencies[0]}"` under [analysis]) to analyse the invoices in that '
            "currency only."
        )
