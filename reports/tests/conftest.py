"""Fixtures shared by the report tests."""

import datetime

import pytest

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PriorityFactory, ThemeFactory
from reports.annual import annual_report_start, section_save
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

D = datetime.date


@pytest.fixture
def plan():
    """Plan 2023-25 (ended, so reports default to 31 March 2025). One workplan:
    A1 P1 red since Sep 2023 (theme), A2 P1 green then blue Jan 2024, A3 core never rated,
    due Jul 2023 (overdue), A4 P1 added Oct 2024, amber Nov 2024."""
    plan = BusinessPlanFactory()
    p1 = PriorityFactory(plan=plan, number=1, title="Early Help")
    theme = ThemeFactory(plan=plan, title="Think Family")
    workplan = WorkplanFactory(plan=plan)
    a1 = ActionFactory(workplan=workplan, reference="A1", priority=p1, due_date=D(2025, 6, 30))
    a1.themes.add(theme)
    ActionUpdateFactory(action=a1, rating="red", as_at=D(2023, 9, 1), narrative="Provider withdrew.")
    a2 = ActionFactory(workplan=workplan, reference="A2", priority=p1, due_date=D(2025, 6, 30))
    ActionUpdateFactory(action=a2, rating="green", as_at=D(2023, 6, 1))
    ActionUpdateFactory(action=a2, rating="blue", as_at=D(2024, 1, 10), narrative="Delivered.")
    ActionFactory(workplan=workplan, reference="A3", priority=None, due_date=D(2023, 7, 31))
    a4 = ActionFactory(workplan=workplan, reference="A4", priority=p1, added_on=D(2024, 10, 1), due_date=D(2025, 6, 30))
    ActionUpdateFactory(action=a4, rating="amber", as_at=D(2024, 11, 1), narrative="Slipping.")
    return plan


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Files the reports keep (built PDFs, logos) go to a throwaway folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def executive(client, member_of, plan):
    user = member_of(plan.partnership, Membership.Role.EXECUTIVE)
    client.force_login(user)
    return user


@pytest.fixture
def bsu(client, member_of, plan):
    """The partnership's BSU, signed in (modules that want the BSU signed out define their own)."""
    user = member_of(plan.partnership, Membership.Role.BSU)
    client.force_login(user)
    return user


@pytest.fixture
def report(plan, bsu):
    """A draft 2023-24 annual report with a foreword."""
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    section_save(report=report, slug="foreword", text="A year of **partnership** work.", expected_version=0, author=bsu)
    return report


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server in this process, and the app sending to it over SMTP: yields the
    inbox (see reports/tests/smtp.py)."""
    from reports.tests.smtp import SmtpServer

    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
        settings.SITE_URL = "https://plans.example.org"
        yield server.inbox
