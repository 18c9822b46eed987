"""The Today page: follow-ups with their buttons, tasks, capacity, the evening prompt, rules."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from kundenwert.planning import services
from kundenwert.planning.data import load_planning_data
from kundenwert.planning.models import FollowupState, Rule
from kundenwert.workspace.services import get_settings
from tests.planning.conftest import TODAY

TODAY_URL = reverse("planning:today")


def page(client) -> str:
    response = client.get(TODAY_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(TODAY_URL)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_lists_todays_follow_ups_with_their_reasons_and_three_buttons(
    owner_client, portfolio, clock
):
    html = page(owner_client)

    assert "Angebot AN-1 über 4.800,00 € ist seit 16 Tagen offen" in html
    assert "Website-Texte" in html and "Bäckerei Sommer" in html
    assert html.count('action="/planning/followups/done/"') == 3
    assert html.count('action="/planning/followups/snooze/"') == 3
    assert html.count('action="/planning/followups/dismiss/"') == 3


def test_the_list_is_ordered_by_importance(owner_client, portfolio, owner, clock):
    services.do_create_task(owner, "Ablage", assigned_to=owner, due_date=TODAY, importance=3)

    html = page(owner_client)

    # All three follow-ups are an A customer's (importance 1), so the earliest due comes first.
    assert html.index("Website-Texte") < html.index("AN-1") < html.index("Ablage")


def test_done_takes_a_follow_up_off_the_list(owner_client, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]

    response = owner_client.post(reverse("planning:followup_done"), {"cause": offer.cause})

    assert response.status_code == 302
    assert "AN-1" not in page(owner_client)


def test_snooze_keeps_a_follow_up_away_until_its_date(owner_client, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]

    owner_client.post(
        reverse("planning:followup_snooze"), {"cause": offer.cause, "until": "2026-03-20"}
    )

    assert "AN-1" not in page(owner_client)
    clock(day=date(2026, 3, 20))
    assert "AN-1" in page(owner_client)


def test_snoozing_to_today_or_earlier_is_refused(owner_client, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]

    owner_client.post(
        reverse("planning:followup_snooze"), {"cause": offer.cause, "until": "2026-03-17"}
    )

    assert not FollowupState.objects.exists()
    assert "Wählen Sie einen Tag nach heute." in page(owner_client)


def test_dismiss_needs_a_reason_and_then_keeps_it_away(owner_client, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]
    url = reverse("planning:followup_dismiss")

    owner_client.post(url, {"cause": offer.cause, "reason": ""})
    assert not FollowupState.objects.exists()

    owner_client.post(url, {"cause": offer.cause, "reason": "entscheidet selbst"})
    assert FollowupState.objects.get().reason == "entscheidet selbst"
    assert "AN-1" not in page(owner_client)


def test_the_follow_up_forms_accept_only_posts(owner_client, db):
    assert owner_client.get(reverse("planning:followup_done")).status_code == 405


def minutes_today(owner, minutes: int) -> None:
    services.do_create_task(
        owner, "Große Aufgabe", assigned_to=owner, due_date=TODAY, estimate_minutes=minutes
    )


@pytest.mark.parametrize(
    ("task_minutes", "warning", "notice"),
    [(100, False, False), (200, False, True), (300, True, False)],
)
def test_the_capacity_bar_warns_past_70_percent_of_the_working_day(
    owner_client, owner, portfolio, clock, task_minutes, warning, notice
):
    # The three follow-ups take 20 + 15 + 15 = 50 minutes of the 480-minute day.
    minutes_today(owner, task_minutes)

    html = page(owner_client)

    assert ("capacity-warning" in html) is warning
    assert ("capacity-notice" in html) is notice
    assert f"{task_minutes + 50} von 480 Minuten" in html or f"{task_minutes + 50} of 480" in html


def test_the_working_day_length_is_a_setting(owner_client, owner, db, clock):
    settings = get_settings()
    settings.day_hours = 4
    settings.save()
    minutes_today(owner, 180)  # 75 % of four hours

    assert "capacity-warning" in page(owner_client)


def test_the_prompt_to_plan_tomorrow_shows_in_the_last_ten_minutes_of_the_day(
    owner_client, db, clock
):
    clock(16, 49)
    assert "plan-tomorrow" not in page(owner_client)

    clock(16, 50)
    html = page(owner_client)
    assert "plan-tomorrow" in html
    assert 'name="due_date" value="2026-03-18"' in html  # the form plans for tomorrow


def test_the_end_of_the_working_day_is_a_setting(owner_client, db, clock):
    settings = get_settings()
    settings.day_end = time(13, 0)
    settings.save()

    clock(12, 55)

    assert "plan-tomorrow" in page(owner_client)


def test_a_task_can_be_added_for_today_and_marked_done(owner_client, owner, db, clock):
    owner_client.post(
        reverse("planning:task_add"),
        {
            "title": "Rechnung schreiben",
            "due_date": "2026-03-17",
            "estimate_minutes": 20,
            "importance": 1,
        },
    )
    assert "Rechnung schreiben" in page(owner_client)

    task = owner.task_set.get()
    owner_client.post(reverse("planning:task_done", args=[task.pk]))

    assert "Rechnung schreiben" not in page(owner_client)


def test_the_owner_keeps_rules_and_a_to_leave_list(owner_client, db, clock):
    owner_client.post(reverse("planning:rule_add"), {"text": "Mittagspause bleibt frei"})
    owner_client.post(reverse("planning:to_leave_add"), {"text": "Rabatte ohne Anlass"})

    html = page(owner_client)

    assert "Mittagspause bleibt frei" in html and "Rabatte ohne Anlass" in html
    owner_client.post(reverse("planning:rule_retire", args=[Rule.objects.get().pk]))
    assert "Mittagspause bleibt frei" not in page(owner_client)


def test_staff_see_the_rules_but_cannot_change_them(staff_client, db, clock):
    services.do_add_rule(None, "Kunden werden erst nach einem Hilfeversuch durchgestellt")

    assert "Hilfeversuch" in page(staff_client)
    assert staff_client.post(reverse("planning:rule_add"), {"text": "x"}).status_code == 403
    assert Rule.objects.count() == 1


def test_staff_see_their_own_tasks_and_the_follow_ups_without_amounts(
    staff_client, staff, owner, portfolio, clock
):
    services.do_create_task(owner, "Aufgabe der Inhaberin", assigned_to=owner, due_date=TODAY)
    services.do_create_task(owner, "Aufgabe von Sven", assigned_to=staff, due_date=TODAY)

    html = page(staff_client)

    assert "Aufgabe von Sven" in html and "Aufgabe der Inhaberin" not in html
    assert "Angebot AN-1 ist seit 16 Tagen offen" in html
    assert "€" not in html


def test_staff_may_act_on_follow_ups(staff_client, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]

    staff_client.post(reverse("planning:followup_done"), {"cause": offer.cause})

    assert FollowupState.objects.get().status == "done"


def test_nobody_can_finish_another_persons_task(staff_client, owner, db, clock):
    task = services.do_create_task(owner, "privat", assigned_to=owner, due_date=TODAY)

    response = staff_client.post(reverse("planning:task_done", args=[task.pk]))

    assert response.status_code == 404
