"""The BSU imports a spreadsheet in a real browser: upload, see the preview (first of a file
with mistakes, then of a corrected one), confirm, and find the new actions in the workplan;
once with the mouse, once with the keyboard alone. axe checks the upload page and both
previews. See conftest_browser.py."""

import datetime
import re

import pytest

from subgroups.models import SubGroup, Workplan
from subgroups.tests.spreadsheets import STANDARD_HEADER, xlsx_bytes
from subgroups.tests.test_browser_updates import press_until
from subgroups.tests.test_browser_workplan import wait_for_path

pytestmark = pytest.mark.django_db(transaction=True)

GOOD_ROWS = [
    ["MSCP Sub-Group Workplan: QAPR 2024-25"],
    [],
    ["Reference", *STANDARD_HEADER],
    ["Priority 6: Strong Leadership and Strong Partnership"],
    [
        "QAPR 6.9",
        "The Executive sees police and health data alongside local authority data",
        "Add police and health measures to the MSCP performance dashboard",
        "Think Family; Addressing disproportionality",
        "Head of Quality Assurance, LBM",
        "Q3 2024/25",
        "Amber - police data-sharing agreement still awaited",
    ],
    [
        "QAPR 6.10",
        "Learning from reviews changes practice",
        "Publish a 7-minute briefing after every rapid review",
        "Learning from reviews and embedding reforms",
        "MSCP Business Support Unit",
        "Ongoing",
        "Green",
    ],
]
BAD_ROWS = [*GOOD_ROWS, ["QAPR 6.11", "Impact", "Another action", "Think Families", "", "", "Purple"]]


@pytest.fixture
def files(tmp_path):
    good, bad = tmp_path / "qapr-workplan.xlsx", tmp_path / "qapr-with-mistakes.xlsx"
    good.write_bytes(xlsx_bytes(GOOD_ROWS))
    bad.write_bytes(xlsx_bytes(BAD_ROWS))
    return good, bad


@pytest.fixture
def qapr(demo):
    return SubGroup.objects.get(partnership=demo.plan.partnership, short_name="QAPR")


def tab_to(page, selector):
    """Tab until `selector` has focus, every focused element on the way showing its focus
    (the radios' ring is on their label)."""
    press_until(page, "Tab", selector)


def assert_new_workplan_has_the_actions(page, qapr):
    page.wait_for_url(re.compile(r"/workplans/\d+/$"))
    workplan = Workplan.objects.get(subgroup=qapr, year="2024-25")
    wait_for_path(page, workplan.get_absolute_url())
    banner = page.locator(".govuk-notification-banner--success")
    assert "Workplan imported from qapr-workplan.xlsx: 2 actions created, 0 updated" in banner.inner_text()
    table = page.locator("table.app-workplan-table")
    assert "Add police and health measures to the MSCP performance dashboard" in table.first.inner_text()
    assert "Publish a 7-minute briefing after every rapid review" in table.first.inner_text()
    amber_row = page.locator("tbody", has_text="Add police and health measures")
    assert "Amber" in amber_row.locator(".app-brag").inner_text()


def test_the_bsu_imports_a_workplan_with_the_mouse(page, demo, sign_in, qapr, files, assert_no_axe_violations):
    good, bad = files
    sign_in(page, demo.users["bsu"])
    page.goto(qapr.get_absolute_url())
    page.get_by_role("link", name="Import a workplan").click()
    page.get_by_role("heading", level=1, name="Import a workplan").wait_for()
    assert_no_axe_violations(page, "import upload page")

    page.get_by_label("2024-25").check()
    page.get_by_label("Upload a file").set_input_files(bad)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", level=1, name="Errors in qapr-with-mistakes.xlsx").wait_for()
    errors = page.locator("#import-errors").inner_text()
    assert 'unknown theme "Think Families"' in errors and 'unknown rating "Purple"' in errors
    assert page.locator("main [type=submit]").count() == 0
    assert_no_axe_violations(page, "import preview with errors")

    page.get_by_role("link", name="Upload a corrected file").click()
    page.get_by_label("2024-25").check()
    # The position the spreadsheet shows, in GOV.UK's day, month and year boxes.
    page.get_by_label("Day").fill("28")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year", exact=True).fill("2025")
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", level=1, name="Check the import").wait_for()
    created = page.locator("#import-create").inner_text()
    assert "QAPR 6.9" in created and "QAPR 6.10" in created and "due 31 December 2024" in created
    assert "The 2024-25 workplan will be created." in page.locator("main").inner_text()
    assert "As at: 28 February 2025." in page.locator("#import-as-at").inner_text()
    assert not Workplan.objects.filter(subgroup=qapr, year="2024-25").exists()
    assert_no_axe_violations(page, "import preview")

    page.get_by_role("button", name="Import 2 new actions").click(no_wait_after=True)
    assert_new_workplan_has_the_actions(page, qapr)
    added = Workplan.objects.get(subgroup=qapr, year="2024-25").actions.get(reference="QAPR 6.9")
    assert added.added_on == added.updates.get().as_at == datetime.date(2025, 2, 28)


