"""The permission grid: every role × every URL × GET/POST, with the expected status and
whether the database changed. A refused request changes nothing."""

import copy
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from plans.models import Membership
from plans.tests.factories import (
    LeadPartnerFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    PriorityFactory,
    UserFactory,
)
from plans.tests.grid import OUR_APPS, Watched, app_models, client_as, each_pdf_made_once, sign_in_once
from reports.annual import annual_report_publish, annual_report_start
from reports.challenges import challenge_raise
from reports.evidence import contribution_create, training_create, voice_create
from reports.models import Meeting, PdfBuild
from reports.publication import sign_off_record
from reports.tests.factories import FindingFactory, LearningReviewFactory, RecommendationFactory
from subgroups.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    SubGroupFactory,
    WorkplanFactory,
    link_lead_user,
)

pytestmark = pytest.mark.django_db

READ, UPDATE, EDIT, PLAN = "read", "update", "edit", "plan"
# Scrutiny records: raise a challenge, respond to it, close it, write the scrutiny statement.
RAISE, RESPOND, CLOSE, SCRUTINY = "raise", "respond", "close", "scrutiny"
ROLES = [
    "anonymous", "bsu", "subgroup_lead", "action_lead", "other_lead", "executive", "viewer", "scrutineer",
    "outsider",
]


