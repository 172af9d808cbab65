"""CSV and XLSX downloads of the report tables (dashboard, exception report), with the same
figures as the pages, written by the table writer of subgroups/exports.py."""

from plans.models import rating_label
from subgroups.brag import BragCounts
from subgroups.exports import ExportTable

# The columns of the page's count table (its brag_count_table), so a category the counts
# gain is a column here too.
COUNT_HEADERS = [row["label"] for row in BragCounts().rows] + ["Total", "Overdue", "Stale"]


def _count_cells(counts) -> list[int]:
    return [row["count"] for row in counts.rows] + [counts.total, counts.overdue, counts.stale]


def dashboard_table(*, scope, data: dict) -> ExportTable:
    """The dashboard's counts: all actions, then by priority, sub-group and theme."""
    plan = scope.plan
    table = ExportTable(
        title=f"{plan.partnership.name}: {plan.title}: {scope.year_label}: BRAG counts as at {scope.as_at:%-d %B %Y}",
        headers=["Grouping", "Name", *COUNT_HEADERS],
        widths={0: 16, 1: 50},
    )
    table.rows.append(["All actions", plan.title, *_count_cells(data["totals"])])
    for grouping, key in (("Priority", "priority_rows"), ("Sub-group", "subgroup_rows"), ("Theme", "theme_rows")):
        for row in data[key]:
            table.rows.append([grouping, row.label, *_count_cells(row.counts)])
    return table


def exceptions_table(*, scope, groups) -> ExportTable:
    """The exception report's rows, in the page's order."""
    plan = scope.plan
    table = ExportTable(
        title=f"{plan.partnership.name}: {plan.title}: {scope.year_label}: exception report as at {scope.as_at:%-d %B %Y}",
        headers=[
            "Priority", "Sub-group", "Reference", "Action", "Why it is here", "BRAG rating",
            "Latest update", "Update as at", "Lead", "Timeframe", "Due date",
            "Days since last update",
        ],
        rating_columns={5},
        widths={0: 30, 1: 30, 3: 50, 4: 18, 6: 60, 8: 30},
    )
    for group in groups:
        for action in group.actions:
            table.rows.append([
                group.priority,
                group.subgroup,
                action.reference,
                action.description,
                ", ".join(action.reasons),
                rating_label(action.current_rating),
                action.current_narrative or "",
                action.current_as_at,
                action.lead_names,
                action.timeframe,
                action.due_date,
                action.days_since_update,
            ])
    return table
