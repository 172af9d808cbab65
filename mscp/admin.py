"""The Django admin as configuration for superusers only.

Partnership staff (the BSU included) configure their own partnership through the product's
pages, which go through the services and stay within the partnership. The admin sees every
partnership's rows, so only an active superuser may open it: anyone else who is signed in
gets the admin's "not authorised" sign-in page, never a list of rows.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError


class SuperuserAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing every account that is not a superuser."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the correct %(username)s and password for a configuration "
            "(superuser) account. Note that both fields may be case-sensitive."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class ConfigurationAdminSite(admin.AdminSite):
    site_header = "Partnership Plan Tracker – configuration"
    site_title = "Partnership Plan Tracker configuration"
    login_form = SuperuserAuthenticationForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser
