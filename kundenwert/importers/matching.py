"""Which customer a record from another tool belongs to.

A record names its customer with a `CustomerRef` (a name, an id, e-mail addresses, a
domain). The rules, in this order; the first that finds exactly one customer decides:

1. the customer map (see `CustomerMap`): the ref's name (as written, then normalised), an
   e-mail address or a domain listed there;
2. the id: a customer whose number is the ref's id;
3. the exact name;
4. the normalised name (`normalise_name`: case, umlauts and ß, accents, punctuation, "und"
   and "&", and legal forms such as GmbH, AG, UG (haftungsbeschränkt), e.K., KG, GmbH & Co.
   KG, e.V., Ltd or Inc do not count);
5. an e-mail address of the customer or of one of its contacts;
6. the e-mail domain of the customer or its contacts (and their subdomains), never for
   freemail providers (gmx.de, web.de, gmail.com …) nor the owner's own domains: many
   unrelated people share those.

A name or domain that fits several customers decides nothing: `match` says which ones, so
that the record can be skipped with that reason rather than given to the wrong customer.
Unknown customers can be planned as new ones (`plan_new`): numbered NEU-0001, NEU-0002 …
after the highest such number in use, named as the ref names them; the new customer is then
found by the following refs like any other.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kundenwert.importers import csv_tools
from kundenwert.importers.records import CustomerRef
from kundenwert.portfolio.errors import MAX_ERRORS, RowError

NEW_PREFIX = "NEU-"

FREEMAIL_DOMAINS = frozenset(
    {
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de", "t-online.de",
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "posteo.de",
        "posteo.net", "mailbox.org", "freenet.de", "arcor.de", "online.de", "mail.de",
        "email.de", "kabelmail.de", "vodafone.de", "aol.com", "aol.de", "msn.com",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com",
        "tutanota.de", "tuta.io", "fastmail.com", "zoho.com", "mail.ru", "yandex.com",
        "yandex.ru", "bluewin.ch", "gmx.li", "hushmail.com", "ymail.com", "rocketmail.com",
    }
)  # fmt: skip
# Providers with a domain per country: yahoo.de, yahoo.co.uk, hotmail.fr, outlook.at …
FREEMAIL_FAMILIES = ("yahoo", "hotmail", "outlook", "live", "gmx", "aol", "yandex", "windowslive")

# Legal forms as the words `normalise_name` leaves of them ("e.K." → "e k").
LEGAL_FORMS = tuple(
    sorted(
        (
            tuple(form.split())
            for form in (
                "gmbh co kg", "gmbh co kgaa", "gmbh co ohg", "ag co kg", "ag co kgaa",
                "ug haftungsbeschraenkt co kg", "ug haftungsbeschraenkt", "ug haftungsbeschrankt",
                "gesellschaft mit beschraenkter haftung", "gmbh", "ggmbh", "mbh", "ag", "ug",
                "e k", "ek", "e kfm", "e kfr", "kg", "kgaa", "ohg", "gbr", "e v", "ev", "se",
                "partg mbb", "partg", "co kg", "co ohg", "co", "ltd", "limited", "inc",
                "incorporated", "llc", "llp", "plc", "corp", "corporation", "sarl", "s a r l",
                "srl", "s a", "sa", "b v", "bv", "n v", "nv", "spa", "s p a", "ab", "oy",
            )
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
CONNECTORS = frozenset({"und", "and", "u"})
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})


def normalise_name(name: str) -> str:
    """The part of a company name that tells it apart: `Bäckerei Müller GmbH & Co. KG`
    and `baeckerei mueller` are both "baeckerei mueller"."""
    text = name.casefold().translate(UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = [w for w in re.sub(r"[^0-9a-z]+", " ", text).split() if w not in CONNECTORS]
    while True:
        form = next((f for f in LEGAL_FORMS if _ends_with(words, f)), None)
        if form is None or len(form) >= len(words):  # a name is never only a legal form
            return " ".join(words)
        words = words[: -len(form)]


def _ends_with(words: list[str], form: tuple[str, ...]) -> bool:
    return len(words) >= len(form) and tuple(words[-len(form) :]) == form


def email_domain(address: str) -> str | None:
    _, at, domain = address.strip().rpartition("@")
    domain = canonical_domain(domain.strip().strip(">"))
    return domain if at and "." in domain else None


def canonical_domain(domain: str) -> str:
    """A domain in one spelling: lower-case, without a final dot, and an internationalised
    one in Unicode however it was written (mail headers write müller.de as xn--mller-kva.de)."""
    labels = domain.strip().lower().rstrip(".").split(".")
    return ".".join(_unicode_label(label) for label in labels)


def _unicode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode").lower()
    except (UnicodeError, ValueError):
        return label  # not punycode after all: kept as written


def canonical_address(address: str) -> str:
    """An e-mail address in one spelling: lower-case, its domain as `canonical_domain`."""
    local, at, domain = address.strip().lower().rpartition("@")
    return f"{local}@{canonical_domain(domain)}" if at else address.strip().lower()


def is_freemail(domain: str) -> bool:
    return domain in FREEMAIL_DOMAINS or domain.split(".")[0] in FREEMAIL_FAMILIES


def parent_domains(domain: str) -> list[str]:
    """`mail.example.co` → [mail.example.co, example.co]: a subdomain is the same firm."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


