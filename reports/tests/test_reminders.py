"""E-mail reminders: what a round sends, to whom, over a real SMTP server (aiosmtpd in this
process), each reminder once however many rounds run; the links in them; the schedule,
"My reminders" and the unsubscribe page."""

import datetime
import re
import threading
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, UserFactory
from reports.models import Meeting, ReminderKind, ReminderPreference, ReminderSchedule, SentReminder
from reports.reminders import reminder_round, reminder_schedule_save, unsubscribe_token
from reports.tasks import reminder_round_task
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory, link_lead_user

D = datetime.date
# A Monday in the plan's second year: the weekly digest's day.
TODAY = D(2024, 6, 3)
LEAD = "Head of Early Help, LBM"
LEAD_ADDRESS = "early.help@merton.example.org"


def reminder_world():
    """A plan running on TODAY, with a schedule (14 days before due, stale, 7 days before a
    meeting, digest on Mondays). The Head of Early Help (with an address) leads:
    PEI 1.1, green, due in a week; PEI 1.2, amber, no update since January (stale, and not
    updated since the last Executive); PEI 1.3, blue, due in two days (complete: nothing).
    The Young Scrutineer, who co-leads PEI 1.1, has no address."""
    plan = BusinessPlanFactory(title="MSCP Business Plan 2023-25")
    partnership = plan.partnership
    workplan = WorkplanFactory(plan=plan, year="2024-25", subgroup__short_name="PEI")
    due = ActionFactory(workplan=workplan, reference="PEI 1.1", lead=f"{LEAD} / Young Scrutineer", due_date=D(2024, 6, 10),
                        description="Launch the Early Help Strategy 2023-25 across the partnership.")
    ActionUpdateFactory(action=due, rating="green", as_at=D(2024, 5, 20))
    stale = ActionFactory(workplan=workplan, reference="PEI 1.2", lead=LEAD, due_date=D(2025, 3, 31))
    ActionUpdateFactory(action=stale, rating="amber", as_at=D(2024, 1, 2), narrative="Recruitment delayed.")
    done = ActionFactory(workplan=workplan, reference="PEI 1.3", lead=LEAD, due_date=D(2024, 6, 5))
    ActionUpdateFactory(action=done, rating="blue", as_at=D(2024, 5, 1), narrative="Delivered.")
    lead = due.leads.get(name=LEAD)
    lead.email = LEAD_ADDRESS
    lead.save()
    Meeting.objects.create(partnership=partnership, body="executive", date=D(2024, 5, 2), cutoff=D(2024, 4, 25))
    meeting = Meeting.objects.create(partnership=partnership, body="executive", date=D(2024, 6, 13), cutoff=D(2024, 6, 6))
    ReminderSchedule.objects.create(partnership=partnership)
    return {"plan": plan, "due": due, "stale": stale, "done": done, "lead": lead, "meeting": meeting}


@pytest.fixture
def world(db):
    return reminder_world()


def by_subject(inbox) -> dict[str, object]:
    return {message["Subject"]: message for message in inbox.messages}


def links(text: str) -> list[str]:
    return re.findall(r"https://plans\.example\.org/[^\s\"<]+", text)


def test_a_round_emails_each_lead_their_reminders_as_text_and_html(world, smtp_inbox):
    result = reminder_round(TODAY)

    assert result.messages == 4 and result.failed == 0
    messages = by_subject(smtp_inbox)
    assert set(messages) == {
        "Due soon: PEI 1.1",
        "No recent update: PEI 1.2",
        "Your actions that need attention, week of 3 June 2024",
        "Updates due by 6 June 2024 for the Executive meeting on 13 June 2024",
    }
    assert all(message["To"] == LEAD_ADDRESS for message in messages.values())  # nobody without an address
    due = messages["Due soon: PEI 1.1"]
    text, html = smtp_inbox.text(due), smtp_inbox.html(due)
    update_url = f"https://plans.example.org{reverse('subgroups:action-update', args=[world['due'].pk])}"
    for part in (text, html):
        assert "PEI 1.1" in part and "due on 10 June 2024" in part and update_url in part
        assert "PEI 1.3" not in part  # complete: no reminder
    assert '<html lang="en-GB">' in html and "<title>Due soon: PEI 1.1</title>" in html
    assert str(due["List-Unsubscribe"]).strip().startswith("<https://plans.example.org/reports/reminders/stop/")
    # The digest names each action's state in words, never by colour alone.
    digest = smtp_inbox.text(messages["Your actions that need attention, week of 3 June 2024"])
    assert "PEI 1.2" in digest and "Rated Amber, no update since 2 January 2024" in digest
    meeting = smtp_inbox.text(messages["Updates due by 6 June 2024 for the Executive meeting on 13 June 2024"])
    assert "PEI 1.2" in meeting and "please update it by 6 June 2024" in meeting and "PEI 1.1" not in meeting


