"""German wording for the demo portfolio: projects, tasks, deliverables, contact notes.

The demo owner runs a small web and communication agency (three people), so every
customer buys some mix of websites, texts, photos, print and social media. The pools are
grouped by the kind of business, so a bakery gets a menu card and a carpenter gets
job ads and reference photos.
"""

from __future__ import annotations

# Who logs time and contacts: the owner and two employees.
USERS = ("jana", "tobias", "mira")
USER_WEIGHTS = (5, 3, 2)

# Projects by kind of business. Recurring services get the year appended when used, the
# way they appear in a real time tracker ("Social Media 2025").
PROJECTS_BY_TRADE: dict[str, tuple[str, ...]] = {
    "gastro": (
        "Website-Relaunch",
        "Website-Pflege",
        "Social Media",
        "Speisekarte",
        "Fotoshooting",
        "Flyer & Anzeigen",
        "Newsletter",
    ),
    "handwerk": (
        "Website-Relaunch",
        "Website-Pflege",
        "Stellenanzeigen",
        "Fotoshooting",
        "Suchmaschinenoptimierung",
        "Flyer & Anzeigen",
        "Messeauftritt",
    ),
    "praxis": (
        "Website-Relaunch",
        "Website-Pflege",
        "Stellenanzeigen",
        "Imagebroschüre",
        "Suchmaschinenoptimierung",
    ),
    "handel": (
        "Online-Shop",
        "Social Media",
        "Newsletter",
        "Flyer & Anzeigen",
        "Fotoshooting",
        "Website-Pflege",
        "Jubiläumskampagne",
    ),
    "dienstleistung": (
        "Website-Relaunch",
        "Website-Pflege",
        "Imagebroschüre",
        "Newsletter",
        "Social Media",
        "Suchmaschinenoptimierung",
        "Stellenanzeigen",
    ),
    "verein": ("Website-Pflege", "Flyer & Anzeigen", "Newsletter", "Fotoshooting"),
}

RECURRING_PROJECTS = frozenset({"Website-Pflege", "Social Media", "Newsletter"})

TASKS_BY_PROJECT: dict[str, tuple[str, ...]] = {
    "Website-Relaunch": (
        "Konzept und Seitenstruktur",
        "Entwurf Startseite",
        "Texte Leistungsseiten",
        "Umsetzung im CMS",
        "Bildauswahl und Bildbearbeitung",
        "Korrekturschleife nach Feedback",
        "Mobilansicht optimiert",
        "Go-live vorbereitet",
        "Impressum und Datenschutz eingebunden",
    ),
    "Website-Pflege": (
        "Plugin-Updates und Backup",
        "Inhalte aktualisiert",
        "Öffnungszeiten angepasst",
        "Sicherheitsupdate eingespielt",
        "Kontaktformular repariert",
        "Neue Teamfotos eingebaut",
    ),
    "Social Media": (
        "Redaktionsplan erstellt",
        "Beiträge getextet",
        "Bilder für Beiträge bearbeitet",
        "Kommentare beantwortet",
        "Monatsauswertung erstellt",
        "Reels geschnitten",
    ),
    "Newsletter": (
        "Newsletter getextet",
        "Vorlage angepasst",
        "Versand vorbereitet und getestet",
        "Empfängerliste bereinigt",
    ),
    "Imagebroschüre": (
        "Gliederung abgestimmt",
        "Texte geschrieben",
        "Layout gesetzt",
        "Druckdaten erstellt",
        "Korrekturen eingearbeitet",
    ),
    "Fotoshooting": (
        "Shooting vorbereitet",
        "Fotoshooting vor Ort",
        "Bildauswahl mit Kunde",
        "Bildbearbeitung",
    ),
    "Flyer & Anzeigen": (
        "Flyer entworfen",
        "Anzeige für Lokalzeitung gestaltet",
        "Druckdaten geprüft",
        "Korrekturen eingearbeitet",
    ),
    "Stellenanzeigen": (
        "Stellenanzeige getextet",
        "Karriereseite ergänzt",
        "Anzeige auf Portalen geschaltet",
    ),
    "Suchmaschinenoptimierung": (
        "Keyword-Recherche",
        "Google-Unternehmensprofil gepflegt",
        "Meta-Texte überarbeitet",
        "Ladezeiten verbessert",
    ),
    "Online-Shop": (
        "Produkte eingepflegt",
        "Zahlungsarten eingerichtet",
        "Produkttexte geschrieben",
        "Versandregeln angepasst",
    ),
    "Speisekarte": (
        "Speisekarte neu gesetzt",
        "Saisonkarte getextet",
        "Druckdaten erstellt",
    ),
    "Messeauftritt": (
        "Messewand entworfen",
        "Roll-up gestaltet",
        "Give-aways abgestimmt",
    ),
    "Jubiläumskampagne": (
        "Kampagnenidee entwickelt",
        "Plakate gestaltet",
        "Pressetext geschrieben",
    ),
}