# --- the customer map -----------------------------------------------------------------------


class CustomerMapInvalid(Exception):
    def __init__(self, errors: list[RowError], total: int) -> None:
        super().__init__(f"{total} error(s) in the customer map")
        self.errors, self.total = errors, total


@dataclass
class CustomerMap:
    """What the user decided: a name, e-mail address or domain from a source → a customer.

    The file is CSV (comma, semicolon or tab; UTF-8 or Windows-1252) with a header row:

    | column        | required | meaning                                                      |
    | ------------- | -------- | ------------------------------------------------------------ |
    | source_name   | yes      | a name as a source writes it (matched as written, then        |
    |               |          | normalised), a full e-mail address, or a domain               |
    | customer_id   | yes      | the customer's number (its id in the portfolio folder)        |
    | customer_name | no       | the name for a customer_id not yet in the database, which the |
    |               |          | import then creates (default: the source_name)               |

    A source_name may appear once only; several source_names may share a customer_id.
    """

    by_key: dict[str, str] = field(default_factory=dict)  # see `keys` → customer_id
    names: dict[str, str] = field(default_factory=dict)  # customer_id → name for a new one

    @classmethod
    def read(cls, path: Path) -> CustomerMap:
        try:
            table = csv_tools.open_csv(Path(path))
        except csv_tools.CsvProblem as problem:
            raise CustomerMapInvalid([problem.error], 1) from None
        columns = {
            name: table.index(name) for name in ("source_name", "customer_id", "customer_name")
        }
        missing = [n for n in ("source_name", "customer_id") if columns[n] is None]
        if missing:
            errors = [
                RowError(table.file, 1, n, None, "required column is missing") for n in missing
            ]
            raise CustomerMapInvalid(errors, len(errors))
        return cls._from_rows(table, columns)

    @classmethod
    def _from_rows(cls, table: csv_tools.CsvTable, columns: dict[str, int | None]) -> CustomerMap:
        result, errors, first_line = cls(), [], {}
        try:
            for line, fields in table.rows():
                source, customer_id, name = (
                    fields[i].strip() if i is not None else "" for i in columns.values()
                )
                for column, value in (("source_name", source), ("customer_id", customer_id)):
                    if not value:
                        errors.append(
                            RowError(table.file, line, column, None, "a value is required")
                        )
                if not source or not customer_id:
                    continue
                if source in first_line:
                    message = f"appears more than once (first on line {first_line[source]})"
                    errors.append(RowError(table.file, line, "source_name", source, message))
                    continue
                first_line[source] = line
                result.add(source, customer_id, name)
        except csv_tools.CsvProblem as problem:
            errors.append(problem.error)
        if errors:
            raise CustomerMapInvalid(errors[:MAX_ERRORS], len(errors))
        return result

    def add(self, source: str, customer_id: str, name: str = "") -> None:
        for key in self.keys(source):
            self.by_key.setdefault(key, customer_id)
        if name or customer_id not in self.names:
            self.names[customer_id] = name or self.names.get(customer_id) or source

    @staticmethod
    def keys(source: str) -> list[str]:
        text = source.strip()
        if "@" in text:
            return ["email:" + text.lower()]
        keys = ["name:" + text, "norm:" + normalise_name(text)]
        if re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", text.lower()):
            keys.append("domain:" + text.lower())
        return keys

    def lookup(self, ref: CustomerRef) -> str | None:
        for key in _ref_keys(ref):
            if key in self.by_key:
                return self.by_key[key]
        return None


def _ref_keys(ref: CustomerRef) -> Iterable[str]:
    if ref.name:
        yield "name:" + ref.name.strip()
        yield "norm:" + normalise_name(ref.name)
    for address in ref.emails:
        yield "email:" + canonical_address(address)
    for domain in _ref_domains(ref):
        yield "domain:" + domain


def _ref_domains(ref: CustomerRef) -> list[str]:
    domains = [canonical_domain(ref.domain)] if ref.domain else []
    domains += [d for d in map(email_domain, ref.emails) if d]
    return list(dict.fromkeys(domains))


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """A customer as matching sees it; `pk` is None for one planned by this import."""

    number: str
    name: str
    pk: int | None = None
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    customer: Known | None
    rule: str  # map, id, name, normalised name, e-mail, domain, or "" for none
    candidates: tuple[Known, ...] = ()  # when the deciding rule found several

    @property
    def ambiguous(self) -> bool:
        return self.customer is None and len(self.candidates) > 1


