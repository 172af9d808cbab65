import datetime

import factory
from django.contrib.auth import get_user_model

from plans.models import BusinessPlan, CrossCuttingTheme, LeadPartner, Membership, Partnership, Person, Priority


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("test-password-123")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Testshire Safeguarding Children Partnership {n}")
    short_name = "TSCP"
    slug = factory.Sequence(lambda n: f"testshire-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Membership.Role.VIEWER


class BusinessPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Business Plan {n}")
    period_start = datetime.date(2023, 4, 1)
    period_end = datetime.date(2025, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(BusinessPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n}")
    focus = "What the partnership will focus on."
    added_on = factory.SelfAttribute("plan.period_start")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossCuttingTheme

    plan = factory.SubFactory(BusinessPlanFactory)
    title = factory.Sequence(lambda n: f"Theme {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Head of Service {n}")


class LeadPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadPartner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.Iterator(
        ["London Borough of Merton", "NHS South West London Integrated Care Board", "Metropolitan Police Service"]
    )
    role = "Chief Executive"
    order = factory.Sequence(lambda n: n + 1)
