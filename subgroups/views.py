"""Sub-group, workplan and action pages, and the BRAG update form."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors, tell_saved
from plans.models import Person
from plans.permissions import Editor
from plans.selectors import partnership_directory_choices
from subgroups.brag import plan_as_at
from subgroups.exports import EXPORT_FORMATS, export_response, workplan_export_table
from subgroups.filters import ReportFilter
from subgroups.forms import (
    ActionForm,
    ActionUpdateForm,
    ImportConfirmForm,
    SubGroupSettingsForm,
    UpdateRoundForms,
    WorkplanImportForm,
)
from subgroups.importing.services import (
    AlreadyImported,
    import_applied,
    ImportRefused,
    import_default_as_at,
    import_years,
    workplan_import_apply,
    workplan_import_plan,
)
from subgroups.importing.uploads import upload_discard, upload_find, upload_keep
from subgroups.models import Action, SubGroup, Workplan
from subgroups.selectors import (
    action_timeline,
    my_actions as my_actions_sections,
    subgroup_overview,
    update_round_rows,
    workplan_actions,
    workplan_counts,
    workplan_row,
    workplan_table,
)
from subgroups.services import (
    EDITABLE_FIELDS,
    SUBGROUP_SETTINGS,
    EditConflict,
    UpdateConflict,
    action_create,
    action_edit,
    action_move,
    action_record_update,
    action_record_updates,
    action_retire,
    subgroup_configure,
)


def subgroup_detail(request, pk):
    subgroup = get_object_or_404(
        SubGroup.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    context = subgroup_overview(subgroup=subgroup)
    editor = Editor.for_user(request.user)
    context["can_import"] = editor.is_bsu(subgroup.partnership_id)
    context["can_configure"] = editor.can_configure_subgroup(subgroup)
    context["can_challenge"] = editor.can_raise_challenge(subgroup.partnership_id)
    return render(request, "subgroups/subgroup_detail.html", context)


def workplan_detail(request, pk):
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related(
            "subgroup__partnership", "plan"
        ),
        pk=pk,
    )
    if request.GET.get("format") in EXPORT_FORMATS:
        return workplan_download(workplan, request.GET["format"])
    table = workplan_table(workplan=workplan, params=request.GET)
    editor = Editor.for_user(request.user)
    context = {
        "workplan": workplan,
        "updatable_ids": editor.updatable_ids(
            action for group in table["groups"] for action in group.actions
        ),
        "can_edit": editor.can_edit_workplan(workplan),
        "can_import": editor.is_bsu(workplan.plan.partnership_id),
        **table,
    }
    return render(request, "subgroups/workplan_detail.html", context)


def workplan_download(workplan, file_format):
    """The whole workplan (filters aside) as CSV or XLSX, in the layout the import reads."""
    as_at = plan_as_at(workplan.plan).as_at
    table = workplan_export_table(
        workplan=workplan, actions=workplan_actions(workplan=workplan), as_at=as_at
    )
    filename = f"{workplan.subgroup.partnership.slug}-{slugify(workplan.subgroup.short_name)}-workplan-{workplan.year}"
    return export_response(table, filename, file_format)


def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user)
        .with_current_state()
        .select_related(
            "workplan__subgroup__partnership", "workplan__plan", "priority",
            "carried_into__workplan", "carried_from__workplan",
        )
        .prefetch_related("themes", Prefetch("leads", queryset=Person.objects.select_related("user"))),
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
            "can_challenge": editor.can_raise_challenge(action.workplan.subgroup.partnership_id),
        },
    )


def _safe_next(request):
    """The local page the plain update form was opened from, if it said so."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return None


def _return_url(next_url, action):
    """Back to where the update began, at the action's row; the workplan when unknown."""
    if next_url is None:
        return f"{action.workplan.get_absolute_url()}#action-{action.pk}"
    if urlsplit(next_url).path == action.get_absolute_url():
        return next_url
    return f"{next_url}#action-{action.pk}"


def _row_context(request, workplan, editor):
    """What an action's rows need when htmx swaps them into the page the user is on: the
    workplan page (whose counts change too) or a list of several workplans (My actions)."""
    current_path = urlsplit(request.htmx.current_url_abs_path or "").path
    on_workplan = current_path == workplan.get_absolute_url()
    return {
        "workplan": workplan,
        "can_edit": editor.can_edit_workplan(workplan),
        "show_workplan": not on_workplan,
        "counts": workplan_counts(workplan=workplan) if on_workplan else None,
    }


