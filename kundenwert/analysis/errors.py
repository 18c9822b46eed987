"""Errors the analysis reports to its caller (CLI, web, API) instead of a wrong answer."""

from __future__ import annotations


class AnalysisError(Exception):
    """The portfolio cannot be analysed as asked; the message says what to change."""

    def text(self, lang: str) -> str:
        """The message in `lang` ("de" or "en"); as written where it has no other."""
        return str(self)


class MixedCurrenciesError(AnalysisError):
    """Invoices in the period use several currencies and no `currency` setting picks one.

    Revenues in different currencies cannot be added up, and converting them would need
    exchange rates the portfolio does not hold, so the owner has to choose one.
    """

    TEXTS = {
        "de": (
            "Die Rechnungen des Zeitraums lauten auf mehrere Währungen ({listed}). Legen Sie "
            "in den Einstellungen der Analyse eine Währung fest (`currency`, z. B. "
            '`currency = "{first}"` unter [analysis]), dann zählen die Rechnungen in dieser '
            "Währung."
        ),
        "en": (
            "Invoices in the period use several currencies ({listed}). Set `currency` in the "
            'analysis settings (e.g. `currency = "{first}"` under [analysis]) to analyse the '
            "invoices in that currency only."
        ),
    }

    def __init__(self, currencies: list[str]) -> None:
        self.currencies = sorted(currencies)
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        template = self.TEXTS.get(lang, self.TEXTS["en"])
        return template.format(listed=", ".join(self.currencies), first=self.currencies[0])
