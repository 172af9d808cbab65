"""The reviews register: the register, a review with its findings and recommendations (their
actions' ratings as at a chosen date), and the BSU's pages to record reviews, findings and
recommendations and link recommendations to workplan actions. Other members read; other
partnerships' reviews are not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors, removal_refusal, tell_saved
from plans.models import Partnership
from plans.permissions import Editor
from reports.models import Finding, LearningReview, Recommendation
from reports.review_forms import AsAtForm, FindingForm, LinkActionsForm, RecommendationForm, RegisterFilterForm, ReviewForm
from reports.reviews import (
    finding_add,
    finding_edit,
    finding_remove,
    partnership_actions_by_workplan,
    recommendation_add,
    recommendation_edit,
    recommendation_link_actions,
    recommendation_remove,
    review_create,
    review_edit,
    review_overview,
    review_years,
    reviews_register,
)
from subgroups.models import Action


def can_manage_reviews(user, partnership_id: int) -> bool:
    """Record and change the partnership's reviews: its BSU."""
    return Editor.for_user(user).is_bsu(partnership_id)


def _visible_review(request, pk) -> LearningReview:
    return get_object_or_404(LearningReview.objects.visible_to(request.user).select_related("partnership"), pk=pk)


def _managed(request, partnership_id: int) -> None:
    if not can_manage_reviews(request.user, partnership_id):
        raise PermissionDenied


def _keep_input_after_refusal(form, current_version: int) -> None:
    """After a refused stale save the editor's input stays; saving again applies it."""
    form.data = form.data.copy()
    form.data["version"] = current_version


def review_list(request):
    """The register: each partnership's reviews, filtered by kind, status and year, with counts."""
    years = review_years(list(LearningReview.objects.visible_to(request.user).order_by()))
    form = RegisterFilterForm(request.GET or None, years=years)
    sections = reviews_register(
        user=request.user, kind=form.value("kind"), status=form.value("status"), year=form.value("year")
    )
    for section in sections:
        section.can_manage = can_manage_reviews(request.user, section.partnership.pk)
    return render(request, "reports/review_list.html", {"form": form, "sections": sections, "filtered": form.filtered})


