"""manage.py import_workplan: the import service from the command line."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PartnershipFactory, ThemeFactory
from subgroups.models import Action, ActionUpdate, Workplan
from subgroups.tests.factories import SubGroupFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def merton(member_of):
    partnership = PartnershipFactory(slug="merton", name="Merton Safeguarding Children Partnership")
    plan = BusinessPlanFactory(partnership=partnership)
    ThemeFactory(plan=plan, title="Think Family")
    SubGroupFactory(partnership=partnership, short_name="QAPR")
    return member_of(partnership, Membership.Role.BSU, username="bsu")


GOOD = [
    ["QAPR workplan"],
    STANDARD_HEADER,
    ["Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "March 2025", "Green - on track"],
    ["Practice improves", "Run the audit programme", "", "BSU", "Quarterly", ""],
]


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_workplan", str(path), "--partnership", "merton", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, content, name="workplan.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_it_imports_and_prints_each_row_and_the_counts(merton, tmp_path):
    out, _ = run(write(tmp_path, xlsx_bytes(GOOD)), "--subgroup", "qapr", "--year", "2024-25", "--as-at", "2024-07-01")
    assert "row 3: create Refresh the dashboard" in out
    assert "row 4: create Run the audit programme" in out
    assert "Imported: QAPR workplan 2024-25: 2 created, 0 updated, 0 unchanged." in out
    update = ActionUpdate.objects.get()
    assert (update.rating, update.narrative, update.as_at, update.author) == ("green", "on track", datetime.date(2024, 7, 1), merton)


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(merton, tmp_path):
    out, _ = run(write(tmp_path, xlsx_bytes(GOOD)), "--subgroup", "QAPR", "--year", "2024-25", "--dry-run")
    assert "Dry run, nothing written. Would import: QAPR workplan 2024-25: 2 created" in out
    assert not Workplan.objects.exists() and not Action.objects.exists()


def test_errors_are_printed_by_row_and_the_command_fails_having_written_nothing(merton, tmp_path):
    rows = [*GOOD, ["Impact", "Another action", "", "", "", ""], ["x", "y", "z", "", "", ""]]
    rows += [["Impact"] * 2 + ["Think Families", "", "", ""]] * 2
    rows[-1] = ["Impact", "Last action", "Think Families", "", "", ""]
    path = write(tmp_path, csv_bytes(rows), "workplan.csv")
    with pytest.raises(CommandError, match=r"Nothing imported: 3 errors \(listed above\)") as failure:
        run(path, "--subgroup", "QAPR", "--year", "2024-25")
    assert failure.value.returncode == 1
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_workplan", str(path), "--partnership", "merton", "--subgroup", "QAPR",
                     "--year", "2024-25", stdout=out, stderr=err)
    assert err.getvalue().splitlines() == [
        'row 6: Cross-Cutting Themes: unknown theme "z": the plan\'s themes are Think Family',
        'row 7: Cross-Cutting Themes: unknown theme "Think Families": the plan\'s themes are Think Family',
        'row 8: Cross-Cutting Themes: unknown theme "Think Families": the plan\'s themes are Think Family',
    ]
    assert out.getvalue() == "" and not Action.objects.exists() and not Workplan.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "medway"], 'Unknown partnership "medway"'),
        (["--subgroup", "ABC"], 'Unknown sub-group "ABC" in Merton Safeguarding Children Partnership'),
        (["--year", "2030-31"], "covers 2030-31"),
        (["--year", "24-25"], "is not a year such as 2023-24"),
        (["--as-at", "31/03/2025"], '--as-at: "31/03/2025" is not a date'),
        (["--as-at", "2030-01-01"], "As at 1 January 2030: The as-at date cannot be in the future"),
    ],
)
def test_unknown_partnership_sub_group_year_or_date_are_clear_errors(merton, tmp_path, args, message):
    options = {"--partnership": "merton", "--subgroup": "QAPR", "--year": "2024-25"}
    extra = []
    for flag, value in zip(args[::2], args[1::2]):
        if flag in options:
            options[flag] = value
        else:
            extra += [flag, value]
    argv = [str(write(tmp_path, xlsx_bytes(GOOD)))] + [x for pair in options.items() for x in pair] + extra
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_workplan", *argv, stdout=StringIO(), stderr=err)
    assert message in str(failure.value) + err.getvalue()
    assert not Action.objects.exists()


def test_a_missing_file_or_a_file_that_is_not_a_spreadsheet(merton, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.xlsx", "--subgroup", "QAPR", "--year", "2024-25")
    with pytest.raises(CommandError, match="Nothing imported: The file is not a spreadsheet"):
        run(write(tmp_path, b"%PDF-1.4\x00", "report.xlsx"), "--subgroup", "QAPR", "--year", "2024-25")


NO_RATINGS = [["QAPR workplan"], ["Impact", "Action", "Cross-cutting\nthemes", "Lead", "Notes"], ["Impact", "Do it", "", "BSU", "a note"]]


def test_a_file_without_a_rating_column_is_refused_with_the_flag_that_imports_it_anyway(merton, tmp_path):
    path = write(tmp_path, xlsx_bytes(NO_RATINGS))
    with pytest.raises(CommandError) as refused:
        run(path, "--subgroup", "QAPR", "--year", "2024-25")
    message = str(refused.value)
    assert message.startswith(
        "Nothing imported: BRAG Rating & Update: no column is headed BRAG Rating & Update, so the file's BRAG "
        "ratings would not be imported (columns not recognised: Column E, “Notes”)."
    )
    assert "add --without-ratings" in message
    assert not Workplan.objects.exists()

    out, _ = run(path, "--subgroup", "QAPR", "--year", "2024-25", "--without-ratings")
    assert "warning: no BRAG Rating & Update column: imported without it, as asked" in out
    assert "Imported: QAPR workplan 2024-25: 1 created" in out
    assert Action.objects.get().description == "Do it"


def test_without_either_column_both_flags_are_needed(merton, tmp_path):
    path = write(tmp_path, csv_bytes([["Impact", "Action"], ["Impact", "Do it"]]), "plan.csv")
    with pytest.raises(CommandError, match="to import without them, add --without-ratings and --without-themes"):
        run(path, "--subgroup", "QAPR", "--year", "2024-25")
    with pytest.raises(CommandError, match="to import without it, add --without-themes.$"):
        run(path, "--subgroup", "QAPR", "--year", "2024-25", "--without-ratings")
    run(path, "--subgroup", "QAPR", "--year", "2024-25", "--without-ratings", "--without-themes")
    assert Action.objects.count() == 1


def test_bare_ratings_import_as_given_and_the_warnings_and_unread_columns_are_printed(merton, tmp_path):
    rows = [
        ["QAPR workplan 2024-25"],
        ["Impact –\nwhat will success look like?", "Action", "Cross-cutting\nthemes", "Lead", "Timeframe", "BRAG Rating &\nUpdate", "Comments"],
        ["Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "March 2025", "A", "chase"],
        ["Practice improves", "Run the audit programme", "", "BSU", "Quarterly", "b", ""],
    ]
    out, _ = run(write(tmp_path, csv_bytes(rows), "plan.csv"), "--subgroup", "QAPR", "--year", "2024-25", "--as-at", "2025-03-01")
    assert out.splitlines()[2:5] == [
        "warning: row 3: BRAG Rating & Update: Amber with no narrative: imported as given (an update in the app says why and what is being done)",
        "warning: row 4: BRAG Rating & Update: Blue with no evidence of impact: imported as given (an update in the app gives the evidence)",
        "warning: Column G, “Comments”, has data that is not imported",
    ]
    assert sorted(ActionUpdate.objects.values_list("rating", "narrative")) == [("amber", ""), ("blue", "")]
    assert set(Action.objects.values_list("added_on", flat=True)) == {datetime.date(2025, 3, 1)}
    assert Action.objects.get(description="Refresh the dashboard").themes.get().title == "Think Family"