def expected_status(role, kind, method, scoped):
    """What each role gets. `scoped`: the URL names an object of the partnership."""
    if role == "anonymous":
        return 302
    if role == "outsider" and scoped:
        return 404
    allowed = {
        READ: True,
        UPDATE: role in {"bsu", "subgroup_lead", "action_lead"},
        EDIT: role in {"bsu", "subgroup_lead"},
        PLAN: role == "bsu",
        # The world's challenge is the scrutineer's, to the workplan's sub-group.
        RAISE: role in {"scrutineer", "executive"},
        RESPOND: role in {"bsu", "subgroup_lead"},
        CLOSE: role in {"bsu", "scrutineer"},
        SCRUTINY: role in {"bsu", "scrutineer"},
    }[kind]
    if not allowed:
        return 403
    return 302 if method == "post" else 200


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world, built once for the module's grid inside a transaction that is rolled back
    after the last test. Each test runs in a savepoint within it (pytest-django's `db`), and
    each role's request in a savepoint within that (Watched.case), so whatever a request
    changes is undone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic(), each_pdf_made_once():
        world = _build_world()
        world["sessions"] = sign_in_once(world["users"])
        # Whether a request changed anything: every row of the apps' tables (plans.tests.grid).
        world["database"] = Watched(app_models(*OUR_APPS))
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    """Each test's own copy of the world's objects, so that a change made in memory cannot
    leak into the next test."""
    return copy.deepcopy(module_world)


def member_of(partnership, role):
    user = UserFactory()
    MembershipFactory(user=user, partnership=partnership, role=role)
    return user


def _build_world():
    workplan = WorkplanFactory()
    partnership = workplan.plan.partnership
    PriorityFactory(plan=workplan.plan, number=1)
    action = ActionFactory(workplan=workplan, reference="X 1.1", due_date=datetime.date(2025, 6, 30))
    ActionFactory(workplan=workplan, reference="X 1.2")
    ActionUpdateFactory(action=action, rating="green", narrative="On track.", as_at=datetime.date(2024, 5, 1))
    users = {
        "bsu": member_of(partnership, Membership.Role.BSU),
        "subgroup_lead": member_of(partnership, Membership.Role.LEAD),
        "action_lead": member_of(partnership, Membership.Role.LEAD),
        "other_lead": member_of(partnership, Membership.Role.LEAD),
        "executive": member_of(partnership, Membership.Role.EXECUTIVE),
        "viewer": member_of(partnership, Membership.Role.VIEWER),
        "scrutineer": member_of(partnership, Membership.Role.SCRUTINEER),
        "outsider": member_of(PartnershipFactory(), Membership.Role.BSU),
    }
    workplan.subgroup.leads.add(users["subgroup_lead"])
    SubGroupFactory(partnership=partnership).leads.add(users["action_lead"], users["other_lead"])
    link_lead_user(action, users["action_lead"])
    # Someone in the directory who leads nothing: the directory's edit and remove pages name them.
    spare = PersonFactory(partnership=partnership, name="Spare Person")
    published = annual_report_publish(
        report=annual_report_start(partnership=partnership, year="2023-24"), user=users["bsu"]
    )
    draft = annual_report_start(partnership=partnership, year="2024-25")
    # Lead partners, set up after the 2023-24 report was published (it needed no sign-off);
    # both have signed off the draft, so the BSU can publish it.
    lead_partner = LeadPartnerFactory(partnership=partnership, organisation="Grid Council")
    spare_partner = LeadPartnerFactory(partnership=partnership, organisation="Grid Police")
    for partner in (lead_partner, spare_partner):
        sign_off_record(
            report=draft, partner=partner, signed_by="Chief Executive", role="Chief Executive",
            signed_on=datetime.date(2025, 6, 1), by=users["bsu"],
        )
    challenge = challenge_raise(
        partnership=partnership, by=users["scrutineer"], target_kind="subgroup", subgroup=workplan.subgroup,
        question="How do you know the learning changed practice?",
    )
    review = LearningReviewFactory(partnership=partnership)
    finding = FindingFactory(review=review)
    recommendation = RecommendationFactory(review=review, actions=[action])
    voice = voice_create(
        partnership=partnership, by=users["bsu"], actions=[action],
        fields={"source": "Youth Parliament", "heard_on": datetime.date(2023, 10, 2), "what_was_heard": "Explain it."},
    )
    course = training_create(
        partnership=partnership, by=users["bsu"], attendance=[("Schools", 3)],
        fields={"year": "2023-24", "title": "Neglect", "sessions": 2},
    )
    contribution = contribution_create(
        partnership=partnership, by=users["bsu"], fields={"year": "2023-24", "partner": "Council", "amount": 5}
    )
    meeting = Meeting.objects.create(
        partnership=partnership, body=Meeting.Body.EXECUTIVE, date=datetime.date(2024, 3, 7),
        cutoff=datetime.date(2024, 3, 1),
    )
    # A finished PDF of the draft (its file is put in each test's own storage folder).
    pdf_build = PdfBuild.objects.create(
        partnership=partnership, kind=PdfBuild.Kind.ANNUAL_REPORT, report=draft, status=PdfBuild.Status.READY,
        stage=PdfBuild.Stage.DONE, filename="grid-annual-report", file="pdf-builds/grid/grid-annual-report.pdf",
        finished_at=timezone.now(),
    )
    return {
        "workplan": workplan, "action": action, "users": users, "report": draft, "published": published,
        "challenge": challenge, "review": review, "finding": finding, "recommendation": recommendation,
        "spare": spare, "voice": voice, "course": course, "contribution": contribution,
        "lead_partner": lead_partner, "spare_partner": spare_partner, "meeting": meeting, "pdf_build": pdf_build,
    }


def post_data(world, name):
    action, workplan = world["action"], world["workplan"]
    today = action.workplan.plan.reporting_date()
    return {
        "action-update": {
            f"update-{action.pk}-rating": "amber",
            f"update-{action.pk}-narrative": "Slipping: the venue fell through; rebooked for May.",
            f"update-{action.pk}-as_at_0": today.day,
            f"update-{action.pk}-as_at_1": today.month,
            f"update-{action.pk}-as_at_2": today.year,
        },
        "workplan-update-round": _round_row(action, today),
        "my-actions-update-round": _round_row(action, today),
        "action-create": {
            "reference": "X 9.9", "impact": "Impact", "description": "Do something",
            "leads": [action.leads.first().pk], "timeframe": "March 2025",
        },
        "action-edit": {
            "reference": "X 1.1", "impact": "New impact", "description": "New action",
            "leads": [action.leads.first().pk], "timeframe": "June 2025", "version": 1,
        },
        "directory-add": {"name": "Education Safeguarding Lead", "agency": "LBM"},
        "directory-edit": {"name": "Spare Person", "role": "Head of Service", "version": 1},
        "directory-remove": {"remove": "1"},
        "partnership-settings": {"logo": _png(), "logo_alt": "MSCP logo"},
        "annual-sign-off": {
            "partner": world["lead_partner"].pk, "signed_by": "Director of Children's Services",
            "role": "on behalf of the Chief Executive", "signed_on_0": 1, "signed_on_1": 9, "signed_on_2": 2024,
        },
        "annual-dispatch": {"recipient": "panel", **dict(zip(["sent_on_0", "sent_on_1", "sent_on_2"], _day_month_year(timezone.localdate()), strict=True))},
        "lead-partner-add": {"organisation": "Grid Integrated Care Board", "role": "Chief Executive"},
        "lead-partner-edit": {"organisation": "Grid Council", "role": "Chief Executive (acting)", "version": 1},
        "lead-partner-remove": {"version": 1},
        "action-retire": {},
        "action-move": {"direction": "down"},
        "priority-create": {"title": "New priority", "added_on_0": 1, "added_on_1": 9, "added_on_2": 2023},
        "theme-create": {"title": "New theme", "added_on_0": 1, "added_on_1": 9, "added_on_2": 2023},
        "annual-start": {"year": "2023-24"},
        "annual-section": {"text": "Our year.", "version": 0},
        "annual-section-preview": {"text": "Our year."},
        "annual-publish": {},
        "annual-start-from": {},
        "annual-pdf-build": {},
        "meeting-pack-build": {},
        "annual-structure": {"title": "Education safeguarding"},
        "annual-structure-rename": {"title": "Foreword by our Independent Chair", "version": 1},
        "annual-structure-change": {"action": "down", "version": 1},
        "challenge-create": {
            "target_kind": "subgroup", "subgroup": workplan.subgroup_id, "question": "Where is the evidence?",
        },
        "challenge-respond": {"text": "The audit found it.", "version": 1},
        "challenge-close": {"outcome": "assured", "outcome_text": "The audit gives assurance.", "version": 1},
        # The year end confirmed: X 1.1 closed as not achieved, the other action left open.
        "workplan-year-end": _year_end_data(world),
        "plan-year-end": _year_end_data(world),
        "review-create": {"kind": "rapid", "title": "Serious injury to an infant", "status": "open"},
        "review-edit": {"kind": "rapid", "title": "Serious injury to an infant", "status": "closed", "version": 1},
        "finding-create": {"text": "Agencies did not share what they knew."},
        "finding-edit": {"text": "Agencies shared too late.", "version": 1},
        "recommendation-create": {"text": "Agree a protocol.", "evidence_of_impact": ""},
        "recommendation-edit": {"text": "Agree a protocol.", "evidence_of_impact": "Audited.", "version": 1},
        "recommendation-actions": {"actions": [], "version": 1},
        "reminder-schedule": {"enabled": "on", "days_before_due": "10", "digest_weekday": "", "version": 0},
        "voice-create": {
            "source": "Parent survey", "heard_on_0": 2, "heard_on_1": 10, "heard_on_2": 2023, "what_was_heard": "Words.",
        },
        "voice-edit": {
            "source": "Parent survey", "heard_on_0": 2, "heard_on_1": 10, "heard_on_2": 2023, "what_was_heard": "Words.",
            "version": 1,
        },
        "voice-remove": {"version": 1},
        "training-create": {"year": "2023-24", "title": "New course", "sessions": 2, "attendance": "Schools: 3"},
        "training-edit": {"year": "2023-24", "title": "Neglect", "sessions": 3, "attendance": "Schools: 4", "version": 1},
        "training-remove": {"version": 1},
        "contribution-create": {"year": "2023-24", "partner": "ICB", "amount": 5},
        "contribution-edit": {"year": "2023-24", "partner": "Council", "amount": 6, "version": 1},
        "contribution-remove": {"version": 1},
        "finding-remove": {"version": 1},
        "recommendation-remove": {"version": 1},
        "workplan-import": {
            "year": workplan.year,
            **{f"as_at_{index}": part for index, part in enumerate(_day_month_year(workplan.plan.reporting_date()))},
            "file": SimpleUploadedFile(
                "workplan.csv",
                b"Impact,Action,Lead,Cross-Cutting Themes,BRAG Rating & Update\nSuccess,A new action,BSU,,\n",
            ),
        },
    }[name] | ({"priority": workplan.plan.priorities.get().pk} if name in {"action-create", "action-edit"} else {})


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), "#1d70b8").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _round_row(action, day):
    """An update round with one changed row: the action's."""
    fields = {
        "rating": "amber", "narrative": "Slipping: the venue fell through; rebooked for May.",
        "as_at_0": day.day, "as_at_1": day.month, "as_at_2": day.year,
    }
    return {"rows": [action.pk], **{f"row-{action.pk}-{name}": value for name, value in fields.items()}}