@require_http_methods(["GET", "POST"])
def action_update(request, pk):
    """Add a dated BRAG update. With htmx the form opens in the action's row (on the workplan
    or My actions) and saving swaps in the new row; without JavaScript, or from the action's
    own page, it is an ordinary page that returns to where the user started."""
    action = get_object_or_404(
        Action.objects.visible_to(request.user)
        .with_current_state()
        .with_newest_update_id()
        .select_related("workplan__plan", "workplan__subgroup__partnership"),
        pk=pk,
    )
    workplan = action.workplan
    editor = Editor.for_user(request.user)
    if not editor.can_update_action(action, workplan) or action.is_retired:
        raise PermissionDenied
    partnership_id = workplan.plan.partnership_id
    reporters = partnership_directory_choices(partnership_id) if editor.is_bsu(partnership_id) else None
    form = ActionUpdateForm(
        request.POST or None,
        reporters=reporters,
        form_id=f"update-{action.pk}",
        default_as_at=plan_as_at(workplan.plan).as_at,
        action=action,
    )
    in_row = bool(request.htmx) and not request.htmx.boosted
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            update = action_record_update(action=action, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, UpdateConflict):
                form.record_conflict(error)
        else:
            message = f"{action.reference or 'Action'} {update.summary}."
            if in_row:
                return render(
                    request,
                    "subgroups/includes/action_saved.html",
                    {
                        "action": workplan_row(workplan=workplan, action_pk=action.pk),
                        "updatable_ids": {action.pk},
                        "announcement": message,
                        **_row_context(request, workplan, editor),
                    },
                )
            messages.success(request, message)
            return redirect(_return_url(next_url, action))
    context = {
        "action": action,
        "workplan": workplan,
        "form": form,
        "in_row": in_row,
        "next_url": next_url,
        "cancel_url": _return_url(next_url, action),
    }
    if in_row:
        context |= {
            "row": workplan_row(workplan=workplan, action_pk=action.pk),
            "updatable_ids": {action.pk},
            **_row_context(request, workplan, editor),
        }
        return render(request, "subgroups/includes/action_update_form.html", context)
    return render(request, "subgroups/action_update.html", context)


def action_row(request, pk):
    """The action's rows on their own: what "Cancel" puts back in place of the form."""
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
            "updatable_ids": {row.pk} if editor.can_update_action(row, workplan) else set(),
            **_row_context(request, workplan, editor),
        },
    )


def my_actions(request):
    """The actions the user leads, or whose sub-group they lead, that need attention, with
    the update form a click away. The BSU sees every lead's."""
    editor = Editor.for_user(request.user)
    report = ReportFilter(request.GET, user=request.user, page="my-actions")
    sections = my_actions_sections(user=request.user, editor=editor, report=report)
    updatable_ids = editor.updatable_ids(
        action for section in sections for group in section["groups"] for action in group.actions
    )
    return render(
        request,
        "subgroups/my_actions.html",
        {"sections": sections, "updatable_ids": updatable_ids, "form": report.form, "filters": report.describe()},
    )


@require_http_methods(["GET", "POST"])
def workplan_update_round(request, pk):
    """Every action of the workplan the user may update, on one page: each row's rating,
    date and words (or "Checked, no change"), saved in one submission."""
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related("subgroup__partnership", "plan"), pk=pk
    )
    editor = Editor.for_user(request.user)
    rows = _updatable(editor, update_round_rows(actions=workplan.actions.all()))
    if not rows and not editor.can_edit_workplan(workplan):
        raise PermissionDenied
    return _update_round(
        request,
        rows=rows,
        scope=workplan.actions.all(),
        back_url=workplan.get_absolute_url(),
        context={"workplan": workplan, "title": f"Update {workplan.subgroup.short_name} workplan {workplan.year}"},
    )


@require_http_methods(["GET", "POST"])
def my_actions_update_round(request):
    """The actions of My actions the user may update, as one update round."""
    editor = Editor.for_user(request.user)
    if not editor.can_update_some_actions():
        raise PermissionDenied
    if request.method == "POST":
        # Whatever the person was shown, even if a row no longer needs attention.
        scope = Action.objects.visible_to(request.user)
    else:
        report = ReportFilter(request.GET, user=request.user, page="my-actions")
        sections = my_actions_sections(user=request.user, editor=editor, report=report)
        scope = Action.objects.filter(
            pk__in=[a.pk for section in sections for group in section["groups"] for a in group.actions]
        )
    return _update_round(
        request,
        rows=None if request.method == "POST" else _updatable(editor, update_round_rows(actions=scope)),
        scope=scope,
        back_url=reverse("subgroups:my-actions"),
        context={"title": "Update my actions", "show_workplan": True},
    )


def _updatable(editor, rows):
    return [row for row in rows if editor.can_update_action(row, row.workplan)]


# Longer is no row id (the database's ids are 64-bit): refused here rather than by the database.
ROW_ID_DIGITS = 18


