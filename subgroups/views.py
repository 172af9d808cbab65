"""Sub-group, workplan and action pages, and the BRAG update form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors
from plans.permissions import Editor
from plans.selectors import partnership_members
from subgroups.forms import ActionForm, ActionUpdateForm
from subgroups.models import Action, SubGroup, Workplan
from subgroups.selectors import (
    action_timeline,
    my_actions as my_actions_sections,
    subgroup_overview,
    workplan_counts,
    workplan_row,
    workplan_table,
)
from subgroups.services import (
    EDITABLE_FIELDS,
    EditConflict,
    action_create,
    action_edit,
    action_move,
    action_record_update,
    action_retire,
)


def subgroup_detail(request, pk):
    subgroup = get_object_or_404(
        SubGroup.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    return render(request, "subgroups/subgroup_detail.html", subgroup_overview(subgroup=subgroup))


def workplan_detail(request, pk):
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related(
            "subgroup__partnership", "plan"
        ),
        pk=pk,
    )
    table = workplan_table(workplan=workplan, params=request.GET)
    editor = Editor.for_user(request.user)
    context = {
        "workplan": workplan,
        "updatable_ids": editor.updatable_ids(
            action for group in table["groups"] for action in group.actions
        ),
        "can_edit": editor.can_edit_workplan(workplan),
        **table,
    }
    return render(request, "subgroups/workplan_detail.html", context)


def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user)
        .with_current_state()
        .select_related("workplan__subgroup__partnership", "workplan__plan", "priority", "lead_user")
        .prefetch_related("themes"),
        pk=pk,
    )
    editor = Editor.for_user(request.user)
    return render(
        request,
        "subgroups/action_detail.html",
        {
            "action": action,
            "timeline": action_timeline(action=action),
            "can_update": editor.can_update_action(action, action.workplan),
            "can_edit": editor.can_edit_workplan(action.workplan),
        },
    )


@require_http_methods(["GET", "POST"])
def action_update(request, pk):
    """Add a dated BRAG update. With htmx the form opens in the workplan row and saving swaps
    in the new row; without JavaScript it is an ordinary page that returns to the workplan."""
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "workplan__plan", "workplan__subgroup__partnership"
        ),
        pk=pk,
    )
    workplan = action.workplan
    editor = Editor.for_user(request.user)
    if not editor.can_update_action(action, workplan) or action.is_retired:
        raise PermissionDenied
    partnership_id = workplan.plan.partnership_id
    reporters = partnership_members(partnership_id) if editor.is_bsu(partnership_id) else None
    form = ActionUpdateForm(
        request.POST or None,
        reporters=reporters,
        form_id=f"update-{action.pk}",
        default_as_at=workplan.plan.reporting_date(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update = action_record_update(action=action, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = f"{action.reference or 'Action'} updated: {update.rating_label} as at {update.as_at:%-d %B %Y}."
            if request.htmx:
                return render(
                    request,
                    "subgroups/includes/action_saved.html",
                    {
                        "action": workplan_row(workplan=workplan, action_pk=action.pk),
                        "workplan": workplan,
                        "updatable_ids": {action.pk},
                        "can_edit": editor.can_edit_workplan(workplan),
                        "counts": workplan_counts(workplan=workplan),
                        "announcement": message,
                    },
                )
            messages.success(request, message)
            return redirect(f"{workplan.get_absolute_url()}#action-{action.pk}")
    context = {"action": action, "workplan": workplan, "form": form}
    if request.htmx:
        context |= {
            "row": workplan_row(workplan=workplan, action_pk=action.pk),
            "updatable_ids": {action.pk},
            "can_edit": editor.can_edit_workplan(workplan),
        }
        return render(request, "subgroups/includes/action_update_form.html", context)
    return render(request, "subgroups/action_update.html", context)


def action_row(request, pk):
    """The action's workplan row on its own: what "Cancel" puts back in place of the form."""
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("workplan__plan"), pk=pk
    )
    workplan = action.workplan
    row = workplan_row(workplan=workplan, action_pk=action.pk)
    editor = Editor.for_user(request.user)
    return render(
        request,
        "subgroups/includes/action_tbody.html",
        {
            "action": row,
            "workplan": workplan,
            "updatable_ids": {row.pk} if editor.can_update_action(row, workplan) else set(),
            "can_edit": editor.can_edit_workplan(workplan),
        },
    )


def my_actions(request):
    """The actions the user leads, or whose sub-group they lead, that need attention, with
    the update form a click away. The BSU sees every lead's."""
    editor = Editor.for_user(request.user)
    sections = my_actions_sections(user=request.user, editor=editor)
    updatable_ids = editor.updatable_ids(
        action for section in sections for group in section["groups"] for action in group.actions
    )
    return render(
        request,
        "subgroups/my_actions.html",
        {"sections": sections, "updatable_ids": updatable_ids},
    )


def _editable_workplan(request, pk):
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related("plan", "subgroup"), pk=pk
    )
    if not Editor.for_user(request.user).can_edit_workplan(workplan):
        raise PermissionDenied
    return workplan


def _editable_action(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("workplan__plan", "workplan__subgroup"),
        pk=pk,
    )
    if not Editor.for_user(request.user).can_edit_workplan(action.workplan):
        raise PermissionDenied
    return action


@require_http_methods(["GET", "POST"])
def action_create_view(request, pk):
    workplan = _editable_workplan(request, pk)
    form = ActionForm(request.POST or None, workplan=workplan)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        action = action_create(workplan=workplan, fields=fields, themes=form.cleaned_data["themes"])
        messages.success(request, f"{action.reference or 'Action'} added to the workplan.")
        return redirect(f"{workplan.get_absolute_url()}#action-{action.pk}")
    return render(request, "subgroups/action_form.html", {"form": form, "workplan": workplan})


@require_http_methods(["GET", "POST"])
def action_edit_view(request, pk):
    action = _editable_action(request, pk)
    workplan = action.workplan
    if action.is_retired:
        raise PermissionDenied
    form = ActionForm(request.POST or None, instance=action, workplan=workplan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        try:
            action = action_edit(
                action=action,
                expected_version=form.cleaned_data["version"] or 0,
                fields=fields,
                themes=form.cleaned_data["themes"],
            )
        except EditConflict as error:
            conflict = error
            # Keep the editor's input; saving again applies it over the other change.
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        else:
            messages.success(request, f"{action.reference or 'Action'} saved.")
            return redirect(action.get_absolute_url())
    return render(
        request,
        "subgroups/action_form.html",
        {"form": form, "workplan": workplan, "action": action, "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def action_retire_view(request, pk):
    action = _editable_action(request, pk)
    if request.method == "POST":
        try:
            action_retire(action=action)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{action.reference or 'Action'} retired. It stays in the history and reports "
                "up to today.",
            )
        return redirect(action.workplan.get_absolute_url())
    return render(request, "subgroups/action_retire.html", {"action": action})


@require_http_methods(["POST"])
def action_move_view(request, pk):
    action = _editable_action(request, pk)
    action_move(action=action, up=request.POST.get("direction") == "up")
    return redirect(f"{action.workplan.get_absolute_url()}#action-{action.pk}")
