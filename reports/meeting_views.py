"""The meeting pages: the meetings list, a meeting with its pack and the actions not updated
since the body last met, and the BSU's pages to record, change and delete meetings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors, tell_saved
from plans.models import Partnership
from plans.permissions import Editor
from reports.meeting_forms import MeetingForm
from reports.meetings import (
    actions_not_updated,
    meeting_create,
    meeting_delete,
    meeting_delete_refusal,
    meeting_edit,
    meeting_overview,
    meeting_pack,
    meeting_plan,
    meetings_by_partnership,
)
from reports.models import Meeting
from reports.pdf import meeting_pack_filename, pdf_response, render_pdf


def _visible_meeting(request, pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("partnership", "subgroup"), pk=pk
    )


def _managed_meeting(request, pk) -> Meeting:
    meeting = _visible_meeting(request, pk)
    if not Editor.for_user(request.user).can_manage_meetings(meeting.partnership_id):
        raise PermissionDenied
    return meeting


def _show_refusal(form, error: ValidationError) -> None:
    """A service's refusal on the form; its body and sub-group are the form's "Who meets"."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {("meets" if key in ("body", "subgroup") else key): value for key, value in error.message_dict.items()}
        )
    add_service_errors(form, error)


def meeting_list(request):
    """Each partnership's meetings, upcoming and past, for every body or the one chosen."""
    body = request.GET.get("body", "")
    sections = meetings_by_partnership(user=request.user, body=body)
    editor = Editor.for_user(request.user)
    for section in sections:
        section["can_manage"] = editor.can_manage_meetings(section["partnership"].pk)
    return render(request, "reports/meeting_list.html", {"sections": sections, "body": body})


@require_http_methods(["GET", "POST"])
def meeting_create_view(request, partnership_pk):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    if not Editor.for_user(request.user).can_manage_meetings(partnership.pk):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_create(partnership=partnership, **form.service_fields(), by=request.user)
        except ValidationError as error:
            _show_refusal(form, error)
        else:
            messages.success(request, f"{meeting} recorded.")
            return redirect(meeting)
    return render(request, "reports/meeting_form.html", {"form": form, "partnership": partnership, "meeting": None})


def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    can_manage = Editor.for_user(request.user).can_manage_meetings(meeting.partnership_id)
    return render(request, "reports/meeting_detail.html", meeting_overview(meeting) | {"can_manage": can_manage})


@require_http_methods(["GET", "POST"])
def meeting_edit_view(request, pk):
    meeting = _managed_meeting(request, pk)
    form = MeetingForm(request.POST or None, partnership=meeting.partnership, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_edit(
                meeting=meeting,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.service_fields(),
                by=request.user,
            )
        except ValidationError as error:
            _show_refusal(form, error)
            # Keep the editor's input; saving again applies it over the other change.
            form.data = form.data.copy()
            form.data["version"] = Meeting.objects.values_list("version", flat=True).get(pk=pk)
        else:
            tell_saved(request, meeting, expected_version=form.cleaned_data["version"] or 0, name=str(meeting))
            return redirect(meeting)
    return render(
        request, "reports/meeting_form.html", {"form": form, "partnership": meeting.partnership, "meeting": meeting}
    )


@require_http_methods(["GET", "POST"])
def meeting_delete_view(request, pk):
    meeting = _managed_meeting(request, pk)
    refusal = meeting_delete_refusal(meeting)
    if request.method == "POST" and not refusal:
        try:
            meeting_delete(meeting=meeting, by=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, f"{meeting} deleted.")
            return redirect("reports:meeting-list")
    return render(request, "reports/meeting_delete.html", {"meeting": meeting, "refusal": refusal})


def meeting_pack_pdf(request, pk):
    """The meeting pack: one PDF with the dashboard, the changes since the body's previous
    meeting, the exceptions and the workplans the body oversees, as at the cut-off."""
    meeting = _visible_meeting(request, pk)
    if meeting_plan(meeting) is None:
        raise Http404("The partnership has no business plan to report on.")
    pdf = render_pdf("reports/pdf/meeting_pack.html", meeting_pack(meeting))
    return pdf_response(pdf, meeting_pack_filename(meeting))


def meeting_not_updated(request, pk):
    """The actions whose leads have not updated them since the body last met, by lead."""
    meeting = _visible_meeting(request, pk)
    data = actions_not_updated(meeting)
    actions = [action for group in data["groups"] for action in group.actions]
    return render(
        request,
        "reports/meeting_not_updated.html",
        data | {"updatable_ids": Editor.for_user(request.user).updatable_ids(actions)},
    )
