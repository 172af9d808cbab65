"""Loading the demo partnerships (Merton and Medway) and synthetic ones for benchmarks.

Loading creates what is missing and never changes what is there: every row is found by its
natural key (partnership slug, plan title, priority number, theme title, sub-group short name,
workplan year, action reference, an update's date and narrative, a report section's slug, a
username) and only created when missing. So running it again (as every `make run` does) keeps
what people have changed since, passwords and sign-ins included. `demo_reset` restores the
demo as shipped.
"""

import copy
import datetime
import functools
import io
from collections import Counter
from dataclasses import dataclass, field
from types import ModuleType

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from mscp.demo import medway, merton, merton_annual, merton_evidence, merton_reviews
from mscp.demo.challenges import CHALLENGES
from mscp.demo.meetings import demo_meetings
from plans.models import (
    BragDefinition,
    BusinessPlan,
    CrossCuttingTheme,
    LeadPartner,
    Membership,
    Partnership,
    Person,
    Priority,
    split_lead_names,
)
from plans import data_stamp
from plans.services import attributed, partnership_set_logo
from reports.annual import structure_copy
from reports.challenges import challenge_close, challenge_raise, challenge_respond
from reports.evidence import contribution_create, training_create, voice_create
from reports.models import (
    AnnualReport,
    Challenge,
    Finding,
    LearningReview,
    Meeting,
    PartnerContribution,
    Recommendation,
    ReminderSchedule,
    ReportSection,
    SignOff,
    TrainingCourse,
    VoiceEvidence,
)
from reports.publication import sign_off_record
from reports.structure import UP, structure_add, structure_move
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan
from subgroups.services import action_links_set_on_creation, next_year_label

User = get_user_model()

# username -> (partnership slug, role, first name, last name). Each demo user belongs to one
# partnership; the names are roles, so nobody mistakes demo data for real people.
DEMO_USERS = {
    "bsu": ("merton", Membership.Role.BSU, "Business Support", "Officer"),
    "pei-lead": ("merton", Membership.Role.LEAD, "PEI", "Lead"),
    "executive": ("merton", Membership.Role.EXECUTIVE, "Executive", "Member"),
    "viewer": ("merton", Membership.Role.VIEWER, "Partnership", "Viewer"),
    "medway-bsu": ("medway", Membership.Role.BSU, "Medway Business Support", "Officer"),
    "scrutineer": ("merton", Membership.Role.SCRUTINEER, "Independent", "Scrutineer"),
}
# Usernames the data modules use for update authors, per partnership.
AUTHOR_ALIASES = {"medway": {"bsu": "medway-bsu"}}
SYNTHETIC_SLUG = "synthetic-{:03d}"


@dataclass
class LoadReport:
    """What a load created, counted by kind of row ("actions", "updates", ...)."""

    created: Counter = field(default_factory=Counter)

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] += 1

    def __str__(self) -> str:
        return ", ".join(
            f"{number} {kind if number != 1 else _SINGULAR.get(kind, kind.removesuffix('s'))}"
            for kind, number in self.created.items()
        )


_SINGULAR = {"priorities": "priority"}


def demo_users_load(*, password: str, report: LoadReport) -> dict[str, "User"]:
    """Create each missing demo user with `password` (an existing user keeps theirs, so nobody
    is signed out). None of them is staff: the admin is for superusers, and the BSU configures
    its partnership through the product's pages."""
    users = {}
    hashed_password = functools.cache(lambda: make_password(password))
    for username, (_slug, _role, first, last) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            # Hashed only when a user is created now, and once for them all: the hash is
            # deliberately slow, and the demo users share the password anyway.
            defaults={"first_name": first, "last_name": last, "password": hashed_password},
        )
        report.count("users", created)
        users[username] = user
    return users


def _memberships_load(users: dict[str, "User"], report: LoadReport) -> None:
    for username, (slug, role, _first, _last) in DEMO_USERS.items():
        _, created = Membership.objects.get_or_create(
            user=users[username],
            partnership=Partnership.objects.get(slug=slug),
            defaults={"role": role},
        )
        report.count("memberships", created)


