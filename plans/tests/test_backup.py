"""A partnership's JSON export loads into an empty database and gives back the same data."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from conftest_browser import load_demo_once
from mscp.backup import export_partnership
from plans.models import Partnership
from reports.models import AnnualReport
from subgroups.models import Action, ActionUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(settings):
    """The demo as `load_demo` leaves it (loaded once per process and put back for each test:
    conftest_browser.load_demo_once)."""
    load_demo_once(settings)
    settings.DEBUG = False


def empty_the_database():
    call_command("flush", interactive=False, verbosity=0)
    assert not Partnership.objects.exists() and not get_user_model().objects.exists()


@pytest.mark.django_db(transaction=True)  # the database is really emptied in between
def test_export_then_import_into_an_empty_database_gives_the_same_partnership(demo_data, tmp_path):
    merton = Partnership.objects.get(slug="merton")
    counts = {
        "actions": Action.objects.filter(workplan__plan__partnership=merton).count(),
        "updates": ActionUpdate.objects.filter(action__workplan__plan__partnership=merton).count(),
        "reports": AnnualReport.objects.filter(partnership=merton).count(),
    }
    assert counts["actions"] > 50 and counts["updates"] > 100 and counts["reports"] == 1
    # A time less than a millisecond past the second survives the round trip exactly.
    Action.objects.filter(workplan__plan__partnership=merton).filter(pk=Action.objects.filter(workplan__plan__partnership=merton).order_by("pk").values("pk")[:1]).update(
        updated_at=datetime.datetime(2025, 1, 2, 3, 4, 5, 123, tzinfo=datetime.UTC)
    )
    path = tmp_path / "merton.json"
    call_command("export_partnership", "merton", "--output", str(path), stderr=StringIO())
    exported = path.read_text(encoding="utf-8")
    assert '"2025-01-02T03:04:05.000123Z"' in exported
    assert "medway" not in {o["fields"].get("slug") for o in json.loads(exported)["objects"]}

    empty_the_database()
    out = StringIO()
    call_command("import_partnership", str(path), stdout=out)
    assert "Loaded" in out.getvalue() and f"{counts['actions']} actions" in out.getvalue()

    merton = Partnership.objects.get(slug="merton")
    assert export_partnership(merton) == exported
    assert Action.objects.count() == counts["actions"]
    assert ActionUpdate.objects.count() == counts["updates"]
    # The people come back too, and can sign in with their passwords.
    assert get_user_model().objects.get(username="bsu").check_password("mscp-demo-2023")
    # New rows still get fresh ids after the explicit ones.
    action = Action.objects.order_by("pk").last()
    action.pk = None
    action.reference = "NEW 1"
    action.save()
    assert action.pk > Action.objects.exclude(pk=action.pk).order_by("-pk").first().pk


def test_loading_over_existing_data_is_refused_and_changes_nothing(demo_data, tmp_path):
    path = tmp_path / "merton.json"
    call_command("export_partnership", "merton", "--output", str(path), stderr=StringIO())
    before = Action.objects.count()
    with pytest.raises(CommandError, match='The partnership "merton" is already here'):
        call_command("import_partnership", str(path))
    Partnership.objects.filter(slug="merton").update(slug="merton-old")
    with pytest.raises(CommandError, match="Nothing was loaded: the database already holds .* with the same ids"):
        call_command("import_partnership", str(path))
    assert Action.objects.count() == before


def test_files_that_are_not_exports_get_a_clear_error(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="This is not a partnership export"):
        call_command("import_partnership", str(bad))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_partnership", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match='No partnership "nowhere"'):
        call_command("export_partnership", "nowhere")
