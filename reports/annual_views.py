"""The annual report pages: the reports of each year, a report with all its sections, the
section editor with its live preview, publishing, and the PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.forms import add_service_errors, tell_saved
from plans.models import BusinessPlan
from plans.permissions import Editor
from reports.annual import (
    SectionConflict,
    annual_report_content,
    annual_report_publish,
    annual_report_start,
    annual_report_start_from,
    annual_reports_by_plan,
    section_save,
    written_part_title,
)
from reports.annual_forms import SectionForm, SectionTitleForm, StartReportForm, StructureChangeForm
from reports.completeness import report_completeness
from reports.markup import SECTION_TEXT_MAX_LENGTH, render_markup, render_section_text
from reports.models import AnnualReport, ReportSection, ReportSectionSetting
from reports.pdf import annual_report_filename, annual_report_pdf, pdf_response, stored_pdf_response
from reports.pdf_builds import ready_annual_report_build
from reports.publication import dispatch_record, outstanding_recipients, sign_off_record
from reports.publication_forms import DispatchForm, SignOffForm
from reports.signoffs import missing_sign_offs
from reports.structure import (
    DOWN,
    UP,
    report_structure,
    structure_add,
    structure_move,
    structure_remove,
    structure_rename,
    structure_restore,
    structure_rows,
)


def _visible_report(request, pk) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.visible_to(request.user).select_related("partnership", "published_by"), pk=pk
    )


def _editable_report(request, pk) -> AnnualReport:
    report = _visible_report(request, pk)
    if not Editor.for_user(request.user).can_edit_annual_report(report):
        raise PermissionDenied
    return report


def _section_editable_report(request, pk, slug) -> AnnualReport:
    """The report, when the user may write its part `slug` (the scrutineer: the scrutiny
    statement only)."""
    report = _visible_report(request, pk)
    if not Editor.for_user(request.user).can_edit_report_section(report, slug):
        raise PermissionDenied
    return report


def annual_list(request):
    """Each partnership's plans, the years they cover and the reports of each year."""
    return render(request, "reports/annual_list.html", {"rows": annual_reports_by_plan(user=request.user)})