def _posted_ids(request) -> set[int]:
    """The rows the page held: ids only, whatever else was sent."""
    return {
        int(value) for value in request.POST.getlist("rows")
        if value.isascii() and value.isdigit() and len(value) <= ROW_ID_DIGITS
    }


def _update_round(request, *, rows, scope, back_url, context):
    """The update round page for `rows` (the actions of `scope` the user may update). A POST
    saves the rows that were changed, each by the single update's rules (see
    `action_record_updates`); the rows refused keep their input beside their messages."""
    editor = Editor.for_user(request.user)
    outcome = None
    if request.method == "GET":
        forms = UpdateRoundForms(rows)
    else:
        posted = _posted_ids(request)
        rows = _updatable(editor, update_round_rows(actions=scope.filter(pk__in=posted)))
        forms = UpdateRoundForms(rows, request.POST)
        result = action_record_updates(rows=forms.changed_rows(), author=request.user)
        forms.show_refusals(result.refused)
        needing = forms.needing_attention
        missing = len(posted - {row.pk for row in rows})
        saved = [(update.action, update) for update in result.saved]
        if saved and not needing and not missing:
            messages.success(request, _saved_message(saved))
            return redirect(back_url)
        outcome = {"saved": saved, "needing": needing, "missing": missing, "touched": len(forms.touched)}
        forms = forms.again(update_round_rows(actions=scope.filter(pk__in=[row.pk for row in rows])))
    forms.mark_errors()
    return render(
        request,
        "subgroups/update_round.html",
        {**context, "forms": forms, "outcome": outcome, "back_url": back_url},
    )


def _saved_message(saved) -> str:
    names = ", ".join(action.reference or "Action" for action, _update in saved)
    return f"{len(saved)} update{'s' if len(saved) != 1 else ''} saved: {names}."


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
        action = action_create(
            workplan=workplan, fields=fields, themes=form.cleaned_data["themes"], leads=form.cleaned_data["leads"]
        )
        messages.success(request, f"{action.reference or 'Action'} added to the workplan.")
        return redirect(f"{workplan.get_absolute_url()}#action-{action.pk}")
    return render(request, "subgroups/action_form.html", _action_form_context(request, form, workplan))


def _action_form_context(request, form, workplan, **context) -> dict:
    """An action form's page; the BSU, who keeps the directory, is offered to add a lead."""
    partnership_id = workplan.subgroup.partnership_id
    return {
        "form": form,
        "workplan": workplan,
        "can_add_person": Editor.for_user(request.user).is_bsu(partnership_id),
        "partnership_id": partnership_id,
        **context,
    }


