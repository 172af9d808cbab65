"""The charts read without colour: a titled scale, counts on the segments, totals on the
bars and the last bar's segments named in words."""

import re

from django.template.loader import render_to_string

from reports.charts import SEGMENT_FILLS, SEGMENT_TEXT, contrast, scale, stacked_bars
from subgroups.brag import BragCounts


def test_the_scale_runs_to_a_round_number_in_a_few_steps():
    assert scale(0) == (1, [0, 1])
    assert scale(7) == (8, [0, 2, 4, 6, 8])
    assert scale(23) == (25, [0, 5, 10, 15, 20, 25])
    assert scale(130) == (150, [0, 50, 100, 150])


def test_every_segments_count_is_readable_on_its_fill():
    for rating, fill in SEGMENT_FILLS.items():
        assert contrast(SEGMENT_TEXT[rating], fill) >= 4.5, rating


def test_the_chart_has_an_axis_title_ticks_counts_totals_and_named_segments():
    chart = stacked_bars([
        ("Jun 2023", BragCounts(blue=2, green=10, amber=4, red=1, not_rated=3)),
        ("Sep 2023", BragCounts(blue=5, green=9, amber=3, red=2, not_rated=1)),
    ])
    svg = render_to_string(
        "reports/includes/bar_chart.html", {"chart": chart, "chart_id": "c", "caption": "Counts", "summary": "S"}
    )
    texts = re.findall(r'<text[^>]*class="app-chart__([a-z-]+)"[^>]*>([^<]*)</text>', svg)
    by_class = {}
    for css_class, text in texts:
        by_class.setdefault(css_class, []).append(text)
    assert by_class["axis-title"] == ["Number of actions"]
    assert by_class["tick"] == ["0", "5", "10", "15", "20"]
    assert by_class["total"] == ["20", "20"]
    assert by_class["label"] == ["Jun 2023", "Sep 2023"]
    # Segments tall enough carry their count (10 green, 9 green); the thin one (1 red) does not.
    assert "10" in by_class["value"] and "9" in by_class["value"]
    assert len(by_class["value"]) < 10
    # The last bar's labelled segments are named in words beside it.
    assert "Green" in by_class["name"] and "Blue" in by_class["name"]
    assert 'transform="rotate' not in svg
