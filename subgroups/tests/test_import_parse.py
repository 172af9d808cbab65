"""Reading workplan files as people keep them: the parser and the meaning of cells."""

import datetime

import pytest

from plans.models import Rating
from subgroups.importing.parse import UnreadableFile, column_for, read_sheet
from subgroups.importing.values import (
    due_date_from,
    priority_from,
    rating_and_narrative,
    theme_key,
    themes_from,
)
from subgroups.tests.spreadsheets import STANDARD_HEADER, csv_bytes, xlsx_bytes


def test_xlsx_with_title_rows_blank_and_section_rows_reads_each_action_with_its_row_number():
    content = xlsx_bytes([
        ["MSCP Sub-Group Workplan"],
        ["QAPR 2024-25", None, None],
        [],
        STANDARD_HEADER,
        ["Priority 6: Strong Leadership and Strong Partnership"],
        ["Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "March 2025", "Green"],
        [],
        ["Practice improves", "Run the audit\nprogramme", "", "", "", ""],
    ])
    sheet = read_sheet(content)
    assert sheet.header_row == 4
    assert sheet.columns == ["impact", "description", "themes", "lead", "timeframe", "brag"]
    actions = [(row.number, row.cells["description"]) for row in sheet.rows if row.cells.get("description")]
    assert actions == [(6, "Refresh the dashboard"), (8, "Run the audit\nprogramme")]
    heading = next(row for row in sheet.rows if row.number == 5)
    assert heading.is_heading and heading.texts == ["Priority 6: Strong Leadership and Strong Partnership"]


def test_merged_cells_give_their_value_to_each_row_they_span_and_headings_stay_headings():
    content = xlsx_bytes(
        [
            ["Impact", "Action", "Lead"],
            ["Priority 1: Early Help", None, None],
            ["Families get help early", "First action", "Head of Early Help"],
            [None, "Second action", "Head of Early Help"],
        ],
        merges=["A2:C2", "A3:A4"],
    )
    rows = read_sheet(content).rows
    assert rows[0].is_heading
    assert [row.cells["impact"] for row in rows[1:]] == ["Families get help early"] * 2


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Impact – what will success look like?", "impact"),
        ("Outcome", "impact"),
        ("Success measure", "impact"),
        ("Action – what we will do to achieve this", "description"),
        ("Actions", "description"),
        ("Cross-Cutting Themes", "themes"),
        ("cross cutting themes", "themes"),
        ("Themes", "themes"),
        ("Lead", "lead"),
        ("Responsible", "lead"),
        ("Owner", "lead"),
        ("Lead officer", "lead"),
        ("Timeframe", "timeframe"),
        ("Timescale", "timeframe"),
        ("By when", "timeframe"),
        ("Date", "timeframe"),
        ("BRAG Rating & Update", "brag"),
        ("BRAG", "brag"),
        ("RAG", "brag"),
        ("RAG rating", "brag"),
        ("Status", "brag"),
        ("Progress", "brag"),
        ("Reference", "reference"),
        ("Ref", "reference"),
        ("Priority", "priority"),
        ("Notes", None),
    ],
)
def test_every_header_variant_names_its_column(header, column):
    assert column_for(header) == column


# Headings as people type them in Excel, with Alt+Enter line breaks and odd spacing.
MULTI_LINE_HEADER = [
    "Ref\nNo.",
    "Impact –\nwhat will success look like?",
    "Action\nWhat we will do",
    "Cross-cutting\nthemes",
    "Lead ",
    "Time-\nframe",
    "BRAG Rating &\nUpdate",
]
MULTI_LINE_COLUMNS = ["reference", "impact", "description", "themes", "lead", "timeframe", "brag"]


@pytest.mark.parametrize("make_file", [xlsx_bytes, csv_bytes], ids=["xlsx", "csv"])
def test_headings_with_line_breaks_match_ignoring_the_breaks_case_spacing_and_punctuation(make_file):
    """An XLSX cell with a line break, and a quoted multi-line CSV heading."""
    content = make_file([["QAPR workplan"], MULTI_LINE_HEADER, ["Q1", "Impact", "Do it", "Think Family", "BSU", "Ongoing", "A"]])
    sheet = read_sheet(content)
    assert (sheet.header_row, sheet.columns, sheet.other_columns) == (2, MULTI_LINE_COLUMNS, [])
    assert sheet.rows[0].cells["themes"] == "Think Family" and sheet.rows[0].cells["brag"] == "A"


