"""The parameters every report page takes: which plan, and "as at" which date."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from plans.models import BusinessPlan


# Reports look back through the history; dates outside these years are mistakes.
EARLIEST_REPORT_DATE = datetime.date(2000, 1, 1)
LATEST_REPORT_DATE = datetime.date(2099, 12, 31)
REPORT_DATE_RANGE = [
    MinValueValidator(EARLIEST_REPORT_DATE, "Enter a date in 2000 or later."),
    MaxValueValidator(LATEST_REPORT_DATE, "Enter a date before 2100."),
]


class ReportForm(forms.Form):
    plan = forms.ModelChoiceField(
        queryset=BusinessPlan.objects.none(), empty_label=None, required=False
    )
    as_at = forms.DateField(
        label="As at",
        required=False,
        input_formats=["%Y-%m-%d"],
        validators=REPORT_DATE_RANGE,
        help_text="Rebuilds the figures as they stood on this date. Leave empty for now.",
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2024-03-31."},
    )

    since = forms.DateField(
        label="Changes since",
        required=False,
        input_formats=["%Y-%m-%d"],
        validators=REPORT_DATE_RANGE,
        help_text="For example the date of the last meeting: shows what has changed since.",
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2024-01-31."},
    )

    def clean(self):
        data = super().clean()
        since, as_at = data.get("since"), data.get("as_at")
        if since and as_at and since >= as_at:
            self.add_error("since", "The date to compare with must be before the as-at date.")
        return data

    def __init__(self, data, *, user):
        super().__init__(data)
        plans = BusinessPlan.objects.visible_to(user).select_related("partnership")
        self.fields["plan"].queryset = plans
        self.fields["plan"].widget.attrs["class"] = "govuk-select"
        self.fields["plan"].label_from_instance = lambda plan: f"{plan.title} ({plan.partnership.name})"
        self.default_plan = plans.order_by("status", "-period_start").first()

    def chosen(self):
        """The plan and date to report on, falling back to the defaults for anything missing
        or wrong (the form shows the error beside the field)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        plan = data.get("plan") or self.default_plan
        if plan is None:
            return None, None
        as_at = data.get("as_at") or plan.reporting_date()
        return plan, as_at
