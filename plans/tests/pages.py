"""The pages a signed-in user can reach, one of each kind, for the browser tests.

PAGES is the one list: plans/tests/test_accessibility.py opens each page for each of its roles
and checks it (axe-core in both colour schemes, structure, skip link, reflow, and what a user
would notice go wrong: console errors, failed requests, template syntax in the text), and
plans/tests/test_browser_every_page.py, which finds every page from the navigation, leaves the
kinds of page listed here to it in a run that includes it. Add a page here and both cover it.
"""

from dataclasses import dataclass
from typing import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.urls import Resolver404, resolve, reverse

from conftest_browser import DEMO_USERS_BY_ROLE


def kind_of_page(url):
    """A URL's kind of page: its view and the names of its query parameters (and the format it
    asks for), or None for a URL that is not one of the product's pages."""
    parts = urlsplit(url)
    try:
        view = resolve(parts.path).view_name
    except Resolver404:
        return None
    params = dict(parse_qsl(parts.query))
    return view, frozenset(params), params.get("format")


@dataclass(frozen=True)
class PageSpec:
    name: str
    url: Callable  # demo -> URL path
    status: int = 200
    roles: tuple = ()  # the roles it is checked for (conftest_browser's DEMO_USERS_BY_ROLE); empty: every role
    makes_its_row: bool = False  # url() creates the row the page shows

    def for_role(self, role):
        return not self.roles or role in self.roles


def _filtered_workplan(demo):
    theme = demo.plan.themes.order_by("pk").first()
    query = urlencode({"theme": theme.pk, "rating": "green", "sort": "rating"})
    return f"{demo.workplan.get_absolute_url()}?{query}"


def _carried_forward_action(demo):
    return demo.workplan.actions.get(reference="PEI 1.6").get_absolute_url()


def _annual_report_pk():
    from reports.models import AnnualReport

    return AnnualReport.objects.get(partnership__slug="merton", year="2023-24", status="draft").pk


def _annual_report(demo):
    return reverse("reports:annual-detail", args=[_annual_report_pk()])


def _directory_person(name, demo):
    from plans.models import Person

    person = Person.objects.get(partnership=demo.plan.partnership_id, name="Head of Early Help, LBM")
    return reverse(name, args=[demo.plan.partnership_id, person.pk])


def _meeting_pk():
    from reports.models import Meeting

    return Meeting.objects.get(partnership__slug="merton", body="executive", date="2024-03-07").pk


def _pdf_build(status):
    """A PDF build's page: the annual report's, ready, or the meeting pack's, being made."""

    def url(demo):
        from django.utils import timezone

        from reports.models import PdfBuild

        if status == "ready":
            build = PdfBuild.objects.create(
                partnership=demo.plan.partnership, kind="annual-report", report_id=_annual_report_pk(),
                status="ready", stage="done", filename="merton-annual-report-2023-24-draft",
                file="pdf-builds/0/merton-annual-report-2023-24-draft.pdf", finished_at=timezone.now(),
            )
        else:
            build = PdfBuild.objects.create(
                partnership=demo.plan.partnership, kind="meeting-pack", meeting_id=_meeting_pk(),
                status="building", stage="laying-out",
            )
        return build.get_absolute_url()

    return url


def _challenge(kind):
    from reports.models import Challenge

    return Challenge.objects.filter(partnership__slug="merton", status=kind).earliest("raised_on").pk


def _review():
    from reports.models import LearningReview

    return LearningReview.objects.get(partnership__slug="merton", reference="RR 2023-03")


def _stop_reminders():
    from plans.models import Person
    from reports.reminders import unsubscribe_token

    person = Person.objects.get(partnership__slug="merton", name="Head of Early Help, LBM")
    return reverse("reports:reminder-unsubscribe", args=[unsubscribe_token(person, "due")])


