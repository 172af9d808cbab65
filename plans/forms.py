"""Forms of the plans app.

The account forms are Django's without `autofocus`: Django puts it on their first field, which
sends keyboard and screen-reader users past the "Skip to main content" link and the page
heading. GOV.UK pages never move focus on load.
"""

import datetime

from crispy_forms_gds.fields import DateInputField as GovukDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils import timezone


class DateInputField(GovukDateInputField):
    """GOV.UK's day, month and year boxes, with one plain message for a date that does not
    exist (30 February, year 99999) instead of Python's."""

    INVALID = "Enter a real date, for example 31 3 2025."

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:
            raise ValidationError(self.INVALID, code="invalid") from error


class _NoAutofocus:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class SignInForm(_NoAutofocus, AuthenticationForm):
    """Django's sign-in form. A username longer than any account's is answered like a wrong
    password without trying it: Django only sets the box's maxlength, and the sign-in record
    (django-axes) cannot store such a name."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return super().clean()


class ChangePasswordForm(_NoAutofocus, PasswordChangeForm):
    pass


class ResetPasswordForm(_NoAutofocus, PasswordResetForm):
    pass


class NewPasswordForm(_NoAutofocus, SetPasswordForm):
    pass


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message beside its field where the form has
    that field, the rest at the top."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


class PlanAdditionForm(forms.Form):
    """A priority or theme added to a live plan, with the date it was added."""

    title = forms.CharField(max_length=200)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    added_on = DateInputField(
        label="Date added",
        require_all_fields=False,
        help_text="The date the partnership agreed it, for example 1 9 2022.",
    )

    def __init__(self, *args, text_label: str, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("added_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["text"].label = text_label
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("title"), Field.textarea("text"), Field("added_on"), Submit("save", "Add")
        )
