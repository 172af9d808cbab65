"""Forms of the sign-off and publication record pages. They only check input; the services
in reports/publication.py apply the rules and save."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from plans.forms import DateInputField
from reports.models import Dispatch


class SignOffForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Lead partner",
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the lead partner who signed off the report."},
    )
    signed_by = forms.CharField(
        label="Name of the person who signed", max_length=200,
        error_messages={"required": "Enter the name of the person who signed."},
    )
    role = forms.CharField(
        label="Their role",
        max_length=200,
        help_text="A delegate says on whose behalf, for example “Director of Children's Services, on behalf "
        "of the Chief Executive”.",
        error_messages={"required": "Enter their role."},
    )
    signed_on = DateInputField(
        label="Date signed", require_all_fields=False, help_text="For example 20 9 2024."
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].error_messages["required"] = "Enter the date they signed."
        self.fields["partner"].queryset = partners
        self.fields["partner"].label_from_instance = lambda partner: f"{partner.organisation} ({partner.role})"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("partner", legend_size=Size.SMALL),
            Field.text("signed_by"),
            Field.text("role"),
            Field("signed_on"),
            Submit("save", "Record sign-off"),
        )


class DispatchForm(forms.Form):
    recipient = forms.ChoiceField(
        label="Sent to",
        choices=Dispatch.Recipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the report was sent to."},
    )
    recipient_name = forms.CharField(
        label="Who it was sent to, if someone else", max_length=200, required=False,
        help_text="For example “Merton Health and Wellbeing Board”.",
    )
    sent_on = DateInputField(
        label="Date sent", require_all_fields=False, help_text="For example 27 9 2024."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].error_messages["required"] = "Enter the date it was sent."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("recipient", legend_size=Size.SMALL),
            Field.text("recipient_name"),
            Field("sent_on"),
            Submit("save", "Record date sent"),
        )