def _year_end_data(world):
    data = {"year": world["workplan"].year, "token": "grid", "confirm": "1"}
    for action in world["workplan"].actions.all():
        data |= {f"choice-{action.pk}": "leave", f"reason-{action.pk}": "", f"version-{action.pk}": action.version}
    action = world["action"]
    return data | {f"choice-{action.pk}": "close", f"reason-{action.pk}": "Stood down by the Executive."}


def _day_month_year(day):
    return day.day, day.month, day.year


# (url name, kind, methods, which object the URL names, or None for a page of one's own)
URLS = [
    ("plans:home", READ, ["get"], None),
    ("plans:accessibility", READ, ["get"], None),
    ("subgroups:my-actions", READ, ["get"], None),
    ("plans:plan-detail", READ, ["get"], "plan"),
    ("subgroups:subgroup-detail", READ, ["get"], "subgroup"),
    ("subgroups:workplan-detail", READ, ["get"], "workplan"),
    ("subgroups:action-detail", READ, ["get"], "action"),
    ("subgroups:action-row", READ, ["get"], "action"),
    ("subgroups:action-update", UPDATE, ["get", "post"], "action"),
    ("subgroups:workplan-update-round", UPDATE, ["get", "post"], "workplan"),
    ("subgroups:action-create", EDIT, ["get", "post"], "workplan"),
    ("subgroups:action-edit", EDIT, ["get", "post"], "action"),
    ("subgroups:action-retire", EDIT, ["get", "post"], "action"),
    ("subgroups:action-move", EDIT, ["post"], "action"),
    ("plans:priority-create", PLAN, ["get", "post"], "plan"),
    ("plans:theme-create", PLAN, ["get", "post"], "plan"),
    ("reports:workplan-pdf", READ, ["get"], "workplan"),
    ("reports:annual-list", READ, ["get"], None),
    ("reports:annual-detail", READ, ["get"], "report"),
    ("reports:annual-pdf", READ, ["get"], "report"),
    ("reports:annual-pdf-build", READ, ["post"], "report"),
    ("reports:meeting-pack-build", READ, ["post"], "meeting"),
    ("reports:pdf-build", READ, ["get"], "pdf_build"),
    ("reports:pdf-build-file", READ, ["get"], "pdf_build"),
    ("reports:annual-start", PLAN, ["post"], "plan"),
    ("reports:annual-section", PLAN, ["get", "post"], "section"),
    ("reports:annual-section-preview", PLAN, ["post"], "section"),
    ("reports:annual-publish", PLAN, ["get", "post"], "report"),
    ("reports:annual-start-from", PLAN, ["post"], "published"),
    ("reports:annual-structure", PLAN, ["get", "post"], "report"),
    ("reports:annual-structure-rename", PLAN, ["get", "post"], "section"),
    ("reports:annual-structure-change", PLAN, ["post"], "section"),
    ("subgroups:workplan-import", PLAN, ["get", "post"], "subgroup"),
    ("subgroups:workplan-year-end", PLAN, ["get", "post"], "workplan"),
    ("subgroups:plan-year-end", PLAN, ["get", "post"], "plan"),
    ("reports:annual-section", SCRUTINY, ["get", "post"], "scrutiny_section"),
    ("reports:annual-section-preview", SCRUTINY, ["post"], "scrutiny_section"),
    ("reports:challenge-list", READ, ["get"], None),
    ("reports:challenge-detail", READ, ["get"], "challenge"),
    ("reports:challenge-create", RAISE, ["get", "post"], "partnership"),
    ("reports:challenge-respond", RESPOND, ["get", "post"], "challenge"),
    ("reports:challenge-close", CLOSE, ["get", "post"], "challenge"),
    ("reports:review-list", READ, ["get"], None),
    ("reports:review-detail", READ, ["get"], "review"),
    ("reports:review-create", PLAN, ["get", "post"], "partnership"),
    ("reports:review-edit", PLAN, ["get", "post"], "review"),
    ("reports:finding-create", PLAN, ["get", "post"], "review"),
    ("reports:finding-edit", PLAN, ["get", "post"], "finding"),
    ("reports:recommendation-create", PLAN, ["get", "post"], "review"),
    ("reports:recommendation-edit", PLAN, ["get", "post"], "recommendation"),
    ("reports:recommendation-actions", PLAN, ["get", "post"], "recommendation"),
    ("reports:finding-remove", PLAN, ["get", "post"], "finding"),
    ("reports:recommendation-remove", PLAN, ["get", "post"], "recommendation"),
    ("reports:reminder-schedule", PLAN, ["get", "post"], "partnership"),
    ("reports:my-reminders", READ, ["get"], None),
    ("reports:voice-list", READ, ["get"], None),
    ("reports:voice-create", PLAN, ["get", "post"], "partnership"),
    ("reports:voice-edit", PLAN, ["get", "post"], "voice"),
    ("reports:voice-remove", PLAN, ["get", "post"], "voice"),
    # The training and funding registers' pages are the voice register's views: their writes here.
    ("reports:training-list", READ, ["get"], None),
    ("reports:training-create", PLAN, ["post"], "partnership"),
    ("reports:training-edit", PLAN, ["post"], "course"),
    ("reports:training-remove", PLAN, ["post"], "course"),
    ("reports:contribution-list", READ, ["get"], None),
    ("reports:contribution-create", PLAN, ["post"], "partnership"),
    ("reports:contribution-edit", PLAN, ["post"], "contribution"),
    ("reports:contribution-remove", PLAN, ["post"], "contribution"),
    ("plans:partnership-settings", PLAN, ["get", "post"], "partnership"),
    ("plans:directory", READ, ["get"], "partnership"),
    ("plans:directory-add", PLAN, ["get", "post"], "partnership"),
    ("plans:directory-edit", PLAN, ["get", "post"], "person"),
    ("plans:directory-remove", PLAN, ["get", "post"], "person"),
    ("plans:lead-partners", READ, ["get"], "partnership"),
    ("plans:lead-partner-add", PLAN, ["get", "post"], "partnership"),
    ("plans:lead-partner-edit", PLAN, ["get", "post"], "lead_partner"),
    ("plans:lead-partner-remove", PLAN, ["get", "post"], "spare_partner"),
    ("reports:annual-sign-off", PLAN, ["get", "post"], "report"),
    ("reports:annual-dispatch", PLAN, ["get", "post"], "published"),
]
# POSTs that answer in place (200) and change nothing, where others redirect after a change.
ANSWERED_IN_PLACE = {"reports:annual-section-preview"}
# POSTs that the world's state refuses, on their own page (409), for everyone who may ask.
REFUSED_IN_PLACE = {"plans:lead-partner-remove"}
# Succeed without writing: the upload only leads to a preview (confirming is tested in
# test_import_views.py, since it needs the uploader's session).
POSTS_THAT_WRITE_NOTHING = {"subgroups:workplan-import"}
# Every lead partner has signed the draft (so that it can be published), and one who signed
# cannot be removed: the BSU is told so (removals are tested in reports/tests/test_sign_off.py).
POSTS_THAT_WRITE_NOTHING |= {"plans:lead-partner-remove"}
# One test for each URL and method, which asks it as every role in turn: each role's request
# is undone before the next one's, and a failure names the role.
GRID = [(name, kind, method, target) for name, kind, methods, target in URLS for method in methods]