# What gets handed over at the end of a project; "{season}" and "{year}" are filled in.
DELIVERABLES_BY_PROJECT: dict[str, tuple[str, ...]] = {
    "Website-Relaunch": ("Website-Texte Relaunch", "Neue Startseite", "Leistungsseiten"),
    "Website-Pflege": ("Neue Teamseite", "FAQ-Seite"),
    "Social Media": ("Redaktionsplan {season} {year}", "Reels-Paket {season}"),
    "Newsletter": ("Newsletter-Vorlage", "Newsletter {season} {year}"),
    "Imagebroschüre": ("Imagebroschüre 12 Seiten", "Broschüre Leistungen"),
    "Fotoshooting": ("Produktfotos {season}", "Teamfotos {year}", "Referenzfotos {year}"),
    "Flyer & Anzeigen": ("Flyer Tag der offenen Tür", "Anzeige Lokalzeitung {season}"),
    "Stellenanzeigen": ("Stellenanzeige Azubi {year}", "Karriereseite"),
    "Suchmaschinenoptimierung": ("Google-Profil überarbeitet", "Meta-Texte aller Seiten"),
    "Online-Shop": ("Online-Shop Start", "Produkttexte {season}"),
    "Speisekarte": ("Speisekarte {season} {year}", "Getränkekarte"),
    "Messeauftritt": ("Roll-up Messe {year}", "Messewand"),
    "Jubiläumskampagne": ("Jubiläumsplakat", "Pressemappe Jubiläum"),
}

# Deliverables that cause material costs (print runs, photographers, image licences).
MATERIAL_COSTS: dict[str, tuple[str, int, int]] = {
    "Imagebroschüre": ("Druckkosten", 380, 950),
    "Flyer & Anzeigen": ("Druckkosten", 140, 420),
    "Speisekarte": ("Druckkosten", 120, 320),
    "Messeauftritt": ("Druck Roll-up und Messewand", 290, 780),
    "Jubiläumskampagne": ("Plakatdruck", 240, 690),
    "Fotoshooting": ("Fremdleistung Fotograf", 450, 900),
    "Website-Relaunch": ("Bildlizenzen", 39, 149),
}

SEASONS = ("Frühjahr", "Sommer", "Herbst", "Winter")

OFFER_PREP_PROJECT = "Akquise"
OFFER_PREP_TASKS = (
    "Angebot erstellt",
    "Angebot kalkuliert und geschrieben",
    "Angebot überarbeitet",
)

# Contact notes by (channel, direction). Planned, friendly, everyday contacts.
NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("email", "out"): (
        "Entwürfe zur Freigabe geschickt",
        "Korrekturabzug verschickt",
        "Terminvorschlag für die Abstimmung",
        "Zugangsdaten und Anleitung geschickt",
        "Rechnung mit Leistungsnachweis verschickt",
    ),
    ("email", "in"): (
        "Rückfrage zu den Texten",
        "Neue Fotos geschickt",
        "Freigabe erteilt",
        "Bittet um kurze Änderung der Öffnungszeiten",
        "Schickt Infos für den nächsten Newsletter",
    ),
    ("phone", "out"): (
        "Wie-läuft-es-Anruf",
        "Nachgefragt wegen Freigabe",
        "Termin für das Fotoshooting abgestimmt",
        "Rückruf zur offenen Frage",
    ),
    ("phone", "in"): (
        "Vereinbartes Telefonat zum Projektstand",
        "Rückruf wie verabredet",
        "Telefonat zur Planung des nächsten Quartals",
    ),
    ("chat", "in"): ("Kurze Frage per Messenger", "Schickt Handyfotos für die Website"),
    ("chat", "out"): ("Link zur Vorschau geschickt",),
    ("letter", "out"): ("Weihnachtskarte mit kleinem Präsent", "Dankeskarte nach Projektabschluss"),
    ("letter", "in"): ("Unterlagen per Post erhalten",),
    ("meeting", "out"): (
        "Projektbesprechung in unserem Büro",
        "Jahresgespräch",
        "Workshop zur Seitenstruktur",
    ),
    ("meeting", "in"): ("Kunde kommt mit neuen Ideen vorbei", "Abstimmung der Entwürfe bei uns"),
    ("visit", "out"): (
        "Vor-Ort-Termin, Räume fotografiert",
        "Besuch im Betrieb, Abläufe kennengelernt",
        "Vor-Ort-Termin zur Abnahme",
    ),
}

