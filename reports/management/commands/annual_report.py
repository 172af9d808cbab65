"""Write a partnership's annual report for a year as a PDF (or its HTML).

    python manage.py annual_report --partnership merton --year 2023-24 --output report.pdf

Uses the year's published report if there is one, else its draft; for a year the partnership's
plan covers but nobody has started a report for, the report is generated from the data with
every written section "Not yet written".
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import Partnership
from reports.annual import annual_report_content, plan_for_year
from reports.models import AnnualReport
from reports.pdf import cover_logo, html_to_pdf, render_pdf_html
from subgroups.models import year_label_bounds

TEMPLATE = "reports/pdf/annual_report.html"


class Command(BaseCommand):
    help = "Write a partnership's annual report for a year as a PDF (or HTML)."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help='The partnership\'s slug, e.g. "merton".')
        parser.add_argument("--year", required=True, help='The reporting year, e.g. "2023-24".')
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")

    def handle(self, *args, partnership, year, output, format, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)[:10]) or "none"
            raise CommandError(f'No partnership "{partnership}". Partnerships: {known}.')
        try:
            year_label_bounds(year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if plan_for_year(partnership=found, year=year) is None:
            raise CommandError(f"{found.name} has no business plan covering {year}.")
        report = (
            AnnualReport.objects.filter(partnership=found, year=year)
            .order_by("-status", "-published_at", "-created_at")  # published first, the latest
            .first()
        )
        content = annual_report_content(report, partnership=found, year=year) | {"cover_logo": cover_logo(found)}
        html = render_pdf_html(TEMPLATE, content)
        path = Path(output)
        if format == "html":
            path.write_text(html, encoding="utf-8")
        else:
            path.write_bytes(html_to_pdf(html))
        source = "generated from the data" if report is None else f"the {report.get_status_display().lower()} report"
        self.stdout.write(f"Wrote {path} ({format.upper()}, {source}).")