def test_the_update_link_opens_the_actions_update_form_for_its_lead(world, smtp_inbox, client):
    reminder_round(TODAY)
    user = UserFactory(email=LEAD_ADDRESS)
    Membership.objects.create(user=user, partnership=world["plan"].partnership, role=Membership.Role.LEAD)
    world["lead"].user = user
    world["lead"].save()
    client.force_login(user)

    text = smtp_inbox.text(by_subject(smtp_inbox)["Due soon: PEI 1.1"])
    update = next(link for link in links(text) if "/update/" in link)
    response = client.get(urlsplit(update).path)

    assert response.status_code == 200 and "PEI 1.1" in response.text and 'name="update-' in response.text


def test_a_round_run_again_sends_nothing_twice(world, smtp_inbox):
    reminder_round(TODAY)
    again = reminder_round(TODAY)

    assert again.messages == 0 and len(smtp_inbox.messages) == 4
    assert SentReminder.objects.filter(status="sent").count() == 4
    # A new due date is a new reminder; the one already sent is not repeated.
    world["stale"].due_date = TODAY + datetime.timedelta(days=3)
    world["stale"].save()
    reminder_round(TODAY)
    assert [m["Subject"] for m in smtp_inbox.messages[4:]] == ["Due soon: PEI 1.2"]


def test_a_reminder_left_pending_by_a_dead_round_is_sent_once_after_its_lease(world, smtp_inbox, settings):
    """A round that died between claiming and sending left its row pending: a round within the
    lease leaves it alone (the first may still be sending); one after it sends it, once."""
    lead, action = world["lead"], world["due"]
    key = f"action-{action.pk}-due-2024-06-10"
    row = SentReminder.objects.create(person=lead, kind="due", subject_key=key, claimed_at=timezone.now())
    reminder_round(TODAY)
    assert "Due soon: PEI 1.1" not in by_subject(smtp_inbox)

    SentReminder.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(seconds=settings.MSCP_REMINDER_LEASE_SECONDS + 1)
    )
    reminder_round(TODAY)
    reminder_round(TODAY)
    assert [m["Subject"] for m in smtp_inbox.messages].count("Due soon: PEI 1.1") == 1
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2


def test_a_message_the_mail_server_refuses_is_tried_again_next_round(world, smtp_inbox, settings):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there: the connection is refused
    failed = reminder_round(TODAY)
    assert failed.failed == 4 and not SentReminder.objects.exists()

    settings.EMAIL_PORT = port
    assert reminder_round(TODAY).messages == 4


def test_what_a_person_chose_and_the_schedule_decide_what_is_sent(world, smtp_inbox):
    ReminderPreference.objects.create(person=world["lead"], due=False, digest=False)
    schedule = ReminderSchedule.objects.get()
    schedule.days_before_meeting = None
    schedule.save()

    reminder_round(TODAY)

    assert list(by_subject(smtp_inbox)) == ["No recent update: PEI 1.2"]
    schedule.enabled = False
    schedule.save()
    SentReminder.objects.all().delete()
    assert reminder_round(TODAY).messages == 0


def test_an_ended_plan_and_a_partnership_without_a_schedule_send_nothing(world, smtp_inbox):
    assert reminder_round(D(2025, 6, 2)).messages == 0  # the plan ended on 31 March 2025
    ReminderSchedule.objects.all().delete()
    assert reminder_round(TODAY).messages == 0


@pytest.mark.django_db(transaction=True)
def test_two_rounds_at_once_send_each_reminder_once(smtp_inbox):
    """Two schedulers run the same round at the same moment (two threads, each with its own
    database connection): every reminder is claimed by one of them and sent once."""
    reminder_world()
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(reminder_round(TODAY))
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sum(result.messages for result in results) == 4
    subjects = [message["Subject"] for message in smtp_inbox.messages]
    assert len(subjects) == len(set(subjects)) == 4
    assert SentReminder.objects.filter(status="sent").count() == 4


def test_the_stop_link_asks_first_then_stops_that_kind_without_signing_in(world, smtp_inbox, client):
    reminder_round(TODAY)
    text = smtp_inbox.text(by_subject(smtp_inbox)["Due soon: PEI 1.1"])
    stop = urlsplit(next(link for link in links(text) if "/reminders/stop/" in link)).path

    page = client.get(stop)  # a mail scanner following the link stops nothing
    assert page.status_code == 200 and "Stop these reminders" in page.text
    assert not ReminderPreference.objects.exists()

    done = client.post(stop, {"stop": "kind"})
    assert done.status_code == 200 and "no more reminders of this kind" in done.text
    assert ReminderPreference.objects.get(person=world["lead"]).kinds == {"stale", "meeting", "digest"}
    history = ReminderPreference.history.latest()
    assert history.history_user is None

    client.post(stop, {"stop": "all"})
    assert ReminderPreference.objects.get(person=world["lead"]).kinds == set()


