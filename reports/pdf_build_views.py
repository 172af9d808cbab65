"""Asking for the annual report or a meeting pack as a PDF, the page that shows how its build is
getting on, and the finished file (reports/pdf_builds.py). Whoever may read the report or the
meeting may ask for its PDF and see the build; another partnership's are not found."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from reports.annual_views import _visible_report
from reports.meeting_views import _visible_meeting
from reports.models import PdfBuild
from reports.pdf import stored_pdf_response
from reports.pdf_builds import pdf_build_request

# htmx stops polling when an answer has this status (https://htmx.org/docs/#polling).
HTMX_STOP_POLLING = 286


def _visible_build(request, pk) -> PdfBuild:
    return get_object_or_404(
        PdfBuild.objects.visible_to(request.user).select_related("partnership", "report", "meeting__subgroup"), pk=pk
    )


@require_POST
def annual_pdf_build(request, pk):
    """Ask for the annual report's PDF: to its build's page."""
    build = pdf_build_request(report=_visible_report(request, pk), by=request.user)
    return redirect(build)


@require_POST
def meeting_pack_build(request, pk):
    """Ask for the meeting pack's PDF: to its build's page."""
    meeting = _visible_meeting(request, pk)
    try:
        build = pdf_build_request(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    return redirect(build)


def pdf_build_detail(request, pk):
    """How the build is getting on, in words; the page asks again every few seconds (htmx,
    the status alone) until the PDF is ready or has failed, and offers the file then."""
    build = _visible_build(request, pk)
    if request.htmx:
        response = render(request, "reports/includes/pdf_build_status.html", {"build": build})
        if build.is_finished:
            response.status_code = HTMX_STOP_POLLING
    else:
        response = render(request, "reports/pdf_build.html", {"build": build})
    patch_vary_headers(response, ["HX-Request"])
    return response


def pdf_build_file(request, pk):
    """The finished PDF, streamed from the storage under its download name."""
    build = _visible_build(request, pk)
    if build.status != PdfBuild.Status.READY:
        raise Http404("This PDF is not ready.")
    try:
        return stored_pdf_response(build.file, build.filename)
    except FileNotFoundError:
        raise Http404("This PDF is no longer kept: prepare it again.") from None
