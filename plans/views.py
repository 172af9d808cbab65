"""Pages about the plan itself: adding priorities and themes to a live plan; the accessibility
statement; the partnership's people (BSU). The home page and the plan page show BRAG counts,
so they live with the counting, in subgroups/plan_views.py (same `plans:` URL names)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.db.models.functions import Lower
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from plans.accounts import send_set_password_link
from plans.forms import (
    DirectoryPersonForm,
    LeadPartnerForm,
    MembershipRoleForm,
    PersonAddForm,
    PartnershipLogoForm,
    PersonMergeForm,
    PlanAdditionForm,
    add_service_errors,
    removal_refusal,
    tell_saved,
)
from plans.models import BusinessPlan, LeadPartner, Membership, Partnership, Person, display_name
from plans.permissions import Editor
from plans.selectors import partnership_directory, partnership_logo, partnership_members, partnership_people
from plans.services import (
    lead_partner_add,
    lead_partner_edit,
    lead_partner_remove,
    lead_partner_removal_refusal,
    membership_add,
    membership_change_role,
    membership_remove,
    partnership_remove_logo,
    partnership_set_logo,
    person_create,
    person_edit,
    person_in_use,
    person_merge,
    person_remove,
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


# The directory: every member reads it; the BSU keeps it.


def _directory_partnership(request, pk, *, edit: bool) -> tuple[Partnership, bool]:
    """The partnership and whether the user keeps its directory: 404 outside one's
    partnerships; 403 for a change by anyone but its BSU."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    can_edit = Editor.for_user(request.user).can_manage_people(partnership)
    if edit and not can_edit:
        raise PermissionDenied
    return partnership, can_edit


def directory(request, pk):
    """The partnership's directory: who leads actions and gives updates, with their
    accounts and how many actions each leads."""
    partnership, can_edit = _directory_partnership(request, pk, edit=False)
    return render(
        request,
        "plans/directory.html",
        {
            "partnership": partnership,
            "people": partnership_directory(partnership=partnership),
            "can_edit": can_edit,
        },
    )


def _members(partnership):
    return partnership_members(partnership.pk)


@require_http_methods(["GET", "POST"])
def directory_add(request, pk):
    """Add someone to the directory."""
    partnership, _ = _directory_partnership(request, pk, edit=True)
    form = DirectoryPersonForm(request.POST or None, members=_members(partnership), submit_label="Add person")
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            person = person_create(partnership=partnership, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person.name} added to the directory.")
            if _safe_next(request):
                return redirect(request.GET["next"])
            return redirect("plans:directory", pk=partnership.pk)
    return render(request, "plans/directory_form.html", {"partnership": partnership, "form": form, "person": None})


def _safe_next(request) -> bool:
    """Whether the page asked to come back to (`next`, after adding a person from an
    action's form) is one of this site's."""
    target = request.GET.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


