"""Server-rendered SVG charts: the same markup serves the page, print and PDFs."""

from dataclasses import dataclass

from plans.brag_palette import BRAG_PALETTE
from subgroups.brag import CLOSURE_ORDER, COUNT_ORDER, RATING_ORDER, BragCounts

CHART_HEIGHT = 200
BAR_WIDTH = 48
BAR_GAP = 24
LEFT_MARGIN = 40
# Labels are drawn at this size (px) by the SVG itself, so PDFs use it too: at 12px a label such
# as "Jun 2023" is narrower than a bar and its gap, so neighbouring labels never touch.
LABEL_SIZE = 12
# Each rating's fill, as a presentation attribute on the SVG itself: WeasyPrint applies no
# outside stylesheet to inline SVG, so the PDFs need it; in the browser the classes of brag.css
# and app.css take precedence (the high-contrast mode among them). The palette's chart colours.
SEGMENT_FILLS = {rating: colours.chart for rating, colours in BRAG_PALETTE.items()}
# Actions closed at a year end sit on top, in greys that are no BRAG colour; the key names
# them in words, as every other segment.
SEGMENT_FILLS |= {"carried_forward": "#505a5f", "not_achieved": "#0b0c0c"}


@dataclass
class BarSegment:
    rating: str
    x: int
    y: float
    height: float
    count: int

    @property
    def fill(self) -> str:
        return SEGMENT_FILLS[self.rating]


@dataclass
class Bar:
    label: str
    x: int
    total: int
    segments: list[BarSegment]


def stacked_bars(points: list[tuple[str, BragCounts]]) -> dict:
    """Geometry of a stacked bar per point (label, counts): blue at the bottom, not yet rated
    on top, scaled to the largest total."""
    largest = max((counts.total for _label, counts in points), default=0) or 1
    bars = []
    for index, (label, counts) in enumerate(points):
        x = LEFT_MARGIN + index * (BAR_WIDTH + BAR_GAP)
        y = float(CHART_HEIGHT)
        segments = []
        for rating in COUNT_ORDER:
            count = counts.count_for(rating)
            height = CHART_HEIGHT * count / largest
            y -= height
            if count:
                segments.append(BarSegment(rating or "none", x, round(y, 1), round(height, 1), count))
        bars.append(Bar(label=label, x=x, total=counts.total, segments=segments))
    shown = RATING_ORDER + [c for c in CLOSURE_ORDER if any(counts.count_for(c) for _label, counts in points)]
    return {
        "bars": bars,
        # The legend: each rating (and each closure the bars show) with the very fill its
        # segments have.
        "key": [{"rating": rating, "slug": rating or "none", "fill": SEGMENT_FILLS[rating or "none"]} for rating in shown],
        "width": LEFT_MARGIN + len(points) * (BAR_WIDTH + BAR_GAP),
        "height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "label_size": LABEL_SIZE,
        "largest": largest,
    }