class Matcher:
    def __init__(
        self,
        customers: Iterable[Known],
        *,
        customer_map: CustomerMap | None = None,
        own_domains: Iterable[str] = (),
    ) -> None:
        self.customer_map = customer_map or CustomerMap()
        self.own_domains = {
            canonical_domain(d.strip().lstrip("@")) for d in own_domains if d.strip()
        }
        self.by_number: dict[str, Known] = {}
        self.by_name: dict[str, list[Known]] = defaultdict(list)
        self.by_normalised: dict[str, list[Known]] = defaultdict(list)
        self.by_email: dict[str, list[Known]] = defaultdict(list)
        self.by_domain: dict[str, list[Known]] = defaultdict(list)
        self.planned: list[Known] = []
        self.cache: dict[CustomerRef, Match] = {}
        for customer in customers:
            self._index(customer)
        self.next_new = 1 + max(
            (int(n[len(NEW_PREFIX) :]) for n in self.by_number if _is_new_number(n)), default=0
        )

    def _index(self, customer: Known) -> None:
        self.by_number[customer.number] = customer
        _add(self.by_name, customer.name.strip(), customer)
        _add(self.by_normalised, normalise_name(customer.name), customer)
        for address in customer.emails:
            _add(self.by_email, canonical_address(address), customer)
            domain = email_domain(address)
            if domain and self.domain_counts(domain):
                _add(self.by_domain, domain, customer)

    def domain_counts(self, domain: str) -> bool:
        """Whether a domain tells customers apart (not freemail, not the owner's own)."""
        return not is_freemail(domain) and not any(
            d in self.own_domains for d in parent_domains(domain)
        )

    def match(self, ref: CustomerRef) -> Match:
        found = self.cache.get(ref)
        if found is None:
            found = self.cache[ref] = self._match(ref)
        return found

    def _match(self, ref: CustomerRef) -> Match:
        mapped = self.customer_map.lookup(ref)
        if mapped is not None:
            known = self.by_number.get(mapped) or self._plan(
                mapped, self.customer_map.names[mapped]
            )
            return Match(known, "map")
        if ref.id and ref.id.strip() in self.by_number:
            return Match(self.by_number[ref.id.strip()], "id")
        rules = [
            ("name", self.by_name, [ref.name.strip()] if ref.name else []),
            ("normalised name", self.by_normalised, [normalise_name(ref.name)] if ref.name else []),
            ("e-mail", self.by_email, [canonical_address(a) for a in ref.emails]),
            ("domain", self.by_domain, self._countable_domains(ref)),
        ]
        for rule, index, keys in rules:
            found = _unique(index.get(key, []) for key in keys if key)
            if found:
                return Match(found[0], rule) if len(found) == 1 else Match(None, rule, tuple(found))
        return Match(None, "")

    def _countable_domains(self, ref: CustomerRef) -> list[str]:
        return [
            parent
            for domain in _ref_domains(ref)
            if self.domain_counts(domain)
            for parent in parent_domains(domain)
        ]

    def plan_new(self, ref: CustomerRef) -> Known:
        """A new customer for an unknown ref: its id if it has one, else the next NEU-…."""
        number = ref.id.strip() if ref.id and ref.id.strip() else self._next_number()
        name = ref.name or (ref.emails[0] if ref.emails else ref.domain) or number
        known = self._plan(number, name.strip()[:200], ref.emails)
        self.cache[ref] = Match(known, "new")
        return known

    def _plan(self, number: str, name: str, emails: tuple[str, ...] = ()) -> Known:
        known = Known(number=number, name=name, emails=emails)
        self.planned.append(known)
        self._index(known)
        self.cache.clear()  # earlier refs without a match may now have one
        return known

    def _next_number(self) -> str:
        while f"{NEW_PREFIX}{self.next_new:04d}" in self.by_number:
            self.next_new += 1
        number = f"{NEW_PREFIX}{self.next_new:04d}"
        self.next_new += 1
        return number


def _add(index: dict[str, list[Known]], key: str, customer: Known) -> None:
    if key and customer not in index[key]:
        index[key].append(customer)


def _unique(groups: Iterable[list[Known]]) -> list[Known]:
    """The customers found under any of the keys of one rule, each once."""
    found: dict[str, Known] = {}
    for group in groups:
        for customer in group:
            found.setdefault(customer.number, customer)
    return list(found.values())


def _is_new_number(number: str) -> bool:
    return number.startswith(NEW_PREFIX) and number[len(NEW_PREFIX) :].isdigit()