@require_http_methods(["GET", "POST"])
def directory_edit(request, pk, person_pk):
    """Change someone's entry in the directory (BSU only)."""
    partnership, _ = _directory_partnership(request, pk, edit=True)
    person = get_object_or_404(Person.objects.filter(partnership=partnership), pk=person_pk)
    form = DirectoryPersonForm(
        request.POST or None,
        members=_members(partnership),
        initial={name: getattr(person, name) for name in ("name", "role", "agency", "email", "user")}
        | {"version": person.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = person_edit(
                person=person,
                expected_version=data["version"] or 0,
                fields={name: data[name] for name in ("name", "role", "agency", "email", "user")},
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            tell_saved(request, person, expected_version=data["version"] or 0, name=person.name)
            return redirect("plans:directory", pk=partnership.pk)
    return render(
        request, "plans/directory_form.html", {"partnership": partnership, "form": form, "person": person},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def directory_remove(request, pk, person_pk):
    """Ask, then take someone out of the directory; while they lead actions or gave updates,
    say so and offer to merge them into another person."""
    partnership, _ = _directory_partnership(request, pk, edit=True)
    person = get_object_or_404(Person.objects.filter(partnership=partnership), pk=person_pk)
    others = Person.objects.filter(partnership=partnership).exclude(pk=person.pk).order_by(Lower("name"))
    merge_form = PersonMergeForm(request.POST if "merge" in request.POST else None, others=others)
    error = None
    if request.method == "POST" and "merge" in request.POST:
        if merge_form.is_valid():
            try:
                into = person_merge(person=person, into=merge_form.cleaned_data["into"], by=request.user)
            except ValidationError as refusal:
                add_service_errors(merge_form, refusal)
            else:
                messages.success(request, f"{person.name} merged into {into.name}.")
                return redirect("plans:directory", pk=partnership.pk)
    elif request.method == "POST":
        try:
            person_remove(person=person, by=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, f"{person.name} removed from the directory.")
            return redirect("plans:directory", pk=partnership.pk)
    return render(
        request,
        "plans/directory_remove.html",
        {
            "partnership": partnership,
            "person": person,
            "in_use": person_in_use(person),
            "error": error,
            "form": merge_form,
        },
        status=409 if error else (400 if merge_form.errors else 200),
    )


@require_http_methods(["GET", "POST"])
def partnership_settings(request, pk):
    """The partnership's settings (BSU only): its logo for the annual report's cover."""
    partnership = _managed_partnership(request, pk)
    form = PartnershipLogoForm(
        request.POST or None, request.FILES or None, initial={"logo_alt": partnership.logo_alt}
    )
    if request.method == "POST" and "remove" in request.POST:
        partnership_remove_logo(partnership=partnership, by=request.user)
        messages.success(request, "Logo removed.")
        return redirect("plans:partnership-settings", pk=partnership.pk)
    if request.method == "POST" and form.is_valid():
        try:
            partnership_set_logo(
                partnership=partnership, upload=form.cleaned_data["logo"] or None,
                alt_text=form.cleaned_data["logo_alt"], by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Logo saved.")
            return redirect("plans:partnership-settings", pk=partnership.pk)
    return render(request, "plans/partnership_settings.html", {"partnership": partnership, "form": form})


def partnership_logo_view(request, pk):
    """The partnership's logo, for its members only."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    logo = partnership_logo(partnership)
    if logo is None:
        raise Http404("This partnership has no logo.")
    content, content_type = logo
    return HttpResponse(content, content_type=content_type)


# The lead safeguarding partners, who sign off the annual report: every member reads the list;
# the BSU keeps it (the same rule as the directory's).


def lead_partners(request, pk):
    """The partnership's lead partners, in the order the report's cover lists them."""
    partnership, can_edit = _directory_partnership(request, pk, edit=False)
    return render(
        request,
        "plans/lead_partners.html",
        {"partnership": partnership, "partners": partnership.lead_partners.all(), "can_edit": can_edit},
    )


@require_http_methods(["GET", "POST"])
def lead_partner_add_view(request, pk):
    partnership, _ = _directory_partnership(request, pk, edit=True)
    form = LeadPartnerForm(request.POST or None, submit_label="Add lead partner")
    if request.method == "POST" and form.is_valid():
        try:
            partner = lead_partner_add(
                partnership=partnership, organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"], by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{partner.organisation} added as a lead partner.")
            return redirect("plans:lead-partners", pk=partnership.pk)
    return render(
        request, "plans/lead_partner_form.html", {"partnership": partnership, "form": form, "partner": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def lead_partner_edit_view(request, pk, partner_pk):
    partnership, _ = _directory_partnership(request, pk, edit=True)
    partner = get_object_or_404(LeadPartner.objects.filter(partnership=partnership), pk=partner_pk)
    form = LeadPartnerForm(
        request.POST or None,
        initial={"organisation": partner.organisation, "role": partner.role, "version": partner.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            partner = lead_partner_edit(
                partner=partner, expected_version=form.cleaned_data["version"] or 0,
                organisation=form.cleaned_data["organisation"], role=form.cleaned_data["role"], by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            tell_saved(request, partner, expected_version=form.cleaned_data["version"] or 0, name=partner.organisation)
            return redirect("plans:lead-partners", pk=partnership.pk)
    return render(
        request, "plans/lead_partner_form.html", {"partnership": partnership, "form": form, "partner": partner},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def lead_partner_remove_view(request, pk, partner_pk):
    """Ask, then take a lead partner off the list; one that has signed off a report stays, and
    a removal asked before someone changed it is refused, naming who."""
    partnership, _ = _directory_partnership(request, pk, edit=True)
    partner = get_object_or_404(LeadPartner.objects.filter(partnership=partnership), pk=partner_pk)
    error = None
    if request.method == "POST":
        error = removal_refusal(request, lead_partner_remove, partner=partner)
        if error is None:
            messages.success(request, f"{partner.organisation} is no longer a lead partner.")
            return redirect("plans:lead-partners", pk=partnership.pk)
        partner.refresh_from_db()
    return render(
        request,
        "plans/lead_partner_remove.html",
        {"partnership": partnership, "partner": partner, "error": error,
         "cannot_remove": lead_partner_removal_refusal(partner)},
        status=409 if error else 200,
    )
