"""The permission grid for configuration and the report pages: every role × every admin URL
(each registered model's changelist, add, change, delete and history, with another
partnership's ids), the BSU's configuration pages, and the dashboard, exception report and
action list with another partnership's ids in the query string. Each answer has the expected
status, never shows another partnership's rows, and a refusal changes nothing at all."""

import copy
import datetime
import functools
import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from plans.models import (
    BragDefinition,
    BusinessPlan,
    CrossCuttingTheme,
    Membership,
    Partnership,
    Person,
    Priority,
)
from plans.tests.factories import (
    BusinessPlanFactory,
    PartnershipFactory,
    PriorityFactory,
    ThemeFactory,
    UserFactory,
)
from plans.tests.grid import OUR_APPS, Watched, app_models, client_as, each_pdf_made_once, sign_in_once
from reports.models import Meeting
from subgroups.models import Action, SubGroup, Workplan
from subgroups.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    SubGroupFactory,
    WorkplanFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "viewer", "executive", "lead", "bsu", "other_bsu", "staff", "superuser",
]
# Members of the home partnership ("Alpha"); other_bsu is the BSU of the other one ("Bravo").
HOME_MEMBERS = {"viewer", "executive", "lead", "bsu"}
MEMBERS = HOME_MEMBERS | {"other_bsu"}


