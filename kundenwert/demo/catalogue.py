"""The 60 invented customers of the demo portfolio and their archetypes.

Names, people and numbers are made up. E-mail addresses use the reserved `.example`
top-level domain, phone numbers the ranges the Bundesnetzagentur keeps free for films and
books ("Drama Numbers"), so nothing here reaches a real business.

Ids follow the order the owner won the customers in: K-1001 is the oldest, the last four
are leads. `weight` is the customer's size within its tier (see plan.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Any

# Fictional number blocks (area code, first digits of the subscriber number); the last
# three digits are free within each block.
PHONE_BLOCKS: dict[str, tuple[str, str]] = {
    "berlin": ("030", "23125"),
    "frankfurt": ("069", "90009"),
    "hamburg": ("040", "66969"),
    "koeln": ("0221", "4710"),
    "muenchen": ("089", "99998"),
}


@dataclass(frozen=True)
class CustomerSpec:
    number: int  # the id is f"K-{number}"
    name: str
    archetype: str
    trade: str  # key of texts.PROJECTS_BY_TRADE
    city: str  # key of PHONE_BLOCKS
    contact: str
    weight: float = 1.0
    mailbox: str = "info"
    note: str = ""
    potential: int | None = None
    override: tuple[str, str] | None = None  # (group, reason) set by hand
    terms_days: int = 14
    open_offer: bool = False  # an undecided offer whose check-in falls around the as-of date
    stalled: str | None = None  # a delivery handed over weeks ago that is still not in use
    credit_notes: tuple[str, ...] = ()  # "period" / "history": where a credit note goes
    unpaid_overdue: int = 0  # invoices left unpaid well past their due date
    odd_hours: float | None = None  # overrides the archetype's evening/weekend share

    @property
    def id(self) -> str:
        return f"K-{self.number}"


def _spec(
    number: int, name: str, archetype: str, trade: str, city: str, contact: str, **kw: Any
) -> CustomerSpec:
    return CustomerSpec(number, name, archetype, trade, city, contact, **kw)


# One customer per entry reads better than ruff's one-argument-per-line layout.
# fmt: off
CATALOGUE: tuple[CustomerSpec, ...] = (
    _spec(1001, "Bäckerei Sommer GmbH", "anchor", "gastro", "koeln", "Petra Sommer",
          weight=11, note="Drei Filialen; die Inhaberin entscheidet schnell.", potential=3,
          open_offer=True, credit_notes=("history",)),
    _spec(1002, "Kanzlei Berger & Partner", "useful_anchor", "dienstleistung", "koeln",
          "Dr. Martin Berger", weight=8, mailbox="kanzlei", terms_days=30,
          note="Berät uns selbst in Vertragsfragen und empfiehlt uns weiter."),
    _spec(1003, "Weingut Roth", "heart_dormant", "gastro", "frankfurt", "Familie Roth",
          weight=1.4, mailbox="post",
          note="Unser allererster Kunde; Weinprobe jedes Jahr im Herbst."),
    _spec(1004, "Schreinerei Holzwerk Maier e.K.", "overloaded", "handwerk", "muenchen",
          "Andreas Maier", weight=7.5,
          note="Ruft oft abends und am Wochenende an; Wochenendarbeit ohne Zuschlag."),
    _spec(1005, "Autohaus Brandt GmbH & Co. KG", "anchor", "handel", "koeln", "Jörg Brandt",
          weight=10, terms_days=30, potential=3),
    _spec(1006, "Blumen Wiesengrund", "ended", "handel", "koeln", "Heike Wiese",
          weight=1.2, mailbox="hallo", note="Laden aufgegeben, Zusammenarbeit beendet."),
    _spec(1007, "Hotel Seeblick GmbH", "late_payer_severe", "gastro", "hamburg",
          "Sabine Albers", weight=7, mailbox="direktion", unpaid_overdue=1,
          stalled="Bildergalerie Zimmer",
          note="Zahlt nur nach Mahnung; Buchhaltung sitzt in der Zentrale."),
    _spec(1008, "Elektro Wagner GmbH", "late_payer", "handwerk", "koeln", "Thomas Wagner",
          weight=6.5),
    _spec(1009, "Praxis Dr. Lange", "anchor", "praxis", "koeln", "Dr. Katrin Lange",
          weight=6.5, mailbox="praxis", stalled="Website-Texte Relaunch",
          credit_notes=("period",)),
    _spec(1010, "Möbelhaus Krüger KG", "haggler", "handel", "frankfurt", "Bernd Krüger",
          weight=7, credit_notes=("period",),
          note="Holt zu jedem Angebot zwei Vergleichsangebote ein."),
    _spec(1011, "Druckerei Schneider & Söhne", "useful_small", "handwerk", "koeln",
          "Ralf Schneider", weight=2.5, note="Druckt unsere Aufträge zum Vorzugspreis."),
    _spec(1012, "Brauerei Fuchs GmbH", "anchor", "gastro", "koeln", "Markus Fuchs",
          weight=7, potential=3, odd_hours=0.15,
          note="Feste und Brauereiführungen am Wochenende; dann muss es schnell gehen."),
    _spec(1013, "Immobilien Schäfer GmbH", "complainer_big", "dienstleistung", "frankfurt",
          "Claudia Schäfer", weight=6.5, credit_notes=("period",)),
    _spec(1014, "Friseursalon Haarmonie", "small_steady", "dienstleistung", "koeln",
          "Nicole Peters", weight=0.8, mailbox="hallo"),
    _spec(1015, "Steuerbüro Kaiser", "override_a", "dienstleistung", "koeln",
          "Stefan Kaiser", weight=1.2, mailbox="kanzlei",
          override=("A", "Empfiehlt uns seit Jahren neue Kunden; bleibt A, "
                         "auch wenn der Umsatz klein ist.")),
    _spec(1016, "Zahnarztpraxis Dr. Özdemir", "small_steady", "praxis", "koeln",
          "Dr. Elif Özdemir", weight=1.6, mailbox="praxis"),
    _spec(1017, "Sanitätshaus Hoffmann GmbH", "anchor", "handel", "koeln",
          "Gabriele Hoffmann", weight=6.5),
    _spec(1018, "Gärtnerei Grünfink", "small_steady", "handel", "koeln", "Lukas Fink",
          weight=0.9),
    _spec(1019, "Ingenieurbüro Hartmann GmbH", "anchor", "dienstleistung", "frankfurt",
          "Frank Hartmann", weight=6.5, mailbox="buero", open_offer=True, terms_days=30),
    _spec(1020, "Café Süßholz", "talker", "gastro", "koeln", "Marion Süß", weight=1.5,
          mailbox="hallo", note="Die Inhaberin ruft gern zwischendurch an."),
    _spec(1021, "Fahrschule Aydın", "small_steady", "dienstleistung", "koeln",
          "Murat Aydın", weight=0.7),
    _spec(1022, "Modehaus Lindner", "ended", "handel", "muenchen", "Karin Lindner",
          weight=1.8, note="Zu einer Inhouse-Lösung gewechselt."),
    _spec(1023, "Tischlerei Schmitz", "drain", "handwerk", "koeln", "Peter Schmitz",
          weight=1.8, stalled="Referenzfotos Werkstatt",
          note="Viele Änderungswünsche nach der Freigabe."),
    _spec(1024, "Physiotherapie Bewegungsraum", "small_steady", "praxis", "koeln",
          "Anna Keller", weight=1.1, mailbox="praxis"),
    _spec(1025, "Kfz-Werkstatt Schulte", "small_steady", "handwerk", "koeln",
          "Dirk Schulte", weight=0.9, mailbox="werkstatt"),
    _spec(1026, "Yoga-Studio Atemzug", "small_steady", "dienstleistung", "koeln",
          "Lea Brandes", weight=0.6, mailbox="hallo"),
    _spec(1027, "Reisebüro Fernweh GmbH", "drain", "dienstleistung", "hamburg",
          "Oliver Jansen", weight=1.4, potential=2),
    _spec(1028, "Dachdeckerei Krämer GmbH", "rude", "handwerk", "koeln", "Horst Krämer",
          weight=3, note="Ton am Telefon oft rau; Mails gern in Großbuchstaben."),
    _spec(1029, "Buchhandlung Seitenweise", "heart", "handel", "koeln", "Ute Lorenz",
          weight=0.9, note="Lesungen im Laden; wir helfen gern."),
    _spec(1030, "Werbeagentur Blickfang", "potential", "dienstleistung", "berlin",
          "Jonas Richter", weight=2.8, mailbox="studio", potential=5, open_offer=True,
          note="Gibt uns Unteraufträge und will mehr abgeben."),
    _spec(1031, "Optik Adler", "small_steady", "handel", "koeln", "Sven Adler", weight=1.0),
    _spec(1032, "Malerbetrieb Weiß & Sohn", "small_steady", "handwerk", "koeln",
          "Günter Weiß", weight=1.3, potential=3),
    _spec(1033, "Hofladen Lindenhof", "small_steady", "gastro", "koeln", "Maria Linden",
          weight=0.7, mailbox="hallo"),
    _spec(1034, "Architekturbüro Klein", "empty_promises", "dienstleistung", "hamburg",
          "Tanja Klein", weight=1.0, mailbox="buero",
          note="Fragt regelmäßig Angebote an, beauftragt dann doch nicht."),
    _spec(1035, "Tanzschule Rhythmus", "small_steady", "verein", "koeln", "Carlos Mendes",
          weight=0.8),
    _spec(1036, "Pflegedienst Lebensfreude GmbH", "potential", "praxis", "koeln",
          "Birgit Hahn", weight=2.0, potential=4, note="Sucht dringend Personal."),
    _spec(1037, "Fotostudio Lichtblick", "ended", "dienstleistung", "koeln",
          "Tim Berg", weight=1.0, mailbox="studio", note="Nach Inhaberwechsel beendet."),
    _spec(1038, "Fitnessstudio Kraftwerk", "complainer", "dienstleistung", "koeln",
          "Kevin Ludwig", weight=1.6,
          note="Reklamiert häufig bereits freigegebene Entwürfe."),
    _spec(1039, "Kosmetikstudio Belle Peau", "dormant", "dienstleistung", "koeln",
          "Sandra Vogt", weight=0.8, mailbox="hallo"),
    _spec(1040, "Hundeschule Pfotenglück", "small_steady", "verein", "koeln",
          "Jana Wolff", weight=0.6, mailbox="hallo"),
    _spec(1041, "Sanitär Heizung Günther GmbH", "small_steady", "handwerk", "koeln",
          "Uwe Günther", weight=1.5, unpaid_overdue=1),
    _spec(1042, "Eiscafé Dolomiti", "small_steady", "gastro", "koeln", "Paolo De Luca",
          weight=0.7, mailbox="ciao"),
    _spec(1043, "Hausverwaltung Becker GmbH", "override_c", "dienstleistung", "koeln",
          "Rainer Becker", weight=1.5, unpaid_overdue=1,
          override=("C", "Trennung zum Quartalsende vereinbart; nur noch Restarbeiten.")),
    _spec(1044, "Tierarztpraxis Dr. Vogel", "small_steady", "praxis", "koeln",
          "Dr. Jan Vogel", weight=1.2, mailbox="praxis"),
    _spec(1045, "Konditorei Zuckerstück", "small_steady", "gastro", "koeln",
          "Eva Zucker", weight=0.9, mailbox="hallo"),
    _spec(1046, "Feinkost Oliva", "small_steady", "gastro", "koeln", "Giulia Russo",
          weight=0.8),
    _spec(1047, "Bio-Markt Löwenzahn", "potential", "handel", "koeln", "Hanna Scholz",
          weight=1.8, potential=4, note="Eröffnet im Herbst eine zweite Filiale."),
    _spec(1048, "Fahrradladen Speiche", "small_steady", "handel", "koeln", "Nils Brauer",
          weight=0.9, mailbox="laden"),
    _spec(1049, "Steinmetz Kögler", "small_steady", "handwerk", "koeln", "Josef Kögler",
          weight=0.7),
    _spec(1050, "Kita Wurzelwerk e.V.", "small_steady", "verein", "koeln", "Sabine Roth",
          weight=0.6, mailbox="vorstand"),
    _spec(1051, "Goldschmiede Brillant", "small_steady", "handel", "koeln",
          "Miriam Goldmann", weight=1.0, mailbox="atelier"),
    _spec(1052, "Coworking Hafenwerk", "small_steady", "dienstleistung", "hamburg",
          "Finn Petersen", weight=1.1, mailbox="hallo"),
    _spec(1053, "Catering Tafelfreude", "small_steady", "gastro", "koeln",
          "Daniela Koch", weight=1.4, odd_hours=0.4,
          note="Veranstaltungen meist am Wochenende; Abstimmung oft abends."),
    _spec(1054, "Logopädie Sprachraum", "small_steady", "praxis", "koeln", "Julia Franke",
          weight=0.8, mailbox="praxis"),
    _spec(1055, "Umzugsservice Flink", "small_steady", "dienstleistung", "koeln",
          "Ahmet Kaya", weight=1.0),
    _spec(1056, "Landmetzgerei Brückner", "small_steady", "gastro", "koeln",
          "Klaus Brückner", weight=1.0),
    _spec(1057, "Hotel Am Stadtpark GmbH", "lead", "gastro", "berlin", "Verena Graf",
          potential=5, mailbox="empfang", open_offer=True,
          note="Plant Relaunch von Website und Buchungsstrecke."),
    _spec(1058, "Orthopädie Dr. Wendt", "lead", "praxis", "koeln", "Dr. Felix Wendt",
          potential=4, mailbox="praxis", open_offer=True),
    _spec(1059, "Gasthaus Zur Linde", "lead_empty", "gastro", "koeln", "Werner Huber",
          potential=3, note="Holt Angebote ein, entscheidet sich dann für den Neffen."),
    _spec(1060, "Bauunternehmen Kurz GmbH", "lead", "handwerk", "muenchen",
          "Robert Kurz", potential=4, mailbox="buero", open_offer=True),
)
# fmt: on


# Letters that have no ASCII form a domain name could use.
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "ı": "i"})
_LEGAL_FORMS = {"gmbh", "co", "kg", "ek", "ev"}


def email_address(spec: CustomerSpec) -> str:
    """'Bäckerei Sommer GmbH' -> 'info@baeckerei-sommer.example'."""
    name = spec.name.lower().translate(_ASCII).replace("e.k.", "ek").replace("e.v.", "ev")
    words = "".join(ch if ch.isalnum() else " " for ch in name).split()
    slug = "-".join(w for w in words if w not in _LEGAL_FORMS)
    return f"{spec.mailbox}@{slug}.example"


def phone_numbers(rng: Random) -> dict[str, str]:
    """A distinct fictional number per customer, e.g. '0221 4710-318'."""
    free = {city: rng.sample(range(1000), 100) for city in PHONE_BLOCKS}
    numbers = {}
    for spec in CATALOGUE:
        area, block = PHONE_BLOCKS[spec.city]
        numbers[spec.id] = f"{area} {block}-{free[spec.city].pop():03d}"
    return numbers
