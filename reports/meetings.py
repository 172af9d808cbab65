"""Meetings of the Executive, the sub-groups and the full partnership, and what the BSU
prepares for them: the meeting pack, and the actions whose leads have not updated since the
body last met.

A meeting's figures are counted as at its cut-off date (the meeting's date unless the papers go
out earlier). "Since the last meeting" means since the cut-off of the previous meeting of the
same body: the figures that body last saw. Merton's Executive meets monthly, its sub-groups in
between and the full partnership three times a year (Business Plan 2023-25, "MSCP Executive and
key activities"; "A full partnership meeting is held three times a year").
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from plans.models import BusinessPlan, Partnership, financial_year, priority_label
from plans.services import attributed, edit_changes_nothing, refuse_stale_edit, stale_edit_message
from reports.charts import stacked_bars
from reports.models import Meeting
from reports.selectors import changes_since, exception_report, plan_dashboard
from subgroups.brag import BragCounts, brag_summary, plan_as_at
from subgroups.filters import ReportScope, link_id
from subgroups.models import LEADS_PREFETCH, Action, SubGroup, Workplan, not_complete
from subgroups.selectors import NO_LEAD, ActionGroup

# -- Writes -----------------------------------------------------------------------------------

MEETING_FIELDS = ["body", "subgroup", "date", "cutoff", "notes"]


def _cutoff_or_date(cutoff: datetime.date | None, date: datetime.date | None) -> datetime.date | None:
    """The figures' date: the cut-off given, or the meeting's date when it is left out."""
    return date if cutoff is None else cutoff


def _check(meeting: Meeting) -> None:
    """Refuse, by field, a meeting that breaks a rule; fill in the cut-off when it is left out."""
    errors = {}
    if meeting.body == Meeting.Body.SUBGROUP:
        if meeting.subgroup is None:
            errors["subgroup"] = ["Choose the sub-group that meets."]
        elif meeting.subgroup.partnership_id != meeting.partnership_id:
            errors["subgroup"] = ["Choose one of this partnership's sub-groups."]
    else:
        meeting.subgroup = None
    meeting.cutoff = _cutoff_or_date(meeting.cutoff, meeting.date)
    if meeting.date and meeting.cutoff and meeting.cutoff > meeting.date:
        errors["cutoff"] = ["The figures' date must be the meeting's date or earlier."]
    if meeting.date and "subgroup" not in errors:
        clash = (
            Meeting.objects.filter(partnership=meeting.partnership_id, date=meeting.date)
            .of_body(body=meeting.body, subgroup_id=meeting.subgroup_id)
            .exclude(pk=meeting.pk)
        )
        if clash.exists():
            errors["date"] = [f"The {meeting.body_name} already has a meeting on {meeting.date:%-d %B %Y}."]
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(validate_constraints=False)


def _save(meeting: Meeting) -> None:
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:  # the same body and day, saved a moment ago by someone else
        raise ValidationError(
            {"date": [f"The {meeting.body_name} already has a meeting on {meeting.date:%-d %B %Y}."]}
        ) from error


@transaction.atomic
def meeting_create(
    *, partnership: Partnership, body: str, subgroup: SubGroup | None, date: datetime.date,
    cutoff: datetime.date | None = None, notes: str = "", by,
) -> Meeting:
    """Record a meeting of `body` (a sub-group's names `subgroup`). The cut-off defaults to the
    meeting's date. Refused by field: a sub-group of another partnership, a cut-off after the
    date, a second meeting of the same body on one day."""
    meeting = Meeting(
        partnership=partnership, body=body, subgroup=subgroup, date=date, cutoff=cutoff, notes=notes
    )
    _check(meeting)
    _save(attributed(meeting, by))
    return meeting


@transaction.atomic
def meeting_edit(*, meeting: Meeting, expected_version: int, fields: dict, by) -> Meeting:
    """Save changes to the meeting's body, date, cut-off and notes (the rules of
    `meeting_create`). If someone saved the meeting after the editor loaded `expected_version`,
    the save is refused, naming who, and nothing changes."""
    current = Meeting.objects.select_for_update(of=("self",)).select_related("subgroup").get(pk=meeting.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("meeting"))
    wanted = {name: fields[name] for name in MEETING_FIELDS if name in fields}
    if "cutoff" in wanted:
        wanted["cutoff"] = _cutoff_or_date(wanted["cutoff"], wanted.get("date", current.date))
    if edit_changes_nothing(current, wanted):
        return current
    for name in MEETING_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    _check(current)
    current.version += 1
    _save(attributed(current, by))
    return current


def meeting_delete_refusal(meeting: Meeting, *, today: datetime.date | None = None) -> str | None:
    """Why the meeting cannot be deleted, or None. A meeting that has been held stays once a
    later meeting of the same body has been held too: that meeting's pack measured its changes
    from this one, so the record of what it compared with must not change. A cancelled or
    mistaken meeting (not yet followed by a held one) can go."""
    today = today or timezone.localdate()
    follower = (
        meeting.same_body().filter(date__gt=meeting.date, date__lte=today).order_by("date").first()
    )
    if meeting.date <= today and follower:
        return (
            f"The {follower.body_name} meeting on {follower.date:%-d %B %Y} measured what changed "
            f"since this one, so this meeting stays as the record. Correct its date or notes instead."
        )
    return None


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by, today: datetime.date | None = None) -> None:
    """Delete the meeting, unless something depends on it (see `meeting_delete_refusal`)."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = meeting_delete_refusal(current, today=today)
    if refusal:
        raise ValidationError(refusal)
    attributed(current, by).delete()


