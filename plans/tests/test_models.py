import datetime

import pytest
from django.db import IntegrityError, transaction

from plans.models import DEFAULT_BRAG_MEANINGS, BragDefinition, Partnership, Rating
from plans.tests.factories import (
    BusinessPlanFactory,
    MembershipFactory,
    PartnershipFactory,
    PriorityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 6, 1), D(2024, 6, 1)),  # while the plan runs: today
        (D(2026, 11, 23), D(2025, 3, 31)),  # after it ended: its last day
        (D(2022, 1, 1), D(2023, 4, 1)),  # before it starts: its first day
    ],
)
def test_plan_is_judged_at_today_within_its_period(today, expected):
    plan = BusinessPlanFactory.build(period_start=D(2023, 4, 1), period_end=D(2025, 3, 31))
    assert plan.reporting_date(today) == expected


def test_plan_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        BusinessPlanFactory(period_start=D(2025, 4, 1), period_end=D(2023, 3, 31))


def test_priority_numbers_are_unique_within_a_plan():
    plan = BusinessPlanFactory()
    PriorityFactory(plan=plan, number=1)
    PriorityFactory(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(plan=plan, number=1)


def test_plan_brag_meanings_override_the_defaults():
    plan = BusinessPlanFactory()
    BragDefinition.objects.create(plan=plan, rating=Rating.AMBER, meaning="Some slippage")
    meanings = plan.brag_meanings()
    assert meanings[Rating.AMBER] == "Some slippage"
    assert meanings[Rating.RED] == DEFAULT_BRAG_MEANINGS[Rating.RED]


def test_users_see_only_their_partnerships():
    merton, medway = PartnershipFactory(), PartnershipFactory()
    user = UserFactory()
    MembershipFactory(user=user, partnership=medway)
    assert list(Partnership.objects.visible_to(user)) == [medway]
    assert merton not in Partnership.objects.visible_to(user)