@pytest.mark.parametrize(
    "header", ["Cross-cutting\nthemes", "BRAG Rating &\nUpdate", "Impact –\nwhat will success look like?",
               "CROSS  CUTTING\r\nTHEMES", "Brag rating\n&\nupdate", "RAG\n(rating)"],
)
def test_a_heading_split_over_lines_names_its_column(header):
    assert column_for(header) is not None


def test_columns_the_import_does_not_read_are_named_by_letter_and_heading_with_whether_they_have_data():
    content = xlsx_bytes(
        [
            ["QAPR workplan"],
            ["Action", "Lead", "Notes\n(BSU only)", "Lead", None, "Empty heading"],
            ["Priority 1: Early Help"],
            ["First action", "BSU", "chase the analyst", "Second lead", "stray", None],
            ["Second action", "BSU", None, None, None, None],
        ],
        merges=["A3:F3"],
    )
    sheet = read_sheet(content)
    assert [str(column) for column in sheet.other_columns] == [
        "Column C, “Notes (BSU only)”", "Column D, “Lead”", "Column E (no heading)", "Column F, “Empty heading”",
    ]
    assert [column.not_imported for column in sheet.unread_data_columns] == [
        "Column C, “Notes (BSU only)”, has data that is not imported",
        "Column D, “Lead”, has data that is not imported",  # a repeated heading keeps its first place
        "Column E, which has no heading, has data that is not imported",
    ]


def test_a_section_heading_is_not_data_in_an_unread_column():
    """"Priority 1: …" typed in a column with no heading, left of the table, is a heading."""
    content = csv_bytes([["", "Action", "Lead"], ["Priority 1: Early Help", "", ""], ["", "Do it", "BSU"]])
    sheet = read_sheet(content)
    assert sheet.unread_data_columns == []


def test_csv_in_utf8_with_bom_utf8_without_and_windows_1252_read_the_same():
    rows = [["Action", "Lead"], ["Café – “Early Help” hub", "Naïve lead £"]]
    for content in (
        csv_bytes(rows, bom=True),
        csv_bytes(rows),
        csv_bytes(rows, encoding="cp1252"),
        csv_bytes(rows, delimiter=";"),
    ):
        sheet = read_sheet(content)
        assert sheet.rows[0].cells == {"description": "Café – “Early Help” hub", "lead": "Naïve lead £"}


def test_a_multi_line_csv_cell_is_one_cell_and_the_row_number_is_the_spreadsheets():
    sheet = read_sheet(csv_bytes([["Title"], ["Action", "Lead"], ["Line one\nline two", "A"], ["Next", "B"]]))
    assert [(row.number, row.cells["description"]) for row in sheet.rows] == [
        (3, "Line one\nline two"), (4, "Next"),
    ]


def test_an_exported_escaped_formula_is_read_back_as_written():
    sheet = read_sheet(csv_bytes([["Action", "Lead"], ["'=Audit the front door", "'-Head of QA"]]))
    assert sheet.rows[0].cells == {"description": "=Audit the front door", "lead": "-Head of QA"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n,,\n", "no rows with anything in them"),
        (b"%PDF-1.7 binary\x00stuff", "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-style Excel workbook"),
        (b"PK\x03\x04 not really a zip", "not a spreadsheet we can read"),
        (b"Impact,Lead,Timeframe\nx,y,z\n", "has no Action column"),
        (b"Just some,words\n", "No header row found"),
    ],
)
def test_files_that_are_not_workplan_tables_are_refused_with_a_clear_message(content, message):
    with pytest.raises(UnreadableFile, match=message):
        read_sheet(content)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MSCP_IMPORT_MAX_BYTES = 100
    with pytest.raises(UnreadableFile, match="must be smaller than"):
        read_sheet(b"Action\n" + b"x" * 200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green", (Rating.GREEN, "")),
        ("g", (Rating.GREEN, "")),
        ("BLUE", (Rating.BLUE, "")),
        ("Amber - venue fell through", (Rating.AMBER, "venue fell through")),
        ("amber – venue fell through", (Rating.AMBER, "venue fell through")),
        ("R: no analyst in post", (Rating.RED, "no analyst in post")),
        ("A - rebooked", (Rating.AMBER, "rebooked")),
        ("Red\nline one\nline two", (Rating.RED, "line one\nline two")),
        ("Not yet rated", (None, "")),
    ],
)
def test_ratings_as_words_or_letters_in_any_case_with_narrative(text, expected):
    assert rating_and_narrative(text) == expected


