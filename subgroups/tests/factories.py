import datetime

import factory

from plans.tests.factories import BusinessPlanFactory, UserFactory
from plans.models import Person, display_name, split_lead_names
from plans.services import people_for_names
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan


def link_lead_user(action, user) -> Person:
    """Make `user` (by their directory entry) a lead of `action`, as `lead_user` once did."""
    partnership = action.workplan.subgroup.partnership
    person = Person.objects.filter(partnership=partnership, user=user).first()
    if person is None:
        person = people_for_names(partnership=partnership, names=[display_name(user)])[0]
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
    action.leads.add(person)
    return person


def actions_in_bulk(workplan, count, *, lead_user=None, updates=(), **fields):
    """`count` actions of `workplan`, as ActionFactory makes them (led by "Head of Service",
    or by `lead_user`'s directory entry alone), each with an update for every (rating,
    narrative, as_at) in `updates`, written with a few inserts for them all rather than a
    factory's dozen queries each: for the query guards, which grow the data tenfold. No
    history rows and no signals: the guarded pages read neither, and no cache is involved."""
    first = ActionFactory(workplan=workplan, lead_user=lead_user, **fields)
    leads = list(first.leads.all())
    actions = [first, *Action.objects.bulk_create(ActionFactory.build(workplan=workplan, **fields) for _ in range(count - 1))]
    Action.leads.through.objects.bulk_create(
        Action.leads.through(action=action, person=person) for action in actions[1:] for person in leads
    )
    author = UserFactory()
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=action, rating=rating, narrative=narrative, as_at=as_at, author=author)
        for action in actions
        for rating, narrative, as_at in updates
    )
    return actions


class SubGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroup

    partnership = factory.SubFactory("plans.tests.factories.PartnershipFactory")
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    short_name = factory.Sequence(lambda n: f"SG{n}")
    remit = "Quality assurance & audit programme\nLearning from reviews and scrutiny"


class WorkplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplan

    plan = factory.SubFactory(BusinessPlanFactory)
    subgroup = factory.SubFactory(SubGroupFactory, partnership=factory.SelfAttribute("..plan.partnership"))
    year = "2023-24"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    workplan = factory.SubFactory(WorkplanFactory)
    reference = factory.Sequence(lambda n: f"A {n}")
    impact = "Children and families get the right help at the right time."
    description = "Run a multi-agency audit and report the learning to the sub-group."
    timeframe = "March 2024"
    due_date = datetime.date(2024, 3, 31)
    added_on = datetime.date(2023, 4, 1)
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        """`lead="A / B"`: the action is led by the directory's people named A and B (added to
        the partnership's directory if missing), as an import would read the Lead cell.
        Without it, by "Head of Service"."""
        if create:
            self._lead_defaulted = extracted is None
            text = "Head of Service" if extracted is None else extracted
            self.leads.set(
                people_for_names(partnership=self.workplan.subgroup.partnership, names=split_lead_names(text))
            )

    @factory.post_generation
    def lead_user(self, create, extracted, **kwargs):
        """`lead_user=user`: `user`'s directory entry (one named after them, made if need be)
        is one of the action's leads (the only one, unless `lead` was given too), as a lead's
        login was before the directory."""
        if create and extracted is not None:
            if getattr(self, "_lead_defaulted", False):
                self.leads.clear()  # led by the user alone, unless a lead text was given too
            link_lead_user(self, extracted)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    as_at = datetime.date(2023, 6, 30)
    rating = "green"
    narrative = "On track: the audit is scheduled."
    author = factory.SubFactory(UserFactory)
