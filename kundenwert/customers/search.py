"""Finding a customer by what someone types: part of the name, or the customer number."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from kundenwert.customers.models import Customer


def search_customers(query: str, limit: int = 10) -> QuerySet[Customer]:
    """Customers whose name contains `query` or whose number is `query`, names that start
    with it first. (SQLite compares only ASCII letters without case: "Ärzte" needs "Ä".)
    A NUL is left out: no name holds one, and PostgreSQL refuses it in a comparison."""
    query = query.replace("\x00", "").strip()
    if not query:
        return Customer.objects.none()
    starts_first = Case(
        When(number__iexact=query, then=Value(0)),
        When(name__istartswith=query, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Customer.objects.filter(Q(name__icontains=query) | Q(number__iexact=query))
        .annotate(rank=starts_first)
        .order_by("rank", "name", "number")[:limit]
    )