# -- Reads ------------------------------------------------------------------------------------


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The latest meeting of the same body before this one."""
    return meeting.same_body().filter(date__lt=meeting.date).select_related("subgroup").order_by("-date").first()


def last_meeting_before(
    *, partnership_id: int, day: datetime.date, body: str = Meeting.Body.EXECUTIVE, subgroup_id: int | None = None
) -> Meeting | None:
    """The latest meeting of `body` (the Executive unless told) held before `day`: where a page
    as at `day` measures "since the last meeting" from when no date is given."""
    return (
        Meeting.objects.filter(partnership=partnership_id, date__lt=day)
        .of_body(body=body, subgroup_id=subgroup_id)
        .select_related("subgroup")
        .order_by("-date")
        .first()
    )


def meetings_by_partnership(*, user, body: str = "", today: datetime.date | None = None) -> list[dict]:
    """The meetings page: for each partnership `user` belongs to, its bodies (for the filter)
    and its meetings, upcoming (soonest first) and past (latest first), narrowed to one body
    when `body` names one ("executive", "partnership" or a sub-group's id). Two queries."""
    today = today or timezone.localdate()
    partnerships = list(Partnership.objects.visible_to(user).order_by("name"))
    subgroups = SubGroup.objects.filter(partnership__in=partnerships).order_by("short_name")
    meetings = Meeting.objects.filter(partnership__in=partnerships).select_related("subgroup")
    if body in (Meeting.Body.EXECUTIVE, Meeting.Body.PARTNERSHIP):
        meetings = meetings.filter(body=body)
    elif body:
        meetings = meetings.filter(body=Meeting.Body.SUBGROUP, subgroup_id=link_id(body))
    sections = {p.pk: {"partnership": p, "subgroups": [], "upcoming": [], "past": []} for p in partnerships}
    for subgroup in subgroups:
        sections[subgroup.partnership_id]["subgroups"].append(subgroup)
    for meeting in meetings.order_by("date", "body", "subgroup__short_name"):
        sections[meeting.partnership_id]["upcoming" if meeting.date >= today else "past"].append(meeting)
    for section in sections.values():
        section["past"].reverse()
    return list(sections.values())


def meeting_plan(meeting: Meeting) -> BusinessPlan | None:
    """The partnership's business plan the meeting's figures come from: the one running on the
    cut-off date (the latest-starting, if two overlap), else the last to start before it, else
    the first after it."""
    plans = BusinessPlan.objects.filter(partnership=meeting.partnership_id)
    return (
        plans.filter(period_start__lte=meeting.cutoff, period_end__gte=meeting.cutoff).order_by("-period_start").first()
        or plans.filter(period_start__lte=meeting.cutoff).order_by("-period_start").first()
        or plans.order_by("period_start").first()
    )


def meeting_workplans(meeting: Meeting, plan: BusinessPlan) -> list[Workplan]:
    """The workplans the body oversees in the year of its cut-off: a sub-group's own workplan,
    and every sub-group's for the Executive and the full partnership."""
    workplans = Workplan.objects.filter(plan=plan, year=financial_year(meeting.cutoff)).select_related(
        "subgroup__partnership", "plan"
    )
    if meeting.body == Meeting.Body.SUBGROUP:
        workplans = workplans.filter(subgroup=meeting.subgroup_id)
    return list(workplans.order_by("subgroup__short_name"))


@dataclass
class MeetingSince:
    """Where "since the last meeting" starts for a meeting: the previous meeting of the same
    body and its cut-off, or nothing when the body has not met before."""

    previous: Meeting | None
    day: datetime.date | None = None

    @classmethod
    def of(cls, meeting: Meeting) -> "MeetingSince":
        previous = previous_meeting(meeting)
        return cls(previous=previous, day=previous.cutoff if previous else None)


def meeting_overview(meeting: Meeting) -> dict:
    """The meeting page: the plan its figures come from, the previous and next meetings of
    the body, and how many actions have had no update since the previous one."""
    return {
        "meeting": meeting,
        "plan": meeting_plan(meeting),
        "since": MeetingSince.of(meeting),
        "next_meeting": meeting.same_body().filter(date__gt=meeting.date).order_by("date").first(),
        "not_updated": actions_not_updated(meeting)["count"],
    }


@dataclass
class WorkplanAsAt:
    """A workplan as it stood on a date: its counts and its actions grouped by priority."""

    workplan: Workplan
    counts: BragCounts
    groups: list[ActionGroup] = field(default_factory=list)


def workplans_as_at(*, plan: BusinessPlan, workplans: list[Workplan], as_at: datetime.date) -> list[WorkplanAsAt]:
    """Each workplan's actions as they stood on `as_at` (rating then, overdue and stale then),
    in plan order, and its counts: three queries, whatever the number of workplans."""
    judged = plan_as_at(plan, as_at)
    actions = (
        judged.as_they_stood(Action.objects.filter(workplan__in=workplans))
        .select_related("priority", "workplan__plan", "workplan__subgroup")
        .prefetch_related("themes", LEADS_PREFETCH)
        .order_by("workplan_id", F("priority__number").asc(nulls_last=True), "order", "pk")
    )
    counts = brag_summary(
        plan=plan, as_at=as_at, actions=Action.objects.filter(workplan__in=workplans), group_by="workplan"
    )
    by_workplan = {workplan.pk: WorkplanAsAt(workplan, counts.get(workplan.pk, BragCounts())) for workplan in workplans}
    for workplan_id, rows in groupby(actions, key=lambda action: action.workplan_id):
        by_workplan[workplan_id].groups = [
            ActionGroup(caption=priority_label(priority), actions=list(items))
            for priority, items in groupby(rows, key=lambda action: action.priority)
        ]
    return list(by_workplan.values())


def meeting_pack(meeting: Meeting) -> dict:
    """Everything the meeting pack prints, counted as at the meeting's cut-off: the plan's
    dashboard, what changed since the previous meeting of the body, the exceptions and the
    workplans the body oversees (a sub-group's changes and exceptions are its own)."""
    plan = meeting_plan(meeting)
    since = MeetingSince.of(meeting)
    as_at = meeting.cutoff
    scope = ReportScope(
        plan=plan,
        as_at=as_at,
        year=plan.year_containing(as_at),
        since=since.day if since.day and since.day < as_at else None,
    )
    dashboard = plan_dashboard(scope=scope)
    changes = changes_since(scope=scope, subgroup=meeting.subgroup) if scope.since else None
    groups = exception_report(scope=scope, subgroup=meeting.subgroup)
    return {
        "meeting": meeting,
        "partnership": meeting.partnership,
        "plan": plan,
        "as_at": as_at,
        "year": scope.year,
        "scope": scope,
        "since": since,
        "dashboard": dashboard,
        "chart": stacked_bars([(f"{day:%b %Y}", counts) for day, counts in dashboard["trend"]]),
        "changes": changes,
        "exceptions": {"groups": groups, "count": sum(len(group.actions) for group in groups)},
        "workplans": workplans_as_at(plan=plan, workplans=meeting_workplans(meeting, plan), as_at=as_at),
    }


@dataclass
class LeadGroup:
    """One lead's actions with no update since the last meeting."""

    lead: str
    actions: list[Action]

    @property
    def count(self) -> int:
        return len(self.actions)


def actions_not_updated(meeting: Meeting, *, today: datetime.date | None = None) -> dict:
    """The actions of the workplans the body oversees with no update since the previous
    meeting of the body (none at all when the body has not met before), grouped by lead, most
    behind first. Complete (Blue) actions need no update and are left out. Judged as at the
    cut-off, or today while the cut-off is still to come. One query for the actions."""
    today = today or timezone.localdate()
    as_at = min(today, meeting.cutoff)
    plan = meeting_plan(meeting)
    since = MeetingSince.of(meeting)
    workplans = meeting_workplans(meeting, plan) if plan else []
    rows = []
    if plan:
        actions = (
            plan_as_at(plan, as_at)
            .as_they_stood(Action.objects.filter(workplan__in=workplans))
            .filter(not_complete())
            .select_related("workplan__subgroup", "workplan__plan", "priority")
            .prefetch_related(LEADS_PREFETCH)
            .order_by("workplan__subgroup__short_name", F("priority__number").asc(nulls_last=True), "order", "pk")
        )
        no_update_since = Q(current_as_at__isnull=True)
        if since.day:
            no_update_since |= Q(current_as_at__lte=since.day)
        rows = list(actions.filter(no_update_since))
    # Per person: an action with two leads is behind for each of them.
    by_lead: dict[str, LeadGroup] = {}
    for action in rows:
        for name in [person.name for person in action.leads.all()] or [NO_LEAD]:
            by_lead.setdefault(name, LeadGroup(lead=name, actions=[])).actions.append(action)
    groups = sorted(by_lead.values(), key=lambda group: (-group.count, group.lead.casefold()))
    return {
        "meeting": meeting,
        "plan": plan,
        "as_at": as_at,
        "since": since,
        "year": financial_year(meeting.cutoff),
        "workplans": workplans,
        "groups": groups,
        "count": len(rows),
    }