@require_http_methods(["GET", "POST"])
def action_edit_view(request, pk):
    action = _editable_action(request, pk)
    workplan = action.workplan
    if action.is_retired or action.is_closed:
        raise PermissionDenied
    form = ActionForm(request.POST or None, instance=action, workplan=workplan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        expected_version = form.cleaned_data["version"] or 0
        try:
            action = action_edit(
                action=action,
                expected_version=expected_version,
                fields=fields,
                themes=form.cleaned_data["themes"],
                leads=form.cleaned_data["leads"],
            )
        except EditConflict as error:
            conflict = error
            # Keep the editor's input; saving again applies it over the other change.
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        else:
            tell_saved(request, action, expected_version=expected_version, name=action.reference or "the action")
            return redirect(action.get_absolute_url())
    return render(
        request,
        "subgroups/action_form.html",
        _action_form_context(request, form, workplan, action=action, conflict=conflict),
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


def _importing_subgroup(request, pk):
    """The sub-group, if the user may import into its workplans (the BSU only)."""
    subgroup = get_object_or_404(
        SubGroup.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not Editor.for_user(request.user).is_bsu(subgroup.partnership_id):
        raise PermissionDenied
    return subgroup


@require_http_methods(["GET", "POST"])
def workplan_import_upload(request, pk):
    """Choose the year and the file; the upload is kept until the preview is confirmed."""
    subgroup = _importing_subgroup(request, pk)
    years = import_years(subgroup=subgroup)
    chosen = request.GET.get("year")
    existing = subgroup.workplans.order_by("-year").values_list("year", flat=True).first()
    initial_year = chosen if chosen in years else existing if existing in years else None
    initial = {
        "year": initial_year,
        "as_at": import_default_as_at(subgroup=subgroup, year=initial_year) if initial_year else None,
    }
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = WorkplanImportForm(*data, years=years, subgroup=subgroup, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = upload_keep(
            session=request.session,
            subgroup=subgroup,
            year=form.cleaned_data["year"],
            content=form.cleaned_data["content"],
            filename=form.cleaned_data["file"].name,
            as_at=form.cleaned_data["as_at"],
        )
        return redirect("subgroups:workplan-import-preview", pk=subgroup.pk, token=upload.token)
    return render(request, "subgroups/workplan_import.html", {"subgroup": subgroup, "form": form})


PREVIEW_ROWS_PER_PAGE = 100


def _preview_page(request, result, errors) -> dict:
    """The slice of each list of the preview (errors, new, changed and unchanged actions)
    that page `?page=N` shows, 100 of each a page, so a large file's preview stays small."""
    lists = {
        "errors": list(errors),
        "created": result.created if result else [],
        "updated": result.updated if result else [],
        "unchanged": result.unchanged if result else [],
        "warnings": result.warnings if result else [],
    }
    longest = max(len(rows) for rows in lists.values())
    pages = max(1, -(-longest // PREVIEW_ROWS_PER_PAGE))
    number = request.GET.get("page", "1")
    number = int(number) if number.isascii() and number.isdigit() else 1
    number = min(max(number, 1), pages)
    start = (number - 1) * PREVIEW_ROWS_PER_PAGE
    shown = {name: rows[start : start + PREVIEW_ROWS_PER_PAGE] for name, rows in lists.items()}
    return {
        "number": number, "pages": pages, "numbers": range(1, pages + 1), "first_row": start + 1,
        "previous": number - 1 if number > 1 else None, "next": number + 1 if number < pages else None,
        **shown,
    }


def _already_imported(request, subgroup, applied):
    """The answer to a second confirmation of one upload (a double click, a second tab)."""
    return render(
        request, "subgroups/workplan_import_done.html", {"subgroup": subgroup, "applied": applied}
    )


@require_http_methods(["GET", "POST"])
def workplan_import_preview(request, pk, token):
    """What the kept upload would create, update and leave alone, and its errors; POST
    checks the file again against the workplan as it now stands and imports it, once
    however many times it is sent."""
    subgroup = _importing_subgroup(request, pk)
    if applied := import_applied(token=token, subgroup=subgroup):
        return _already_imported(request, subgroup, applied)
    upload = upload_find(session=request.session, token=token, subgroup=subgroup)
    if upload is None:
        raise Http404("This upload has been imported already or has expired: upload it again.")
    try:
        content = upload.read()
    except FileNotFoundError:
        # Another request imported it (and deleted it) a moment ago.
        if applied := import_applied(token=token, subgroup=subgroup):
            return _already_imported(request, subgroup, applied)
        raise Http404("This upload has been imported already or has expired: upload it again.") from None
    result, errors, confirm = None, [], None
    try:
        result = workplan_import_plan(
            content=content, subgroup=subgroup, year=upload.year, as_at=upload.as_at
        )
        errors = result.errors
    except ImportRefused as refusal:
        errors = refusal.errors
    if result is not None and not errors:
        confirm = ImportConfirmForm(
            request.POST if request.method == "POST" else None,
            missing_columns=result.missing_columns,
            submit_label=result.confirm_label,
        )
    if request.method == "POST" and confirm is not None and confirm.is_valid():
        try:
            workplan_import_apply(
                result=result, author=request.user, import_without=confirm.import_without,
                upload_token=token, filename=upload.filename,
            )
        except AlreadyImported as already:
            return _already_imported(request, subgroup, already.applied)
        except ImportRefused as refusal:
            errors = refusal.errors
            confirm = None
        else:
            upload_discard(session=request.session, token=token)
            messages.success(
                request,
                f"Workplan imported from {upload.filename}: {len(result.created)} action"
                f"{'s' if len(result.created) != 1 else ''} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged.",
            )
            return redirect(result.workplan.get_absolute_url())
    return render(
        request,
        "subgroups/workplan_import_preview.html",
        {
            "subgroup": subgroup, "upload": upload, "result": result, "errors": errors, "form": confirm,
            "page": _preview_page(request, result, errors),
        },
    )


@require_http_methods(["GET", "POST"])
def subgroup_settings(request, pk):
    """The sub-group's names, remit, chair, members, priorities and leads (BSU only)."""
    subgroup = get_object_or_404(
        SubGroup.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not Editor.for_user(request.user).can_configure_subgroup(subgroup):
        raise PermissionDenied
    form = SubGroupSettingsForm(request.POST or None, instance=subgroup)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subgroup = subgroup_configure(
                subgroup=subgroup,
                expected_version=data["version"] or 0,
                fields={name: data[name] for name in SUBGROUP_SETTINGS},
                priorities=data["priorities"],
                leads=data["leads"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            # Keep the editor's input; saving again applies it over the other change.
            form.data = form.data.copy()
            form.data["version"] = SubGroup.objects.values_list("version", flat=True).get(pk=pk)
        else:
            tell_saved(request, subgroup, expected_version=data["version"] or 0, name=f"{subgroup.short_name} settings")
            return redirect(subgroup.get_absolute_url())
    return render(request, "subgroups/subgroup_settings.html", {"subgroup": subgroup, "form": form})
