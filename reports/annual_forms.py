"""Forms of the annual report pages."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from plans.forms import Textarea
from reports.annual import normalised_section_text, report_years
from reports.markup import section_text_length_error
from reports.structure import DOWN, SECTION_TITLE_MAX_LENGTH, UP


class SectionForm(forms.Form):
    # No `max_length`: its HTML maxlength would silently cut off pasted text; the page's
    # character count warns as the author types and clean_text refuses what is too long.
    text = forms.CharField(
        label="Text",
        required=False,
        widget=Textarea(attrs={"rows": 18, "class": "govuk-textarea"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_text(self):
        text = normalised_section_text(self.cleaned_data["text"])
        if (too_long := section_text_length_error(text)) is not None:
            raise forms.ValidationError(too_long, code="max_length")
        return text


class StartReportForm(forms.Form):
    year = forms.ChoiceField(label="Reporting year", error_messages={"required": "Choose the reporting year."})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in report_years(plan)]
        self.fields["year"].error_messages["invalid_choice"] = "Choose a year the plan covers."


class SectionTitleForm(forms.Form):
    """A section's title: a new written section's, or a new title for one of the report's."""

    title = forms.CharField(
        label="Section title",
        max_length=SECTION_TITLE_MAX_LENGTH,
        error_messages={
            "required": "Enter the section's title.",
            "max_length": f"The title must be {SECTION_TITLE_MAX_LENGTH} characters or fewer.",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("title"), "version", Submit("save", submit))


class StructureChangeForm(forms.Form):
    """Move a section up or down, remove it or put it back, from the arrange page's buttons."""

    action = forms.ChoiceField(choices=[(UP, UP), (DOWN, DOWN), ("remove", "remove"), ("restore", "restore")])
    version = forms.IntegerField(min_value=0)
