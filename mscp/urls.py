"""Root URLs. Every page needs a login (LoginRequiredMiddleware); the login page is exempt."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from plans.forms import ChangePasswordForm, SignInForm

admin.site.site_header = "Partnership Plan Tracker – configuration"
admin.site.site_title = "Partnership Plan Tracker configuration"

urlpatterns = [
    path("", include("plans.urls")),
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
    path("admin/", admin.site.urls),
]
