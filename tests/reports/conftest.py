"""The reports' tests use the web tests' owner, staff member, clients and demo portfolio."""

from tests.web.conftest import (  # noqa: F401
    demo,
    fresh_analysis,
    owner,
    owner_client,
    staff,
    staff_client,
    today,
)
