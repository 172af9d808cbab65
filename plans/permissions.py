"""Who may do what. Roles are per partnership (see `Membership`):

- BSU edits everything in its partnership;
- a sub-group lead or chair edits the actions of the sub-groups they lead, and adds updates to
  actions they lead in other sub-groups (an action's leads are people of the directory; the
  user leads those whose person is linked to their account);
- executive and viewer read everything in their partnership and change nothing;
- the independent scrutineer reads everything in its partnership, as a viewer does, and writes
  only scrutiny records: challenges, and the annual report's scrutiny statement;
- challenges: the scrutineer or an Executive member raises one; the BSU, or a lead of the
  challenged sub-group (or of the challenged action's sub-group), responds; the raiser or the
  BSU closes it with its outcome. Nobody else writes challenges.

- BSU also manages its partnership's people and sub-group settings (product pages, through
  the services); the Django admin is for superusers only (mscp/admin.py).

Superusers get no extra rights here: the admin is for configuration only.
"""

from dataclasses import dataclass, field

from plans.models import Membership, Person

# Who raises challenges (Working Together 2023: independent scrutiny and the lead partners
# hold the arrangements to account).
CHALLENGERS = frozenset({Membership.Role.SCRUTINEER, Membership.Role.EXECUTIVE})
# The annual report's part the independent scrutineer writes (reports.annual.SECTIONS).
SCRUTINY_SECTION = "scrutiny"


@dataclass
class Editor:
    """A user's roles and led sub-groups, read once per request and then asked per row."""

    user_id: int | None
    roles: dict[int, str] = field(default_factory=dict)
    led_subgroup_ids: frozenset[int] = frozenset()
    # The actions led by a person of the directory linked to the user's account.
    led_action_ids: frozenset[int] = frozenset()

    @classmethod
    def for_user(cls, user) -> "Editor":
        if not user.is_authenticated:
            return cls(user_id=None)
        cached = getattr(user, "_editor", None)
        if cached is None:
            cached = cls(
                user_id=user.pk,
                roles=dict(user.memberships.values_list("partnership_id", "role")),
                led_subgroup_ids=frozenset(user.led_subgroups.values_list("pk", flat=True)),
                led_action_ids=frozenset(
                    Person.objects.filter(user=user, led_actions__isnull=False).values_list(
                        "led_actions", flat=True
                    )
                ),
            )
            user._editor = cached
        return cached

    def role_in(self, partnership_id: int) -> str | None:
        return self.roles.get(partnership_id)

    def is_bsu(self, partnership_id: int) -> bool:
        return self.role_in(partnership_id) == Membership.Role.BSU

    def can_edit_workplan(self, workplan) -> bool:
        """Add, edit, reorder and retire the workplan's actions."""
        partnership_id = workplan.plan.partnership_id
        return self.is_bsu(partnership_id) or (
            self.role_in(partnership_id) == Membership.Role.LEAD
            and workplan.subgroup_id in self.led_subgroup_ids
        )

    def can_update_action(self, action, workplan) -> bool:
        """Add a BRAG update to `action` (of `workplan`, passed to avoid a query): never to
        one closed at a year end."""
        if getattr(action, "closure", ""):
            return False
        if self.can_edit_workplan(workplan):
            return True
        role = self.role_in(workplan.plan.partnership_id)
        return role == Membership.Role.LEAD and action.pk in self.led_action_ids

    def can_update_some_actions(self) -> bool:
        """A BSU or lead somewhere: may open an update round of the actions they may update
        (which rows, `can_update_action` says)."""
        return any(role in {Membership.Role.BSU, Membership.Role.LEAD} for role in self.roles.values())

    def updatable_ids(self, actions) -> set[int]:
        """Which of `actions` (with their workplan and plan loaded) the user may update."""
        return {a.pk for a in actions if self.can_update_action(a, a.workplan)}

    def can_edit_annual_report(self, report) -> bool:
        """Write, publish and start again the partnership's annual report."""
        return self.is_bsu(report.partnership_id)

    def can_edit_report_section(self, report, slug: str) -> bool:
        """Write the part `slug` of the report: the BSU any part, the independent scrutineer
        the scrutiny statement only."""
        return self.can_edit_annual_report(report) or (
            slug == SCRUTINY_SECTION and self.role_in(report.partnership_id) == Membership.Role.SCRUTINEER
        )

    def can_raise_challenge(self, partnership_id: int) -> bool:
        """Raise a challenge in the partnership: its independent scrutineer or Executive."""
        return self.role_in(partnership_id) in CHALLENGERS

    def answers_challenge(self, challenge) -> bool:
        """The challenge is addressed to the user: they are the BSU, or a lead of the sub-group
        it is addressed to (for an action, the action's sub-group)."""
        partnership_id = challenge.partnership_id
        return self.is_bsu(partnership_id) or (
            self.role_in(partnership_id) == Membership.Role.LEAD
            and challenge.subgroup_id is not None
            and challenge.subgroup_id in self.led_subgroup_ids
        )

    def closes_challenge(self, challenge) -> bool:
        """The user closes the challenge: whoever raised it (while still a scrutineer or
        Executive member of the partnership) or the BSU."""
        partnership_id = challenge.partnership_id
        return self.is_bsu(partnership_id) or (
            challenge.raised_by_id == self.user_id and self.role_in(partnership_id) in CHALLENGERS
        )

    def can_respond_to_challenge(self, challenge) -> bool:
        """Answer the challenge now: addressed to the user and not closed."""
        return challenge.status != "closed" and self.answers_challenge(challenge)

    def can_close_challenge(self, challenge) -> bool:
        """Close the challenge with its outcome now: the user closes it and it is not closed."""
        return challenge.status != "closed" and self.closes_challenge(challenge)

    def can_manage_plan(self, plan) -> bool:
        """Add priorities and themes to a live plan."""
        return self.is_bsu(plan.partnership_id)

    def can_manage_people(self, partnership) -> bool:
        """Add people to the partnership, change their roles and remove them."""
        return self.is_bsu(partnership.pk)

    def can_configure_subgroup(self, subgroup) -> bool:
        """Change a sub-group's names, remit, priorities and leads."""
        return self.is_bsu(subgroup.partnership_id)

    def can_record_evidence(self, partnership_id: int) -> bool:
        """Record the evidence the annual report draws on: feedback from children and
        families, training courses, partner contributions."""
        return self.is_bsu(partnership_id)

    def can_manage_meetings(self, partnership_id: int) -> bool:
        """Record, change and delete the partnership's meetings."""
        return self.is_bsu(partnership_id)
