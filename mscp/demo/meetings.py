"""The demo's meetings. Merton's business plan says the Executive "meets monthly", the full
partnership meets "three times a year" and the sub-groups deliver the workplans in between
(seeds: Merton MSCP Business Plan 2023-25); the Executive approved that plan on 2 March 2023,
the first Thursday of the month, so its demo meetings fall on the first Thursday of each month.
Sub-groups meet quarterly, each in its own week; the Executive's papers go out a week ahead, so
its figures are counted seven days before it meets. Medway follows the same pattern over its
2021-23 plan (its 2022-23 workplan is the one the demo holds).
"""

import datetime

EXECUTIVE_PAPERS_AHEAD = datetime.timedelta(days=7)
THURSDAY = 3

# partnership slug -> (first month, last month, the sub-groups and the week of the month each
# meets in, the months the full partnership meets in).
PATTERNS = {
    "merton": {
        "months": (datetime.date(2023, 3, 1), datetime.date(2025, 3, 1)),
        "subgroups": {"QAPR": 1, "P&T": 2, "PEI": 3, "PPYP": 4, "ESS": 2},
        "subgroup_months": (5, 8, 11, 2),
        "partnership_months": (6, 10, 2),
    },
    "medway": {
        "months": (datetime.date(2022, 4, 1), datetime.date(2023, 3, 1)),
        "subgroups": {"SPG": 2},
        "subgroup_months": (5, 8, 11, 2),
        "partnership_months": (7, 11, 3),
    },
}

NOTES = {
    ("merton", datetime.date(2023, 3, 2)): "Approved the MSCP Business Plan 2023-25.",
    ("merton", datetime.date(2024, 3, 7)): "Year-end review of the 2023-24 workplans before the annual report.",
}


def _weekday_in_month(first: datetime.date, weekday: int, week: int) -> datetime.date:
    """The `week`th `weekday` (0 = Monday) of the month starting on `first`."""
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (week - 1))


def _months(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def demo_meetings(slug: str) -> list[dict]:
    """The meetings of the partnership `slug`: body ("executive", "partnership" or a
    sub-group's short name), date, cut-off and notes, in date order."""
    pattern = PATTERNS.get(slug)
    if pattern is None:
        return []
    meetings = []
    for month in _months(*pattern["months"]):
        day = _weekday_in_month(month, THURSDAY, 1)
        meetings.append({"body": "executive", "date": day, "cutoff": day - EXECUTIVE_PAPERS_AHEAD})
        if month.month in pattern["partnership_months"]:
            day = _weekday_in_month(month, THURSDAY, 3)
            meetings.append({"body": "partnership", "date": day, "cutoff": day})
        if month.month in pattern["subgroup_months"]:
            for short_name, week in pattern["subgroups"].items():
                day = _weekday_in_month(month, 1, week)  # Tuesdays
                meetings.append({"body": short_name, "date": day, "cutoff": day})
    for meeting in meetings:
        meeting["notes"] = NOTES.get((slug, meeting["date"]), "") if meeting["body"] == "executive" else ""
    return sorted(meetings, key=lambda meeting: (meeting["date"], meeting["body"]))
