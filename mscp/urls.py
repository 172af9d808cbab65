"""Root URLs. Every page needs a login (LoginRequiredMiddleware); the login page and the
public pages of published annual reports are exempt."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from mscp import observability
from plans import accounts
from plans import urls as plans_urls
from plans import views as plans_views
from plans.forms import ChangePasswordForm, NewPasswordForm, ResetPasswordForm, SignInForm
from reports import public_views
from subgroups import urls as subgroups_urls

handler500 = observability.server_error

# The public pages of a published annual report, at a stable address per partnership and year
# (reports/public_views.py): exempt from the login requirement one by one.
public_pages = [
    path("<slug:partnership>/<str:year>/", login_not_required(public_views.report), name="report"),
    path("<slug:partnership>/<str:year>/pdf/", login_not_required(public_views.report_pdf), name="report-pdf"),
    path(
        "<slug:partnership>/<str:year>/families/",
        login_not_required(public_views.family_summary),
        name="family-summary",
    ),
]

urlpatterns = [
    path("healthz", observability.healthz, name="healthz"),
    path("favicon.ico", plans_views.favicon),
    # The plan's pages, with those that show BRAG counts (they live in subgroups), under one
    # namespace: `plans:home` and `plans:plan-detail` stay where they always were.
    path("", include((subgroups_urls.plan_pages + plans_urls.urlpatterns, plans_urls.app_name))),
    path("", include("subgroups.urls")),
    path("reports/", include("reports.urls")),
    # A published annual report is public: these pages, and only these, need no sign-in.
    path("published/", include((public_pages, "public"))),
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
