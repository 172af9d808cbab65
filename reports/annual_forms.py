"""Forms of the annual report pages."""

from django import forms

from reports.annual import report_years


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "govuk-textarea"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StartReportForm(forms.Form):
    year = forms.ChoiceField(label="Reporting year", error_messages={"required": "Choose the reporting year."})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in report_years(plan)]
        self.fields["year"].error_messages["invalid_choice"] = "Choose a year the plan covers."
