"""The evidence registers' pages: for each kind of record (feedback from children and families,
training courses, partner contributions) a register filtered by year, and the BSU's pages to
add, change and remove records. Everyone else in the partnership, the scrutineer included,
reads; other partnerships' records are not found."""

from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors, removal_refusal, tell_saved
from plans.models import Partnership
from plans.permissions import Editor
from reports import evidence
from reports.evidence_forms import ContributionForm, TrainingForm, VoiceForm, YearFilterForm
from reports.models import PartnerContribution, TrainingCourse, VoiceEvidence


@dataclass(frozen=True)
class Register:
    """What differs between the three registers; the views below are the same for each."""

    kind: str  # the URL names' prefix: "voice", "training", "contribution"
    title: str
    intro: str
    noun: str  # one record, as messages and headings name it
    model: type[Model]
    form: type
    records: Callable  # (partnerships, year=...) -> queryset
    create: Callable
    edit: Callable
    remove: Callable
    thing: str  # the service's keyword for the record

    def url(self, name: str) -> str:
        return f"reports:{self.kind}-{name}"

    @property
    def list_name(self) -> str:
        return self.url("list")

    @property
    def create_name(self) -> str:
        return self.url("create")

    @property
    def edit_name(self) -> str:
        return self.url("edit")

    @property
    def remove_name(self) -> str:
        return self.url("remove")

    @property
    def table_template(self) -> str:
        return f"reports/evidence/{self.kind}_table.html"


VOICE = Register(
    kind="voice",
    title="Voice of children, young people and families",
    intro="What children, young people and families told the partnership, and what changed because "
    "of it, linked to the priorities and actions it bears on. The annual report's voice section "
    "lists the year's records.",
    noun="record",
    model=VoiceEvidence,
    form=VoiceForm,
    records=evidence.voice_records,
    create=evidence.voice_create,
    edit=evidence.voice_edit,
    remove=evidence.voice_remove,
    thing="evidence",
)
TRAINING = Register(
    kind="training",
    title="Multi-agency training",
    intro="The multi-agency training courses run each year, how many times, who attended from each "
    "agency and what the evaluations found. The annual report's training section tables the year's courses.",
    noun="course",
    model=TrainingCourse,
    form=TrainingForm,
    records=evidence.training_records,
    create=evidence.training_create,
    edit=evidence.training_edit,
    remove=evidence.training_remove,
    thing="course",
)
FUNDING = Register(
    kind="contribution",
    title="Partner contributions",
    intro="What each partner paid into the partnership's budget each year. The annual report's "
    "funding section tables the year's contributions and their total.",
    noun="contribution",
    model=PartnerContribution,
    form=ContributionForm,
    records=evidence.contribution_records,
    create=evidence.contribution_create,
    edit=evidence.contribution_edit,
    remove=evidence.contribution_remove,
    thing="contribution",
)


REGISTERS = [VOICE, TRAINING, FUNDING]


def _can_manage(user, partnership_id: int) -> bool:
    return Editor.for_user(user).can_record_evidence(partnership_id)


def _managed(request, partnership_id: int) -> None:
    if not _can_manage(request.user, partnership_id):
        raise PermissionDenied


def _visible(request, register: Register, pk: int):
    return get_object_or_404(register.model.objects.visible_to(request.user).select_related("partnership"), pk=pk)


def _keep_input_after_refusal(form, current_version: int) -> None:
    """After a refused stale save the editor's input stays; saving again applies it."""
    form.data = form.data.copy()
    form.data["version"] = current_version


def _register_list(request, register: Register):
    partnerships = list(Partnership.objects.visible_to(request.user).order_by("name"))
    form = YearFilterForm(request.GET or None, years=evidence.evidence_years(partnerships))
    year = form.value()
    rows = list(register.records(partnerships, year=year))
    sections = [
        {
            "partnership": partnership,
            "rows": [row for row in rows if row.partnership_id == partnership.pk],
            "can_manage": _can_manage(request.user, partnership.pk),
        }
        for partnership in partnerships
    ]
    if register is FUNDING:
        totals = evidence.contribution_totals(partnerships, year=year)
        for section in sections:
            by_year: dict[str, list] = {}
            for row in section["rows"]:
                by_year.setdefault(row.year, []).append(row)
            section["years"] = [
                {"year": label, "rows": items, "total": totals.get(section["partnership"].pk, {}).get(label, 0)}
                for label, items in sorted(by_year.items(), reverse=True)
            ]
    return render(
        request, "reports/evidence_list.html",
        {
            "register": register, "form": form, "year": year, "sections": sections,
            "others": [other for other in REGISTERS if other is not register],
        },
    )


