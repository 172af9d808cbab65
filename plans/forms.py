"""Forms of the plans app.

The account forms are Django's without `autofocus`: Django puts it on their first field, which
sends keyboard and screen-reader users past the "Skip to main content" link and the page
heading. GOV.UK pages never move focus on load.
"""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.fields import DateInputField as GovukDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst

from plans.models import Membership, Person
from plans.text import with_lf_newlines


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


class Textarea(forms.Textarea):
    """Every form's textarea: its text arrives with LF line breaks (plans.text), so what is
    saved, measured against a length limit and compared is what the person typed."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return with_lf_newlines(value) if isinstance(value, str) else value


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


def removal_refusal(request, remove, **target) -> str | None:
    """POST of a remove page: `remove(**target, expected_version=..., by=...)` with the version
    the page asked about (its hidden "version" field). Returns the refusal in words, or None
    once removed."""
    try:
        version = int(request.POST.get("version") or 0)
    except ValueError:
        return "The page was out of date: try again."
    try:
        remove(**target, expected_version=version, by=request.user)
    except ValidationError as refusal:
        return " ".join(refusal.messages)
    return None


def tell_saved(request, record, *, expected_version: int, name: str) -> None:
    """The message after an edit of a versioned `record`: "<name> saved.", or, when its service
    wrote nothing (the edit changed nothing, so the version is the one the form was opened
    at), that nothing was saved."""
    if record.version == expected_version:
        messages.info(request, f"Nothing saved: {name} had no changes.")
    else:
        messages.success(request, f"{capfirst(name)} saved.")


class ListFilterForm(forms.Form):
    """The filters of a register or log page (a GET form). A value it does not offer is refused
    beside its field, and the list is then shown unfiltered by it."""

    def value(self, name: str) -> str:
        if not self.is_bound or not self.is_valid() and name in self.errors:
            return ""
        return self.cleaned_data.get(name, "")

    @property
    def filtered(self) -> bool:
        return any(self.value(name) for name in self.fields)


class PlanAdditionForm(forms.Form):
    """A priority or theme added to a live plan, with the date it was added."""

    title = forms.CharField(max_length=200)
    text = forms.CharField(widget=Textarea(attrs={"rows": 4}), required=False)
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


ROLE_HINTS = {
    Membership.Role.BSU: "Edits everything in the partnership, including its people and sub-groups.",
    Membership.Role.LEAD: "Edits the actions of the sub-groups they lead; updates the actions they lead.",
    Membership.Role.EXECUTIVE: "Reads everything; reviews the dashboard and exceptions.",
    Membership.Role.VIEWER: "Reads the plan and workplans.",
    Membership.Role.SCRUTINEER: (
        "Reads everything; raises challenges and writes the annual report's scrutiny statement."
    ),
}


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Role",
        choices=[Choice(value, label, hint=ROLE_HINTS[value]) for value, label in Membership.Role.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose one of the roles."},
    )


def _role_layout() -> Field:
    return Field.radios("role", legend_size=Size.SMALL, small=True)


class PersonAddForm(forms.Form):
    """Someone to add to the partnership: a new account, or an existing one (its username
    and the email address it uses)."""

    username = forms.CharField(
        label="Username",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="What they sign in with: letters, digits and @ . + - _ only.",
        error_messages={"required": "Enter a username."},
    )
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        help_text="Where the link to set their password goes. For an existing account, the "
        "address that account uses.",
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address in the right form, like name@example.org.",
        },
    )
    role = _role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.text("email", field_width=30),
            _role_layout(),
            Submit("save", "Add person"),
        )

    def clean_username(self):
        return self.cleaned_data["username"].strip()


class MembershipRoleForm(forms.Form):
    """A member's role in the partnership."""

    role = _role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(_role_layout(), Submit("save", "Save role"))


class DirectoryPersonForm(forms.Form):
    """Someone in the directory. `version` is the version the editor loaded, so a concurrent
    edit is noticed rather than overwritten."""

    name = forms.CharField(
        label="Name or post",
        max_length=200,
        help_text='As workplans name them, for example "Head of Early Help, LBM".',
        error_messages={"required": "Enter their name or post."},
    )
    role = forms.CharField(label="Role or job title (optional)", max_length=200, required=False)
    agency = forms.CharField(label="Agency (optional)", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the right form, like name@example.org."},
    )
    user = forms.ModelChoiceField(
        label="Account (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="No account: they do not sign in",
        help_text="Their login, if they have one: they then see the actions they lead in My actions "
        "and can update them.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members, submit_label="Save person", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.username})"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("role"),
            Field.text("agency"),
            Field.text("email", field_width=30),
            Field.select("user"),
            "version",
            Submit("save", submit_label),
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class PersonMergeForm(forms.Form):
    """The person a duplicate entry is merged into."""

    into = forms.ModelChoiceField(
        label="Merge into",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person to merge into.", "invalid_choice": "Choose a person of the directory."},
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = others
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.select("into"), Submit("merge", "Merge", css_class="govuk-button--secondary"))


class PartnershipLogoForm(forms.Form):
    """The partnership's logo and its description. The service checks the file's content."""

    logo = forms.FileField(
        label="Logo",
        required=False,
        help_text="A PNG or JPEG image, smaller than 1 MB. It appears on the cover of the annual report.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    logo_alt = forms.CharField(
        label="Describe the logo",
        max_length=200,
        required=False,
        help_text="For people who cannot see it, for example “Merton Safeguarding Children Partnership logo”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("logo"), Field.text("logo_alt"), Submit("save", "Save logo"))


class LeadPartnerForm(forms.Form):
    """A lead safeguarding partner; `version` is the one the editor loaded."""

    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text='For example "London Borough of Merton" or "NHS South West London Integrated Care Board".',
        error_messages={"required": "Enter the organisation."},
    )
    role = forms.CharField(
        label="Lead partner's role",
        max_length=200,
        help_text='The statutory lead, for example "Chief Executive" or "Commissioner of Police of the Metropolis".',
        error_messages={"required": "Enter the lead partner's role."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, submit_label="Save lead partner", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("organisation"), Field.text("role"), "version", Submit("save", submit_label))