def _partnership_load(data: ModuleType, users: dict[str, "User"], report: LoadReport) -> None:
    slug = data.PARTNERSHIP["slug"]
    aliases = AUTHOR_ALIASES.get(slug, {})

    def user_named(username):
        return users[aliases.get(username, username)] if username else None

    partnership, created = Partnership.objects.get_or_create(
        slug=slug, defaults={k: v for k, v in data.PARTNERSHIP.items() if k != "slug"}
    )
    report.count("partnerships", created)
    plan_fields = dict(data.PLAN)
    plan, created = BusinessPlan.objects.get_or_create(
        partnership=partnership, title=plan_fields.pop("title"), defaults=plan_fields
    )
    report.count("plans", created)
    for order, item in enumerate(data.LEAD_PARTNERS, start=1):
        _, created = LeadPartner.objects.get_or_create(
            partnership=partnership, organisation=item["organisation"], defaults={"role": item["role"], "order": order}
        )
        report.count("lead partners", created)
    for rating, meaning in data.BRAG_DEFINITIONS.items():
        _, created = BragDefinition.objects.get_or_create(
            plan=plan, rating=rating, defaults={"meaning": meaning}
        )
        report.count("BRAG definitions", created)
    priorities = {}
    for item in data.PRIORITIES:
        priorities[item["number"]], created = Priority.objects.get_or_create(
            plan=plan,
            number=item["number"],
            defaults={
                "title": item["title"],
                "focus": item["focus"],
                "added_on": item["added_on"],
                "key_activities": "\n".join(item.get("key_activities", [])),
            },
        )
        report.count("priorities", created)
    themes = {}
    for position, item in enumerate(data.THEMES, start=1):
        themes[item["key"]], created = CrossCuttingTheme.objects.get_or_create(
            plan=plan,
            title=item["title"],
            defaults={
                "description": item.get("description", ""),
                "position": position,
                "added_on": item.get("added_on", plan.period_start),
            },
        )
        report.count("themes", created)
    subgroups = {}
    for item in data.SUBGROUPS:
        subgroup, created = SubGroup.objects.get_or_create(
            partnership=partnership,
            short_name=item["short_name"],
            defaults={
                "name": item["name"],
                "remit": "\n".join(item["remit"]),
                "chair": item.get("chair", ""),
                "members": "\n".join(item.get("members", [])),
            },
        )
        if created:
            subgroup.priorities.set([priorities[number] for number in item["priorities"]])
        report.count("sub-groups", created)
        subgroups[item["short_name"]] = subgroup

    people = _directory_load(data, partnership, user_named, report)
    for workplan_data in data.WORKPLANS:
        subgroup = subgroups[workplan_data["subgroup"]]
        workplan, created = Workplan.objects.get_or_create(
            subgroup=subgroup, year=workplan_data["year"], defaults={"plan": plan}
        )
        report.count("workplans", created)
        for order, item in enumerate(workplan_data["actions"], start=1):
            lead_user = user_named(item.get("lead_user"))
            leads = [people[name] for name in split_lead_names(item["lead"])]
            action, created = Action.objects.get_or_create(
                workplan=workplan,
                reference=item["reference"],
                defaults={
                    "priority": priorities.get(item["priority"]),
                    "impact": item["impact"],
                    "description": item["action"],
                    "timeframe": item["timeframe"],
                    "due_date": item["due"],
                    "added_on": item["added_on"],
                    "order": order,
                },
            )
            report.count("actions", created)
            if created:
                action_links_set_on_creation(action, themes=[themes[key] for key in item["themes"]], leads=leads)
                if lead_user:
                    subgroup.leads.add(lead_user)
            for update in item["updates"]:
                _, created = ActionUpdate.objects.get_or_create(
                    action=action,
                    as_at=update["as_at"],
                    narrative=update["narrative"],
                    defaults={
                        "rating": update["rating"],
                        "author": user_named(update["author"]),
                        "created_at": _entered_at(update["as_at"]),
                    },
                )
                report.count("updates", created)
    _closures_load(data, plan, users, report)


