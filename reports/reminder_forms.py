"""The reminder forms: the BSU's schedule for its partnership, and the reminders a person
chooses to receive. They only check input; reports/reminders.py applies it."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from reports.models import MAX_REMINDER_DAYS_AHEAD, ReminderKind, ReminderSchedule, Weekday

NO_DIGEST = ""


def _days_field(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=MAX_REMINDER_DAYS_AHEAD,
        help_text=help_text,
        # GOV.UK: a text box with a numeric keyboard, not type="number" (which browsers change on scroll).
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter a whole number of days, for example 14.",
            "min_value": "Enter at least 1 day, or leave it empty for none.",
            "max_value": f"Enter {MAX_REMINDER_DAYS_AHEAD} days or fewer.",
        },
    )


class ReminderScheduleForm(forms.Form):
    enabled = forms.BooleanField(label="Send e-mail reminders to action leads", required=False)
    days_before_due = _days_field(
        "Days before an action is due",
        "Leads are reminded this many days before an action's due date. Leave empty for no reminder.",
    )
    stale_reminders = forms.BooleanField(
        label="Remind leads when an action becomes stale (no update for the plan's stale period)", required=False
    )
    days_before_meeting = _days_field(
        "Days before a meeting's figures are counted",
        "Leads of actions with no update since the body's last meeting are asked to update them by the "
        "date the meeting's figures are counted. Leave empty for no reminder.",
    )
    digest_weekday = forms.TypedChoiceField(
        label="Weekly digest",
        choices=[(NO_DIGEST, "No weekly digest"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="Each lead's actions that need attention, once a week.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, schedule: ReminderSchedule | None = None, **kwargs):
        if schedule is not None:
            kwargs.setdefault("initial", {}).update(
                enabled=schedule.enabled, days_before_due=schedule.days_before_due,
                stale_reminders=schedule.stale_reminders, days_before_meeting=schedule.days_before_meeting,
                digest_weekday=NO_DIGEST if schedule.digest_weekday is None else schedule.digest_weekday,
                version=schedule.version,
            )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.checkbox("enabled"),
            Fieldset(
                Field.text("days_before_due", field_width=3),
                Field.checkbox("stale_reminders"),
                Field.text("days_before_meeting", field_width=3),
                Field.radios("digest_weekday", legend_size=Size.SMALL, small=True),
                legend="What to send",
                legend_size=Size.MEDIUM,
            ),
            "version",
            Submit("save", "Save the schedule"),
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("enabled", "days_before_due", "stale_reminders", "days_before_meeting", "digest_weekday")}


class ReminderPreferencesForm(forms.Form):
    """One person's choice: the kinds of reminder they receive."""

    kinds = forms.MultipleChoiceField(
        label="Send me",
        choices=ReminderKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick all of them to receive no reminders.",
    )

    def __init__(self, *args, legend: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.checkboxes("kinds", legend_size=Size.SMALL, small=True),
            Submit("save", "Save my choices"),
        )
        self.fields["kinds"].label = legend
