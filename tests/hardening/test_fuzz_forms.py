"""Every form of the web app, posted with hostile values (issue 9, "bad input everywhere").

For each URL that takes a POST, Hypothesis posts the form's fields, a few at a time, with
values from tests.hardening.test_fuzz_values (very long strings, control characters, emoji,
markup, SQL, huge and negative numbers, days outside the calendar) and the others valid, as
the owner, and as staff where staff may use the form. No answer may be a server error, and
the pages that show what was stored must still open, after each post and, at the end, every
page of the app (as owner and staff, plus the exports, the calendar feed and the API's
analysis): no stored garbage may break a later page.

`test_every_post_url_is_fuzzed` walks the URL configuration, so a new form that nobody
added here fails until someone does, as tests/web/test_permissions.py does for pages.

The fields of each form are read from the Django form class itself, so a field added to a
form is fuzzed without touching this file. The runs are derandomised and bounded.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kundenwert.accounts.models import Role, User
from kundenwert.accounts.services import do_create_user
from kundenwert.activity.forms import InteractionForm
from kundenwert.activity.services import do_log_interaction
from kundenwert.api.forms import TokenForm
from kundenwert.api.tokens import do_create_api_token
from kundenwert.billing.forms import AssignPaymentForm
from kundenwert.billing.models import Invoice, Payment
from kundenwert.customers import analysis_service
from kundenwert.customers.forms import GroupOverrideForm, InsightForm, RatingsForm
from kundenwert.customers.models import Contact, Customer
from kundenwert.customers.services import do_add_insight
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.followups import KINDS, cause_key
from kundenwert.kaizen import services as kaizen
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.forms import (
    AgreementsForm,
    EraseForm,
    ExitForm,
    IdealProfileForm,
    KaizenStepForm,
    LetterForm,
    SettingsForm,
    StepUpdateForm,
    TalkForm,
    ValueChainForm,
    WorkDayForm,
)
from kundenwert.kaizen.models import Voice
from kundenwert.patterns.ideal import CRITERIA
from kundenwert.planning import services as planning
from kundenwert.planning.data import load_planning_data
from kundenwert.planning.forms import (
    CauseForm,
    DismissForm,
    FeedTokenForm,
    SnoozeForm,
    TaskForm,
    TextForm,
)
from tests.analysis.builders import make_portfolio
from tests.hardening.test_fuzz_values import (
    hostile_dates,
    hostile_datetimes,
    hostile_numbers,
    hostile_texts,
    hostile_values,
)

PASSWORD = "fuzz-test-password-4711"
EXAMPLES = 10  # per form and role: all test_fuzz_* modules take about a minute on SQLite
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


# --- the world the forms write into -------------------------------------------------------


@dataclass
class World:
    today: date
    owner: User
    staff: User
    customer: Customer  # K1: every kind of record, follow-ups due
    other: Customer  # K2: group C by hand, an exit prepared
    erased: Customer  # K3: erased, its kept records waiting for the purge
    causes: list[str]
    pks: dict[str, int] = field(default_factory=dict)
    feed_secret: str = ""
    api_secret: str = ""


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _portfolio(today: date):
    def day(days: int) -> date:
        return today - timedelta(days=days)

    return make_portfolio(
        customers=[
            {"id": "K1", "name": "Bäckerei Sommer", "heart": True, "since": day(800)},
            {"id": "K2", "name": "Kanzlei Berger", "group_override": "C", "override_reason": "x"},
            {"id": "K3", "name": "Erika Muster"},
            {"id": "K4", "name": "Max Mustermann"},  # erased by the fuzzed form
        ],
        invoices=[
            {"number": "RE-1", "customer_id": "K1", "issue_date": day(90), "net": 2000},
            {"number": "RE-2", "customer_id": "K1", "issue_date": day(20), "net": 500},
            {"number": "RE-3", "customer_id": "K2", "issue_date": day(60), "net": 300},
            {"number": "RE-4", "customer_id": "K3", "issue_date": day(100), "net": 100},
        ],
        time_entries=[
            {"customer_id": "K1", "start": _moment(day(30)).replace(tzinfo=None), "minutes": 90},
            {"customer_id": "K2", "start": _moment(day(40)).replace(tzinfo=None), "minutes": 60},
        ],
        offers=[
            {
                "number": "AN-1",
                "customer_id": "K1",
                "sent_date": day(16),
                "valid_until": today + timedelta(days=14),
                "amount": "4800.00",
            }
        ],
        deliveries=[{"customer_id": "K1", "title": "Website-Texte", "delivered_date": day(30)}],
        interactions=[
            {"customer_id": "K1", "at": _moment(day(70)).replace(tzinfo=None), "channel": "phone"},
            {"customer_id": "K2", "at": _moment(day(8)).replace(tzinfo=None), "channel": "phone"},
        ],
    )


@pytest.fixture(autouse=True)
def no_kept_analysis():
    analysis_service.forget()
    yield
    analysis_service.forget()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world is built once per module, inside a transaction rolled back at the end;
    each test runs in a savepoint of its own inside it (the `db` fixture), so it starts
    from the same world and leaves nothing behind."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db) -> World:
    return module_world


def build_world() -> World:
    today = timezone.localdate()
    owner = do_create_user("olga", PASSWORD, role=Role.OWNER)
    staff = do_create_user("stefan", PASSWORD, role=Role.STAFF)
    do_import_portfolio(_portfolio(today), source="fuzz")
    k1, k2, k3 = (Customer.objects.get(number=n) for n in ("K1", "K2", "K3"))
    Contact.objects.create(customer=k1, name="Petra Sommer", email="petra@example.com")
    do_add_insight(k1, owner, "worry", "Sorge um den Umsatz", today)
    do_log_interaction(
        owner, k1, at=_moment(today - timedelta(days=3)), channel="email", note="Alles gut"
    )
    causes = [item.cause for item in load_planning_data(today).open_followups()]
    assert causes, "the portfolio should have follow-ups due"
    w = World(today, owner, staff, k1, k2, k3, causes)
    step = kaizen.do_create_kaizen_step(
        owner,
        k1,
        area="Abende",
        observed="Ruft abends an",
        step="Sprechzeiten nennen",
        started_on=today - timedelta(days=40),
        review_on=today,
        pattern="odd_hours",
    )
    talk = kaizen.do_hold_relationship_talk(owner, k1, today - timedelta(days=2))
    plan = kaizen.do_prepare_exit(
        owner, k2, voice=Voice.DE_SIE, end_date=today + timedelta(days=60), sender="Olga"
    )
    erasure = kaizen.do_erase_customer(owner, k3, today)
    entry = kaizen.do_add_value_chain_entry(owner, k1, "Hotel am See", "Brötchen")
    # The sweep reads with its own token and feed; the fuzzed revokes get others.
    _token, w.api_secret = do_create_api_token(owner, owner, "sweep")
    _feed, w.feed_secret = planning.do_create_feed_token(owner, "sweep")
    w.pks = {
        "customer": k1.pk,
        "erased_by_form": Customer.objects.get(number="K4").pk,
        "step": step.pk,
        "talk": talk.pk,
        "plan": plan.pk,
        "erasure": erasure.pk,
        "entry": entry.pk,
        "api_token": do_create_api_token(owner, staff, "fuzz")[0].pk,
        "feed_token": planning.do_create_feed_token(owner, "Handy")[0].pk,
        "staff_feed_token": planning.do_create_feed_token(staff, "Handy")[0].pk,
        "task": planning.do_create_task(owner, "Anrufen", assigned_to=owner, due_date=today).pk,
        "staff_task": planning.do_create_task(staff, "Ablage", assigned_to=staff).pk,
        "rule": planning.do_add_rule(owner, "Keine Termine am Freitag").pk,
        "to_leave": planning.do_add_to_leave_item(owner, "Ausschreibungen").pk,
        "payment": Payment.objects.create(
            booked_on=today, amount=595, payer="Sommer", reference="Danke"
        ).pk,
    }
    return w


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the pages that show what the forms store ---------------------------------------------

# name -> (URL name, the World's pk that fills <pk>, or None)
PAGES: dict[str, tuple[str, str | None]] = {
    "dashboard": ("dashboard", None),
    "customers": ("customer_list", None),
    "customer": ("customer_detail", "customer"),
    "today": ("planning:today", None),
    "tasks": ("my_tasks", None),
    "log": ("log_interaction", None),
    "calendar": ("planning:calendar", None),
    "budget": ("planning:budget", None),
    "channels": ("planning:channels", None),
    "kaizen": ("kaizen:overview", None),
    "kaizen_customer": ("kaizen:customer", "customer"),
    "step": ("kaizen:step", "step"),
    "talk": ("kaizen:talk", "talk"),
    "exit": ("kaizen:exit", "customer"),
    "exit_other": ("kaizen:exit", "customer_k2"),
    "erase": ("kaizen:erase", "customer"),
    "privacy": ("kaizen:privacy", None),
    "kaizen_settings": ("kaizen:settings", None),
    "profile": ("kaizen:profile", None),
    "tokens": ("api:tokens", None),
    "workspace_settings": ("workspace_settings", None),
    "reports": ("reports:index", None),
    "payments": ("unmatched_payments", None),
}
STAFF_PAGES = ("today", "tasks", "log", "calendar", "reports")


def page_url(world: World, page: str) -> str:
    name, key = PAGES[page]
    if key is None:
        return reverse(name)
    pk = world.other.pk if key == "customer_k2" else world.pks[key]
    return reverse(name, kwargs={"pk": pk})


def downloads(world: World) -> list[str]:
    """Exports and feeds: they show stored text too, in other formats."""
    plans = world.customer.exit_plans.all() | world.other.exit_plans.all()
    lists = [
        reverse("reports:list", kwargs={"name": name, "fmt": fmt})
        for name in ("customers", "invoices", "interactions", "followups")
        for fmt in ("csv", "csv-de", "xlsx")
    ]
    return [
        *lists,
        reverse("reports:list", kwargs={"name": "interactions", "fmt": "csv-de"})
        + "?encoding=cp1252",
        reverse("reports:annual", kwargs={"year": world.today.year, "fmt": "html"}),
        reverse("kaizen:export", kwargs={"pk": world.customer.pk}),
        *(
            reverse("kaizen:exit_export", kwargs={"pk": p.pk, "fmt": f})
            for p in plans
            for f in ("txt", "html")
        ),
    ]


def assert_opens(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"


def assert_every_page_opens(world: World, *, pdf: bool = False) -> None:
    """After a run: every page, export and feed still opens, for the owner and staff; with
    `pdf`, the annual report as PDF too (a second, so only after the deterministic runs)."""
    owner, staff = _client(world.owner), _client(world.staff)
    analysis_service.forget()
    for page in PAGES:
        assert_opens(owner, page_url(world, page))
    for page in STAFF_PAGES:
        assert_opens(staff, page_url(world, page))
    for url in downloads(world):
        assert_opens(owner, url)
    if pdf:
        year = world.today.year
        assert_opens(owner, reverse("reports:annual", kwargs={"year": year, "fmt": "pdf"}))
    assert_opens(Client(), reverse("planning:feed", kwargs={"secret": world.feed_secret}))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {world.api_secret}")
    for name in ("analysis", "customers", "followups", "interactions", "invoices"):
        assert_opens(api, reverse(f"api:{name}"))
    assert_opens(api, reverse("api:customer_figures", kwargs={"pk": world.customer.pk}))


# --- what each form is, and what a valid post of it looks like --------------------------------


@dataclass(frozen=True)
class FormSpec:
    """One URL that takes a POST.

    `form` gives the Django form whose fields are fuzzed (None: the URL takes no fields);
    `valid` a post that passes, so Hypothesis can change a few fields and leave the others
    valid; `pk` which of the World's objects fills <pk> in the URL; `pages` what shows the
    stored data.
    """

    name: str
    form: Callable[[World], forms.Form] | None
    valid: Callable[[World], dict[str, str]]
    pages: tuple[str, ...]
    pk: str | None = None
    staff: bool = False
    staff_pk: str | None = None  # <pk> for staff, when it is another object
    extra: dict[str, st.SearchStrategy] = field(default_factory=dict)


def _iso(day: date) -> str:
    return day.isoformat()


def _ideal_profile_form(world: World) -> forms.Form:
    return IdealProfileForm(labels=dict.fromkeys(CRITERIA, "x"))


def _profile_post(world: World) -> dict[str, str]:
    weights = {f"weight_{key}": "0" for key in CRITERIA}
    weights[f"weight_{CRITERIA[0]}"] = "3"
    return {"description": "Gute Kunden", "written_on": _iso(world.today), **weights}


def _settings_post(world: World) -> dict[str, str]:
    form = SettingsForm()
    values = {name: str(f.initial) for name, f in form.fields.items() if f.initial is not None}
    values |= {k: str(v) for k, v in pattern_settings().as_json().items()}
    return values | {"invoice_retention_years": "10", "erase_after_years": "3"}


def _own_addresses_form() -> forms.Form:
    from kundenwert.workspace.forms import OwnAddressesForm  # the page is new, still moving

    return OwnAddressesForm()


def _causes() -> st.SearchStrategy[str]:
    """Cause keys that parse: right shape, hostile parts (a customer id with a NUL, a title
    of 500 characters, a day in the year 9999)."""
    part = st.one_of(st.sampled_from(["K1", "K2", "K9", ""]), hostile_texts())
    day = st.one_of(st.none(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31)]), st.dates())
    return st.builds(
        cause_key,
        st.sampled_from(KINDS),
        part,
        st.one_of(st.none(), part),
        day,
    )


def _next_urls() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["/", "/customers/", "//evil.example/", "https://evil.example/"]),
        st.sampled_from(["/\x00", "/%0d%0aSet-Cookie:x=1", "/\r\nX: y", "javascript:alert(1)"]),
        hostile_texts(),
    )


FORMS: list[FormSpec] = [
    # customers
    FormSpec(
        "log_interaction",
        lambda w: InteractionForm(),
        lambda w: {
            "customer": str(w.customer.pk),
            "customer_query": "",
            "channel": "email",
            "direction": "out",
            "planned": "on",
            "minutes": "10",
            "at": "",
            "complaint": "none",
            "mood": "1",
            "note": "Angerufen",
            "occupies": "",
            "confirm_channel": "on",
        },
        ("customer", "tasks", "dashboard", "kaizen_customer"),
        staff=True,
        extra={"next": _next_urls()},
    ),
    FormSpec(
        "customer_ratings",
        lambda w: RatingsForm(),
        lambda w: {"potential": "4", "useful": "on", "heart": ""},
        ("customer", "customers", "dashboard"),
        pk="customer",
    ),
    FormSpec(
        "customer_group",
        lambda w: GroupOverrideForm(),
        lambda w: {"group": "B", "reason": "Zahlt pünktlich"},
        ("customer", "customers", "dashboard"),
        pk="customer",
    ),
    FormSpec(
        "customer_insight",
        lambda w: InsightForm(),
        lambda w: {"kind": "hope", "text": "Will wachsen", "noted_on": _iso(w.today)},
        ("customer",),
        pk="customer",
    ),
    FormSpec(
        "set_language",
        None,
        lambda w: {"language": "de"},
        ("tasks",),
        staff=True,
        extra={
            "language": st.one_of(st.sampled_from(["de", "en"]), hostile_texts()),
            "next": _next_urls(),
        },
    ),
    # planning
    FormSpec(
        "planning:followup_done",
        lambda w: CauseForm(),
        lambda w: {"cause": w.causes[0]},
        ("today",),
        staff=True,
        extra={"cause": st.one_of(_causes(), hostile_texts())},
    ),
    FormSpec(
        "planning:followup_snooze",
        lambda w: SnoozeForm(),
        lambda w: {
            "cause": w.causes[1 % len(w.causes)],
            "until": _iso(w.today + timedelta(days=7)),
        },
        ("today",),
        staff=True,
        extra={"cause": st.one_of(_causes(), hostile_texts())},
    ),
    FormSpec(
        "planning:followup_dismiss",
        lambda w: DismissForm(),
        lambda w: {"cause": w.causes[-1], "reason": "Erledigt sich"},
        ("today",),
        staff=True,
        extra={"cause": st.one_of(_causes(), hostile_texts())},
    ),
    FormSpec(
        "planning:task_add",
        lambda w: TaskForm(),
        lambda w: {
            "title": "Rückruf",
            "due_date": _iso(w.today),
            "estimate_minutes": "30",
            "importance": "2",
        },
        ("today", "tasks", "calendar"),
        staff=True,
    ),
    FormSpec(
        "planning:task_done", None, lambda w: {}, ("today", "tasks"), "task", True, "staff_task"
    ),
    FormSpec(
        "planning:rule_add", lambda w: TextForm(), lambda w: {"text": "Freitags frei"}, ("today",)
    ),
    FormSpec("planning:rule_retire", None, lambda w: {}, ("today",), pk="rule"),
    FormSpec(
        "planning:to_leave_add", lambda w: TextForm(), lambda w: {"text": "Kaltakquise"}, ("today",)
    ),
    FormSpec("planning:to_leave_left", None, lambda w: {}, ("today",), pk="to_leave"),
    FormSpec(
        "planning:calendar_new",
        lambda w: FeedTokenForm(),
        lambda w: {"label": "Tablet"},
        ("calendar",),
        staff=True,
    ),
    FormSpec(
        "planning:calendar_revoke",
        None,
        lambda w: {},
        ("calendar",),
        pk="feed_token",
        staff=True,
        staff_pk="staff_feed_token",
    ),
    # API tokens (the page; the API itself is in test_fuzz_api.py)
    FormSpec(
        "api:token_new",
        lambda w: TokenForm(),
        lambda w: {"name": "Buchhaltung", "user": str(w.owner.pk)},
        ("tokens",),
    ),
    FormSpec("api:token_revoke", None, lambda w: {}, ("tokens",), pk="api_token"),
    # kaizen
    FormSpec(
        "kaizen:step_create",
        lambda w: KaizenStepForm(),
        lambda w: {
            "pattern": "unbilled",
            "area": "",
            "observed": "Viel unberechnet",
            "step": "Stundenzettel",
            "started_on": _iso(w.today - timedelta(days=10)),
            "review_on": _iso(w.today + timedelta(days=30)),
        },
        ("kaizen_customer", "kaizen"),
        pk="customer",
    ),
    FormSpec(
        "kaizen:step",
        lambda w: StepUpdateForm(),
        lambda w: {"reaction": "accepted", "notes": "Gut aufgenommen"},
        ("step", "kaizen_customer", "kaizen"),
        pk="step",
    ),
    FormSpec("kaizen:step_review", None, lambda w: {}, ("step", "kaizen"), pk="step"),
    FormSpec(
        "kaizen:talk_create",
        lambda w: TalkForm(),
        lambda w: {"held_on": _iso(w.today), "watch_until": ""},
        ("kaizen_customer", "kaizen"),
        pk="customer",
    ),
    FormSpec(
        "kaizen:talk",
        lambda w: AgreementsForm(),
        lambda w: {
            "agreements": "Mails statt Anrufe",
            "watch_until": _iso(w.today + timedelta(days=90)),
        },
        ("talk", "kaizen_customer", "kaizen"),
        pk="talk",
    ),
    FormSpec(
        "kaizen:value_chain_add",
        lambda w: ValueChainForm(),
        lambda w: {"name": "Café Nord", "note": "Kuchen"},
        ("kaizen_customer",),
        pk="customer",
    ),
    FormSpec("kaizen:value_chain_remove", None, lambda w: {}, ("kaizen_customer",), pk="entry"),
    FormSpec(
        "kaizen:work_day_add",
        lambda w: WorkDayForm(),
        lambda w: {"day": _iso(w.today), "learned": "Backstube ab 3 Uhr"},
        ("kaizen_customer",),
        pk="customer",
    ),
    FormSpec(
        "kaizen:exit",
        lambda w: ExitForm(),
        lambda w: {
            "voice": "de_sie",
            "end_date": _iso(w.today + timedelta(days=60)),
            "greeting_name": "Frau Sommer",
            "handover": "",
            "recommendation": "",
            "sender": "Olga",
        },
        ("exit", "customer"),
        pk="customer",
    ),
    FormSpec(
        "kaizen:exit_letter",
        lambda w: LetterForm(),
        lambda w: {"letter": "Sehr geehrte Frau Berger,\n\nwir beenden …"},
        ("exit_other",),
        pk="plan",
    ),
    FormSpec("kaizen:exit_confirm", None, lambda w: {}, ("exit_other", "customers"), pk="plan"),
    FormSpec(
        "kaizen:erase",
        lambda w: EraseForm(number="K4"),
        lambda w: {"requested_on": _iso(w.today), "confirm_number": "K4"},
        ("privacy", "customers", "dashboard"),
        pk="erased_by_form",
    ),
    FormSpec("kaizen:purge", None, lambda w: {}, ("privacy",), pk="erasure"),
    FormSpec("kaizen:profile", _ideal_profile_form, _profile_post, ("profile",)),
    FormSpec(
        "kaizen:settings",
        lambda w: SettingsForm(),
        _settings_post,
        ("kaizen_settings", "kaizen", "kaizen_customer", "privacy"),
    ),
    # billing: an unmatched payment assigned to an open invoice (RE-2 fits its amount)
    FormSpec(
        "payment_assign",
        lambda w: AssignPaymentForm(),
        lambda w: {"invoice": str(Invoice.objects.get(number="RE-2").pk), "page": "1"},
        ("payments", "customer", "dashboard"),
        pk="payment",
        extra={"page": st.one_of(hostile_numbers(), hostile_texts())},
    ),
    # workspace
    FormSpec(
        "workspace_settings",
        lambda w: _own_addresses_form(),
        lambda w: {"own_addresses": "olga@example.com\nexample.org"},
        ("workspace_settings", "dashboard"),
    ),
]
FORMS_BY_NAME = {spec.name: spec for spec in FORMS}

# POST URLs fuzzed elsewhere or not at all, and why.
NOT_HERE = {
    "login": "sign-in and its lock-out: tests/hardening/test_login_lockout.py",
    "logout": "takes no input",
}
# Areas left out by the start of their URL names.
NOT_HERE_AREAS = {
    "import_": "the import pages take files: hostile files in tests/exchange/test_bad_input.py",
}
# The REST API's writing endpoints: schemathesis (tests/api/test_schema_conformance.py)
# and tests/hardening/test_fuzz_api.py.
API_WRITES = {
    "api:customers",
    "api:customer",
    "api:interactions",
    "api:time_entries",
    "api:invoices",
    "api:followup_done",
    "api:followup_snooze",
}


# --- strategies of posts ----------------------------------------------------------------------


def field_values(formfield: forms.Field) -> st.SearchStrategy[str]:
    """Hostile values fitting the kind of a Django form field (and some that do not)."""
    if isinstance(formfield, forms.BooleanField):
        return st.one_of(st.sampled_from(["on", "", "false", "0", "off"]), hostile_texts())
    if isinstance(formfield, forms.ModelChoiceField):
        pks = [str(pk) for pk in formfield.queryset.values_list("pk", flat=True)]
        return st.one_of(st.sampled_from(pks or ["1"]), hostile_numbers(), hostile_texts())
    if isinstance(formfield, forms.ChoiceField):
        values = [str(value) for value, _label in formfield.choices]
        return st.one_of(st.sampled_from(values), hostile_texts())
    if isinstance(formfield, forms.DateTimeField):
        return hostile_datetimes()
    if isinstance(formfield, forms.DateField):
        return hostile_dates()
    if isinstance(formfield, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return hostile_numbers()
    return hostile_texts()


def fuzzed_fields(spec: FormSpec, world: World) -> dict[str, st.SearchStrategy[str]]:
    fields = {}
    if spec.form is not None:
        fields = {name: field_values(f) for name, f in spec.form(world).fields.items()}
    fields |= spec.extra
    return fields or {"junk": hostile_values()}  # a URL without fields still gets a body


@st.composite
def posts(draw, spec: FormSpec, world: World) -> dict[str, str]:
    """The valid post with some fields hostile, some left out, or (rarely) all hostile."""
    data = dict(spec.valid(world))
    fields = fuzzed_fields(spec, world)
    names = sorted(fields)
    chosen = draw(st.sets(st.sampled_from(names), min_size=1, max_size=min(3, len(names))))
    if draw(st.integers(0, 9)) == 0:
        chosen = set(names)
    for name in sorted(chosen):
        if draw(st.integers(0, 9)) == 0:
            data.pop(name, None)
        else:
            data[name] = draw(fields[name])
    return data


def pks(real: int) -> st.SearchStrategy[int]:
    """Mostly the real object; sometimes none, one that was never there, or one beyond
    every integer column."""
    odd = st.sampled_from([0, 1, 2**31, 2**63, 10**20])
    return st.one_of(st.just(real), st.just(real), st.just(real), odd)


def fuzz(spec: FormSpec, world: World, client: Client, *, staff: bool = False) -> None:
    """Hypothesis posts to the form; after each post, the page that shows the form's data
    must still open (the full sweep follows at the end of the test)."""
    pk_key = (spec.staff_pk or spec.pk) if staff else spec.pk
    pages = [p for p in spec.pages if p in STAFF_PAGES] if staff else list(spec.pages)
    pk_values = pks(world.pks[pk_key]) if pk_key else st.none()

    @FUZZ
    @given(data=posts(spec, world), pk=pk_values)
    def post(data, pk):
        url = reverse(spec.name, kwargs={"pk": pk} if pk is not None else {})
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400, 403, 404), response.status_code
        for page in pages[:1]:
            assert_opens(client, page_url(world, page))

    post()


def _url(spec: FormSpec, world: World) -> str:
    return reverse(spec.name, kwargs={"pk": world.pks[spec.pk]} if spec.pk else {})


# --- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.name)
def test_hostile_posts_cause_no_server_error_and_break_no_page(spec, world):
    fuzz(spec, world, _client(world.owner))
    if spec.staff:
        fuzz(spec, world, _client(world.staff), staff=True)

    assert_every_page_opens(world)


# Not left to chance: the values most likely to break a database or a page.
SHARP_TEXTS = [
    "K1\x00",  # PostgreSQL refuses NUL in text
    "\x1b[31m\x07",
    "\u202e<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    " \u3000 ",
    "😀" * 10_001,
]


def test_each_text_field_takes_the_sharpest_texts_without_a_server_error(world):
    """Every text field of every form gets each sharp text, one field at a time, the other
    fields valid: on PostgreSQL this is where a NUL would surface as a server error."""
    client = _client(world.owner)
    for spec in FORMS:
        fields = spec.form(world).fields if spec.form else {}
        for name in [n for n, f in fields.items() if type(f) is forms.CharField]:
            for value in SHARP_TEXTS:
                response = client.post(_url(spec, world), spec.valid(world) | {name: value})
                assert response.status_code < 500, (spec.name, name, value[:20])
    assert_every_page_opens(world, pdf=True)


@pytest.mark.parametrize("value", ["0001-01-01", "1900-01-01", "2999-12-31", "9999-12-31"])
def test_each_date_field_takes_days_at_the_calendar_s_ends_without_a_server_error(value, world):
    """Days Python can hold but no arithmetic may step beyond: a talk on 31 December 9999
    whose watch would end later, a step started on 1 January of the year 1."""
    client = _client(world.owner)
    for spec in FORMS:
        fields = spec.form(world).fields if spec.form else {}
        for name, formfield in fields.items():
            if not isinstance(formfield, forms.DateField | forms.DateTimeField):
                continue
            text = value + "T12:00" if isinstance(formfield, forms.DateTimeField) else value
            response = client.post(_url(spec, world), spec.valid(world) | {name: text})
            assert response.status_code < 500, (spec.name, name)
    # The PDF only for the days the forms take and store.
    assert_every_page_opens(world, pdf=value in ("1900-01-01", "2999-12-31"))


@pytest.mark.parametrize("form", [InsightForm, SnoozeForm, TaskForm, TalkForm, WorkDayForm])
def test_a_day_outside_the_years_is_a_form_error_that_names_them(form, db):
    names = [n for n, f in form().fields.items() if isinstance(f, forms.DateField)]
    bound = form(dict.fromkeys(names, "9999-12-31"))

    assert not bound.is_valid()
    for name in names:
        assert any("1900" in error and "2999" in error for error in bound.errors[name])


def test_a_note_that_looks_like_a_formula_stays_text_in_the_workbook(world):
    """A note typed as "=HYPERLINK(…)" must not become a live formula in the owner's
    Excel download, nor "#N/A" an error value, nor an escape sequence break the file."""
    client = _client(world.staff)
    for note in ('=HYPERLINK("https://evil.example","Rechnung")', "#N/A", "\x1b[31mrot"):
        data = FORMS_BY_NAME["log_interaction"].valid(world) | {"note": note}
        assert client.post(reverse("log_interaction"), data).status_code == 302

    url = reverse("reports:list", kwargs={"name": "interactions", "fmt": "xlsx"})
    response = _client(world.owner).get(url)

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    notes = {cell.value: cell.data_type for cell in cells if isinstance(cell.value, str)}
    assert notes['=HYPERLINK("https://evil.example","Rechnung")'] == "s"
    assert notes["#N/A"] == "s"
    assert "[31mrot" in notes


def test_a_follow_up_cause_with_hostile_parts_is_refused_or_kept_harmlessly(world):
    """A cause key is JSON: a NUL written as \\u0000 passes the form's check for NUL
    characters, and a customer number longer than its column passes the form's length."""
    client = _client(world.staff)
    for customer_id in ("K\x001", "x" * 500, "<script>", "\u202e"):
        for ref in (None, "\x00", "y" * 400):
            cause = cause_key("cadence", customer_id, ref, world.today)
            for name, extra in (
                ("planning:followup_done", {}),
                ("planning:followup_snooze", {"until": _iso(world.today + timedelta(days=3))}),
                ("planning:followup_dismiss", {"reason": "weil"}),
            ):
                response = client.post(reverse(name), {"cause": cause, **extra})
                assert response.status_code == 302
    assert_every_page_opens(world)