def _service_kwargs(register: Register, form) -> dict:
    if register is VOICE:
        return {"fields": form.service_fields(), "actions": form.actions, "priorities": list(form.cleaned_data["priorities"])}
    if register is TRAINING:
        return {"fields": form.service_fields(), "attendance": form.cleaned_data["attendance"]}
    return {"fields": form.service_fields()}


def _list_url(register: Register, year: str = "") -> str:
    return reverse(register.url("list")) + (f"?year={year}" if year else "")


def _create(request, register: Register, partnership_pk: int):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    _managed(request, partnership.pk)
    form = register.form(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            row = register.create(partnership=partnership, by=request.user, **_service_kwargs(register, form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{row} added.")
            return redirect(_list_url(register, row.year))
    return render(
        request, "reports/evidence_form.html",
        {"register": register, "form": form, "partnership": partnership, "row": None},
    )


def _edit(request, register: Register, pk: int):
    row = _visible(request, register, pk)
    _managed(request, row.partnership_id)
    form = register.form(request.POST or None, partnership=row.partnership, row=row)
    if request.method == "POST" and form.is_valid():
        try:
            row = register.edit(
                **{register.thing: row}, expected_version=form.cleaned_data["version"] or 0, by=request.user,
                **_service_kwargs(register, form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            _keep_input_after_refusal(form, register.model.objects.values_list("version", flat=True).get(pk=pk))
        else:
            tell_saved(request, row, expected_version=form.cleaned_data["version"] or 0, name=str(row))
            return redirect(_list_url(register, row.year))
    return render(
        request, "reports/evidence_form.html",
        {"register": register, "form": form, "partnership": row.partnership, "row": row},
    )


def _remove(request, register: Register, pk: int):
    """Ask, then remove a record made by mistake; a removal based on an older version
    (someone changed it after the page was opened) is refused, naming who."""
    row = _visible(request, register, pk)
    _managed(request, row.partnership_id)
    refusal = None
    if request.method == "POST":
        refusal = removal_refusal(request, register.remove, **{register.thing: row})
        if refusal is None:
            messages.success(request, f"{row} removed.")
            return redirect(_list_url(register, row.year))
        row.refresh_from_db()
    return render(request, "reports/evidence_remove.html", {"register": register, "row": row, "refusal": refusal})


def voice_list(request):
    return _register_list(request, VOICE)


@require_http_methods(["GET", "POST"])
def voice_create(request, partnership_pk):
    return _create(request, VOICE, partnership_pk)


@require_http_methods(["GET", "POST"])
def voice_edit(request, pk):
    return _edit(request, VOICE, pk)


@require_http_methods(["GET", "POST"])
def voice_remove(request, pk):
    return _remove(request, VOICE, pk)


def training_list(request):
    return _register_list(request, TRAINING)


@require_http_methods(["GET", "POST"])
def training_create(request, partnership_pk):
    return _create(request, TRAINING, partnership_pk)


@require_http_methods(["GET", "POST"])
def training_edit(request, pk):
    return _edit(request, TRAINING, pk)


@require_http_methods(["GET", "POST"])
def training_remove(request, pk):
    return _remove(request, TRAINING, pk)


def contribution_list(request):
    return _register_list(request, FUNDING)


@require_http_methods(["GET", "POST"])
def contribution_create(request, partnership_pk):
    return _create(request, FUNDING, partnership_pk)


@require_http_methods(["GET", "POST"])
def contribution_edit(request, pk):
    return _edit(request, FUNDING, pk)


@require_http_methods(["GET", "POST"])
def contribution_remove(request, pk):
    return _remove(request, FUNDING, pk)
