"""Server-side SVG charts, pure Python (no Django): the web pages inline them and the PDF
report (WeasyPrint) embeds the very same markup.

Every builder takes plain data and already-translated labels and returns one complete,
standalone `<svg>` string: presentation attributes instead of page CSS, a system font,
`xmlns` set, so it renders the same in a browser, in a PDF and as a file of its own. Each
chart has a `<title>` and `<desc>` for assistive technology; pages show a table of the
same figures next to it. Every piece of text from data goes through `svg.text()` or
`svg.attr()`, which escape it, so a customer called `<script>` stays a name.
"""

from kundenwert.charts.budget import BudgetBar, BudgetLabels, budget_chart
from kundenwert.charts.palette import GROUP_COLOURS
from kundenwert.charts.portfolio import PortfolioLabels, PortfolioPoint, portfolio_chart
from kundenwert.charts.sparkline import sparkline
from kundenwert.charts.whale import WhaleLabels, whale_chart

__all__ = [
    "GROUP_COLOURS",
    "BudgetBar",
    "BudgetLabels",
    "PortfolioLabels",
    "PortfolioPoint",
    "WhaleLabels",
    "budget_chart",
    "portfolio_chart",
    "sparkline",
    "whale_chart",
]
