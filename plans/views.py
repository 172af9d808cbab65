"""Pages about the plan itself: adding priorities and themes to a live plan; the accessibility
statement; the partnership's people (BSU). The home page and the plan page show BRAG counts,
so they live with the counting, in subgroups/plan_views.py (same `plans:` URL names)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from plans.accounts import send_set_password_link
from plans.forms import MembershipRoleForm, PersonAddForm, PlanAdditionForm, add_service_errors
from plans.models import BusinessPlan, Membership, Partnership, display_name
from plans.permissions import Editor
from plans.selectors import partnership_people
from plans.services import (
    membership_add,
    membership_change_role,
    membership_remove,
    plan_add_priority,
    plan_add_theme,
)


def accessibility_statement(request):
    """The accessibility statement, in the form GOV.UK recommends for public-sector sites."""
    return render(
        request,
        "plans/accessibility.html",
        {"axe_tags": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    )


# What can be added to a live plan: the service that adds it and the form's wording.
PLAN_ADDITIONS = {
    "priority": (plan_add_priority, "focus", "Focus: what the partnership will do"),
    "theme": (plan_add_theme, "description", "Description"),
}


@require_http_methods(["GET", "POST"])
def plan_addition(request, pk, kind):
    """Add a priority or a cross-cutting theme to a live plan (BSU only)."""
    plan = get_object_or_404(
        BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not Editor.for_user(request.user).can_manage_plan(plan):
        raise PermissionDenied
    add, text_field, text_label = PLAN_ADDITIONS[kind]
    form = PlanAdditionForm(request.POST or None, text_label=text_label)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = add(
                plan=plan, title=data["title"], added_on=data["added_on"], **{text_field: data["text"]}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{added} added to the plan from {data['added_on']:%-d %B %Y}.")
            return redirect(plan.get_absolute_url())
    return render(request, "plans/plan_addition.html", {"plan": plan, "form": form, "kind": kind})


def _managed_partnership(request, pk) -> Partnership:
    """The partnership, if the user is its BSU: 404 outside one's partnerships, 403 within."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    if not Editor.for_user(request.user).can_manage_people(partnership):
        raise PermissionDenied
    return partnership


def _managed_membership(request, pk, membership_pk) -> tuple[Partnership, Membership]:
    partnership = _managed_partnership(request, pk)
    membership = get_object_or_404(
        partnership.memberships.select_related("user"), pk=membership_pk
    )
    return partnership, membership


def people(request, pk):
    """The partnership's members and their roles (BSU only)."""
    partnership = _managed_partnership(request, pk)
    return render(
        request,
        "plans/people.html",
        {"partnership": partnership, "members": partnership_people(partnership=partnership)},
    )


@require_http_methods(["GET", "POST"])
def person_add(request, pk):
    """Add someone to the partnership: a new account (sent a link to choose a password) or an
    existing one, named by its username and email address."""
    partnership = _managed_partnership(request, pk)
    form = PersonAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = membership_add(partnership=partnership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            person = display_name(membership.user)
            if created:
                send_set_password_link(
                    user=membership.user, partnership=partnership, added_by=request.user, request=request
                )
                messages.success(
                    request,
                    f"{person} added as {membership.get_role_display()}. We have emailed "
                    f"{membership.user.email} a link to choose their password.",
                )
            else:
                messages.success(
                    request,
                    f"{person}'s existing account added as {membership.get_role_display()}: they "
                    "sign in with their own password.",
                )
            return redirect("plans:people", pk=partnership.pk)
    return render(request, "plans/person_add.html", {"partnership": partnership, "form": form})


@require_http_methods(["GET", "POST"])
def membership_edit(request, pk, membership_pk):
    """Change a member's role."""
    partnership, membership = _managed_membership(request, pk, membership_pk)
    form = MembershipRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            membership.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{display_name(membership.user)} is now {membership.get_role_display()}."
            )
            return redirect("plans:people", pk=partnership.pk)
    return render(
        request,
        "plans/membership_edit.html",
        {"partnership": partnership, "membership": membership, "form": form},
    )


@require_http_methods(["GET", "POST"])
def membership_remove_view(request, pk, membership_pk):
    """Ask, then take the person out of the partnership."""
    partnership, membership = _managed_membership(request, pk, membership_pk)
    error = None
    if request.method == "POST":
        try:
            membership_remove(membership=membership, by=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(
                request, f"{display_name(membership.user)} no longer belongs to {partnership.name}."
            )
            if membership.user_id == request.user.pk:
                return redirect("plans:home")
            return redirect("plans:people", pk=partnership.pk)
    return render(
        request,
        "plans/membership_remove.html",
        {"partnership": partnership, "membership": membership, "error": error},
        status=409 if error else 200,
    )


@require_http_methods(["POST"])
def membership_send_link(request, pk, membership_pk):
    """Send a new link to choose a password, to a member who has not chosen one yet."""
    partnership, membership = _managed_membership(request, pk, membership_pk)
    user = membership.user
    if user.has_usable_password() or not user.email:
        raise PermissionDenied
    send_set_password_link(user=user, partnership=partnership, added_by=request.user, request=request)
    messages.success(request, f"We have emailed {user.email} a new link to choose a password.")
    return redirect("plans:people", pk=partnership.pk)


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico before reading any page's <link rel="icon">."""
    return redirect(static("images/favicon.ico"), permanent=True)