def grid_url(world, name, target):
    objects = {
        "plan": world["workplan"].plan,
        "subgroup": world["workplan"].subgroup,
        "workplan": world["workplan"],
        "action": world["action"],
        "report": world["report"],
        "published": world["published"],
        "partnership": world["workplan"].plan.partnership,
        "challenge": world["challenge"],
        "review": world["review"],
        "finding": world["finding"],
        "recommendation": world["recommendation"],
        "voice": world["voice"],
        "course": world["course"],
        "contribution": world["contribution"],
        "meeting": world["meeting"],
        "pdf_build": world["pdf_build"],
    }
    if name == "reports:pdf-build-file":
        default_storage.save(world["pdf_build"].file.name, ContentFile(b"%PDF-1.7 grid"))
    if target == "section":
        args = [world["report"].pk, "foreword"]
    elif target == "scrutiny_section":
        args = [world["report"].pk, "scrutiny"]
    elif target == "person":
        args = [world["workplan"].plan.partnership_id, world["spare"].pk]
    elif target in ("lead_partner", "spare_partner"):
        args = [world["workplan"].plan.partnership_id, world[target].pk]
    else:
        args = [objects[target].pk] if target else []
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "kind", "method", "target"), GRID)
def test_permission_grid(world, subtests, name, kind, method, target):
    url = grid_url(world, name, target)
    data = post_data(world, name.split(":")[1]) if method == "post" else None
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            client = client_as(role, world["sessions"])
            response = client.get(url) if method == "get" else client.post(url, rewound(data))
            expected = expected_status(role, kind, method, bool(target))
            if name in ANSWERED_IN_PLACE and expected == 302 and role != "anonymous":
                expected = 200
            if name in REFUSED_IN_PLACE and expected == 302 and role != "anonymous":
                expected = 409
            assert response.status_code == expected, response.content[:500]
            writes = name not in POSTS_THAT_WRITE_NOTHING
            changed = case.changed()
            assert bool(changed) == (
                writes and method == "post" and role != "anonymous" and response.status_code == 302
            ), f"changed: {changed}"


