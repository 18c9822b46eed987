"""What the API reads and writes. Field types, sizes and choices come from the models, so
the API checks what the web forms and the importers check; the services then validate
the whole record once more (model validators and constraints) before it is saved."""

from __future__ import annotations

from datetime import date, datetime

from rest_framework import serializers

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.followups import KINDS
from kundenwert.reports.querysets import check_day

# The owner's judgement of a customer: shown to owners only, as on the web app's pages.
OWNER_FIELDS = ("potential", "useful", "heart", "group_override", "override_reason", "notes")


def within_the_years(value: date | datetime) -> None:
    """Refuses days no real record has, before date arithmetic leaves the calendar."""
    day = value.date() if isinstance(value, datetime) else value
    try:
        check_day(day)
    except ValueError as error:
        raise serializers.ValidationError(str(error)) from None


class SaneDates:
    """Every writable date and date-time field of the serializer checks its range."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if isinstance(field, serializers.DateField | serializers.DateTimeField):
                field.validators.append(within_the_years)
        return fields


class CustomerSerializer(SaneDates, serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = (
            "id",
            "number",
            "name",
            "status",
            "since",
            "email",
            "phone",
            *OWNER_FIELDS,
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", "created_at", "updated_at")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        if not user.is_owner:
            for name in OWNER_FIELDS:
                data.pop(name, None)
        return data


class CustomerRecordSerializer(SaneDates, serializers.ModelSerializer):
    """The customer of a record, by id; its number is shown beside it."""

    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())
    customer_number = serializers.CharField(source="customer.number", read_only=True)


class InteractionSerializer(CustomerRecordSerializer):
    class Meta:
        model = Interaction
        fields = (
            "id",
            "customer",
            "customer_number",
            "at",
            "channel",
            "direction",
            "planned",
            "minutes",
            "tracked",
            "out_of_scope",
            "price_negotiation",
            "complaint",
            "mood",
            "note",
            "user_name",
        )
        read_only_fields = ("id", "user_name")
        extra_kwargs = {"at": {"required": False, "help_text": "Default: now."}}


class TimeEntrySerializer(CustomerRecordSerializer):
    class Meta:
        model = TimeEntry
        fields = (
            "id",
            "customer",
            "customer_number",
            "start",
            "minutes",
            "billable",
            "project",
            "description",
            "user_name",
        )
        read_only_fields = ("id", "user_name")


class InvoiceSerializer(CustomerRecordSerializer):
    class Meta:
        model = Invoice
        fields = (
            "id",
            "number",
            "customer",
            "customer_number",
            "issue_date",
            "due_date",
            "net",
            "currency",
            "paid_date",
        )
        read_only_fields = ("id",)


# --- the analysis and follow-ups ------------------------------------------------------


class AnalysisQuery(SaneDates, serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="Default: today.")
    # `from` is a Python keyword: the fields are named in `get_fields`.

    def get_fields(self):
        fields = super().get_fields()  # SaneDates has seen only as_of: the range checked here
        fields["from"] = serializers.DateField(
            required=False, help_text="With `to`.", validators=[within_the_years]
        )
        fields["to"] = serializers.DateField(
            required=False, help_text="With `from`.", validators=[within_the_years]
        )
        return fields

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if (start is None) != (end is None):
            missing = "to" if end is None else "from"
            raise serializers.ValidationError({missing: "`from` and `to` go together."})
        if start and end and start > end:
            raise serializers.ValidationError({"to": "is before `from`."})
        return attrs


class CustomerQuery(serializers.Serializer):
    """The customer list's filters: any text, as typed, but no NUL (which PostgreSQL
    refuses in a comparison) and no lone surrogate."""

    number = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    status = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    q = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class AsOfQuery(SaneDates, serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="Default: today.")


class FollowupQuery(AsOfQuery):
    lang = serializers.ChoiceField(
        choices=["de", "en"], required=False, help_text="Default: your account's language."
    )


class FollowupItemSerializer(serializers.Serializer):
    due = serializers.DateField()
    kind = serializers.ChoiceField(choices=KINDS)
    customer_id = serializers.CharField(help_text="The customer's number.")
    customer = serializers.CharField()
    ref = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    cause = serializers.CharField(help_text="Names the follow-up for done and snooze.")


class FollowupListSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    followups = FollowupItemSerializer(many=True)


class CauseSerializer(serializers.Serializer):
    cause = serializers.CharField(max_length=600)


class SnoozeSerializer(SaneDates, CauseSerializer):
    until = serializers.DateField()


class FollowupStateSerializer(serializers.Serializer):
    cause = serializers.CharField()
    status = serializers.ChoiceField(choices=["done", "snoozed", "dismissed"])
    snoozed_until = serializers.DateField(allow_null=True)
