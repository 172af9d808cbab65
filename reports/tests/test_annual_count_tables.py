"""A published annual report shows the figures frozen in its snapshot, in the same count tables
as the live pages: a snapshot stored by an earlier version reads as it always has."""

import pytest

from plans.models import Membership, NOT_RATED_LABEL
from reports.annual import annual_report_publish, annual_report_start
from subgroups.tests.test_count_table import TableReader, texts

pytestmark = pytest.mark.django_db

# Counts as a snapshot stores them (reports.annual.generated_content), deliberately unlike
# anything the live data would give.
FROZEN = {"blue": 5, "green": 4, "amber": 3, "red": 2, "not_rated": 1, "overdue": 6, "stale": 7}
FROZEN_CELLS = ["5", "4", "3", "2", "1", "15", "6", "7"]


@pytest.fixture
def published(plan, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    report = annual_report_publish(report=annual_report_start(partnership=plan.partnership, year="2023-24"), user=bsu)
    snapshot = report.snapshot
    snapshot["trend"] = [{"as_at": "2024-03-31", "counts": FROZEN}]
    for part in [*snapshot["priorities"], snapshot["core"], *snapshot["themes"]]:
        part["counts"] = FROZEN
    report.snapshot = snapshot
    report.save(update_fields=["snapshot"])
    return report, bsu


def tables(html: str) -> dict[str, TableReader]:
    """Each count table of the page by its caption."""
    found = {}
    for chunk in html.split('<table class="govuk-table app-counts">')[1:]:
        reader = TableReader()
        reader.feed("<table>" + chunk.split("</table>")[0] + "</table>")
        found[" ".join(reader.caption.split())] = reader
    return found


def test_a_published_report_shows_its_frozen_figures_in_every_count_table(client, published):
    report, bsu = published
    client.force_login(bsu)
    found = tables(client.get(report.get_absolute_url()).text)
    heading = ["Blue", "Green", "Amber", "Red", NOT_RATED_LABEL, "Total", "Overdue", "Stale"]

    trend = found["The chart's figures: BRAG counts at each quarter end"]
    assert texts(trend.rows[0]) == ["As at", *heading]
    assert [texts(row) for row in trend.rows[1:]] == [["31 Mar 2024", *FROZEN_CELLS]]

    priorities = found["BRAG counts by priority at the year end"]
    assert texts(priorities.rows[0]) == ["Priority", *heading]
    assert [texts(row) for row in priorities.rows[1:]] == [
        ["Priority 1: Early Help", *FROZEN_CELLS],
        ["Core functions (no priority)", *FROZEN_CELLS],
    ]

    themes = found["Actions addressing each cross-cutting theme, as at the year end"]
    assert texts(themes.rows[0]) == ["Cross-cutting theme", *heading]
    assert [texts(row) for row in themes.rows[1:]] == [["Think Family", *FROZEN_CELLS]]