def person_details(name: str) -> dict:
    """A directory entry from the way the seeds' lead cells name people, "post, agency":
    "Head of Early Help, LBM" is the Head of Early Help of LBM (the London Borough of Merton)."""
    role, _, agency = name.rpartition(", ")
    if role and len(agency) <= 40 and role.count("(") == role.count(")"):
        return {"role": role, "agency": agency}
    return {"role": "", "agency": ""}  # a post alone ("Young Scrutineer"): its name says it


def _directory_load(data: ModuleType, partnership, user_named, report: LoadReport) -> dict[str, Person]:
    """The partnership's directory: everyone the seeds' lead cells name, found by name. A
    demo user who leads actions (pei-lead) is linked to the one person they lead alone, so
    My actions and updating work for them as for any linked lead."""
    people = {}
    accounts = {}
    for workplan_data in data.WORKPLANS:
        for item in workplan_data["actions"]:
            names = split_lead_names(item["lead"])
            user = user_named(item.get("lead_user"))
            if user is not None and len(names) == 1:
                accounts.setdefault(names[0], user)
            for name in names:
                people.setdefault(name, None)
    for name in people:
        email = getattr(data, "DIRECTORY_EMAILS", {}).get(name, "")
        person, created = Person.objects.get_or_create(
            partnership=partnership, name__iexact=name, defaults={"name": name, "email": email, **person_details(name)}
        )
        user = accounts.get(name)
        if created and user is not None and not Person.objects.filter(partnership=partnership, user=user).exists():
            person.user = user
            person.save(update_fields=["user"])
        report.count("people", created)
        people[name] = person
    return people


def _closures_load(data: ModuleType, plan, users: dict[str, "User"], report: LoadReport) -> None:
    """Close the actions the seeds say were carried forward (or not achieved) at a year end,
    each linked to the action that continues it, as the year-end page would have."""
    by = users.get("bsu")
    for item in getattr(data, "CLOSURES", []):
        actions = Action.objects.filter(workplan__plan=plan, workplan__subgroup__short_name=item["subgroup"])
        action = actions.get(workplan__year=item["year"], reference=item["reference"])
        if action.closure:
            report.count("closures", False)
            continue
        into = actions.get(workplan__year=next_year_label(item["year"]), reference=item["into"]) if item.get("into") else None
        action.closure, action.closed_on = item["closure"], item["closed_on"]
        action.closure_reason, action.carried_into = item.get("reason", ""), into
        action.version += 1
        attributed(action, by)
        action.save()
        report.count("closures", True)


def _reminder_schedule_load(data: ModuleType, partnership: Partnership, report: LoadReport) -> None:
    """The partnership's reminder schedule, when the data gives one and it has none."""
    if getattr(data, "REMINDER_SCHEDULE", None) is None:
        return
    _, created = ReminderSchedule.objects.get_or_create(partnership=partnership, defaults=data.REMINDER_SCHEDULE)
    report.count("reminder schedules", created)


def _meetings_load(partnership: Partnership, report: LoadReport) -> None:
    """The partnership's demo meetings (mscp/demo/meetings.py), each found by its body and date."""
    subgroups = {subgroup.short_name: subgroup for subgroup in partnership.subgroups.all()}
    for item in demo_meetings(partnership.slug):
        subgroup = subgroups.get(item["body"])
        body = Meeting.Body.SUBGROUP if subgroup else item["body"]
        _, created = Meeting.objects.get_or_create(
            partnership=partnership,
            body=body,
            subgroup=subgroup,
            date=item["date"],
            defaults={"cutoff": item["cutoff"], "notes": item["notes"]},
        )
        report.count("meetings", created)