def rewound(data):
    """The same form data for the next role's request: a request reads its files to the end."""
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    return data


PUBLIC_PAGES = ["public:report", "public:report-pdf", "public:family-summary"]


# The pages are the same for everyone and slow to make (the PDF most): a reader without a
# sign-in, one of another partnership and one of its own stand for every role.
PUBLIC_GRID = [
    (role, name) for name in PUBLIC_PAGES
    for role in (["anonymous", "outsider"] if name == "public:report-pdf" else ["anonymous", "outsider", "viewer"])
]


@pytest.mark.parametrize(("role", "name"), PUBLIC_GRID)
def test_public_pages_grid(world, role, name):
    """The public pages of a published report answer everyone, signed in or not, of the
    partnership or not; a year with only a draft is not found, for everyone."""
    client = client_as(role, world["sessions"])
    slug = world["workplan"].plan.partnership.slug
    with world["database"].case() as case:
        published = client.get(reverse(name, kwargs={"partnership": slug, "year": world["published"].year}))
        draft_only = client.get(reverse(name, kwargs={"partnership": slug, "year": world["report"].year}))
        assert (published.status_code, draft_only.status_code) == (200, 404)
        assert not case.changed()


def test_refusal_page_explains_in_the_sites_style(client, world):
    client.force_login(world["users"]["viewer"])
    response = client.get(reverse("subgroups:action-edit", args=[world["action"].pk]))
    assert response.status_code == 403
    assert "You cannot do that" in response.text and '<html lang="en-GB"' in response.text