# --- every form is fuzzed ---------------------------------------------------------------------


def post_views(patterns=None, namespace: str = "") -> dict[str, Callable]:
    """{URL name: view} of every named URL outside the Django admin whose view takes a
    POST: a function view that mentions POST (require_POST, request.POST, the method) or a
    class-based view with a post, put, patch or delete method."""
    found: dict[str, Callable] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{entry.namespace}:" if entry.namespace else namespace
            found |= post_views(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and _takes_post(entry.callback):
            found[namespace + entry.name] = entry.callback
    return found


def _takes_post(view) -> bool:
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is not None:
        return any(hasattr(view_class, m) for m in ("post", "put", "patch", "delete"))
    return "POST" in inspect.getsource(inspect.unwrap(view))


def test_every_post_url_is_fuzzed():
    taking_post = {name for name in post_views() if not name.startswith(tuple(NOT_HERE_AREAS))}
    covered = set(FORMS_BY_NAME) | set(NOT_HERE) | API_WRITES

    assert taking_post - covered == set(), "add the new form to FORMS (or to NOT_HERE, saying why)"
    assert covered - taking_post == set(), "these URLs are gone or take no POST any more"


def test_the_form_list_knows_each_form_once():
    assert len(FORMS_BY_NAME) == len(FORMS)
    assert not set(FORMS_BY_NAME) & set(NOT_HERE)
