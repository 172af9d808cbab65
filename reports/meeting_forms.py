"""The meeting form: which body meets, when, the date its figures are counted at, and notes."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from plans.forms import Textarea
from subgroups.filters import ReportDateField
from reports.models import Meeting

SUBGROUP_CHOICE = "subgroup-{}"
NOTES_LIMIT = 2000


class MeetingDateField(ReportDateField):
    """The meeting's own date: required, so a part-filled date is asked for in full rather
    than offered to be left empty."""

    def compress(self, data_list):
        if any(data_list) and not all(data_list):
            raise ValidationError("Enter the day, month and year of the meeting.", code="incomplete")
        return super().compress(data_list)


class MeetingForm(forms.Form):
    """A meeting of one of the partnership's bodies. The form only checks its input; the
    services (reports/meetings.py) apply the rules and save."""

    meets = forms.ChoiceField(
        label="Who meets",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who meets.", "invalid_choice": "Choose one of the bodies listed."},
    )
    date = MeetingDateField(label="Date of the meeting", help_text="For example 12 3 2025.")
    cutoff = ReportDateField(
        label="Figures as at",
        help_text="The date the pack's figures are counted at, when the papers go out before the "
        "meeting. Leave empty to use the meeting's date.",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=NOTES_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text="Optional: the venue, the agenda items or decisions to remember.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership, meeting: Meeting | None = None, **kwargs):
        if meeting is not None:
            kwargs.setdefault("initial", {}).update(
                meets=meeting_choice(meeting), date=meeting.date, notes=meeting.notes, version=meeting.version,
                cutoff=meeting.cutoff if meeting.cutoff != meeting.date else None,
            )
        super().__init__(*args, **kwargs)
        self.subgroups = {
            SUBGROUP_CHOICE.format(subgroup.pk): subgroup
            for subgroup in partnership.subgroups.order_by("short_name")
        }
        self.fields["meets"].choices = [
            (Meeting.Body.EXECUTIVE, "The Executive"),
            (Meeting.Body.PARTNERSHIP, "The full partnership"),
            *[(key, f"{subgroup.name} ({subgroup.short_name})") for key, subgroup in self.subgroups.items()],
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("meets", legend_size=Size.SMALL, small=True),
            Field("date"),
            Field("cutoff"),
            Field.textarea("notes"),
            "version",
            Submit("save", "Save meeting"),
        )

    def clean(self):
        data = super().clean()
        if not data.get("date") and "date" not in self.errors:
            self.add_error("date", "Enter the date of the meeting.")
        return data

    def service_fields(self) -> dict:
        """The cleaned input as the meeting services take it."""
        data = self.cleaned_data
        subgroup = self.subgroups.get(data["meets"])
        return {
            "body": Meeting.Body.SUBGROUP if subgroup else data["meets"],
            "subgroup": subgroup,
            "date": data["date"],
            "cutoff": data["cutoff"],
            "notes": data["notes"],
        }


def meeting_choice(meeting: Meeting) -> str:
    """How the form's "Who meets" spells the meeting's body."""
    return SUBGROUP_CHOICE.format(meeting.subgroup_id) if meeting.body == Meeting.Body.SUBGROUP else meeting.body
