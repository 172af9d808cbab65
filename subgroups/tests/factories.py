import datetime

import factory

from plans.tests.factories import BusinessPlanFactory, UserFactory
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan


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

    workplan = factory.SubFactory(WorkplanFactory)
    reference = factory.Sequence(lambda n: f"A {n}")
    impact = "Children and families get the right help at the right time."
    description = "Run a multi-agency audit and report the learning to the sub-group."
    lead = "Head of Service"
    timeframe = "March 2024"
    due_date = datetime.date(2024, 3, 31)
    added_on = datetime.date(2023, 4, 1)
    order = factory.Sequence(lambda n: n)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    as_at = datetime.date(2023, 6, 30)
    rating = "green"
    narrative = "On track: the audit is scheduled."
    author = factory.SubFactory(UserFactory)
