"""The BRAG count table (STYLE.md habit 13): the one component every page and PDF uses to
show counts by rating. It lives beside the counts (subgroups/brag.py) because its columns are
whatever categories `BragCounts.rows` yields, even for a table with no rows yet."""

import datetime
import functools

from django import template
from django.template.loader import render_to_string
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from plans.models import NOT_RATED
from subgroups.brag import BragCounts, count_label

register = template.Library()

# How a row labelled by a date (a trend's quarter end) names it.
ROW_DATE_FORMAT = "j M Y"


def _field(row, name: str, default=None):
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


def _cell(count: int, href: str, hidden: str, percent: int | None = None) -> dict:
    """A count, linked to its actions (`href`, named by `hidden` text) unless it is 0, with
    its cell's HTML: a table has hundreds of cells, too many to draw through template tags."""
    # What format_html would write, without its per-call work: counts and shares are numbers;
    # the link and its words are escaped.
    count_text = conditional_escape(count)
    if href and count:
        shown = (
            f'<a class="govuk-link" href="{conditional_escape(href)}">{count_text}'
            f'<span class="govuk-visually-hidden"> {conditional_escape(hidden)}</span></a>'
        )
    else:
        shown = count_text
    share = conditional_escape(f" ({percent}%)") if percent is not None else ""
    return {
        "count": count,
        "href": href if count else "",
        "hidden": hidden,
        "percent": percent,
        "html": mark_safe(f'<td class="govuk-table__cell govuk-table__cell--numeric">{shown}{share}</td>'),
    }


@functools.cache
def _badge(rating: str | None, label: str) -> str:
    """A column's heading: the one BRAG badge (includes/brag_badge.html), drawn once per
    process for each category, since it never changes."""
    return render_to_string("includes/brag_badge.html", {"rating": rating, "badge_label": label})


@register.simple_tag
def brag_badge(rating: str | None) -> str:
    """A rating's (or closure's) badge: how every page and PDF draws one (`{% brag_badge
    action.current_rating %}`), from the one badge template, drawn once per process for each
    rating since it never changes."""
    return _badge(rating, count_label(rating))


def _label_and_counts(row, all_label: str):
    if isinstance(row, BragCounts):
        row = {"label": all_label, "counts": row}
    elif isinstance(row, tuple | list):
        row = {"label": row[0], "counts": row[1]}
    return row, _field(row, "label"), _field(row, "counts")


def _categories(rows, footer) -> list[dict]:
    """The columns: every rating of the scale, then a closure ("Carried forward", "Not
    achieved") only where some row counts one, so a year with none closed reads as before."""
    counted = [_label_and_counts(row, "")[2] for row in [*rows, *([footer] if footer is not None else [])]]
    return [
        category
        for category in BragCounts().rows
        if not category.get("is_closure") or any(counts.count_for(category["rating"]) for counts in counted)
    ]


def _row(row, *, categories, all_label: str, actions_url: str, percent: bool, total: bool, flags: bool) -> dict:
    """A row of the table from a BragCounts (labelled `all_label`), a (label, counts) pair, or
    anything with `label` and `counts` (a CountRow, an annual report's stored dict): a cell
    per category of the counts, then Total (`total`), Overdue and Stale (`flags`)."""
    row, label, counts = _label_and_counts(row, all_label)
    if isinstance(label, datetime.date):
        label = format_date(label, ROW_DATE_FORMAT)
    base = "&".join(filter(None, [actions_url, _field(row, "query_string", "")])) if actions_url else ""

    def link(extra: str = "") -> str:
        return f"{base}&{extra}" if base and extra else base

    cells = [
        _cell(
            counts.count_for(category["rating"]),
            link(f"rating={category['rating'] or NOT_RATED}"),
            f"{category['label']} actions, {label}",
            counts.percent(category["rating"]) if percent else None,
        )
        for category in categories
    ]
    if total:
        cells.append(_cell(counts.total, link(), f"actions, {label}"))
    if flags:
        cells.append(_cell(counts.overdue, link("flag=overdue"), f"overdue actions, {label}"))
        cells.append(_cell(counts.stale, link("flag=stale"), f"stale actions, {label}"))
    return {"label": label, "url": _field(row, "url", ""), "as_at": _field(row, "as_at"), "cells": cells}


@register.simple_block_tag
def brag_count_table(
    content,
    rows,
    *,
    row_header: str,
    footer: BragCounts | None = None,
    all_label: str = "All actions",
    total: bool = True,
    flags: bool = True,
    percent: bool = False,
    actions_url: str = "",
    labelledby: str = "",
    region_label: str = "",
    for_pdf: bool = False,
):
    """A table of BRAG counts, its caption the tag's content: a row per item of `rows` (see
    `_row`; a lone BragCounts is one row, `all_label`), then `footer` (counts of the whole,
    also `all_label`) in the table's foot. A column per category of `BragCounts.rows`,
    headed by its word, then Total (`total`) and Overdue and Stale (`flags`); `percent` adds
    each category's share. With `actions_url` (the action list for the page's plan and date)
    a count links to its actions. On a page the table scrolls in a focusable region named
    by the caption, `region_label`, or the element `labelledby`; `for_pdf` prints it bare,
    without links."""
    options = {
        "all_label": all_label,
        "actions_url": "" if for_pdf else actions_url,
        "percent": percent,
        "total": total,
        "flags": flags,
    }
    if isinstance(rows, BragCounts):
        rows = [rows]
    categories = [category | {"badge": _badge(category["rating"], category["label"])} for category in _categories(rows, footer)]
    options["categories"] = categories
    parts = [{"element": "tbody", "class": "govuk-table__body", "rows": [_row(row, **options) for row in rows]}]
    if footer is not None:
        parts.append({"element": "tfoot", "class": "", "rows": [_row(footer, **options)]})
    return render_to_string(
        "includes/brag_count_table.html",
        {
            "caption": content,
            "row_header": row_header,
            "categories": categories,
            "total": total,
            "flags": flags,
            "parts": parts,
            "labelledby": labelledby,
            "region_label": region_label or content,
            "for_pdf": for_pdf,
        },
    )
