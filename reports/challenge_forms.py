"""The challenge log's forms: raise a challenge, respond to one, close one with its outcome.
They check input only; reports/challenges.py applies the rules and saves."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from plans.forms import ListFilterForm, Textarea
from reports.challenges import LOG_STATUSES, TEXT_LIMIT
from reports.models import Challenge
from subgroups.filters import ReportDateField
from subgroups.models import Action

TARGET_HINTS = {
    Challenge.Target.SUBGROUP: "Then choose the sub-group below. Its leads and the BSU may respond.",
    Challenge.Target.ACTION: "Then choose the action below. Its sub-group's leads and the BSU may respond.",
    Challenge.Target.AGENCY: "Then enter the agency's name below. The BSU records its response.",
}
OUTCOME_HINTS = {
    Challenge.Outcome.ASSURED: "The response gives the assurance asked for.",
    Challenge.Outcome.ACTION_AGREED: "The addressee has agreed what they will do about it.",
    Challenge.Outcome.ESCALATED: "Taken to the Executive or the lead safeguarding partners.",
    Challenge.Outcome.NOT_ASSURED: "The response does not give the assurance asked for.",
}


def _text_field(label: str, *, hint: str = "", required_message: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 6}),
        error_messages={
            "required": required_message,
            "max_length": f"Write {TEXT_LIMIT} characters or fewer (this is %(show_value)d).",
        },
    )


def action_label(action: Action) -> str:
    description = action.description if len(action.description) <= 80 else f"{action.description[:79]}…"
    return f"{action.reference} – {description}" if action.reference else description


class ChallengeRaiseForm(forms.Form):
    target_kind = forms.ChoiceField(
        label="Who or what are you challenging?",
        widget=forms.RadioSelect,
        choices=[Choice(value, label, hint=TARGET_HINTS[value]) for value, label in Challenge.Target.choices],
        error_messages={"required": "Choose what the challenge is to.", "invalid_choice": "Choose one of the options."},
    )
    subgroup = forms.ChoiceField(label="Sub-group", required=False)
    action = forms.ChoiceField(label="Action", required=False)
    agency = forms.CharField(
        label="Partner agency",
        required=False,
        max_length=200,
        help_text="For example: Metropolitan Police, South West London ICB, a school or academy trust.",
        error_messages={"max_length": "Enter the agency's name in 200 characters or fewer."},
    )
    question = _text_field(
        "Your challenge",
        hint="What you are asking and why: the evidence you have seen and the assurance you want.",
        required_message="Enter the challenge: what you are asking and why.",
    )
    respond_by = ReportDateField(
        label="Response wanted by (optional)", help_text="For example 30 6 2025. Leave empty for no date."
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.subgroups = {str(subgroup.pk): subgroup for subgroup in partnership.subgroups.order_by("short_name")}
        actions = (
            Action.objects.filter(workplan__subgroup__partnership=partnership, is_retired=False)
            .select_related("workplan__subgroup")
            .order_by("-workplan__year", "workplan__subgroup__short_name", "order", "pk")
        )
        self.actions = {str(action.pk): action for action in actions}
        groups: dict[str, list] = {}
        for key, action in self.actions.items():
            group = f"{action.workplan.subgroup.short_name} {action.workplan.year}"
            groups.setdefault(group, []).append((key, action_label(action)))
        self.fields["subgroup"].choices = [("", "Choose a sub-group")] + [
            (key, f"{subgroup.name} ({subgroup.short_name})") for key, subgroup in self.subgroups.items()
        ]
        self.fields["action"].choices = [("", "Choose an action"), *groups.items()]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("target_kind", legend_size=Size.SMALL, small=True),
            Field.select("subgroup"),
            Field.select("action"),
            Field.text("agency"),
            Field.textarea("question"),
            Field("respond_by"),
            Submit("raise", "Raise the challenge"),
        )

    def clean(self):
        data = super().clean()
        kind = data.get("target_kind")
        if kind == Challenge.Target.SUBGROUP and data.get("subgroup") not in self.subgroups:
            self.add_error("subgroup", "Choose the sub-group you are challenging.")
        if kind == Challenge.Target.ACTION and data.get("action") not in self.actions:
            self.add_error("action", "Choose the action you are challenging.")
        if kind == Challenge.Target.AGENCY and not (data.get("agency") or "").strip() and "agency" not in self.errors:
            self.add_error("agency", "Enter the name of the partner agency you are challenging.")
        return data

    def service_fields(self) -> dict:
        """The cleaned input as `challenge_raise` takes it."""
        data = self.cleaned_data
        return {
            "target_kind": data["target_kind"],
            "subgroup": self.subgroups.get(data.get("subgroup") or ""),
            "action": self.actions.get(data.get("action") or ""),
            "agency": data.get("agency") or "",
            "question": data["question"],
            "respond_by": data.get("respond_by"),
        }


class ChallengeRespondForm(forms.Form):
    text = _text_field(
        "Your response",
        hint="What you found, what you have done or will do, and the evidence for it.",
        required_message="Enter your response to the challenge.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.textarea("text"), "version", Submit("respond", "Send the response"))


class ChallengeCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=[Choice(value, label, hint=OUTCOME_HINTS[value]) for value, label in Challenge.Outcome.choices],
        error_messages={"required": "Choose the outcome of the challenge.", "invalid_choice": "Choose one of the outcomes."},
    )
    outcome_text = _text_field(
        "What was concluded",
        hint="The assurance given or missing, what was agreed and by when: the annual report quotes it.",
        required_message="Enter what was concluded and why.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL, small=True),
            Field.textarea("outcome_text"),
            "version",
            Submit("close", "Close the challenge", css_class="govuk-button--secondary"),
        )


class ChallengeLogFilterForm(ListFilterForm):
    """The challenge log's filters."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Open and closed"), *((key, label) for key, (label, _q) in LOG_STATUSES.items())],
    )
    year = forms.ChoiceField(label="Raised in", required=False)
    target_kind = forms.ChoiceField(
        label="Challenge to", required=False, choices=[("", "Anyone"), *Challenge.Target.choices]
    )

    def __init__(self, *args, years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Every year"), *[(year, year) for year in years]]
        self.fields["status"].error_messages["invalid_choice"] = "Choose a status from the list."
        self.fields["year"].error_messages["invalid_choice"] = "Choose a year from the list."
        self.fields["target_kind"].error_messages["invalid_choice"] = "Choose whom the challenge is to from the list."
