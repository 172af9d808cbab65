"""The parameters every report page takes: which plan, and "as at" which date."""

import datetime
import re

from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from plans.forms import DateInputField
from plans.models import BusinessPlan


# Reports look back through the history; dates outside these years are mistakes.
EARLIEST_REPORT_DATE = datetime.date(2000, 1, 1)
LATEST_REPORT_DATE = datetime.date(2099, 12, 31)
REPORT_DATE_RANGE = [
    MinValueValidator(EARLIEST_REPORT_DATE, "Enter a date in 2000 or later."),
    MaxValueValidator(LATEST_REPORT_DATE, "Enter a date before 2100."),
]


class ReportDateWidget(DateInputWidget):
    """GOV.UK's day, month and year boxes, which also read the date as one YYYY-MM-DD value
    (`?as_at=2024-03-31`): the form that the links between report pages and shared URLs use."""

    def value_from_datadict(self, data, files, name):
        boxes = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if whole and not any(boxes):
            match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", whole.strip())
            # Anything else is handed on as it came, which the field refuses as not a date.
            return [match[3], match[2], match[1]] if match else whole
        return boxes

    def decompress(self, value):
        if isinstance(value, str):  # a whole value that is not a date: shown as empty boxes
            return [None, None, None]
        return super().decompress(value)


class ReportDateField(DateInputField):
    widget = ReportDateWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, validators=REPORT_DATE_RANGE, **kwargs)
        self.error_messages["invalid"] = self.INVALID

    def compress(self, data_list):
        if any(data_list) and not all(data_list):
            raise ValidationError("Enter the day, month and year, or leave all three empty.", code="incomplete")
        return super().compress(data_list)


class ReportForm(forms.Form):
    plan = forms.ModelChoiceField(
        queryset=BusinessPlan.objects.none(), empty_label=None, required=False
    )
    as_at = ReportDateField(
        label="As at",
        help_text="Rebuilds the figures as they stood on this date, for example 31 3 2024. Leave empty for now.",
    )
    since = ReportDateField(
        label="Changes since",
        help_text="For example the date of the last meeting: shows what has changed since.",
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
