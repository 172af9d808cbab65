"""Root URLs. Every page needs a login (LoginRequiredMiddleware); the login page is exempt."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mscp import observability
from plans import accounts
from plans import urls as plans_urls
from plans import views as plans_views
from plans.forms import ChangePasswordForm, NewPasswordForm, ResetPasswordForm, SignInForm
from subgroups import urls as subgroups_urls

handler500 = observability.server_error

urlpatterns = [
    path("healthz", observability.healthz, name="healthz"),
    path("favicon.ico", plans_views.favicon),
    # The plan's pages, with those that show BRAG counts (they live in subgroups), under one
    # namespace: `plans:home` and `plans:plan-detail` stay where they always were.
    path("", include((subgroups_urls.plan_pages + plans_urls.urlpatterns, plans_urls.app_name))),
    path("", include("subgroups.urls")),
    path("reports/", include("reports.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Password reset never says whether an address belongs to an account, and is throttled.
    path(
        "accounts/password/reset/",
        accounts.PasswordResetView.as_view(
            form_class=ResetPasswordForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={"reset_timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400}
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Configuration for superusers only: see mscp/admin.py.
    path("admin/", admin.site.urls),
]
