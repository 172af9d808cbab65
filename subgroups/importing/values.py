"""What the text in an imported cell means: a rating and its narrative, themes, a priority,
the due date behind a free-text timeframe. Each function raises ValueError with the message
a person reads when the text cannot be understood: errors, never guesses."""

import calendar
import datetime
import re

from plans.models import Rating

RATING_WORDS = {
    "blue": Rating.BLUE, "b": Rating.BLUE,
    "green": Rating.GREEN, "g": Rating.GREEN,
    "amber": Rating.AMBER, "a": Rating.AMBER,
    "red": Rating.RED, "r": Rating.RED,
    "not yet rated": None, "not rated": None, "none": None,
}
# The rating word, then the narrative after a dash, en or em dash, colon or a new line. A
# single letter needs one of those after it, so "A new audit…" is never read as Amber.
RATING_CELL = re.compile(
    r"(?P<word>not yet rated|not rated|none|blue|green|amber|red|[bgar])\s*"
    r"(?:|[-–—:]\s*(?P<after_dash>.*)|\n\s*(?P<after_line>.*))",
    re.IGNORECASE | re.DOTALL,
)


def rating_and_narrative(text: str) -> tuple[str | None, str]:
    """"Amber – venue fell through" -> ("amber", "venue fell through"); "G" -> ("green", "")."""
    match = RATING_CELL.fullmatch(text.strip())
    if not match:
        word = re.split(r"\s*[-–—:\n]", text.strip(), maxsplit=1)[0][:40]
        raise ValueError(
            f'unknown rating "{word}": start with Blue, Green, Amber, Red (or B, G, A, R) or '
            "Not yet rated, then any update after a dash or colon"
        )
    narrative = match["after_dash"] or match["after_line"] or ""
    return RATING_WORDS[match["word"].lower()], narrative.strip()


def theme_key(text: str) -> str:
    """Themes match ignoring case, spacing and punctuation ("&" reads as "and")."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def themes_from(text: str, themes_by_key: dict) -> list:
    """The plan's themes named in a cell, separated by semicolons, commas or new lines.
    Theme titles may themselves hold commas ("Voice of children, young people and
    families"), so neighbouring comma pieces are joined when together they name a theme."""
    found = []
    for part in re.split(r"[;\n]", text):
        pieces = [piece.strip(" \t•*·-") for piece in part.split(",")]
        pieces = [piece for piece in pieces if piece]
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                theme = themes_by_key.get(theme_key(",".join(pieces[start:end])))
                if theme is not None:
                    if theme not in found:
                        found.append(theme)
                    start = end
                    break
            else:
                titles = "; ".join(theme.title for theme in themes_by_key.values())
                raise ValueError(
                    f'unknown theme "{pieces[start]}": the plan\'s themes are {titles}'
                    if titles else f'unknown theme "{pieces[start]}": the plan has no themes'
                )
    return found


PRIORITY_NUMBER = re.compile(r"(?:priority|p)\s*(?P<number>\d+)\b", re.IGNORECASE)
CORE_FUNCTIONS = re.compile(r"core\s*functions?|none|n/?a", re.IGNORECASE)


def priority_from(text: str, priorities: list):
    """The plan's priority a cell or section heading names: "2", "P2", "Priority 2: Mental
    Health…", or its title; None for "Core functions"."""
    text = text.strip()
    if CORE_FUNCTIONS.match(text):
        return None
    by_number = {priority.number: priority for priority in priorities}
    match = PRIORITY_NUMBER.match(text) or re.fullmatch(r"(?P<number>\d+)", text)
    if match:
        number = int(match["number"])
        if number in by_number:
            return by_number[number]
        raise ValueError(f'unknown priority "{text}": the plan has no priority {number} ({_numbered(by_number)})')
    key = theme_key(text)
    for priority in priorities:
        if theme_key(priority.title) == key:
            return priority
    raise ValueError(f'unknown priority "{text}": give its number or its title ({_numbered(by_number)})')


def _numbered(by_number: dict) -> str:
    """"its priorities are 1, 2 or 3", for a message about a priority the plan does not have."""
    numbers = [str(number) for number in sorted(by_number)]
    if not numbers:
        return "it has no priorities"
    listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} or {numbers[-1]}"
    return f"its priorities are {listed}"


def is_priority_heading(text: str) -> bool:
    """A section row that starts a priority's block ("Priority 3: Contextual safeguarding",
    "Core functions"), as opposed to any other heading."""
    return bool(PRIORITY_NUMBER.match(text.strip()) or CORE_FUNCTIONS.fullmatch(text.strip()))


MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTHNAME_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.IGNORECASE
)
# "Q3 2024/25": a quarter of the financial year (April to March), due at its end.
QUARTER = re.compile(r"\bQ([1-4])\s*(?:FY\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{2,4})\b", re.IGNORECASE)
MONTHNAME_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)


def _full_year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def due_date_from(timeframe: str) -> datetime.date | None:
    """The date behind a free-text timeframe, when it names one: "31/01/2025", "2025-01-31",
    "31 January 2025", "Q3 2024/25" (31 December 2024), "March 2025" (its last day)."""
    try:
        if match := ISO_DATE.search(timeframe):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := DAY_MONTH_YEAR.search(timeframe):
            return datetime.date(_full_year(match[3]), int(match[2]), int(match[1]))
        if match := DAY_MONTHNAME_YEAR.search(timeframe):
            return datetime.date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
        if match := QUARTER.search(timeframe):
            quarter, start_year = int(match[1]), _full_year(match[2])
            end_month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
            return _last_day(start_year + (quarter == 4), end_month)
        if match := MONTHNAME_YEAR.search(timeframe):
            return _last_day(int(match[2]), MONTHS[match[1].lower()])
    except ValueError:  # "31/02/2025": not a real date, so no due date rather than a guess
        return None
    return None
