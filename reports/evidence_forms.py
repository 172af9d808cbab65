"""The forms of the evidence registers: a record of feedback from children and families, a
partner's contribution, a training course, and the registers' year filter. They only check
input; the services in reports/evidence.py apply the rules and save."""

import re

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from plans.forms import Textarea
from plans.models import Priority
from reports.evidence import actions_named, attendance_text, parse_attendance
from reports.models import EVIDENCE_TEXT_LIMIT, PartnerContribution, TrainingCourse, VoiceEvidence
from reports.review_forms import NO_IDENTIFYING_DETAILS_HINT, IdentifyingDetailsCheck
from subgroups.filters import ReportDateField
from subgroups.models import Action, validate_year_label

YEAR_HELP = "The financial year, for example 2023-24."
LARGEST_AMOUNT = 100_000_000  # pounds: far beyond any partnership's budget, so a typo is caught


def whole_number_input():
    """GOV.UK asks for a text box with a numeric keyboard, not type=number."""
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})


class PoundsField(forms.IntegerField):
    """Whole pounds, as people type them: "£162,500" is 162500."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").strip()
        return super().to_python(value)


class YearField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Year", max_length=7, help_text=YEAR_HELP, validators=[validate_year_label],
            error_messages={"required": "Enter the financial year, for example 2023-24."}, **kwargs,
        )


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Priority) -> str:
        return f"{obj} ({obj.plan.title})"


class VoiceForm(IdentifyingDetailsCheck):
    checked_fields = ("source", "what_was_heard", "what_changed")

    source = forms.CharField(
        label="Who was heard", max_length=200,
        help_text="A group or a way of listening, for example “Young people's advisory group” or “Parent survey”.",
        error_messages={"required": "Enter who was heard."},
    )
    heard_on = ReportDateField(label="Date heard", help_text="For example 14 11 2023.")
    what_was_heard = forms.CharField(
        label="What was heard", max_length=EVIDENCE_TEXT_LIMIT, widget=Textarea(attrs={"rows": 5}),
        help_text="In their words where you can. " + NO_IDENTIFYING_DETAILS_HINT,
        error_messages={"required": "Enter what was heard."},
    )
    what_changed = forms.CharField(
        label="What changed", required=False, max_length=EVIDENCE_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text="What the partnership did differently because of it. Optional until something has.",
    )
    priorities = PriorityChoiceField(
        label="Priorities it bears on", required=False, queryset=Priority.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose priorities from the list."},
    )
    action_references = forms.CharField(
        label="Actions it bears on", required=False, max_length=500,
        help_text="Optional: workplan references separated by commas, for example PEI 1.3, PPYP 3.2. "
        "The workplan of the year it was heard in is used.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership, row: VoiceEvidence | None = None, **kwargs):
        evidence = row
        if evidence is not None:
            kwargs.setdefault("initial", {}).update({
                "source": evidence.source, "heard_on": evidence.heard_on, "what_was_heard": evidence.what_was_heard,
                "what_changed": evidence.what_changed, "priorities": [p.pk for p in evidence.priorities.all()],
                "action_references": ", ".join(a.reference for a in evidence.actions.all() if a.reference),
                "version": evidence.version,
            })
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["priorities"].queryset = (
            Priority.objects.filter(plan__partnership=partnership).select_related("plan").order_by("-plan__period_start", "number")
        )
        self.actions: list[Action] = []

    def build_layout(self):
        return self.layout(
            Field.text("source"), Field("heard_on"), Field.textarea("what_was_heard"), Field.textarea("what_changed"),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True), Field.text("action_references"),
            submit="Save record",
        )

    def clean(self):
        data = super().clean()
        if not data.get("heard_on") and "heard_on" not in self.errors:
            self.add_error("heard_on", "Enter the date it was heard.")
        if data.get("action_references") is not None:
            references = [ref.strip() for ref in re.split(r"[,;\n]", data["action_references"]) if ref.strip()]
            found = actions_named(
                partnership=self.partnership, references=references, heard_on=data.get("heard_on") or timezone.localdate()
            )
            unknown = [ref for ref in references if ref.lower() not in found]
            if unknown:
                self.add_error(
                    "action_references",
                    f"No action of {self.partnership.short_name}'s workplans has the reference {', '.join(unknown)}.",
                )
            self.actions = list(dict.fromkeys(found.values()))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("source", "heard_on", "what_was_heard", "what_changed")}


class ContributionForm(IdentifyingDetailsCheck):
    year = YearField()
    partner = forms.CharField(
        label="Partner", max_length=200, help_text="The agency that contributed, for example “London Borough of Merton”.",
        error_messages={"required": "Enter the partner's name."},
    )
    amount = PoundsField(
        label="Amount in pounds", min_value=0, max_value=LARGEST_AMOUNT, widget=whole_number_input(),
        help_text="Whole pounds, for example 162,500.",
        error_messages={"required": "Enter the amount in pounds.", "invalid": "Enter the amount as a whole number of pounds, for example 162,500."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership=None, row: PartnerContribution | None = None, **kwargs):
        contribution = row
        if contribution is not None:
            kwargs.setdefault("initial", {}).update({
                "year": contribution.year, "partner": contribution.partner, "amount": contribution.amount,
                "version": contribution.version,
            })
        super().__init__(*args, **kwargs)

    def build_layout(self):
        return self.layout(
            Field.text("year", field_width=5), Field.text("partner"), Field.text("amount", field_width=10),
            submit="Save contribution",
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("year", "partner", "amount")}


class TrainingForm(IdentifyingDetailsCheck):
    year = YearField()
    title = forms.CharField(
        label="Course", max_length=200, help_text="For example “Working with fathers and male carers”.",
        error_messages={"required": "Enter the course's title."},
    )
    sessions = forms.IntegerField(
        label="Sessions run", min_value=1, max_value=1000, widget=whole_number_input(), help_text="How many times the course ran in the year.",
        error_messages={"required": "Enter how many times the course ran."},
    )
    attendance = forms.CharField(
        label="Attendance by agency", required=False, max_length=4000, widget=Textarea(attrs={"rows": 6}),
        help_text="One agency a line: its name, a colon and how many attended, for example “Schools: 38”.",
    )
    rated_good_percent = forms.IntegerField(
        label="Rated good or excellent (%)", required=False, min_value=0, max_value=100, widget=whole_number_input(),
        help_text="Optional: the share of evaluations rating the course good or excellent, for example 92.",
    )
    evaluation = forms.CharField(
        label="What the evaluation found", required=False, max_length=EVIDENCE_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text="Optional: what participants said they would do differently, and any follow-up.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership=None, row: TrainingCourse | None = None, **kwargs):
        course = row
        if course is not None:
            kwargs.setdefault("initial", {}).update({
                "year": course.year, "title": course.title, "sessions": course.sessions,
                "rated_good_percent": course.rated_good_percent, "evaluation": course.evaluation,
                "attendance": attendance_text(course), "version": course.version,
            })
        super().__init__(*args, **kwargs)

    def build_layout(self):
        return self.layout(
            Field.text("year", field_width=5), Field.text("title"), Field.text("sessions", field_width=4),
            Field.textarea("attendance"),
            Fieldset(Field.text("rated_good_percent", field_width=4), Field.textarea("evaluation"),
                     legend="Evaluation", legend_size=Size.MEDIUM),
            submit="Save course",
        )

    def clean_attendance(self):
        try:
            return parse_attendance(self.cleaned_data["attendance"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("year", "title", "sessions", "rated_good_percent", "evaluation")}


class YearFilterForm(forms.Form):
    """A register's year. A year it does not offer is refused beside the field, and the
    register is then shown for every year."""

    year = forms.ChoiceField(label="Year", required=False)

    def __init__(self, *args, years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Every year"), *[(year, year) for year in years]]

    def value(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data.get("year", "")
