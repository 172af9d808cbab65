"""The BRAG count table component: every page and PDF that shows counts by rating draws them
with `{% brag_count_table %}`, so what a reader relies on is checked here once: a column per
category the counts yield (each named by its word), totals, flags, the caption that names the
table, counts that lead to their actions, and the bare PDF variant."""

import datetime
from html.parser import HTMLParser

from django.template import Context, Template

from plans.models import NOT_RATED_LABEL
from subgroups.brag import BragCounts, CountRow

COUNTS = BragCounts(blue=4, green=3, amber=2, red=1, not_rated=0, overdue=2, stale=1)
WORDS = ["Blue", "Green", "Amber", "Red", NOT_RATED_LABEL]


class TableReader(HTMLParser):
    """The table as rows of (element, scope, text, link) cells, and the scrolling region."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.region, self.caption, self.links = [], None, None, None, []
        self.part, self.in_caption = None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("role") == "region":
            self.region = attrs
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = tag
        elif tag == "tr":
            self.rows.append((self.part, []))
        elif tag in ("th", "td"):
            self.cell = {"element": tag, "scope": attrs.get("scope"), "text": "", "href": None}
        elif tag == "a" and self.cell is not None:
            self.cell["href"] = attrs["href"]
        elif tag == "caption":
            self.caption, self.in_caption = "", True

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td"):
            self.cell["text"] = " ".join(self.cell["text"].split())
            self.rows[-1][1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        elif self.in_caption:
            self.caption += data


def table(source: str, **context) -> TableReader:
    html = Template("{% load brag_counts %}" + source).render(Context(context))
    reader = TableReader()
    reader.feed(html)
    reader.html = html
    return reader


def texts(row) -> list[str]:
    return [cell["text"] for cell in row[1]]


def test_a_column_per_rating_named_by_its_word_then_total_overdue_and_stale():
    t = table('{% brag_count_table rows row_header="Priority" %}By priority{% endbrag_count_table %}',
              rows=[CountRow("Priority 1: Early Help", COUNTS)])
    head, body = t.rows
    assert texts(head) == ["Priority", *WORDS, "Total", "Overdue", "Stale"]
    assert all(cell["element"] == "th" and cell["scope"] == "col" for cell in head[1])
    assert body[0] == "tbody"
    assert body[1][0] == {"element": "th", "scope": "row", "text": "Priority 1: Early Help", "href": None}
    assert texts(body)[1:] == ["4", "3", "2", "1", "0", "10", "2", "1"]


def test_a_closure_gets_a_column_of_its_own_only_where_one_is_counted():
    """Closed actions ("Carried forward", "Not achieved") are a category of the counts: the
    word heads its column and each row shows its count, but only in a table where some row
    counts one, so a year with nothing closed reads as it always has."""
    closed = BragCounts(blue=4, green=3, amber=2, red=1, carried_forward=7, overdue=2, stale=1)
    t = table('{% brag_count_table rows row_header="Sub-group" %}By sub-group{% endbrag_count_table %}',
              rows=[("PEI", closed), ("QAPR", COUNTS)])
    head, pei, qapr = t.rows
    assert texts(head) == ["Sub-group", *WORDS, "Carried forward", "Total", "Overdue", "Stale"]
    assert texts(pei) == ["PEI", "4", "3", "2", "1", "0", "7", "17", "2", "1"]
    assert texts(qapr) == ["QAPR", "4", "3", "2", "1", "0", "0", "10", "2", "1"]
    assert "Not achieved" not in texts(head)


def test_the_caption_names_the_table_and_its_scrolling_region():
    t = table('{% brag_count_table rows row_header="Theme" %}Themes as at {{ day|date:"j F Y" }}{% endbrag_count_table %}',
              rows=[], day=datetime.date(2024, 3, 31))
    assert t.caption == "Themes as at 31 March 2024"
    assert t.region == {"class": "app-table-wrapper", "tabindex": "0", "role": "region",
                        "aria-label": "Themes as at 31 March 2024"}
    # With no rows yet the columns are still there to read.
    assert texts(t.rows[0]) == ["Theme", *WORDS, "Total", "Overdue", "Stale"]

    named = table('{% brag_count_table rows row_header="Theme" region_label="Theme figures" %}X{% endbrag_count_table %}', rows=[])
    assert named.region["aria-label"] == "Theme figures"
    labelled = table('{% brag_count_table rows row_header="Theme" labelledby="themes" %}X{% endbrag_count_table %}', rows=[])
    assert labelled.region["aria-labelledby"] == "themes" and "aria-label" not in labelled.region


def test_totals_in_the_foot_and_a_lone_count_is_all_actions():
    t = table('{% brag_count_table rows row_header="Priority" footer=totals %}X{% endbrag_count_table %}',
              rows=[("P1", COUNTS), ("P2", COUNTS)], totals=COUNTS + COUNTS)
    assert [part for part, _ in t.rows] == ["thead", "tbody", "tbody", "tfoot"]
    assert texts(t.rows[-1]) == ["All actions", "8", "6", "4", "2", "0", "20", "4", "2"]

    lone = table('{% brag_count_table counts row_header="Actions" %}X{% endbrag_count_table %}', counts=COUNTS)
    assert [texts(row)[0] for row in lone.rows] == ["Actions", "All actions"]


def test_without_flags_or_total_those_columns_are_left_out():
    t = table('{% brag_count_table rows row_header="Theme" flags=False %}X{% endbrag_count_table %}', rows=[("Think Family", COUNTS)])
    assert texts(t.rows[0])[-1] == "Total" and texts(t.rows[1]) == ["Think Family", "4", "3", "2", "1", "0", "10"]
    bare = table('{% brag_count_table rows row_header="Theme" flags=False total=False %}X{% endbrag_count_table %}',
                 rows=[("Think Family", COUNTS)])
    assert texts(bare.rows[0])[-1] == NOT_RATED_LABEL and len(texts(bare.rows[1])) == 6


def test_percentages_give_each_ratings_share():
    t = table('{% brag_count_table rows row_header="Plan" percent=True %}X{% endbrag_count_table %}', rows=[("Plan", COUNTS)])
    assert texts(t.rows[1]) == ["Plan", "4 (40%)", "3 (30%)", "2 (20%)", "1 (10%)", "0 (0%)", "10", "2", "1"]


def test_rows_from_a_stored_report_and_dates_read_as_they_always_have():
    """An annual report's frozen figures are dicts with label and counts; a trend's rows are
    dates, shown as "31 Mar 2024"; a row judged at its own date says so."""
    t = table('{% brag_count_table rows row_header="As at" %}X{% endbrag_count_table %}', rows=[
        {"label": "Core functions (no priority)", "counts": COUNTS, "achievements": []},
        (datetime.date(2024, 3, 31), COUNTS),
        CountRow("2023-24 workplan", COUNTS, url="/workplans/1/", as_at=datetime.date(2024, 3, 31)),
    ])
    assert [texts(row)[0] for row in t.rows[1:]] == [
        "Core functions (no priority)", "31 Mar 2024", "2023-24 workplan (as at 31 March 2024)"
    ]
    assert t.rows[-1][1][0]["href"] == "/workplans/1/"


def test_counts_link_to_their_actions_named_for_screen_readers_and_zero_does_not():
    t = table('{% brag_count_table rows row_header="Priority" actions_url=url %}X{% endbrag_count_table %}',
              rows=[CountRow("P1", COUNTS, {"priority": 5})], url="/reports/actions/?plan=1&as_at=2024-03-31")
    cells = t.rows[1][1][1:]
    base = "/reports/actions/?plan=1&as_at=2024-03-31&priority=5"
    assert [cell["href"] for cell in cells] == [
        f"{base}&rating=blue", f"{base}&rating=green", f"{base}&rating=amber", f"{base}&rating=red", None,
        base, f"{base}&flag=overdue", f"{base}&flag=stale",
    ]
    assert cells[0]["text"] == "4 Blue actions, P1"
    assert cells[5]["text"] == "10 actions, P1" and cells[6]["text"] == "2 overdue actions, P1"
    assert cells[4]["text"] == "0"


def test_the_pdf_variant_prints_the_table_bare_without_links():
    t = table('{% brag_count_table rows row_header="Priority" actions_url="/reports/actions/?plan=1" for_pdf=True %}By priority{% endbrag_count_table %}',
              rows=[CountRow("P1", COUNTS, {"priority": 5}, url="#priority-1")])
    assert t.region is None and 'tabindex' not in t.html
    assert "<a " not in t.html
    assert t.caption == "By priority"
    assert texts(t.rows[1]) == ["P1", "4", "3", "2", "1", "0", "10", "2", "1"]


def test_ratings_are_never_colour_alone():
    t = table('{% brag_count_table rows row_header="Priority" %}X{% endbrag_count_table %}', rows=[])
    for word, rating in zip(WORDS, ["blue", "green", "amber", "red", "none"], strict=True):
        assert f'<strong class="app-brag app-brag--{rating}">{word}</strong>' in t.html