def _challenges_load(partnership: Partnership, users: dict[str, "User"], report: LoadReport) -> None:
    """The partnership's demo challenges (mscp/demo/challenges.py), each found by its question,
    raised, answered and closed through the same services as the pages, so that their history
    reads as it would have."""
    subgroups = {subgroup.short_name: subgroup for subgroup in partnership.subgroups.all()}
    for item in CHALLENGES[partnership.slug]:
        if Challenge.objects.filter(partnership=partnership, question=item["question"]).exists():
            report.count("challenges", False)
            continue
        if "action" in item:
            kind, target = Challenge.Target.ACTION, {
                "action": Action.objects.select_related("workplan__subgroup").get(
                    workplan__subgroup__partnership=partnership, workplan__year="2023-24", reference=item["action"]
                )
            }
        elif "subgroup" in item:
            kind, target = Challenge.Target.SUBGROUP, {"subgroup": subgroups[item["subgroup"]]}
        else:
            kind, target = Challenge.Target.AGENCY, {"agency": item["agency"]}
        challenge = challenge_raise(
            partnership=partnership, by=users[item["raised_by"]], target_kind=kind, question=item["question"],
            respond_by=item.get("respond_by"), raised_on=item["raised_on"], **target,
        )
        for author, day, text in item["responses"]:
            challenge_respond(
                challenge=challenge, by=users[author], text=text, expected_version=challenge.version, responded_on=day
            )
            challenge.refresh_from_db()
        if item.get("closed"):
            by, day, outcome, text = item["closed"]
            challenge_close(
                challenge=challenge, by=users[by], outcome=outcome, outcome_text=text,
                expected_version=challenge.version, closed_on=day,
            )
        report.count("challenges", True)


def _reviews_load(data: ModuleType, *, partnership: Partnership, author: "User", report: LoadReport) -> None:
    """The partnership's reviews register (mscp/demo/merton_reviews.py), each review found by
    its title; a new review gets its findings and recommendations, each recommendation linked
    to its actions by workplan year and reference."""
    actions = {
        (action.workplan.year, action.reference): action
        for action in Action.objects.filter(workplan__subgroup__partnership=partnership).select_related("workplan")
    }
    for item in data.REVIEWS:
        fields = {key: value for key, value in item.items() if key not in ("title", "findings", "recommendations")}
        exists = LearningReview.objects.filter(partnership=partnership, title=item["title"]).exists()
        report.count("reviews", not exists)
        if exists:
            continue
        rows = [LearningReview(partnership=partnership, title=item["title"], **fields)]
        rows += [Finding(review=rows[0], text=text, order=order) for order, text in enumerate(item["findings"], start=1)]
        recommendations = [
            Recommendation(review=rows[0], text=entry["text"], evidence_of_impact=entry["evidence"], order=order)
            for order, entry in enumerate(item["recommendations"], start=1)
        ]
        for row in [*rows, *recommendations]:
            attributed(row, author)  # the demo's BSU recorded the register
            row.save()
        for recommendation, entry in zip(recommendations, item["recommendations"], strict=True):
            recommendation.actions.set([actions[key] for key in entry["actions"]])


def _evidence_load(data: ModuleType, *, partnership: Partnership, author: "User", report: LoadReport) -> None:
    """The partnership's evidence registers (mscp/demo/merton_evidence.py) for `data.YEAR`,
    through the same services as the pages: each record found by its source and date, each
    contribution by its partner and year, each course by its title and year."""
    actions = {
        action.reference: action
        for action in Action.objects.filter(workplan__subgroup__partnership=partnership, workplan__year=data.YEAR)
        .select_related("workplan__subgroup")
    }
    priorities = {priority.number: priority for priority in Priority.objects.filter(plan__partnership=partnership)}
    for item in data.VOICE:
        exists = VoiceEvidence.objects.filter(partnership=partnership, source=item["source"], heard_on=item["heard_on"]).exists()
        report.count("voice records", not exists)
        if not exists:
            voice_create(
                partnership=partnership, by=author,
                fields={name: item[name] for name in ("source", "heard_on", "what_was_heard", "what_changed")},
                actions=[actions[reference] for reference in item["actions"]],
                priorities=[priorities[number] for number in item["priorities"]],
            )
    for partner, amount in data.CONTRIBUTIONS:
        exists = PartnerContribution.objects.filter(partnership=partnership, year=data.YEAR, partner=partner).exists()
        report.count("contributions", not exists)
        if not exists:
            contribution_create(partnership=partnership, by=author, fields={"year": data.YEAR, "partner": partner, "amount": amount})
    for item in data.TRAINING:
        exists = TrainingCourse.objects.filter(partnership=partnership, year=data.YEAR, title=item["title"]).exists()
        report.count("training courses", not exists)
        if not exists:
            training_create(
                partnership=partnership, by=author, attendance=item["attendance"],
                fields={"year": data.YEAR} | {name: item[name] for name in ("title", "sessions", "rated_good_percent", "evaluation")},
            )