@require_POST
def annual_start(request, plan_pk):
    plan = get_object_or_404(BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=plan_pk)
    if not Editor.for_user(request.user).is_bsu(plan.partnership_id):
        raise PermissionDenied
    form = StartReportForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            report = annual_report_start(
                partnership=plan.partnership, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Draft {report.year} annual report started.")
            return redirect(report)
    else:
        messages.error(request, " ".join(form.errors.get("year", ["Choose a reporting year."])))
    return redirect("reports:annual-list")


def annual_detail(request, pk):
    report = _visible_report(request, pk)
    content = annual_report_content(report)
    editor = Editor.for_user(request.user)
    can_edit = editor.can_edit_annual_report(report)
    editable_sections = {
        item.section.slug for item in content["sections"]
        if item.written and editor.can_edit_report_section(report, item.section.slug)
    }
    dispatches = list(report.dispatches.all())
    return render(
        request,
        "reports/annual_detail.html",
        content | {
            "edit_links": can_edit and not report.is_published,
            "can_edit": can_edit,
            "editable_sections": editable_sections,
            "completeness": report_completeness(content),
            "dispatches": dispatches,
            "outstanding": outstanding_recipients(report, dispatches) if report.is_published else [],
        },
    )


def annual_pdf(request, pk):
    """The report as a PDF: the file of a ready build of this same content when one is kept
    (drawing it takes seconds), else drawn here and now."""
    report = _visible_report(request, pk)
    content = annual_report_content(report)
    filename = annual_report_filename(report)
    build = ready_annual_report_build(report, content)
    if build is not None:
        try:
            return stored_pdf_response(build.file, filename)
        except FileNotFoundError:
            pass  # no longer kept: drawn below
    return pdf_response(annual_report_pdf(content, partnership=report.partnership), filename)


@require_http_methods(["GET", "POST"])
def section_edit(request, pk, slug):
    report = _section_editable_report(request, pk, slug)
    title = written_part_title(report, slug)
    if title is None:
        raise Http404("This report has no such section.")
    if report.is_published:
        messages.error(
            request,
            f"The {report.year} report is published and can no longer be changed. "
            "Start a new draft from it to make changes.",
        )
        return redirect(report)
    current = ReportSection.objects.filter(report=report, slug=slug).first()
    initial = {"text": current.text if current else "", "version": current.version if current else 0}
    form = SectionForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            section = section_save(
                report=report,
                slug=slug,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                author=request.user,
            )
        except SectionConflict as error:
            conflict = error
            # Keep the author's text; saving again replaces the other person's.
            form.data = form.data.copy()
            form.data["version"] = error.current.version if error.current else 0
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            tell_saved(request, section, expected_version=form.cleaned_data["version"], name=title)
            return redirect(f"{report.get_absolute_url()}#section-{slug}")
    text = form.data.get("text", "") if form.is_bound else initial["text"]
    return render(
        request,
        "reports/annual_section_form.html",
        {
            "report": report,
            "slug": slug,
            "title": title,
            "form": form,
            "max_length": SECTION_TEXT_MAX_LENGTH,
            "preview": render_section_text(text),
            "conflict": conflict,
            "their_text": render_markup(conflict.current.text) if conflict and conflict.current else "",
        },
        status=409 if conflict else 200,
    )


@require_POST
def section_preview(request, pk, slug):
    """The text as it will appear, for the editor's live preview (htmx)."""
    report = _section_editable_report(request, pk, slug)
    if written_part_title(report, slug) is None:
        raise Http404("This report has no such section.")
    return render(
        request,
        "reports/annual/preview.html",
        {"preview": render_section_text(request.POST.get("text", "")), "max_length": SECTION_TEXT_MAX_LENGTH},
    )


@require_http_methods(["GET", "POST"])
def annual_publish(request, pk):
    report = _editable_report(request, pk)
    if request.method == "POST":
        try:
            report = annual_report_publish(report=report, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The {report.year} annual report is published. Its figures are now fixed.")
        return redirect(report)
    content = annual_report_content(report)
    unwritten = [item.section.title for item in content["sections"] if item.written and not item.written.is_written]
    return render(
        request, "reports/annual_publish.html",
        {"report": report, "unwritten": unwritten, "completeness": report_completeness(content),
         "sign_offs": content["sign_offs"], "missing": missing_sign_offs(content["sign_offs"])},
    )


@require_POST
def annual_start_from(request, pk):
    report = _editable_report(request, pk)
    try:
        draft = annual_report_start_from(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, f"New draft of the {draft.year} report started from the published one.")
    return redirect(draft)


STRUCTURE_CHANGES = {
    UP: (structure_move, {"direction": UP}, "“{title}” moved up."),
    DOWN: (structure_move, {"direction": DOWN}, "“{title}” moved down."),
    "remove": (structure_remove, {}, "“{title}” removed from the report. Its text is kept: put it back below."),
    "restore": (structure_restore, {}, "“{title}” put back in the report."),
}


def _structure_page(request, report, *, form=None, refusal=None, status=200):
    rows = structure_rows(report)
    return render(
        request,
        "reports/annual_structure.html",
        {
            "report": report,
            "rows": rows,
            "removed": [row for row in rows if row["setting"].removed],
            "form": form or SectionTitleForm(submit="Add section"),
            "refusal": refusal,
            "frozen": report.is_published,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def annual_structure(request, pk):
    """The BSU's page to arrange the report's sections, and to add a written section."""
    report = _editable_report(request, pk)
    form = SectionTitleForm(request.POST or None, submit="Add section")
    if request.method == "POST" and form.is_valid():
        try:
            setting = structure_add(report=report, title=form.cleaned_data["title"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{setting.title}” added at the end of the report.")
            return redirect("reports:annual-structure", pk=report.pk)
    return _structure_page(request, report, form=form)


@require_POST
def annual_structure_change(request, pk, slug):
    """Move, remove or put back one section (the arrange page's buttons: no script needed)."""
    report = _editable_report(request, pk)
    form = StructureChangeForm(request.POST)
    if not form.is_valid():
        return _structure_page(request, report, refusal="Choose what to do with the section.", status=400)
    change, arguments, done = STRUCTURE_CHANGES[form.cleaned_data["action"]]
    try:
        setting = change(
            report=report, slug=slug, expected_version=form.cleaned_data["version"], by=request.user, **arguments
        )
    except ValidationError as error:
        current = ReportSectionSetting.objects.filter(report=report, slug=slug).first()
        stale = current is not None and current.version != form.cleaned_data["version"]
        return _structure_page(request, report, refusal=" ".join(error.messages), status=409 if stale else 400)
    messages.success(request, done.format(title=setting.title))
    return redirect(f"{reverse('reports:annual-structure', kwargs={'pk': report.pk})}#structure-{slug}")


@require_http_methods(["GET", "POST"])
def annual_structure_rename(request, pk, slug):
    report = _editable_report(request, pk)
    setting = next((row for row in report_structure(report) if row.slug == slug and not row.removed), None)
    if setting is None:
        raise Http404("This report has no such section.")
    form = SectionTitleForm(
        request.POST or None, initial={"title": setting.title, "version": setting.version}, submit="Save title"
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            structure_rename(
                report=report, slug=slug, title=form.cleaned_data["title"],
                expected_version=form.cleaned_data["version"] or 0, by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            current = ReportSectionSetting.objects.filter(report=report, slug=slug).first()
            if current is not None and current.version != form.cleaned_data["version"]:
                status = 409
                form.data = form.data.copy()
                form.data["version"] = current.version
        else:
            messages.success(request, "Section renamed.")
            return redirect(f"{reverse('reports:annual-structure', kwargs={'pk': report.pk})}#structure-{slug}")
    return render(
        request, "reports/annual_structure_rename.html",
        {"report": report, "setting": setting, "form": form, "frozen": report.is_published},
        status=status,
    )


def _lead_partners(report):
    return report.partnership.lead_partners.all()


@require_http_methods(["GET", "POST"])
def sign_off_create(request, pk):
    """Record a lead partner's sign-off of the draft as it is now (the BSU records it for
    them)."""
    report = _editable_report(request, pk)
    if report.is_published:
        messages.error(request, "The report is published: its sign-offs can no longer change.")
        return redirect(report)
    form = SignOffForm(request.POST or None, partners=_lead_partners(report))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sign_off = sign_off_record(
                report=report, partner=data["partner"], signed_by=data["signed_by"], role=data["role"],
                signed_on=data["signed_on"], by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Sign-off by {sign_off.lead_partner} recorded.")
            return redirect(f"{report.get_absolute_url()}#sign-off")
    return render(
        request, "reports/sign_off_form.html", {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def dispatch_create(request, pk):
    """Record the date the published report was sent to someone."""
    report = _editable_report(request, pk)
    form = DispatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch = dispatch_record(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Sent to {dispatch.recipient_label} on {dispatch.sent_on:%-d %B %Y}: recorded.")
            return redirect(f"{report.get_absolute_url()}#publication-record")
    return render(
        request, "reports/dispatch_form.html", {"report": report, "form": form},
        status=400 if form.errors else 200,
    )