def test_the_bsu_imports_a_workplan_with_the_keyboard_only(page, demo, sign_in, qapr, files):
    good, _bad = files
    # Listen for the file chooser from the start: Playwright turns on Chromium's interception
    # without waiting for it, so a listener added just before the key press can miss it.
    choosers = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    sign_in(page, demo.users["bsu"])
    page.goto(qapr.get_absolute_url())
    tab_to(page, "a.govuk-button[href$='/import/']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Import a workplan").wait_for()

    # The radios take one Tab stop, on the year already chosen; arrows choose another.
    tab_to(page, "input[name=year]:checked")
    for _ in range(3):
        if page.evaluate("document.activeElement.value") == "2024-25":
            break
        page.keyboard.press("ArrowUp")
    assert page.locator("input[name=year][value='2024-25']").is_checked()
    tab_to(page, "input[type=file]")
    page.keyboard.press("Space")
    page.wait_for_function("() => true")  # one round trip, then poll for the chooser
    for _ in range(300):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert len(choosers) == 1, "Space on the file input did not open the file chooser"
    choosers[0].set_files(good)
    tab_to(page, "main [type=submit]")
    page.keyboard.press("Enter")

    page.get_by_role("heading", level=1, name="Check the import").wait_for()
    tab_to(page, "main form [type=submit]")
    page.keyboard.press("Enter")
    assert_new_workplan_has_the_actions(page, qapr)


# Headings typed over two lines, a bare rating, and a notes column; then the same without
# any rating column.
MULTI_LINE_ROWS = [
    ["MSCP Sub-Group Workplan: QAPR 2024-25"],
    ["Reference", "Impact –\nwhat will success look like?", "Action", "Cross-cutting\nthemes", "Lead",
     "Timeframe", "BRAG Rating &\nUpdate", "Notes"],
    ["QAPR 6.9", "The Executive sees the data", "Add police measures to the dashboard", "Think Family",
     "Head of QA", "Q3 2024/25", "A", "ask police"],
]
NO_RATING_ROWS = [[cell for index, cell in enumerate(row) if index != 6] for row in MULTI_LINE_ROWS]


def test_warnings_and_a_missing_rating_column_are_shown_and_need_a_choice(page, demo, sign_in, qapr, tmp_path, assert_no_axe_violations):
    with_warning, no_ratings = tmp_path / "multi-line.xlsx", tmp_path / "no-ratings.xlsx"
    with_warning.write_bytes(xlsx_bytes(MULTI_LINE_ROWS))
    no_ratings.write_bytes(xlsx_bytes(NO_RATING_ROWS))
    sign_in(page, demo.users["bsu"])
    page.goto(qapr.get_absolute_url() + "import/?year=2024-25")
    page.get_by_label("Upload a file").set_input_files(with_warning)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", level=1, name="Check the import").wait_for()
    assert "Amber with no narrative: imported as given" in page.locator("#import-warnings").inner_text()
    assert "Column H, “Notes”, has data that is not imported." in page.locator("#import-unread-columns").inner_text()
    assert page.locator(".govuk-notification-banner").count() == 0  # both columns were found
    assert_no_axe_violations(page, "import preview with warnings")

    page.get_by_role("link", name="Upload a different file").click()
    page.get_by_label("Upload a file").set_input_files(no_ratings)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", level=1, name="Check the import").wait_for()
    assert "No BRAG Rating & Update column was found" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Import 1 new action").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Tick “Import without BRAG ratings”" in page.locator(".govuk-error-summary").inner_text()
    assert not Workplan.objects.filter(subgroup=qapr, year="2024-25").exists()
    assert_no_axe_violations(page, "import preview asking to go on without ratings")

    page.get_by_label("Import without BRAG ratings").check()
    page.get_by_role("button", name="Import 1 new action").click()
    page.wait_for_url(re.compile(r"/workplans/\d+/$"))
    added = Workplan.objects.get(subgroup=qapr, year="2024-25").actions.get()
    assert added.themes.get().title == "Think Family" and not added.updates.exists()


def test_the_import_button_sends_the_confirmation_once(page, demo, sign_in, qapr, files):
    good, _bad = files
    sign_in(page, demo.users["bsu"])
    page.goto(qapr.get_absolute_url())
    page.get_by_role("link", name="Import a workplan").click()
    page.get_by_label("2024-25").check()
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", level=1, name="Check the import").wait_for()
    # The heading shows as soon as the page is parsed; the submit-once module runs just after
    # (deferred, as every module script is). Wait for it, as a person's click would.
    page.wait_for_load_state()
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    # Hold the page where it is after the first click, as a slow connection would.
    page.evaluate("document.querySelector('main form[method=post]').addEventListener('submit', (event) => event.preventDefault())")

    page.get_by_role("button", name="Import 2 new actions").click()
    button = page.get_by_role("button", name="Importing…")
    button.wait_for()
    assert button.is_disabled() and button.get_attribute("aria-disabled") == "true"
    assert posts == []
    assert not Workplan.objects.filter(subgroup=qapr, year="2024-25").exists()
