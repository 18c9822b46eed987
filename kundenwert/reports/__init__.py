"""Reports and exports: what Kundenwert hands to accountants, advisers and other programs.

* table.py: the one exporter mechanism. An exporter is a function that returns a `Table`:
  typed columns and rows of plain values (Decimal, date, bool …), nothing formatted.
* xlsx.py and delimited.py render any Table: XLSX with typed cells, CSV for programs
  (UTF-8, comma, dot, ISO dates) and German CSV for spreadsheets (semicolon, decimal comma,
  dd.mm.yyyy, UTF-8 or Windows-1252); formats.py names them for the web and the CLI.
* lists.py: the exporters of the web app's lists (customers, interactions, invoices,
  follow-ups); querysets.py the filters they share with the API.
* annual.py, annual_parts.py: the annual report's figures; document.py renders them to
  HTML and, through WeasyPrint, to PDF with the same SVG charts as the dashboard.

See docs/reports-and-api.md for the formats and the decisions behind them.
"""
