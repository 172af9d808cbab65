"""Pages about the plan itself: the home page and the plan page; the accessibility statement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from plans.forms import PlanAdditionForm, add_service_errors
from plans.models import BusinessPlan
from plans.permissions import Editor
from plans.selectors import plan_overview
from plans.services import plan_add_priority, plan_add_theme
from reports.brag import brag_summary_per_plan, plan_as_at


def home(request):
    """The active plans the user can see, each with its latest BRAG position."""
    plans = list(
        BusinessPlan.objects.visible_to(request.user)
        .active()
        .select_related("partnership")
        .order_by("partnership__name", "-period_start")
    )
    # Each plan is judged at its own reporting date, as its plan page and dashboard are.
    counts = brag_summary_per_plan(plans=plans)
    return render(
        request,
        "plans/home.html",
        {
            "plan_rows": [
                (plan, counts[plan.pk] if counts[plan.pk].total else None, plan_as_at(plan).as_at)
                for plan in plans
            ]
        },
    )


def plan_detail(request, pk):
    plan = get_object_or_404(
        BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    context = plan_overview(plan=plan)
    context["can_manage"] = Editor.for_user(request.user).can_manage_plan(plan)
    return render(request, "plans/plan_detail.html", context)


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


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico before reading any page's <link rel="icon">."""
    return redirect(static("images/favicon.ico"), permanent=True)