def _partnership_world(name: str, *, bsu, viewer, author):
    """A partnership whose every row carries `name` (its marker), with a plan, a priority, a
    theme, a sub-group led by nobody, a workplan and an action with a BRAG update, and a
    member who has not chosen a password yet."""
    partnership = PartnershipFactory(name=f"{name} Partnership", short_name=name[:8])
    plan = BusinessPlanFactory(partnership=partnership, title=f"{name} plan")
    BragDefinition.objects.create(plan=plan, rating="red", meaning=f"{name} red meaning")
    priority = PriorityFactory(plan=plan, number=1, title=f"{name} priority")
    theme = ThemeFactory(plan=plan, title=f"{name} theme")
    subgroup = SubGroupFactory(partnership=partnership, name=f"{name} group", short_name=name[:6])
    workplan = WorkplanFactory(plan=plan, subgroup=subgroup, year="2023-24")
    action = ActionFactory(
        workplan=workplan, priority=priority, reference=f"{name[:6]} 1.1",
        description=f"{name} action", due_date=datetime.date(2023, 6, 30),
    )
    action.themes.add(theme)
    ActionUpdateFactory(
        action=action, rating="red", narrative=f"{name} narrative",
        as_at=datetime.date(2023, 9, 1), author=author,
    )
    Membership.objects.create(user=bsu, partnership=partnership, role=Membership.Role.BSU)
    Membership.objects.create(user=viewer, partnership=partnership, role=Membership.Role.VIEWER)
    newcomer = UserFactory(username=f"{name.lower()}-newcomer", email=f"new@{name.lower()}.example.org")
    newcomer.set_unusable_password()
    newcomer.save()
    meeting = Meeting.objects.create(
        partnership=partnership, body=Meeting.Body.EXECUTIVE, date=datetime.date(2023, 10, 5),
        cutoff=datetime.date(2023, 10, 5), notes=f"{name} meeting notes",
    )
    return {
        "partnership": partnership,
        "plan": plan,
        "meeting": meeting,
        "priority": priority,
        "theme": theme,
        "subgroup": subgroup,
        "workplan": workplan,
        "action": action,
        "viewer_membership": Membership.objects.get(user=viewer, partnership=partnership),
        "newcomer": Membership.objects.create(
            user=newcomer, partnership=partnership, role=Membership.Role.VIEWER
        ),
        "bsu": bsu,
        # In the directory, leading nothing: its edit and remove pages name them.
        "spare": Person.objects.create(partnership=partnership, name=f"{name} spare person"),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world, built once for the module's tests inside a transaction that is rolled back
    after the last one. Each test runs in a savepoint within it (pytest-django's `db`), and
    each role's request in a savepoint within that (Watched.case), so whatever a request
    changes is undone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic(), each_pdf_made_once():
        world = _build_world()
        world["database"] = Watched(WATCHED)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    """Each test's own copy of the world's objects, so that changing one in memory (setting a
    password, say) cannot leak into the next test."""
    return copy.deepcopy(module_world)


def _build_world():
    users = {role: UserFactory(username=role, email=f"{role}@example.org") for role in ROLES[1:]}
    users["staff"].is_staff = True
    users["staff"].save()
    # The staff member holds every model permission: being staff with permissions used to be
    # enough to list every partnership's rows.
    users["staff"].user_permissions.set(Permission.objects.all())
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    # Signed in before the sign-in records below are made: a sign-in clears the user's failures.
    sessions = sign_in_once(users)
    alpha = _partnership_world("ALPHA-SECRET", bsu=users["bsu"], viewer=users["viewer"], author=users["bsu"])
    other_viewer = UserFactory(username="bravo-viewer")
    bravo = _partnership_world(
        "BRAVO-SECRET", bsu=users["other_bsu"], viewer=other_viewer, author=users["other_bsu"]
    )
    for role in ("executive", "lead"):
        Membership.objects.create(user=users[role], partnership=alpha["partnership"], role=role)
    alpha["subgroup"].leads.add(users["lead"])
    bravo["group"] = Group.objects.create(name="BRAVO-SECRET group")
    bravo["user"] = users["other_bsu"]
    bravo["access_attempt"] = AccessAttempt.objects.create(username="other_bsu", ip_address="10.0.0.2", user_agent="t", failures_since_start=1, get_data="", post_data="", http_accept="", path_info="/")
    bravo["access_log"] = AccessLog.objects.create(username="other_bsu", ip_address="10.0.0.2", user_agent="t", http_accept="", path_info="/")
    bravo["access_failure"] = AccessFailureLog.objects.create(username="other_bsu", ip_address="10.0.0.2", user_agent="t", http_accept="", path_info="/")
    return {"users": users, "alpha": alpha, "bravo": bravo, "sessions": sessions}


def own_and_foreign(world, role):
    """The role's own partnership's objects and another partnership's."""
    if role == "other_bsu":
        return world["bravo"], world["alpha"]
    return world["alpha"], world["bravo"]


def marker(objects) -> str:
    return objects["partnership"].name.split()[0]


User = get_user_model()
# Every row the admin and the configuration pages could change: every table of the apps, the
# users (the columns that matter), their groups and permissions, and the sign-in records. Each
# case also says whether mail was sent (plans.tests.grid.Case.changed).
WATCHED = [
    *app_models(*OUR_APPS),
    (User, ["id", "username", "email", "password", "is_staff", "is_superuser", "is_active"]),
    Group, User.groups.through, User.user_permissions.through, AccessAttempt, AccessLog, AccessFailureLog,
]


# --- The admin ----------------------------------------------------------------------------

ADMIN_VIEWS = ["changelist", "add", "change", "delete", "history"]


def admin_object(world, model):
    """Another partnership's row of `model` (for the home partnership's roles)."""
    bravo = world["bravo"]
    return {
        Partnership: bravo["partnership"],
        BusinessPlan: bravo["plan"],
        Priority: bravo["priority"],
        CrossCuttingTheme: bravo["theme"],
        Membership: bravo["viewer_membership"],
        SubGroup: bravo["subgroup"],
        Workplan: bravo["workplan"],
        Action: bravo["action"],
        Group: bravo["group"],
        AccessAttempt: bravo["access_attempt"],
        AccessLog: bravo["access_log"],
        AccessFailureLog: bravo["access_failure"],
    }.get(model) or (bravo["user"] if model._meta.label == "auth.User" else model.objects.first())


# One test for each admin URL and method, which asks it as every role in turn: each role's
# request is undone before the next one's, and a failure names the role.
ADMIN_GRID = [
    (model._meta.label, view, method)
    for model in admin.site._registry
    for view in ADMIN_VIEWS
    for method in (["get", "post"] if view in {"add", "change", "delete"} else ["get"])
]


@pytest.fixture(scope="module")
def sign_in_pages_read():
    """The admin's sign-in pages a refusal led to, by role and address, once read: the GET and
    the POST of an admin URL send a role to the same page."""
    return set()


@pytest.mark.parametrize(("label", "view", "method"), ADMIN_GRID)
def test_admin_grid(world, subtests, sign_in_pages_read, label, view, method):
    model = next(m for m in admin.site._registry if m._meta.label == label)
    obj = admin_object(world, model)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    url = reverse(name, args=[] if view in {"changelist", "add"} else [obj.pk])
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            client = client_as(role, world["sessions"])
            if method == "get":
                response = client.get(url)
            elif view == "delete":
                response = client.post(url, {"post": "yes"})
            else:
                response = client.post(url, {})  # an empty form: refused, or sent back with errors
            changed = case.changed()
            if role != "superuser":
                # Everyone else, the BSU and a staff member with every permission included, is
                # sent to the admin's sign-in page (which says they are not authorised), never
                # shown rows.
                assert response.status_code == 302
                login = reverse("login") if role == "anonymous" else reverse("admin:login")
                assert response["Location"].startswith(login)
                assert not changed, changed
                if (role, response["Location"]) not in sign_in_pages_read:
                    page = client.get(response["Location"])
                    assert "BRAVO-SECRET" not in page.text and "ALPHA-SECRET" not in page.text
                    sign_in_pages_read.add((role, response["Location"]))
            elif method == "get":
                allowed = superuser_may_open(world, model, view, obj)
                assert response.status_code == (200 if allowed else 403)
                if model is Action:
                    assert allowed == (view not in {"add", "delete"})
                assert not changed, changed
            elif view == "delete":
                # Deleting is refused wherever BRAG history would go with the row.
                assert bool(changed) == (response.status_code == 302), changed
                if model in PROTECTED_BY_HISTORY:
                    assert not changed, changed
            else:
                assert not changed, changed  # an empty form saves nothing


# Rows whose deletion would take actions with updates (or their authors) with them.
PROTECTED_BY_HISTORY = {Partnership, BusinessPlan, Priority, SubGroup, Workplan, Action}


def superuser_may_open(world, model, view, obj) -> bool:
    """The admin's own answer: may a superuser open `view` (adding or deleting some models is
    refused to everyone)?"""
    model_admin, request = admin.site._registry[model], _request_of(world["users"]["superuser"])
    if view == "add":
        return model_admin.has_add_permission(request)
    if view == "delete":
        return model_admin.has_delete_permission(request, obj)
    return True


def _request_of(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_superuser_sees_actions_and_their_updates_read_only(world):
    client = client_as("superuser", world["sessions"])
    action = world["bravo"]["action"]
    with world["database"].case() as case:
        page = client.get(reverse("admin:subgroups_action_change", args=[action.pk]))
        assert page.status_code == 200
        assert "BRAVO-SECRET narrative" in page.text
        assert 'name="description"' not in page.text and 'name="_save"' not in page.text
        assert client.get(reverse("admin:subgroups_action_add")).status_code == 403
        edit = {"description": "Rewritten", "impact": "Rewritten", "workplan": action.workplan_id}
        assert client.post(reverse("admin:subgroups_action_change", args=[action.pk]), edit).status_code == 403
        delete = reverse("admin:subgroups_action_delete", args=[action.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        for obj in (world["bravo"]["workplan"], world["bravo"]["subgroup"], world["bravo"]["partnership"]):
            meta = obj._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
            refused = client.post(url, {"post": "yes"})
            assert refused.status_code == 200 and "<title>Cannot delete" in refused.text
        assert not case.changed()


def test_the_navigation_offers_configuration_to_superusers_only(world):
    for role in ROLES[1:]:
        html = client_as(role, world["sessions"]).get(reverse("plans:accessibility")).text
        assert (reverse("admin:index") in html) == (role == "superuser"), role
        people = reverse("plans:people", args=[own_and_foreign(world, role)[0]["partnership"].pk])
        assert (people in html) == (role in {"bsu", "other_bsu"}), role


# --- The BSU's configuration pages ---------------------------------------------------------

CONFIG_URLS = [
    # (url name, methods, the object the URL names)
    ("subgroups:subgroup-settings", ["get", "post"], "subgroup"),
    ("plans:people", ["get"], "partnership"),
    ("plans:person-add", ["get", "post"], "partnership"),
    ("plans:membership-edit", ["get", "post"], "viewer_membership"),
    ("plans:membership-remove", ["get", "post"], "viewer_membership"),
    ("plans:membership-send-link", ["post"], "newcomer"),
    ("plans:directory-add", ["get", "post"], "partnership"),
    ("plans:partnership-settings", ["get", "post"], "partnership"),
    ("plans:directory-edit", ["get", "post"], "spare"),
    ("plans:directory-remove", ["get", "post"], "spare"),
    ("reports:meeting-create", ["get", "post"], "partnership"),
    ("reports:meeting-edit", ["get", "post"], "meeting"),
    ("reports:meeting-delete", ["get", "post"], "meeting"),
    ("subgroups:workplan-year-end", ["get", "post"], "workplan"),
    ("subgroups:plan-year-end", ["get", "post"], "plan"),
]
CONFIG_GRID = [
    (name, method, whose)
    for name, methods, _target in CONFIG_URLS
    for method in methods
    for whose in ["own", "foreign"]
]


def config_url(name, objects, target):
    if target in {"viewer_membership", "newcomer", "spare"}:
        return reverse(name, args=[objects["partnership"].pk, objects[target].pk])
    return reverse(name, args=[objects[target].pk])


def config_post_data(name, objects, world):
    subgroup = objects["subgroup"]
    action = objects["action"]
    # The year end applied: the one action closed as not achieved.
    year_end = {
        "year": "2023-24", "token": f"grid-{name}", "confirm": "1",
        f"choice-{action.pk}": "close", f"reason-{action.pk}": "Dropped by the board.",
        f"version-{action.pk}": action.version,
    }
    return {
        "subgroups:workplan-year-end": year_end,
        "subgroups:plan-year-end": year_end,
        "subgroups:subgroup-settings": {
            "name": f"{subgroup.name} renamed", "short_name": subgroup.short_name,
            "remit": "A remit", "chair": "", "members": "",
            "priorities": [objects["priority"].pk], "leads": [objects["bsu"].pk],
            "version": subgroup.version,
        },
        "plans:person-add": {
            "username": "new-person", "first_name": "New", "last_name": "Person",
            "email": "new.person@example.org", "role": "viewer",
        },
        "plans:membership-edit": {"role": "executive"},
        "plans:membership-remove": {},
        "plans:membership-send-link": {},
        "plans:directory-add": {"name": "Education Safeguarding Lead", "agency": "LBM"},
        "plans:directory-edit": {"name": objects["spare"].name, "role": "Head of Service", "version": 1},
        "plans:directory-remove": {"remove": "1"},
        "plans:partnership-settings": {"logo": _png(), "logo_alt": "Partnership logo"},
        "reports:meeting-create": {"meets": "executive", "date": "2023-11-02", "notes": "A new meeting"},
        "reports:meeting-edit": {
            "meets": "executive", "date": "2023-10-05", "notes": "Changed notes", "version": objects["meeting"].version,
        },
        "reports:meeting-delete": {},
    }[name]


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), "#1d70b8").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(("name", "method", "whose"), CONFIG_GRID)
def test_configuration_pages_grid(world, subtests, name, method, whose, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # the logo upload's file goes to a throwaway folder
    target = next(t for n, _m, t in CONFIG_URLS if n == name)
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            own, foreign = own_and_foreign(world, role)
            objects = own if whose == "own" else foreign
            client = client_as(role, world["sessions"])
            url = config_url(name, objects, target)
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, config_post_data(name, objects, world))
            is_bsu_here = whose == "own" and role in {"bsu", "other_bsu"}
            if role == "anonymous":
                expected = 302
            elif whose == "foreign" or role not in MEMBERS:
                expected = 404  # not their partnership: as if it did not exist
            elif not is_bsu_here:
                expected = 403
            else:
                expected = 302 if method == "post" else 200
            assert response.status_code == expected, response.content[:300]
            if role == "anonymous":
                assert response["Location"].startswith(reverse("login"))
            changed = case.changed()
            assert bool(changed) == (is_bsu_here and method == "post"), changed
            if response.status_code == 200:
                assert marker(foreign) not in response.text
                assert marker(own) in response.text


# --- Reports with another partnership's ids in the query string ----------------------------

REPORT_URLS = ["reports:dashboard", "reports:exceptions", "reports:actions"]


@pytest.mark.parametrize("name", REPORT_URLS)
def test_report_pages_never_show_another_partnerships_rows(world, subtests, name):
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            own, foreign = own_and_foreign(world, role)
            query = {
                "plan": foreign["plan"].pk,
                "subgroup": foreign["subgroup"].pk,
                "priority": foreign["priority"].pk,
                "theme": foreign["theme"].pk,
                "as_at": "2024-03-31",
            }
            response = client_as(role, world["sessions"]).get(reverse(name), query)
            if role == "anonymous":
                assert response.status_code == 302
            elif role in MEMBERS:
                assert response.status_code == 200  # their own plan instead, with the error shown
                assert marker(own) in response.text
            else:
                assert response.status_code == 404  # no partnership, so no plans to report on
            assert marker(foreign) not in response.content.decode()
            assert not case.changed()


# --- Meetings: every member reads their own partnership's ------------------------------------

MEETING_READ_URLS = ["reports:meeting-detail", "reports:meeting-pack", "reports:meeting-not-updated"]


@pytest.mark.parametrize(("name", "whose"), [(name, whose) for name in MEETING_READ_URLS for whose in ["own", "foreign"]])
def test_meeting_pages_grid(world, subtests, name, whose):
    for role in ROLES:
        with subtests.test(role=role), world["database"].case() as case:
            own, foreign = own_and_foreign(world, role)
            objects = own if whose == "own" else foreign
            response = client_as(role, world["sessions"]).get(reverse(name, args=[objects["meeting"].pk]))
            if role == "anonymous":
                assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
            elif whose == "foreign" or role not in MEMBERS:
                assert response.status_code == 404  # not their partnership: as if it did not exist
            else:
                assert response.status_code == 200
                text = pdf_text(response.content) if name == "reports:meeting-pack" else response.text
                assert marker(own) in text and marker(foreign) not in text
            assert not case.changed()


def test_the_meetings_list_shows_only_the_users_own_partnerships_meetings(world, subtests):
    for role in ROLES:
        with subtests.test(role=role):
            own, foreign = own_and_foreign(world, role)
            response = client_as(role, world["sessions"]).get(reverse("reports:meeting-list"))
            if role == "anonymous":
                assert response.status_code == 302
                continue
            assert response.status_code == 200
            assert marker(foreign) not in response.text
            assert (own["meeting"].get_absolute_url() in response.text) == (role in MEMBERS)
            add = reverse("reports:meeting-create", args=[own["partnership"].pk])
            assert (add in response.text) == (role in {"bsu", "other_bsu"})


@functools.cache  # the same PDF for every role that may read it (each_pdf_made_once)
def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("role", ["bsu", "staff", "superuser"])
def test_only_a_superuser_can_sign_in_to_the_admin(client, world, role):
    user = world["users"][role]
    user.set_password("a-long-test-password")
    user.save()
    response = client.post(
        reverse("admin:login"), {"username": role, "password": "a-long-test-password", "next": reverse("admin:index")}
    )
    if role == "superuser":
        assert response.status_code == 302 and client.get(reverse("admin:index")).status_code == 200
    else:
        assert response.status_code == 200
        assert "configuration (superuser) account" in response.text
        assert client.get(reverse("admin:index")).status_code == 302
