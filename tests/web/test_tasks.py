"""My tasks: the staff start page shows their own open tasks and the contacts they logged."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from kundenwert.activity.services import do_log_interaction
from kundenwert.planning.models import Task
from tests.web.conftest import customer


def test_staff_see_their_open_tasks_only(demo, staff, owner, staff_client, today):
    Task.objects.create(title="Angebot nachfassen", customer=customer("K-1001"), assigned_to=staff)
    Task.objects.create(title="Chefsache", assigned_to=owner)
    Task.objects.create(title="Erledigt", assigned_to=staff, done_at=timezone.now())

    page = staff_client.get(reverse("my_tasks")).content.decode()

    assert "Angebot nachfassen" in page and "Bäckerei Sommer GmbH" in page
    assert "Chefsache" not in page and "Erledigt" not in page


def test_staff_see_the_contacts_they_logged_with_the_mood(demo, staff, staff_client):
    do_log_interaction(
        staff, customer("K-1001"), at=timezone.now(), channel="phone", mood=-2, note="laut"
    )

    page = staff_client.get(reverse("my_tasks")).content.decode()

    assert "laut" in page and "-2" in page


def test_an_empty_task_list_says_how_to_log_a_contact(staff_client):
    page = staff_client.get(reverse("my_tasks")).content.decode()

    assert "Alt+L" in page
