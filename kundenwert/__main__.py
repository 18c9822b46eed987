from kundenwert.cli import run

run()
