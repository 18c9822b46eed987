"""The API's endpoints. Reads filter and page; writes go through the services layer, so the
API, the web forms and the importers save by the same rules and leave the same change log.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics
from rest_framework.exceptions import ErrorDetail
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kundenwert.activity.services import do_create_time_entry, do_log_interaction
from kundenwert.analysis import AnalysisError
from kundenwert.api import schema
from kundenwert.api.analysis import analysis_json, customer_figures, open_followups
from kundenwert.api.permissions import OwnerOnly, OwnersAndStaff, OwnerWrites
from kundenwert.api.serializers import (
    AnalysisQuery,
    AsOfQuery,
    CauseSerializer,
    CustomerQuery,
    CustomerSerializer,
    FollowupListSerializer,
    FollowupQuery,
    FollowupStateSerializer,
    InteractionSerializer,
    InvoiceSerializer,
    SnoozeSerializer,
    TimeEntrySerializer,
)
from kundenwert.billing.services import do_create_invoice
from kundenwert.customers.models import Customer
from kundenwert.customers.services import do_create_customer, do_edit_customer
from kundenwert.followups.output import item_json
from kundenwert.lib.formatting import language
from kundenwert.planning import services as planning
from kundenwert.planning.forms import SnoozeForm
from kundenwert.reports import querysets

CONFLICT = OpenApiResponse(response=schema.ERROR_SCHEMA, description=schema.CONFLICT)
LIST_FILTERS = [
    OpenApiParameter("customer", OpenApiTypes.INT, description="A customer's id."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="From this day on (included)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Up to this day (included)."),
]


# --- customers ------------------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter("number", OpenApiTypes.STR, description="The customer number."),
        OpenApiParameter("status", OpenApiTypes.STR, enum=["lead", "active", "ended"]),
        OpenApiParameter("q", OpenApiTypes.STR, description="Part of the name."),
    ]
)
class CustomerList(generics.ListCreateAPIView):
    """Customers; owners also see their own ratings, hand-set group and notes. Owners
    create."""

    serializer_class = CustomerSerializer
    permission_classes = [OwnerWrites]

    def get_queryset(self) -> QuerySet[Customer]:
        query = CustomerQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        rows = Customer.objects.order_by("name", "number")
        if params.get("number"):
            rows = rows.filter(number=params["number"])
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        if params.get("q"):
            rows = rows.filter(name__icontains=params["q"])
        return rows

    def perform_create(self, serializer) -> None:
        serializer.instance = do_create_customer(self.request.user, **serializer.validated_data)


class CustomerDetail(generics.RetrieveUpdateAPIView):
    """A customer; owners update (PUT sends every field, PATCH only those it changes)."""

    serializer_class = CustomerSerializer
    permission_classes = [OwnerWrites]
    queryset = Customer.objects.all()

    def perform_update(self, serializer) -> None:
        do_edit_customer(serializer.instance, self.request.user, **serializer.validated_data)


@extend_schema(
    parameters=[AsOfQuery],
    responses={200: schema.CUSTOMER_FIGURES, 409: CONFLICT},
)
class CustomerFigures(APIView):
    """The customer's group, reasons (with their sentences) and figures as of a day, over
    the analysis period ending that day. Owners only."""

    permission_classes = [OwnerOnly]

    def get(self, request: Request, pk: int) -> Response:
        customer = generics.get_object_or_404(Customer, pk=pk)
        query = AsOfQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        lang = _user_language(request)
        return Response(_analysis(lambda: customer_figures(customer, as_of, lang)))


# --- records --------------------------------------------------------------------------


class RecordList(generics.ListCreateAPIView):
    """A list filtered by customer and date range (querysets.py), with a create: a subclass
    names its `rows` (a querysets function) and `create_record` (a service)."""

    rows = None

    def get_queryset(self) -> QuerySet:
        try:
            return self.rows(querysets.parse_list_filter(self.request.query_params))
        except querysets.FilterInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from None

    def perform_create(self, serializer) -> None:
        values = dict(serializer.validated_data)
        customer = values.pop("customer")
        serializer.instance = self.create_record(self.request.user, customer, values)


@extend_schema(parameters=LIST_FILTERS)
class InteractionList(RecordList):
    """Contacts with customers, newest first. Owners and staff."""

    serializer_class = InteractionSerializer
    permission_classes = [OwnersAndStaff]
    rows = staticmethod(querysets.interactions)

    @staticmethod
    def create_record(user, customer, values):
        values.setdefault("at", timezone.now())
        return do_log_interaction(user, customer, **values)


@extend_schema(parameters=LIST_FILTERS)
class TimeEntryList(RecordList):
    """Tracked time, newest first. Owners and staff."""

    serializer_class = TimeEntrySerializer
    permission_classes = [OwnersAndStaff]
    rows = staticmethod(querysets.time_entries)

    @staticmethod
    def create_record(user, customer, values):
        return do_create_time_entry(user, customer, **values)


@extend_schema(parameters=LIST_FILTERS)
class InvoiceList(RecordList):
    """Invoices by issue date, newest first. Owners only."""

    serializer_class = InvoiceSerializer
    permission_classes = [OwnerOnly]
    rows = staticmethod(querysets.invoices)

    @staticmethod
    def create_record(user, customer, values):
        return do_create_invoice(user, customer, **values)


# --- the analysis ---------------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today."),
        OpenApiParameter("from", OpenApiTypes.DATE, description="With `to`: the period."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="With `from`: the period."),
    ],
    responses={200: schema.ANALYSIS, 409: CONFLICT},
)
class Analysis(APIView):
    """The customer base analysis, exactly as `kundenwert analyze --format json` prints it
    (method.md section 2). Without `from` and `to`, the settings' period (365 days) ending
    on the as-of date. Owners only."""

    permission_classes = [OwnerOnly]

    def get(self, request: Request) -> Response:
        query = AnalysisQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        as_of = values.get("as_of") or timezone.localdate()
        period = (values["from"], values["to"]) if "from" in values else None
        return Response(_analysis(lambda: analysis_json(as_of, period)))


# --- follow-ups -----------------------------------------------------------------------


@extend_schema(
    parameters=[FollowupQuery],
    responses={200: FollowupListSerializer, 409: CONFLICT},
)
class FollowupList(APIView):
    """The open follow-ups due by the as-of date (method.md section 4), each with the
    `cause` that names it for done and snooze. Staff get the reasons without amounts."""

    permission_classes = [OwnersAndStaff]

    def get(self, request: Request) -> Response:
        query = FollowupQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        lang = query.validated_data.get("lang") or _user_language(request)
        items = _analysis(lambda: open_followups(as_of))
        money = request.user.is_owner
        rows = [item_json(i, lang, money=money) | {"cause": i.cause} for i in items]
        return Response({"as_of": as_of.isoformat(), "followups": rows})


@extend_schema(request=CauseSerializer, responses={200: FollowupStateSerializer})
class FollowupDone(APIView):
    """Marks a follow-up done. Owners and staff."""

    permission_classes = [OwnersAndStaff]

    def post(self, request: Request) -> Response:
        body = CauseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cause = body.validated_data["cause"]
        state = _planning(planning.do_mark_followup_done, request.user, cause)
        return Response(FollowupStateSerializer(state).data)


@extend_schema(request=SnoozeSerializer, responses={200: FollowupStateSerializer})
class FollowupSnooze(APIView):
    """Snoozes a follow-up until a day after today. Owners and staff."""

    permission_classes = [OwnersAndStaff]

    def post(self, request: Request) -> Response:
        body = SnoozeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = SnoozeForm(request.data)  # the web form's rule: a day after today
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        cause, until = form.cleaned_data["cause"], form.cleaned_data["until"]
        state = _planning(planning.do_snooze_followup, request.user, cause, until)
        return Response(FollowupStateSerializer(state).data)


# --- helpers --------------------------------------------------------------------------


@extend_schema(exclude=True)
class NoSuchEndpoint(APIView):
    """Any other address under /api/v1/: 404 in the API's error body, not an HTML page,
    whatever the method (after the token check, so a guess without one learns nothing)."""

    permission_classes = [OwnersAndStaff]

    def handle(self, request: Request, *args, **kwargs) -> Response:
        raise exceptions.NotFound

    get = post = put = patch = delete = head = options = handle


def _analysis(compute):
    """`compute()`, with the analysis' refusal (e.g. several currencies) as 409."""
    try:
        return compute()
    except AnalysisError as exc:
        raise Conflict(str(exc)) from None


def _planning(service, *args):
    try:
        return service(*args)
    except planning.PlanningError as exc:
        raise exceptions.ValidationError({"cause": [str(exc)]}) from None


def form_errors(form) -> dict[str, list[ErrorDetail]]:
    """A Django form's errors as DRF's, codes kept."""
    return {
        name: [ErrorDetail(error["message"], error["code"]) for error in errors]
        for name, errors in form.errors.get_json_data().items()
    }


def _user_language(request: Request) -> str:
    try:
        return language(request.user.language)
    except ValueError:
        return "de"


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"
