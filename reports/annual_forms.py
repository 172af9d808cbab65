"""Forms of the annual report pages."""

from django import forms

from reports.annual import normalised_section_text, report_years
from reports.markup import section_text_length_error


class SectionForm(forms.Form):
    # No `max_length`: its HTML maxlength would silently cut off pasted text; the page's
    # character count warns as the author types and clean_text refuses what is too long.
    text = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "govuk-textarea"}),
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
