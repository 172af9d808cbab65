"""The BRAG colours, named once: the pages' and PDFs' badges and chart bars (through the
generated static/css/brag.css), the charts' SVG fills (reports/charts.py) and the XLSX fills
(subgroups/exports.py) all read them from here.

Each rating's text colour on its background meets WCAG 2.2 AA for text (4.5:1); a test holds
every reader to these values. The colours are GOV.UK Design System colours.

After changing a colour, write the stylesheet again:
    .venv/bin/python -m plans.brag_palette > static/css/brag.css
"""

from dataclasses import dataclass

# How forms, links and CSS classes spell "not yet rated" (plans.models.NOT_RATED).
NOT_RATED_KEY = "none"


@dataclass(frozen=True)
class BragColours:
    """A rating's badge colours (`background` behind `text`), and the fill of its part of a
    bar chart (`chart`): the badge's background, except where that would vanish on white."""

    background: str
    text: str
    chart: str


# In the scale's order (plans.models.Rating), then not yet rated. Keys are the stored ratings.
BRAG_PALETTE = {
    "blue": BragColours(background="#1d70b8", text="#ffffff", chart="#1d70b8"),  # 5.2:1
    "green": BragColours(background="#00703c", text="#ffffff", chart="#00703c"),  # 6.1:1
    "amber": BragColours(background="#ffbf47", text="#0b0c0c", chart="#ffbf47"),  # 12.1:1
    "red": BragColours(background="#aa2a16", text="#ffffff", chart="#aa2a16"),  # 7.1:1
    # Not yet rated is no colour: white (with a dashed border drawn by each stylesheet) on
    # badges; mid grey in charts.
    NOT_RATED_KEY: BragColours(background="#ffffff", text="#0b0c0c", chart="#b1b4b6"),
}

# The closures an action can end a year with (subgroups.models.Closure): words, no colour, so
# nobody reads them as a rating. Badges only: charts and spreadsheets show ratings alone.
CLOSURE_BADGE = BragColours(background="#ffffff", text="#0b0c0c", chart="#ffffff")
CLOSURE_KEYS = ("carried_forward", "not_achieved")


def stylesheet() -> str:
    """static/css/brag.css: the badge and chart-bar colours, linked by the pages (before
    app.css, whose high-contrast mode overrides them) and by every PDF (before pdf.css)."""
    lines = [
        "/* Written by `python -m plans.brag_palette` from plans/brag_palette.py: change the",
        "   colours there, not here (a test checks that this file matches). */",
    ]
    for key, colours in BRAG_PALETTE.items():
        lines.append(f".app-brag--{key} {{ background: {colours.background}; color: {colours.text}; }}")
    closures = ", ".join(f".app-brag--{key}" for key in CLOSURE_KEYS)
    lines.append(f"{closures} {{ background: {CLOSURE_BADGE.background}; color: {CLOSURE_BADGE.text}; }}")
    # Charts on screen. A chart's SVG carries the same fills itself, which is what prints and
    # what a PDF draws: WeasyPrint knows no `fill` among its page styles and would log each rule.
    lines.append("@media screen {")
    for key, colours in BRAG_PALETTE.items():
        lines.append(f"  .app-chart__segment--{key} {{ fill: {colours.chart}; }}")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(stylesheet(), end="")
