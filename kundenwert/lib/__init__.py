"""Small helpers shared by several parts of kundenwert; nothing here imports Django."""