@pytest.mark.parametrize("method", ["get", "post"])
def test_permission_grid_for_the_import_preview(world, subtests, method):
    """The preview/confirm URL names an upload kept in the uploader's session: the BSU
    uploads first; everyone else gets the same refusal as on any BSU-only page."""
    upload_url = reverse("subgroups:workplan-import", args=[world["workplan"].subgroup.pk])
    upload = post_data(world, "workplan-import")
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            url = client_as("bsu", world["sessions"]).post(upload_url, rewound(upload)).url
            case.mark()
            client = client_as(role, world["sessions"])
            response = client.get(url) if method == "get" else client.post(url)
            assert response.status_code == expected_status(role, PLAN, method, scoped=True)
            changed = case.changed()
            assert bool(changed) == (method == "post" and role != "anonymous" and response.status_code == 302), changed


# My actions' update round is a page of one's own: whoever may update actions somewhere (a
# BSU or lead, of any partnership) opens it; a POST saves only the rows they may update, and
# says the others were not saved.
MY_ROUND = {
    # role: (GET status, POST status, saved)
    "anonymous": (302, 302, False),
    "bsu": (200, 302, True),
    "subgroup_lead": (200, 302, True),
    "action_lead": (200, 302, True),
    "other_lead": (200, 200, False),
    "executive": (403, 403, False),
    "viewer": (403, 403, False),
    "scrutineer": (403, 403, False),
    "outsider": (200, 200, False),
}


@pytest.mark.parametrize("method", ["get", "post"])
def test_permission_grid_for_my_actions_update_round(world, subtests, method):
    url = reverse("subgroups:my-actions-update-round")
    data = post_data(world, "my-actions-update-round")
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            client = client_as(role, world["sessions"])
            response = client.get(url) if method == "get" else client.post(url, data)
            get_status, post_status, saved = MY_ROUND[role]
            assert response.status_code == (get_status if method == "get" else post_status)
            changed = case.changed()
            assert bool(changed) == (method == "post" and saved), changed
            if method == "post" and response.status_code == 200:
                assert "could not be saved" in response.text and "X 1.1" not in response.text