@pytest.mark.parametrize("text", ["Purple", "A new audit is planned", "Green on track", "On track"])
def test_anything_else_is_an_unknown_rating(text):
    with pytest.raises(ValueError, match="unknown rating"):
        rating_and_narrative(text)


class FakeTheme:
    def __init__(self, title):
        self.title = title


THEMES = [
    FakeTheme(title)
    for title in [
        "Voice of children, young people, and families",
        "Think Family",
        "Addressing disproportionality",
        "Pressures on families incl. cost-of-living and Covid-19",
        "Learning from reviews & embedding reforms",
    ]
]
THEMES_BY_KEY = {theme_key(theme.title): theme for theme in THEMES}


@pytest.mark.parametrize(
    "text",
    [
        "Think Family; Addressing disproportionality",
        "think family, addressing disproportionality",
        "Think Family\nAddressing Disproportionality.",
        "• THINK-FAMILY\n• addressing  disproportionality",
    ],
)
def test_themes_split_on_semicolons_commas_and_new_lines_ignoring_case_spacing_and_punctuation(text):
    assert themes_from(text, THEMES_BY_KEY) == [THEMES[1], THEMES[2]]


def test_a_theme_with_commas_in_its_title_is_one_theme():
    text = "Voice of children, young people and families, Think Family"
    assert themes_from(text, THEMES_BY_KEY) == [THEMES[0], THEMES[1]]
    assert themes_from("", THEMES_BY_KEY) == []


def test_an_ampersand_matches_and():
    assert themes_from("learning from reviews and embedding reforms", THEMES_BY_KEY) == [THEMES[4]]


def test_an_unknown_theme_is_named_not_guessed_with_the_plans_themes_to_choose_from():
    with pytest.raises(ValueError) as refused:
        themes_from("Voice of children, young people and families; Think Families", THEMES_BY_KEY)
    assert str(refused.value) == (
        'unknown theme "Think Families": the plan\'s themes are Voice of children, young people, and families; '
        "Think Family; Addressing disproportionality; Pressures on families incl. cost-of-living and Covid-19; "
        "Learning from reviews & embedding reforms"
    )
    with pytest.raises(ValueError, match=r'^unknown theme "Think Family": the plan has no themes$'):
        themes_from("Think Family", {})


@pytest.mark.parametrize(
    ("timeframe", "due"),
    [
        ("31/01/2025", datetime.date(2025, 1, 31)),
        ("By 31/01/25", datetime.date(2025, 1, 31)),
        ("2025-01-31", datetime.date(2025, 1, 31)),
        ("March 2025", datetime.date(2025, 3, 31)),
        ("End of Feb 2024", datetime.date(2024, 2, 29)),
        ("5th September 2024", datetime.date(2024, 9, 5)),
        ("Q3 2024/25", datetime.date(2024, 12, 31)),
        ("Q4 2024-25", datetime.date(2025, 3, 31)),
        ("Q1 24/25", datetime.date(2024, 6, 30)),
        ("Ongoing", None),
        ("Quarterly", None),
        ("31/02/2025", None),
    ],
)
def test_free_text_timeframes_give_a_due_date_when_they_name_one(timeframe, due):
    assert due_date_from(timeframe) == due


class FakePriority:
    def __init__(self, number, title):
        self.number, self.title = number, title


PRIORITIES = [FakePriority(1, "Early Help"), FakePriority(3, "Contextual Safeguarding")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1", 1),
        ("P3", 3),
        ("Priority 3", 3),
        ("Priority 3: Contextual safeguarding", 3),
        ("contextual safeguarding", 3),
        ("Core functions", None),
    ],
)
def test_priorities_by_number_or_title(text, number):
    priority = priority_from(text, PRIORITIES)
    assert (priority.number if priority else None) == number


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Priority 9", 'unknown priority "Priority 9": the plan has no priority 9'),
        ("Online safety", 'unknown priority "Online safety": give its number or its title'),
    ],
)
def test_an_unknown_priority_is_an_error_naming_the_plans_priorities(text, message):
    numbers = sorted(priority.number for priority in PRIORITIES)
    listed = f"{', '.join(map(str, numbers[:-1]))} or {numbers[-1]}"
    with pytest.raises(ValueError) as refused:
        priority_from(text, PRIORITIES)
    assert str(refused.value) == f"{message} (its priorities are {listed})"