PAGES = [
    PageSpec("home", lambda demo: reverse("plans:home")),
    PageSpec("plan", lambda demo: demo.plan.get_absolute_url()),
    PageSpec("sub-group", lambda demo: demo.subgroup.get_absolute_url()),
    PageSpec("workplan", lambda demo: demo.workplan.get_absolute_url()),
    PageSpec("workplan filtered", _filtered_workplan),
    PageSpec("action", lambda demo: demo.action.get_absolute_url()),
    PageSpec("my actions", lambda demo: reverse("subgroups:my-actions")),
    PageSpec(
        "my actions filtered, one filter refused",
        lambda demo: reverse("subgroups:my-actions") + "?reason=stale&subgroup=0",
        roles=("bsu", "lead"),
    ),
    PageSpec("dashboard", lambda demo: reverse("reports:dashboard")),
    PageSpec(
        "dashboard as at, since",
        lambda demo: f"{reverse('reports:dashboard')}?as_at=2024-03-31&since=2023-12-31",
    ),
    PageSpec("exception report", lambda demo: reverse("reports:exceptions")),
    PageSpec(
        "actions behind a count",
        lambda demo: f"{reverse('reports:actions')}?plan={demo.plan.pk}&rating=amber",
    ),
    PageSpec("annual reports", lambda demo: reverse("reports:annual-list")),
    PageSpec("annual report", _annual_report),
    PageSpec(
        "annual report section edit",
        lambda demo: reverse("reports:annual-section", args=[_annual_report_pk(), "foreword"]),
        roles=("bsu",),
    ),
    PageSpec(
        "annual report publish",
        lambda demo: reverse("reports:annual-publish", args=[_annual_report_pk()]),
        roles=("bsu",),
    ),
    PageSpec(
        "annual report arrange sections",
        lambda demo: reverse("reports:annual-structure", args=[_annual_report_pk()]),
        roles=("bsu",),
    ),
    PageSpec(
        "annual report rename a section",
        lambda demo: reverse("reports:annual-structure-rename", args=[_annual_report_pk(), "training"]),
        roles=("bsu",),
    ),
    PageSpec(
        "partnership settings",
        lambda demo: reverse("plans:partnership-settings", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec("annual report PDF, ready", _pdf_build("ready"), makes_its_row=True),
    PageSpec("meeting pack PDF, being made", _pdf_build("building"), makes_its_row=True),
    PageSpec("meetings", lambda demo: reverse("reports:meeting-list")),
    PageSpec("meeting", lambda demo: reverse("reports:meeting-detail", args=[_meeting_pk()])),
    PageSpec(
        "actions not updated since the last meeting",
        lambda demo: reverse("reports:meeting-not-updated", args=[_meeting_pk()]),
    ),
    PageSpec(
        "add a meeting",
        lambda demo: reverse("reports:meeting-create", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec("change a meeting", lambda demo: reverse("reports:meeting-edit", args=[_meeting_pk()]), roles=("bsu",)),
    PageSpec("delete a meeting", lambda demo: reverse("reports:meeting-delete", args=[_meeting_pk()]), roles=("bsu",)),
    PageSpec("challenge log", lambda demo: reverse("reports:challenge-list")),
    PageSpec(
        "challenge log filtered",
        lambda demo: reverse("reports:challenge-list") + "?status=open&year=2023-24&target_kind=subgroup",
    ),
    PageSpec("challenge, closed", lambda demo: reverse("reports:challenge-detail", args=[_challenge("closed")])),
    PageSpec(
        "challenge with its close form",
        lambda demo: reverse("reports:challenge-detail", args=[_challenge("open")]),
        roles=("bsu", "scrutineer"),
    ),
    PageSpec(
        "raise a challenge",
        lambda demo: reverse("reports:challenge-create", args=[demo.plan.partnership_id]),
        roles=("executive", "scrutineer"),
    ),
    PageSpec(
        "respond to a challenge",
        lambda demo: reverse("reports:challenge-respond", args=[_challenge("open")]),
        roles=("bsu",),
    ),
    PageSpec(
        "annual report scrutiny statement",
        lambda demo: reverse("reports:annual-section", args=[_annual_report_pk(), "scrutiny"]),
        roles=("bsu", "scrutineer"),
    ),
    PageSpec("my reminders", lambda demo: reverse("reports:my-reminders")),
    PageSpec(
        "reminder schedule",
        lambda demo: reverse("reports:reminder-schedule", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec("reviews register", lambda demo: reverse("reports:review-list")),
    PageSpec(
        "reviews register filtered, one filter refused",
        lambda demo: reverse("reports:review-list") + "?year=2023-24&status=nonsense",
    ),
    PageSpec("review", lambda demo: _review().get_absolute_url() + "?as_at=2024-03-31"),
    PageSpec(
        "add a review",
        lambda demo: reverse("reports:review-create", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec("change a review", lambda demo: reverse("reports:review-edit", args=[_review().pk]), roles=("bsu",)),
    PageSpec("add a finding", lambda demo: reverse("reports:finding-create", args=[_review().pk]), roles=("bsu",)),
    PageSpec(
        "change a finding",
        lambda demo: reverse("reports:finding-edit", args=[_review().findings.first().pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "add a recommendation", lambda demo: reverse("reports:recommendation-create", args=[_review().pk]), roles=("bsu",)
    ),
    PageSpec(
        "change a recommendation",
        lambda demo: reverse("reports:recommendation-edit", args=[_review().recommendations.first().pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "link actions to a recommendation",
        lambda demo: reverse("reports:recommendation-actions", args=[_review().recommendations.first().pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "remove a recommendation",
        lambda demo: reverse("reports:recommendation-remove", args=[_review().recommendations.first().pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "remove a finding",
        lambda demo: reverse("reports:finding-remove", args=[_review().findings.first().pk]),
        roles=("bsu",),
    ),
    # The three evidence registers share their list and form templates: one of each kind of table
    # and the form with the most kinds of field.
    PageSpec("voice register", lambda demo: reverse("reports:voice-list") + "?year=2023-24"),
    PageSpec("funding register", lambda demo: reverse("reports:contribution-list"), roles=("bsu",)),
    PageSpec(
        "add a voice record",
        lambda demo: reverse("reports:voice-create", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec("password change", lambda demo: reverse("password_change")),
    PageSpec("accessibility statement", lambda demo: reverse("plans:accessibility")),
    PageSpec("not found", lambda demo: "/plans/999999/", status=404),
    PageSpec(
        "update",
        lambda demo: reverse("subgroups:action-update", args=[demo.action.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "update several actions",
        lambda demo: reverse("subgroups:workplan-update-round", args=[demo.workplan.pk]),
        roles=("bsu", "lead"),
    ),
    PageSpec(
        "update my actions", lambda demo: reverse("subgroups:my-actions-update-round"), roles=("bsu", "lead")
    ),
    PageSpec(
        "action edit",
        lambda demo: reverse("subgroups:action-edit", args=[demo.action.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "add an action",
        lambda demo: reverse("subgroups:action-create", args=[demo.workplan.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "add a priority",
        lambda demo: reverse("plans:priority-create", args=[demo.plan.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "import a workplan",
        lambda demo: reverse("subgroups:workplan-import", args=[demo.subgroup.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "sub-group settings",
        lambda demo: reverse("subgroups:subgroup-settings", args=[demo.subgroup.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "people", lambda demo: reverse("plans:people", args=[demo.plan.partnership_id]), roles=("bsu",)
    ),
    PageSpec(
        "add a person",
        lambda demo: reverse("plans:person-add", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec(
        "change a role",
        lambda demo: reverse(
            "plans:membership-edit",
            args=[demo.plan.partnership_id, demo.users["viewer"].memberships.get().pk],
        ),
        roles=("bsu",),
    ),
    PageSpec(
        "remove a person",
        lambda demo: reverse(
            "plans:membership-remove",
            args=[demo.plan.partnership_id, demo.users["viewer"].memberships.get().pk],
        ),
        roles=("bsu",),
    ),
    PageSpec("directory", lambda demo: reverse("plans:directory", args=[demo.plan.partnership_id])),
    PageSpec(
        "add to the directory",
        lambda demo: reverse("plans:directory-add", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec(
        "change a directory entry", lambda demo: _directory_person("plans:directory-edit", demo), roles=("bsu",)
    ),
    PageSpec(
        "remove from the directory (or merge)",
        lambda demo: _directory_person("plans:directory-remove", demo),
        roles=("bsu",),
    ),
    PageSpec(
        "workplan year end",
        lambda demo: reverse("subgroups:workplan-year-end", args=[demo.workplan.pk]),
        roles=("bsu",),
    ),
    PageSpec(
        "plan year end",
        lambda demo: reverse("subgroups:plan-year-end", args=[demo.plan.pk]) + "?year=2023-24",
        roles=("bsu",),
    ),
    PageSpec("action carried forward", lambda demo: _carried_forward_action(demo)),
    PageSpec("lead safeguarding partners", lambda demo: reverse("plans:lead-partners", args=[demo.plan.partnership_id])),
    PageSpec(
        "add a lead partner",
        lambda demo: reverse("plans:lead-partner-add", args=[demo.plan.partnership_id]),
        roles=("bsu",),
    ),
    PageSpec(
        "change a lead partner",
        lambda demo: reverse(
            "plans:lead-partner-edit", args=[demo.plan.partnership_id, demo.plan.partnership.lead_partners.first().pk]
        ),
        roles=("bsu",),
    ),
    PageSpec(
        "remove a lead partner",
        lambda demo: reverse(
            "plans:lead-partner-remove", args=[demo.plan.partnership_id, demo.plan.partnership.lead_partners.last().pk]
        ),
        roles=("bsu",),
    ),
    PageSpec(
        "record a sign-off of the annual report",
        lambda demo: reverse("reports:annual-sign-off", args=[_annual_report_pk()]),
        roles=("bsu",),
    ),
    PageSpec(
        "forbidden",
        lambda demo: reverse("subgroups:action-edit", args=[demo.action.pk]),
        status=403,
        roles=("viewer",),
    ),
]


# The roles test_accessibility.py opens PAGES as (conftest_browser's DEMO_USERS_BY_ROLE), in
# its test of every page.
ROLES = ["bsu", "lead", "executive", "viewer", "scrutineer"]
EVERY_PAGE_TEST = "plans/tests/test_accessibility.py::test_every_page_passes_axe_and_has_a_skip_link_title_h1_lang_and_table_headers"


def kinds_checked_in_the_browser(username, demo, session):
    """The kinds of page test_accessibility.py opens in the browser as the demo user
    `username` in this run (`session`: pytest's), where each is meant to answer 200: none when
    that test is not part of the run, as when the crawl is run on its own. (Pages whose url()
    creates their row are left out: asking for their URL would add rows to the database.)"""
    role = next((role for role, name in DEMO_USERS_BY_ROLE.items() if name == username), None)
    if role not in ROLES or not any(item.nodeid == f"{EVERY_PAGE_TEST}[{role}]" for item in session.items):
        return set()
    return {
        kind_of_page(spec.url(demo))
        for spec in PAGES
        if spec.for_role(role) and spec.status == 200 and not spec.makes_its_row
    }
