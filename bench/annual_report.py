"""Annual report PDF timings: `python bench/annual_report.py [--scale N] [--repeat R]`.

Loads `load_demo --scale N` (default 100) into a scratch database (a temporary SQLite file, or
the PostgreSQL database named by BENCH_DATABASE_URL, which it empties first), then times, for
Merton's 2023-24 report (the demo's draft):

- the whole PDF: generating the content from the data, templating, and WeasyPrint;
- WeasyPrint alone rendering the same HTML;

and prints the medians and the ratio. Target: the data and templating cost at most 30% on top
of WeasyPrint's rendering (ratio <= 1.30). Run it at --scale 1 and --scale 100 to see that the
data's cost does not grow with the number of partnerships.
"""

import argparse
import io
import statistics
import time

from scratch import load_scratch_demo  # bench/ is on the path when a bench script runs

TARGET_RATIO = 1.30


def median_seconds(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    load_scratch_demo(args.scale)
    from pypdf import PdfReader

    from reports.annual import annual_report_content
    from reports.models import AnnualReport
    from reports.pdf import html_to_pdf, render_pdf_html

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24")
    template = "reports/pdf/annual_report.html"

    def whole():
        return html_to_pdf(render_pdf_html(template, annual_report_content(report)))

    html = render_pdf_html(template, annual_report_content(report))
    pages = len(PdfReader(io.BytesIO(whole())).pages)
    whole_median = median_seconds(whole, args.repeat)
    data_median = median_seconds(lambda: render_pdf_html(template, annual_report_content(report)), args.repeat)
    render_median = median_seconds(lambda: html_to_pdf(html), args.repeat)
    ratio = whole_median / render_median
    overhead = data_median / render_median
    print(f"annual report PDF ({pages} pages), median of {args.repeat}:")
    print(f"  {'whole (data + templating + WeasyPrint)':42} {whole_median * 1000:9.1f} ms")
    print(f"  {'data + templating alone':42} {data_median * 1000:9.1f} ms")
    print(f"  {'WeasyPrint alone, same HTML':42} {render_median * 1000:9.1f} ms")
    verdict = "met" if ratio <= TARGET_RATIO and overhead <= TARGET_RATIO - 1 else "MISSED"
    print(f"  ratio whole / WeasyPrint: {ratio:.3f} (target <= {TARGET_RATIO}: {verdict}); "
          f"data + templating = {overhead:.1%} of WeasyPrint's time")


if __name__ == "__main__":
    main()
