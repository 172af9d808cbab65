"""Hostile-input timings: `python bench/hostile_inputs.py`.

Times what the tests check only for its result: written sections that made Python-Markdown
quadratic or recurse too deeply, and spreadsheets built to take an import worker down. Each
line gives the worst of three runs against its limit, and the script exits non-zero when any
is over, so a regression (rendering quadratic again, a bomb read in full) shows here without
a timed test that fails whenever the machine is busy.
"""

import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mscp.settings_test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django  # noqa: E402

django.setup()

from reports.markup import RENDER_BUDGET_SECONDS, SECTION_TEXT_MAX_LENGTH, render_section_text  # noqa: E402
from reports.tests.test_section_markup import QUADRATIC_BEFORE  # noqa: E402
from subgroups.importing.parse import UnreadableFile, read_sheet  # noqa: E402
from subgroups.tests.test_import_bombs import merged_cell_bomb, zip_bomb  # noqa: E402

RUNS = 3


def worst_seconds(work) -> float:
    worst = 0.0
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        worst = max(worst, time.perf_counter() - started)
    return worst


def refuse_or_read(content: bytes):
    def work():
        try:
            read_sheet(content)
        except UnreadableFile:
            pass

    return work


def cases():
    for name, text in QUADRATIC_BEFORE.items():
        yield f"section: {name}", 2.0, lambda text=text: render_section_text(text, budget_seconds=60)
    nested = {
        "list nested 10,000 deep": "- " * (SECTION_TEXT_MAX_LENGTH // 2 - 1) + "x",
        "numbered list nested deep": "1. " * (SECTION_TEXT_MAX_LENGTH // 3 - 1) + "x",
        "1,000 levels of indented bullets":
            "".join("\t" * depth + "- x\n" for depth in range(1_000))[:SECTION_TEXT_MAX_LENGTH],
        "thousands of headings": ("a\n===\n" * SECTION_TEXT_MAX_LENGTH)[:SECTION_TEXT_MAX_LENGTH],
        "three times the limit": "**Long** " + "[" * (3 * SECTION_TEXT_MAX_LENGTH),
    }
    for name, text in nested.items():
        yield f"section: {name}", 2.0, lambda text=text: render_section_text(text, budget_seconds=RENDER_BUDGET_SECONDS)
    yield "import: zip bomb (200 MB unpacked)", 2.0, refuse_or_read(zip_bomb())
    yield "import: merged cell over the whole sheet", 5.0, refuse_or_read(merged_cell_bomb())


def main() -> int:
    logging.disable(logging.WARNING)  # each fallback is logged; the figures are what counts here
    over = 0
    for name, limit, work in cases():
        seconds = worst_seconds(work)
        flag = "" if seconds < limit else "  OVER"
        over += bool(flag)
        print(f"{seconds:7.3f} s  (limit {limit:.0f} s)  {name}{flag}")
    print(f"{over} over their limit")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
