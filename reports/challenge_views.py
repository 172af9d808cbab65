"""The challenge log pages: each partnership's log with its filters and counts, raising a
challenge, a challenge with its timeline, and responding to and closing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors
from plans.models import Partnership
from plans.permissions import Editor
from reports.challenge_forms import (
    ChallengeCloseForm,
    ChallengeLogFilterForm,
    ChallengeRaiseForm,
    ChallengeRespondForm,
)
from reports.challenges import (
    challenge_close,
    challenge_log,
    challenge_raise,
    challenge_respond,
    challenge_timeline,
    challenge_years,
)
from reports.models import Challenge


def _visible_challenge(request, pk) -> Challenge:
    return get_object_or_404(
        Challenge.objects.visible_to(request.user).select_related(
            "partnership", "raised_by", "subgroup", "action__workplan", "closed_by"
        ),
        pk=pk,
    )


def challenge_list(request):
    """Each of the user's partnerships' challenge logs, filtered by status, year and target."""
    editor = Editor.for_user(request.user)
    form = ChallengeLogFilterForm(
        request.GET or None, years=challenge_years(Challenge.objects.visible_to(request.user))
    )
    params = {name: form.value(name) for name in form.fields}
    sections = [
        challenge_log(partnership=partnership, **params)
        | {"partnership": partnership, "can_raise": editor.can_raise_challenge(partnership.pk)}
        for partnership in Partnership.objects.visible_to(request.user)
    ]
    return render(request, "reports/challenge_list.html", {"sections": sections, "form": form})


@require_http_methods(["GET", "POST"])
def challenge_create(request, partnership_pk):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    if not Editor.for_user(request.user).can_raise_challenge(partnership.pk):
        raise PermissionDenied
    initial = {}
    for kind in (Challenge.Target.SUBGROUP, Challenge.Target.ACTION):
        if request.GET.get(kind):
            initial |= {"target_kind": kind, kind: request.GET[kind]}
    form = ChallengeRaiseForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenge_raise(partnership=partnership, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Challenge to {challenge.target_label} raised.")
            return redirect(challenge)
    return render(request, "reports/challenge_form.html", {"form": form, "partnership": partnership})


def _detail(request, challenge, *, respond_form=None, close_form=None, status=200):
    editor = Editor.for_user(request.user)
    can_respond = editor.can_respond_to_challenge(challenge)
    can_close = editor.can_close_challenge(challenge)
    if can_close and close_form is None:
        close_form = ChallengeCloseForm(initial={"version": challenge.version})
    return render(
        request,
        "reports/challenge_detail.html",
        {
            "challenge": challenge,
            "timeline": challenge_timeline(challenge),
            "can_respond": can_respond,
            "close_form": close_form if can_close else None,
            "respond_form": respond_form,
        },
        status=status,
    )


def challenge_detail(request, pk):
    return _detail(request, _visible_challenge(request, pk))


def _refused(form, error: ValidationError, challenge: Challenge) -> None:
    """Show the refusal; keep the input, with the version now current, so saving again
    applies it once the author has read what changed."""
    add_service_errors(form, error)
    form.data = form.data.copy()
    form.data["version"] = Challenge.objects.values_list("version", flat=True).get(pk=challenge.pk)


@require_http_methods(["GET", "POST"])
def challenge_respond_view(request, pk):
    challenge = _visible_challenge(request, pk)
    editor = Editor.for_user(request.user)
    if not editor.answers_challenge(challenge):
        raise PermissionDenied
    if challenge.is_closed:
        messages.error(request, "This challenge is closed and can no longer be answered.")
        return redirect(challenge)
    form = ChallengeRespondForm(request.POST or None, initial={"version": challenge.version})
    if request.method == "POST" and form.is_valid():
        try:
            challenge_respond(
                challenge=challenge, by=request.user, text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _refused(form, error, challenge)
            challenge = _visible_challenge(request, pk)
        else:
            messages.success(request, "Your response has been added to the challenge.")
            return redirect(challenge)
    return render(
        request,
        "reports/challenge_respond.html",
        {"challenge": challenge, "timeline": challenge_timeline(challenge), "form": form},
        status=409 if form.non_field_errors() else 200,
    )


@require_http_methods(["GET", "POST"])
def challenge_close_view(request, pk):
    """The close form is on the challenge's page; a refused close shows that page again with
    the errors beside the fields."""
    challenge = _visible_challenge(request, pk)
    if not Editor.for_user(request.user).closes_challenge(challenge):
        raise PermissionDenied
    if challenge.is_closed:
        messages.error(request, "This challenge is already closed.")
        return redirect(challenge)
    if request.method == "GET":
        return _detail(request, challenge)
    form = ChallengeCloseForm(request.POST)
    if form.is_valid():
        try:
            challenge = challenge_close(
                challenge=challenge, by=request.user, outcome=form.cleaned_data["outcome"],
                outcome_text=form.cleaned_data["outcome_text"], expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _refused(form, error, challenge)
            challenge = _visible_challenge(request, pk)
        else:
            messages.success(request, f"Challenge closed: {challenge.get_outcome_display()}.")
            return redirect(challenge)
    return _detail(request, challenge, close_form=form, status=409 if form.non_field_errors() else 200)