def _entered_at(day: datetime.date) -> datetime.datetime:
    """Demo updates are entered at noon on their as-at date, so history reads naturally."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


@transaction.atomic
def demo_load(*, password: str) -> LoadReport:
    """Create whatever of Merton, Medway and the demo users is missing; keep every row that is
    there as it is. Returns what was created (nothing, when the demo is already loaded)."""
    report = LoadReport()
    users = demo_users_load(password=password, report=report)
    for data in (merton, medway):
        _partnership_load(data, users, report)
        _meetings_load(Partnership.objects.get(slug=data.PARTNERSHIP["slug"]), report)
        _reminder_schedule_load(data, Partnership.objects.get(slug=data.PARTNERSHIP["slug"]), report)
    _memberships_load(users, report)
    for slug in CHALLENGES:
        _challenges_load(Partnership.objects.get(slug=slug), users, report)
    _annual_report_load(
        merton_annual, partnership=Partnership.objects.get(slug="merton"), author=users["bsu"], report=report
    )
    _reviews_load(merton_reviews, partnership=Partnership.objects.get(slug="merton"), author=users["bsu"], report=report)
    _evidence_load(merton_evidence, partnership=Partnership.objects.get(slug="merton"), author=users["bsu"], report=report)
    # Last: a sign-off is of the report's content, reviews, challenges and evidence included.
    _sign_offs_load(merton_annual, partnership=Partnership.objects.get(slug="merton"), author=users["bsu"], report=report)
    return report


@transaction.atomic
def demo_reset(*, password: str) -> LoadReport:
    """Restore the demo as shipped: Merton and Medway are deleted with everything in them
    (updates, reports and memberships included) and loaded again, and each demo user gets
    `password` back, which signs them out. Other partnerships and users are left alone."""
    slugs = [data.PARTNERSHIP["slug"] for data in (merton, medway)]
    # Updates, then actions: each protects what the partnerships' deletion would take.
    ActionUpdate.objects.filter(action__workplan__subgroup__partnership__slug__in=slugs).erase_with_their_partnership()
    Action.objects.filter(workplan__subgroup__partnership__slug__in=slugs).delete()
    Partnership.objects.filter(slug__in=slugs).delete()
    for username, (_slug, _role, first, last) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user:
            user.first_name, user.last_name, user.is_active = first, last, True
            user.set_password(password)
            user.save()
    return demo_load(password=password)


def _annual_report_load(
    data: ModuleType, *, partnership: Partnership, author: "User", report: LoadReport
) -> None:
    """The partnership's draft report for `data.YEAR` with every written section filled;
    sections someone has written since are left as they are, and nothing is added once the
    year's report is published."""
    if AnnualReport.objects.filter(partnership=partnership, year=data.YEAR, status="published").exists():
        return
    draft, created = AnnualReport.objects.get_or_create(partnership=partnership, year=data.YEAR, status="draft")
    report.count("annual reports", created)
    if not draft.structure.exists():
        structure_copy(report=None, to=draft, by=author)
    for title, before in data.ADDED_SECTIONS:
        if not draft.structure.filter(title=title).exists():
            _section_add_before(draft, title=title, before=before, author=author)
            report.count("report sections added", True)
    for slug, text in data.SECTIONS.items():
        _, created = ReportSection.objects.get_or_create(
            report=draft, slug=slug, defaults={"text": text.strip(), "updated_by": author}
        )
        report.count("report sections", created)