def test_a_stop_link_that_was_tampered_with_is_not_recognised(world, client):
    token = unsubscribe_token(world["lead"], ReminderKind.DUE)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    for response in (client.get(reverse("reports:reminder-unsubscribe", args=[forged])),
                     client.post(reverse("reports:reminder-unsubscribe", args=[forged]), {"stop": "all"})):
        assert response.status_code == 404 and "Link not recognised" in response.text
    assert not ReminderPreference.objects.exists()


def test_the_task_runs_the_round_in_process_without_a_broker(world, smtp_inbox, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER  # no REDIS_URL in the tests' environment
    result = reminder_round_task.delay(TODAY.isoformat())

    assert result.get() == "4 message(s) sent with 4 reminder(s); 0 failed"
    assert len(smtp_inbox.messages) == 4


def test_send_reminders_command_runs_a_round(world, capsys):
    call_command("send_reminders", "--date", TODAY.isoformat())

    assert "4 message(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 4 and mail.outbox[0].alternatives[0][1] == "text/html"


# -- Pages -------------------------------------------------------------------------------------------


def test_the_bsu_sets_the_schedule_and_a_stale_edit_is_refused_naming_who(world, client, member_of):
    partnership = world["plan"].partnership
    bsu = member_of(partnership, Membership.Role.BSU, first_name="Business", last_name="Support")
    other = member_of(partnership, Membership.Role.BSU, first_name="Other", last_name="Officer")
    client.force_login(bsu)
    url = reverse("reports:reminder-schedule", args=[partnership.pk])
    schedule = ReminderSchedule.objects.get()

    response = client.post(url, {"enabled": "on", "days_before_due": "21", "days_before_meeting": "",
                                 "digest_weekday": "4", "version": schedule.version})
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.days_before_due, schedule.stale_reminders, schedule.days_before_meeting, schedule.digest_weekday) == (
        21, False, None, 4
    )
    assert schedule.history.latest().history_user == bsu

    reminder_schedule_save(partnership=partnership, expected_version=schedule.version, fields={"days_before_due": 7}, by=other)
    refused = client.post(url, {"enabled": "on", "days_before_due": "30", "digest_weekday": "", "version": schedule.version})
    assert refused.status_code == 200 and "Other Officer changed the reminder schedule" in refused.text
    assert ReminderSchedule.objects.get().days_before_due == 7


def test_the_schedule_form_explains_a_wrong_number_beside_its_field(world, client, member_of):
    partnership = world["plan"].partnership
    client.force_login(member_of(partnership, Membership.Role.BSU))
    response = client.post(
        reverse("reports:reminder-schedule", args=[partnership.pk]),
        {"enabled": "on", "days_before_due": "400", "days_before_meeting": "soon", "version": 1},
    )
    assert response.status_code == 200
    assert "Enter 90 days or fewer." in response.text and "Enter a whole number of days" in response.text
    assert 'href="#id_days_before_due"' in response.text  # the error summary links to the field
    assert ReminderSchedule.objects.get().days_before_due == 14


def test_my_reminders_shows_where_they_go_and_saves_a_persons_choice(world, client, member_of):
    user = member_of(world["plan"].partnership, Membership.Role.LEAD, email="lead@merton.example.org")
    person = link_lead_user(world["stale"], user)
    client.force_login(user)
    url = reverse("reports:my-reminders")

    page = client.get(url)
    assert "Reminders go to lead@merton.example.org" in page.text
    response = client.post(url, {"person": person.pk, f"person-{person.pk}-kinds": ["stale", "meeting"]})

    assert response.status_code == 302
    assert ReminderPreference.objects.get(person=person).kinds == {"stale", "meeting"}
    assert ReminderPreference.history.latest().history_user == user


def test_my_reminders_never_saves_another_persons_choices(world, client, member_of):
    user = member_of(world["plan"].partnership, Membership.Role.LEAD)
    client.force_login(user)
    response = client.post(reverse("reports:my-reminders"), {"person": world["lead"].pk, f"person-{world['lead'].pk}-kinds": []})

    assert response.status_code == 200 and "No partnership's directory links you" in response.text
    assert not ReminderPreference.objects.exists()


def test_my_reminders_costs_the_same_queries_however_many_directories_list_a_person(
    db, client, django_assert_max_num_queries
):
    user = UserFactory(email="lead@example.org")
    for _ in range(4):
        action = ActionFactory(workplan=WorkplanFactory(plan=BusinessPlanFactory()))
        Membership.objects.create(user=user, partnership=action.workplan.plan.partnership, role=Membership.Role.LEAD)
        link_lead_user(action, user)
    client.force_login(user)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("reports:my-reminders"))
    assert page.text.count("Reminders go to lead@example.org") == 4
