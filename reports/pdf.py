"""PDFs for publication and meeting packs, rendered from HTML templates by WeasyPrint.

Every PDF is PDF/UA-1: tagged, with the document title, the en-GB language, real table
headers and bookmarks from its headings. Layout lives in static/css/pdf.css (page size and
margin boxes per kind of document), never in style attributes.
"""

import base64
import logging

from django.utils.text import slugify

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string

from plans.selectors import partnership_logo

# WeasyPrint is imported where a PDF is made, not here: loading it (Pango through cffi) takes
# most of a second, which every manage.py command and server process would otherwise pay at
# start-up because the URLconf imports the views that import this module.

# WeasyPrint logs every layout step at INFO; only its warnings are worth anyone's attention.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The BRAG colours (written from plans/brag_palette.py, shared with the pages), then the layout.
PDF_STYLESHEETS = ("css/brag.css", "css/pdf.css")
PDF_VARIANT = "pdf/ua-1"


def _stylesheets() -> list:
    from weasyprint import CSS

    return [
        CSS(filename=finders.find(name) or str(settings.STATIC_ROOT / name))
        for name in PDF_STYLESHEETS
    ]


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint's rendering of `html` with the PDF stylesheets, as PDF/UA-1 bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=_stylesheets(), pdf_variant=PDF_VARIANT
    )


def render_pdf_html(template: str, context: dict) -> str:
    return render_to_string(template, context)


def render_pdf(template: str, context: dict) -> bytes:
    """Render `template` (a full HTML document in templates/reports/pdf/) to PDF bytes."""
    return html_to_pdf(render_pdf_html(template, context))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download of `pdf` named `filename`.pdf."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def stored_pdf_response(file, filename: str) -> FileResponse:
    """A download of the PDF kept in `file` (a FileField's file), streamed from its storage and
    named `filename`.pdf. FileNotFoundError when the storage no longer has it."""
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{filename}.pdf", content_type="application/pdf")


def cover_logo(partnership) -> dict | None:
    """The partnership's logo for a PDF cover, embedded in the document (a data: address, so
    WeasyPrint fetches nothing), with its description; None without a logo."""
    logo = partnership_logo(partnership)
    if logo is None:
        return None
    content, content_type = logo
    return {"src": f"data:{content_type};base64,{base64.b64encode(content).decode()}", "alt": partnership.logo_alt}


def annual_report_html(content: dict, *, partnership) -> str:
    """The annual report's PDF document as HTML, before layout: `content`
    (reports.annual.annual_report_content) with `partnership`'s logo on its cover."""
    return render_pdf_html("reports/pdf/annual_report.html", content | {"cover_logo": cover_logo(partnership)})


def annual_report_pdf(content: dict, *, partnership) -> bytes:
    """The annual report PDF of `content`: the one the report page and the public page offer."""
    return html_to_pdf(annual_report_html(content, partnership=partnership))


def annual_report_filename(report) -> str:
    """The annual report PDF's name, without .pdf: a draft's says so."""
    suffix = "" if report.is_published else "-draft"
    return f"{report.partnership.slug}-annual-report-{report.year}{suffix}"


def meeting_pack_filename(meeting) -> str:
    """The meeting pack PDF's name, without .pdf."""
    return slugify(f"{meeting.partnership.slug} {meeting.title} {meeting.date:%Y-%m-%d} pack")
