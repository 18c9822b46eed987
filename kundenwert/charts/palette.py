"""Colours per group, chosen to stay apart for red-green colour blindness (after Okabe and
Ito) and dark enough for white text; group letters and tables carry the meaning too."""

GROUP_COLOURS: dict[str | None, str] = {
    "A": "#00795a",  # bluish green
    "B": "#b86e00",  # orange
    "C": "#c0392b",  # vermillion
    None: "#7b8591",  # grey: no group (inactive)
}
SPONTANEOUS_COLOUR = "#3a6ea5"
INK = "#1d2530"
MUTED = "#5b6675"
GRID = "#dde2e8"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
