"""The migration that turned an action's lead text and lead login into people of the
partnership's directory (subgroups 0008), run on data as it was before it."""

import copy
import datetime

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

BEFORE = [("plans", "0005_plan_status_from_dates"), ("subgroups", "0007_action_closure")]
AFTER = [("plans", "0006_people_directory"), ("subgroups", "0008_action_leads")]


@override_settings(MIGRATION_MODULES={})  # the project's own migrations (pytest.ini turns them off)
def migrate(targets):
    executor = MigrationExecutor(connections["default"])
    executor.loader.build_graph()
    return executor.migrate(targets).apps


@pytest.fixture
def old_apps(django_db_setup, django_db_blocker, tmp_path):
    """A database of its own, migrated up from nothing to just BEFORE (only the migrations it
    needs), made the default connection for the test and then dropped. Unapplying every later
    migration of the test database and applying them again took most of a minute."""
    test_connection = connections["default"]
    settings_dict = copy.deepcopy(test_connection.settings_dict)
    postgres = test_connection.vendor == "postgresql"
    with django_db_blocker.unblock():
        if postgres:
            settings_dict["NAME"] = f"{settings_dict['NAME']}_migration"
            with test_connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
                cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
        else:
            settings_dict["NAME"] = str(tmp_path / "migration.sqlite3")
        own = test_connection.__class__(settings_dict, alias="default")
        connections["default"] = own
        try:
            yield migrate(BEFORE)
        finally:
            connections["default"] = test_connection
            own.close()
            if postgres:
                with test_connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE "{settings_dict["NAME"]}"')


def test_lead_text_and_logins_become_people_of_each_partnership(old_apps):
    User = old_apps.get_model("auth", "User")
    Partnership = old_apps.get_model("plans", "Partnership")
    Plan = old_apps.get_model("plans", "BusinessPlan")
    SubGroup = old_apps.get_model("subgroups", "SubGroup")
    Workplan = old_apps.get_model("subgroups", "Workplan")
    Action = old_apps.get_model("subgroups", "Action")
    Update = old_apps.get_model("subgroups", "ActionUpdate")
    pat = User.objects.create(username="pat", first_name="Pat", last_name="Lead")
    bea = User.objects.create(username="bea", first_name="Bea", last_name="Support")
    workplans = []
    for slug in ("merton", "medway"):
        partnership = Partnership.objects.create(name=slug.title(), short_name=slug[:4], slug=slug)
        plan = Plan.objects.create(
            partnership=partnership, title="Plan", period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2025, 3, 31),
        )
        subgroup = SubGroup.objects.create(partnership=partnership, name="PEI", short_name="PEI")
        workplans.append(Workplan.objects.create(subgroup=subgroup, plan=plan, year="2023-24"))
    merton, medway = workplans

    def action(workplan, reference, lead, lead_user=None):
        return Action.objects.create(
            workplan=workplan, reference=reference, impact="I", description=reference, lead=lead,
            lead_user=lead_user, added_on=datetime.date(2023, 4, 1),
        )

    one = action(merton, "A1", "Head of Early Help, LBM", lead_user=pat)
    two = action(merton, "A2", "head of early help,  LBM / Young Scrutineer; Designated Nurse", lead_user=pat)
    three = action(merton, "A3", "QAPR Chair / MSCP Business Manager", lead_user=bea)
    four = action(merton, "A4", "")
    elsewhere = action(medway, "B1", "Head of Early Help, LBM")
    update = Update.objects.create(
        action=one, as_at=datetime.date(2023, 6, 1), rating="green", narrative="On track.", author=bea,
        reported_by=pat, created_at=datetime.datetime(2023, 6, 1, tzinfo=datetime.UTC),
    )

    apps = migrate(AFTER)
    Person = apps.get_model("plans", "Person")
    Action = apps.get_model("subgroups", "Action")
    Update = apps.get_model("subgroups", "ActionUpdate")

    def leads(old):
        return sorted(Action.objects.get(pk=old.pk).leads.values_list("name", "user__username"))

    # One person per distinct name per partnership, case and spacing ignored; the lead login
    # goes to the one person an action names alone.
    assert leads(one) == [("Head of Early Help, LBM", "pat")]
    assert leads(two) == [("Designated Nurse", None), ("Head of Early Help, LBM", "pat"), ("Young Scrutineer", None)]
    # A login beside several names goes to a person named after the user.
    assert leads(three) == [("Bea Support", "bea"), ("MSCP Business Manager", None), ("QAPR Chair", None)]
    assert leads(four) == []
    assert leads(elsewhere) == [("Head of Early Help, LBM", None)]
    assert Person.objects.filter(partnership__slug="merton").count() == 6
    assert Person.objects.filter(partnership__slug="medway").count() == 1
    # "Reported by" is now the person holding the login.
    reported = Update.objects.get(pk=update.pk).reported_by
    assert (reported.name, reported.user.username) == ("Head of Early Help, LBM", "pat")

    # And back: the lead text from the leads' names, the login from the first with one.
    apps = migrate(BEFORE)
    Action = apps.get_model("subgroups", "Action")
    Update = apps.get_model("subgroups", "ActionUpdate")
    back = Action.objects.get(pk=two.pk)
    assert (back.lead, back.lead_user.username) == (
        "Designated Nurse / Head of Early Help, LBM / Young Scrutineer", "pat"
    )
    assert Update.objects.get(pk=update.pk).reported_by.username == "pat"