# Contacts with a lead, before any order.
LEAD_NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("email", "out"): ("Referenzen und Arbeitsproben geschickt", "Fragen zum Umfang geschickt"),
    ("email", "in"): ("Schickt Unterlagen zum Vorhaben", "Rückfragen zum Angebot"),
    ("phone", "out"): ("Nachgefasst: Wie ist der Stand?", "Erstgespräch am Telefon"),
    ("phone", "in"): ("Rückfragen zum Angebot", "Vereinbartes Telefonat zum Budget"),
    ("meeting", "out"): ("Kennenlerngespräch in unserem Büro",),
    ("meeting", "in"): ("Kennenlerngespräch, Wünsche aufgenommen",),
    ("visit", "out"): ("Erstgespräch vor Ort",),
}

UNPLANNED_CALL_NOTES = (
    "Spontaner Anruf: Frage zum Login",
    "Ruft wegen einer Kleinigkeit auf der Website an",
    "Unangekündigter Anruf, will Stand wissen",
    "Spontane Frage zu den Bildrechten",
)

TALKER_CALL_NOTES = (
    "Plaudert lange über den Urlaub, nebenbei eine Frage zur Website",
    "Langes Gespräch ohne konkreten Auftrag",
    "Erzählt vom Ärger mit dem Vermieter, kurze Frage zu Instagram",
    "Ruft an, um über die Konkurrenz zu reden",
    "Wollte nur kurz etwas fragen, dann ging es um alles Mögliche",
    "Bespricht Ideen für irgendwann einmal",
)

OUT_OF_SCOPE_NOTES = (
    "Wünscht zusätzlich eine englische Übersetzung – nicht im Auftrag",
    "Soll schnell noch Visitenkarten gestalten, ohne Angebot",
    "Bittet um Hilfe mit dem Drucker im Büro",
    "Will zusätzlich einen Instagram-Account eingerichtet haben",
    "Möchte nach Abnahme eine dritte Layoutvariante sehen",
    "Fragt nach kostenlosem Wochenendeinsatz für die Aktion",
)

PRICE_NEGOTIATION_NOTES = (
    "Will 15 % Nachlass auf das Angebot",
    "Vergleicht mit einem günstigeren Anbieter und fordert Rabatt",
    "Fragt erneut nach Mengenrabatt",
    "Möchte den Stundensatz senken",
    "Verlangt Skonto trotz später Zahlung",
)

JUSTIFIED_COMPLAINT_NOTES = (
    "Tippfehler im Flyer – berechtigt, sofort korrigiert",
    "Kontaktformular lieferte keine Mails – berechtigt, behoben",
    "Lieferung einen Tag zu spät – entschuldigt",
)

UNJUSTIFIED_COMPLAINT_NOTES = (
    "Beschwert sich über Farben, die selbst freigegeben wurden",
    "Reklamiert Texte, obwohl sie dem Briefing entsprechen",
    "Beschwert sich über die Rechnung, obwohl das Angebot angenommen wurde",
    "Will kostenlose Nachbesserung außerhalb des Auftrags",
    "Behauptet, die Website sei langsam – Messung unauffällig",
)

RUDE_NOTES = (
    "Unfreundlicher Ton, fordert sofortige Änderung",
    "Legt mitten im Gespräch auf",
    "E-Mail in Großbuchstaben mit Vorwürfen",
    "Wird am Telefon laut gegenüber Mira",
    "Droht mit Anwalt wegen einer Bildunterschrift",
)

LEAD_FIRST_CONTACT_NOTES = (
    "Anfrage über das Kontaktformular",
    "Empfehlung eines Bestandskunden, bittet um Rückruf",
    "Kennenlernen auf dem Unternehmerfrühstück",
)

CREDIT_NOTE_REASONS = ("Preisnachlass", "Kulanz", "Korrektur Stundenzahl")

TRAVEL_COSTS: dict[str, tuple[str, int, int]] = {
    "frankfurt": ("Fahrtkosten Frankfurt, 380 km", 114, 114),
    "hamburg": ("Bahnfahrt Hamburg", 129, 189),
    "muenchen": ("Bahnfahrt München und Hotel", 259, 349),
    "berlin": ("Bahnfahrt Berlin", 119, 179),
    "koeln": ("Parkgebühren", 4, 14),
}