def _section_add_before(draft: AnnualReport, *, title: str, before: str, author: "User") -> None:
    """Add the partnership's own written section `title` and move it up to just before the
    section `before`, through the services the Arrange sections page uses."""
    setting = structure_add(report=draft, title=title, by=author)
    while True:
        slugs = list(draft.structure.filter(removed=False).values_list("slug", flat=True))
        if before not in slugs[: slugs.index(setting.slug)]:
            return
        setting = structure_move(report=draft, slug=setting.slug, direction=UP, expected_version=setting.version, by=author)


DEMO_LOGO_ALT = "MSCP: Merton Safeguarding Children Partnership (demo logo)"


def demo_logo_load(*, author: "User") -> bool:
    """Give Merton a demo logo (a plain wordmark drawn here) unless it has one; returns
    whether it was added. Kept apart from demo_load: it writes a file to storage."""
    merton_partnership = Partnership.objects.filter(slug="merton").first()
    if merton_partnership is None or merton_partnership.logo:
        return False
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (480, 160), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 150, 160), fill="#1d70b8")
    draw.text((75, 80), "M", fill="#ffffff", font=ImageFont.load_default(size=110), anchor="mm")
    draw.text((170, 58), "MSCP", fill="#0b0c0c", font=ImageFont.load_default(size=56), anchor="lm")
    draw.text((172, 112), "Merton Safeguarding", fill="#505a5f", font=ImageFont.load_default(size=26), anchor="lm")
    draw.text((172, 140), "Children Partnership", fill="#505a5f", font=ImageFont.load_default(size=26), anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    upload = SimpleUploadedFile("merton-logo.png", buffer.getvalue(), content_type="image/png")
    partnership_set_logo(partnership=merton_partnership, upload=upload, alt_text=DEMO_LOGO_ALT, by=author)
    return True


def _sign_offs_load(data: ModuleType, *, partnership: Partnership, author: "User", report: LoadReport) -> None:
    """The lead partners' sign-offs of the year's draft, through the service (so each carries
    the report's fingerprint); a partner that has signed it, or signed and had it withdrawn, is
    left as it is, and nothing is added once the year's report is published."""
    draft = AnnualReport.objects.filter(partnership=partnership, year=data.YEAR, status="draft").first()
    if draft is None:
        return
    for item in data.SIGN_OFFS:
        partner = LeadPartner.objects.get(partnership=partnership, organisation=item["organisation"])
        if SignOff.objects.filter(report=draft, lead_partner=partner).exists():
            continue
        sign_off_record(
            report=draft, partner=partner, signed_by=item["signed_by"], role=item["role"],
            signed_on=item["signed_on"], by=author,
        )
        report.count("sign-offs", True)


@transaction.atomic
def synthetic_load(*, count: int, author: "User") -> int:
    """Add `count` synthetic partnerships shaped like Merton's, with bulk inserts.

    Partnerships that already exist (by slug) are kept, so `--scale 100` run twice still
    leaves 100. Returns how many were created.
    """
    existing = set(
        Partnership.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
    )
    numbers = [n for n in range(1, count + 1) if SYNTHETIC_SLUG.format(n) not in existing]
    if not numbers:
        return 0
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            name=f"Synthetic Safeguarding Children Partnership {n:03d}",
            short_name=f"SSCP{n:03d}",
            slug=SYNTHETIC_SLUG.format(n),
        )
        for n in numbers
    )
    plan_fields = copy.deepcopy(merton.PLAN)
    plans = BusinessPlan.objects.bulk_create(
        BusinessPlan(partnership=partnership, **plan_fields) for partnership in partnerships
    )
    priorities = Priority.objects.bulk_create(
        Priority(
            plan=plan,
            number=item["number"],
            title=item["title"],
            focus=item["focus"],
            added_on=item["added_on"],
            key_activities="\n".join(item.get("key_activities", [])),
        )
        for plan in plans
        for item in merton.PRIORITIES
    )
    priority_by = {(p.plan_id, p.number): p for p in priorities}
    themes = CrossCuttingTheme.objects.bulk_create(
        CrossCuttingTheme(
            plan=plan, title=item["title"], description=item["description"], position=position
        )
        for plan in plans
        for position, item in enumerate(merton.THEMES, start=1)
    )
    theme_by = {}
    for plan in plans:
        plan_themes = [t for t in themes if t.plan_id == plan.pk]
        for item, theme in zip(merton.THEMES, plan_themes, strict=True):
            theme_by[(plan.pk, item["key"])] = theme
    subgroups = SubGroup.objects.bulk_create(
        SubGroup(
            partnership=partnership,
            name=item["name"],
            short_name=item["short_name"],
            remit="\n".join(item["remit"]),
            chair=item.get("chair", ""),
            members="\n".join(item.get("members", [])),
        )
        for partnership in partnerships
        for item in merton.SUBGROUPS
    )
    subgroup_by = {(s.partnership_id, s.short_name): s for s in subgroups}
    plan_of = {plan.partnership_id: plan for plan in plans}
    SubGroup.priorities.through.objects.bulk_create(
        SubGroup.priorities.through(
            subgroup=subgroup_by[(partnership.pk, item["short_name"])],
            priority=priority_by[(plan_of[partnership.pk].pk, number)],
        )
        for partnership in partnerships
        for item in merton.SUBGROUPS
        for number in item["priorities"]
    )
    workplans = Workplan.objects.bulk_create(
        Workplan(
            subgroup=subgroup_by[(partnership.pk, item["subgroup"])],
            plan=plan_of[partnership.pk],
            year=item["year"],
        )
        for partnership in partnerships
        for item in merton.WORKPLANS
    )
    partnership_of_workplan = {workplan.pk: workplan.subgroup.partnership_id for workplan in workplans}
    action_rows = []
    for workplan in workplans:
        data = next(
            w
            for w in merton.WORKPLANS
            if w["year"] == workplan.year and w["subgroup"] == workplan.subgroup.short_name
        )
        for order, item in enumerate(data["actions"], start=1):
            action_rows.append((workplan, item, order))
    actions = Action.objects.bulk_create(
        Action(
            workplan=workplan,
            reference=item["reference"],
            priority=priority_by.get((workplan.plan_id, item["priority"])),
            impact=item["impact"],
            description=item["action"],
            timeframe=item["timeframe"],
            due_date=item["due"],
            added_on=item["added_on"],
            order=order,
        )
        for workplan, item, order in action_rows
    )
    Action.themes.through.objects.bulk_create(
        Action.themes.through(
            action=action, crosscuttingtheme=theme_by[(workplan.plan_id, key)]
        )
        for action, (workplan, item, _order) in zip(actions, action_rows, strict=True)
        for key in item["themes"]
    )
    names = list(dict.fromkeys(
        name for workplan in merton.WORKPLANS for item in workplan["actions"] for name in split_lead_names(item["lead"])
    ))
    people = Person.objects.bulk_create(
        Person(partnership=partnership, name=name, **person_details(name))
        for partnership in partnerships
        for name in names
    )
    person_by = {(person.partnership_id, person.name): person for person in people}
    Action.leads.through.objects.bulk_create(
        Action.leads.through(action=action, person=person_by[(partnership_of_workplan[workplan.pk], name)])
        for action, (workplan, item, _order) in zip(actions, action_rows, strict=True)
        for name in split_lead_names(item["lead"])
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            as_at=update["as_at"],
            rating=update["rating"],
            narrative=update["narrative"],
            author=author,
            created_at=_entered_at(update["as_at"]),
        )
        for action, (_workplan, item, _order) in zip(actions, action_rows, strict=True)
        for update in item["updates"]
    )
    # Bulk inserts send no signals: the review pages' cached figures are renewed by hand.
    data_stamp.bump(pk__in=[partnership.pk for partnership in partnerships])
    return len(partnerships)