@require_http_methods(["GET", "POST"])
def review_create_view(request, partnership_pk):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    _managed(request, partnership.pk)
    form = ReviewForm(request.POST or None, initial={"status": LearningReview.Status.OPEN})
    if request.method == "POST" and form.is_valid():
        try:
            review = review_create(partnership=partnership, fields=form.service_fields(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{review} added to the register.")
            return redirect(review)
    return render(request, "reports/review_form.html", {"form": form, "partnership": partnership, "review": None})


def review_detail(request, pk):
    review = _visible_review(request, pk)
    form = AsAtForm(request.GET or None)
    as_at = (form.cleaned_data["as_at"] if form.is_valid() else None) or timezone.localdate()
    context = review_overview(review, as_at=as_at)
    return render(
        request,
        "reports/review_detail.html",
        context | {"form": form, "can_manage": can_manage_reviews(request.user, review.partnership_id),
                   "is_today": as_at == timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def review_edit_view(request, pk):
    review = _visible_review(request, pk)
    _managed(request, review.partnership_id)
    form = ReviewForm(request.POST or None, review=review, initial={"version": review.version})
    if request.method == "POST" and form.is_valid():
        try:
            review = review_edit(
                review=review, expected_version=form.cleaned_data["version"] or 0,
                fields=form.service_fields(), by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            _keep_input_after_refusal(form, LearningReview.objects.values_list("version", flat=True).get(pk=pk))
        else:
            tell_saved(request, review, expected_version=form.cleaned_data["version"] or 0, name=str(review))
            return redirect(review)
    return render(
        request, "reports/review_form.html", {"form": form, "partnership": review.partnership, "review": review}
    )


@require_http_methods(["GET", "POST"])
def finding_create_view(request, pk):
    review = _visible_review(request, pk)
    _managed(request, review.partnership_id)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        finding_add(review=review, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, "Finding added.")
        return redirect(f"{review.get_absolute_url()}#findings")
    return render(request, "reports/review_part_form.html", {"form": form, "review": review, "heading": "Add a finding"})


@require_http_methods(["GET", "POST"])
def finding_edit_view(request, pk):
    finding = _visible_finding(request, pk)
    review = finding.review
    _managed(request, review.partnership_id)
    form = FindingForm(request.POST or None, initial={"text": finding.text, "version": finding.version})
    if request.method == "POST" and form.is_valid():
        try:
            finding = finding_edit(
                finding=finding, expected_version=form.cleaned_data["version"] or 0,
                text=form.cleaned_data["text"], by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            _keep_input_after_refusal(form, Finding.objects.values_list("version", flat=True).get(pk=pk))
        else:
            tell_saved(request, finding, expected_version=form.cleaned_data["version"] or 0, name=f"finding {finding.order}")
            return redirect(f"{review.get_absolute_url()}#findings")
    return render(
        request, "reports/review_part_form.html",
        {"form": form, "review": review, "heading": f"Change finding {finding.order}"},
    )


def _visible_finding(request, pk) -> Finding:
    return get_object_or_404(
        Finding.objects.filter(review__in=LearningReview.objects.visible_to(request.user)).select_related(
            "review__partnership"
        ),
        pk=pk,
    )


def _remove_view(request, *, thing, row, remove, label: str):
    """Ask, then remove a finding or recommendation recorded by mistake; a removal based on an
    older version (someone changed it after the page was opened) is refused, naming who."""
    review = row.review
    _managed(request, review.partnership_id)
    refusal = None
    if request.method == "POST":
        refusal = removal_refusal(request, remove, **{thing: row})
        if refusal is None:
            messages.success(request, f"{label} removed.")
            return redirect(f"{review.get_absolute_url()}#{thing}s")
        row.refresh_from_db()
    return render(
        request, "reports/review_part_remove.html",
        {"review": review, "row": row, "thing": thing, "label": label, "refusal": refusal},
    )


@require_http_methods(["GET", "POST"])
def finding_remove_view(request, pk):
    finding = _visible_finding(request, pk)
    return _remove_view(request, thing="finding", row=finding, remove=finding_remove, label=f"Finding {finding.order}")


@require_http_methods(["GET", "POST"])
def recommendation_remove_view(request, pk):
    recommendation = _visible_recommendation(request, pk)
    return _remove_view(
        request, thing="recommendation", row=recommendation, remove=recommendation_remove,
        label=f"Recommendation {recommendation.order}",
    )


def _visible_recommendation(request, pk) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.filter(review__in=LearningReview.objects.visible_to(request.user)).select_related(
            "review__partnership"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def recommendation_create_view(request, pk):
    review = _visible_review(request, pk)
    _managed(request, review.partnership_id)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = recommendation_add(
            review=review, text=form.cleaned_data["text"],
            evidence_of_impact=form.cleaned_data["evidence_of_impact"], by=request.user,
        )
        messages.success(request, f"Recommendation {recommendation.order} added: now link the actions that deliver it.")
        return redirect("reports:recommendation-actions", pk=recommendation.pk)
    return render(
        request, "reports/review_part_form.html", {"form": form, "review": review, "heading": "Add a recommendation"}
    )


@require_http_methods(["GET", "POST"])
def recommendation_edit_view(request, pk):
    recommendation = _visible_recommendation(request, pk)
    review = recommendation.review
    _managed(request, review.partnership_id)
    form = RecommendationForm(
        request.POST or None,
        initial={
            "text": recommendation.text, "evidence_of_impact": recommendation.evidence_of_impact,
            "version": recommendation.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = recommendation_edit(
                recommendation=recommendation, expected_version=form.cleaned_data["version"] or 0,
                text=form.cleaned_data["text"], evidence_of_impact=form.cleaned_data["evidence_of_impact"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            _keep_input_after_refusal(form, Recommendation.objects.values_list("version", flat=True).get(pk=pk))
        else:
            tell_saved(
                request, recommendation, expected_version=form.cleaned_data["version"] or 0,
                name=f"recommendation {recommendation.order}",
            )
            return redirect(recommendation)
    return render(
        request, "reports/review_part_form.html",
        {"form": form, "review": review, "heading": f"Change recommendation {recommendation.order}"},
    )


@require_http_methods(["GET", "POST"])
def recommendation_actions_view(request, pk):
    """Link and unlink the actions that deliver a recommendation: tick any of the
    partnership's actions, of any sub-group and year."""
    recommendation = _visible_recommendation(request, pk)
    review = recommendation.review
    _managed(request, review.partnership_id)
    linked = set(recommendation.actions.values_list("pk", flat=True))
    groups = partnership_actions_by_workplan(
        partnership_id=review.partnership_id, linked_ids=linked, as_at=timezone.localdate()
    )
    form = LinkActionsForm(
        request.POST or None, groups=groups, initial={"actions": linked, "version": recommendation.version}
    )
    if request.method == "POST" and form.is_valid():
        chosen = Action.objects.filter(pk__in=form.cleaned_data["actions"]).select_related("workplan__subgroup")
        try:
            recommendation_link_actions(
                recommendation=recommendation, expected_version=form.cleaned_data["version"] or 0,
                actions=list(chosen), by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            _keep_input_after_refusal(form, Recommendation.objects.values_list("version", flat=True).get(pk=pk))
        else:
            count = len(form.cleaned_data["actions"])
            messages.success(
                request, f"Recommendation {recommendation.order} is delivered through {count} action{'s' if count != 1 else ''}."
            )
            return redirect(recommendation)
    chosen = form.chosen_ids
    for group in groups:
        group["ticked"] = sum(action.pk in chosen for action in group["actions"])
    return render(
        request, "reports/recommendation_actions.html",
        {"form": form, "review": review, "recommendation": recommendation, "groups": groups,
         "chosen": chosen},
    )
