"""Server-rendered SVG charts: the same markup serves the page, print and PDFs.

Each chart has a labelled scale (a vertical axis with its ticks and gridlines, titled) and
direct labels, so nobody needs the colours to read it: each segment tall enough for a number
carries its count, each bar its total above it, and the last bar's segments are named in
words beside it; the key below names every colour too."""

from dataclasses import dataclass

from plans.brag_palette import BRAG_PALETTE
from subgroups.brag import CLOSURE_ORDER, COUNT_ORDER, RATING_ORDER, BragCounts

CHART_HEIGHT = 200
BAR_WIDTH = 48
BAR_GAP = 24
# Room left of the bars for the scale's numbers, above them for the scale's title (written
# across, not turned: turned text reads badly and extracts from a PDF letter by letter) and the
# totals, right of them for the last bar's segment names, and below for the bars' labels.
LEFT_MARGIN = 40
TOP_MARGIN = 36
RIGHT_MARGIN = 96
BOTTOM_MARGIN = 28
# Labels are drawn at this size (px) by the SVG itself, so PDFs use it too: at 12px a label such
# as "Jun 2023" is narrower than a bar and its gap, so neighbouring labels never touch.
LABEL_SIZE = 12
# A segment shows its count only when it is at least this tall, so the number fits inside it.
SEGMENT_LABEL_MIN_HEIGHT = LABEL_SIZE + 2
# The scale has at most this many steps, each a "nice" number of actions.
MOST_TICKS = 5
NICE_STEPS = (1, 2, 5)
Y_TITLE = "Number of actions"
# Each rating's fill, as a presentation attribute on the SVG itself: WeasyPrint applies no
# outside stylesheet to inline SVG, so the PDFs need it; in the browser the classes of brag.css
# and app.css take precedence (the high-contrast mode among them). The palette's chart colours.
SEGMENT_FILLS = {rating: colours.chart for rating, colours in BRAG_PALETTE.items()}
# Actions closed at a year end sit on top, in greys that are no BRAG colour; the key names
# them in words, as every other segment.
SEGMENT_FILLS |= {"carried_forward": "#505a5f", "not_achieved": "#0b0c0c"}
DARK_TEXT, LIGHT_TEXT = "#0b0c0c", "#ffffff"
# Words for the last bar's segments: short enough to fit beside it.
SHORT_NAMES = {
    "blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red", "none": "Not rated",
    "carried_forward": "Carried fwd", "not_achieved": "Not achieved",
}


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        value = value / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The count inside each segment: dark or light, whichever stands out more on its fill.
SEGMENT_TEXT = {
    rating: max((DARK_TEXT, LIGHT_TEXT), key=lambda text, fill=fill: contrast(text, fill))
    for rating, fill in SEGMENT_FILLS.items()
}


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

    @property
    def text_fill(self) -> str:
        return SEGMENT_TEXT[self.rating]

    @property
    def labelled(self) -> bool:
        """Whether the count fits inside the segment."""
        return self.height >= SEGMENT_LABEL_MIN_HEIGHT

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2, 1)


@dataclass
class Bar:
    label: str
    x: int
    total: int
    segments: list[BarSegment]
    top: float  # where the bar ends: its total is written just above

    @property
    def centre(self) -> int:
        return self.x + BAR_WIDTH // 2


@dataclass
class Tick:
    value: int
    y: float


def scale(largest: int) -> tuple[int, list[int]]:
    """The top of the scale for bars up to `largest`, and its ticks from 0: at most
    MOST_TICKS steps of 1, 2 or 5 times a power of ten."""
    magnitude = 1
    while True:
        for step in (nice * magnitude for nice in NICE_STEPS):
            top = -(-max(largest, 1) // step) * step
            if top // step <= MOST_TICKS:
                return top, list(range(0, top + 1, step))
        magnitude *= 10


def stacked_bars(points: list[tuple[str, BragCounts]]) -> dict:
    """Geometry of a stacked bar per point (label, counts): blue at the bottom, not yet rated
    on top, on a scale from 0 to a round number at or above the largest total."""
    top, tick_values = scale(max((counts.total for _label, counts in points), default=0))
    base = TOP_MARGIN + CHART_HEIGHT
    bars = []
    for index, (label, counts) in enumerate(points):
        x = LEFT_MARGIN + index * (BAR_WIDTH + BAR_GAP) + BAR_GAP // 2
        y = float(base)
        segments = []
        for rating in COUNT_ORDER:
            count = counts.count_for(rating)
            height = CHART_HEIGHT * count / top
            y -= height
            if count:
                segments.append(BarSegment(rating or "none", x, round(y, 1), round(height, 1), count))
        bars.append(Bar(label=label, x=x, total=counts.total, segments=segments, top=round(y, 1)))
    shown = RATING_ORDER + [c for c in CLOSURE_ORDER if any(counts.count_for(c) for _label, counts in points)]
    plot_right = LEFT_MARGIN + len(points) * (BAR_WIDTH + BAR_GAP)
    last = bars[-1] if bars else None
    return {
        "bars": bars,
        # The legend: each rating (and each closure the bars show) with the very fill its
        # segments have.
        "key": [{"rating": rating, "slug": rating or "none", "fill": SEGMENT_FILLS[rating or "none"]} for rating in shown],
        "ticks": [Tick(value, round(base - CHART_HEIGHT * value / top, 1)) for value in tick_values],
        # The last bar's labelled segments named beside it, in words.
        "names": [
            {"text": SHORT_NAMES[segment.rating], "y": segment.middle}
            for segment in (last.segments if last else [])
            if segment.labelled
        ],
        "names_x": (last.x + BAR_WIDTH + 6) if last else 0,
        "y_title": Y_TITLE,
        "y_title_y": LABEL_SIZE + 2,
        "axis_x": LEFT_MARGIN,
        "plot_right": plot_right,
        "base": base,
        "top": TOP_MARGIN,
        "width": plot_right + RIGHT_MARGIN,
        "height": base + BOTTOM_MARGIN,
        "bar_width": BAR_WIDTH,
        "label_size": LABEL_SIZE,
        "largest": top,
    }
