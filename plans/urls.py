from django.urls import path

from plans import views

app_name = "plans"

# The home page (`plans:home`) and the plan page (`plans:plan-detail`) show BRAG counts, so
# they live in subgroups (subgroups.urls.plan_pages); mscp/urls.py joins both lists under
# this namespace.

urlpatterns = [
    path(
        "plans/<int:pk>/priorities/new/",
        views.plan_addition,
        {"kind": "priority"},
        name="priority-create",
    ),
    path("plans/<int:pk>/themes/new/", views.plan_addition, {"kind": "theme"}, name="theme-create"),
    path("partnerships/<int:pk>/people/", views.people, name="people"),
    path("partnerships/<int:pk>/people/new/", views.person_add, name="person-add"),
    path(
        "partnerships/<int:pk>/people/<int:membership_pk>/",
        views.membership_edit,
        name="membership-edit",
    ),
    path(
        "partnerships/<int:pk>/people/<int:membership_pk>/remove/",
        views.membership_remove_view,
        name="membership-remove",
    ),
    path(
        "partnerships/<int:pk>/people/<int:membership_pk>/send-link/",
        views.membership_send_link,
        name="membership-send-link",
    ),
    path("partnerships/<int:pk>/settings/", views.partnership_settings, name="partnership-settings"),
    path("partnerships/<int:pk>/logo/", views.partnership_logo_view, name="partnership-logo"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]

urlpatterns += [
    path("partnerships/<int:pk>/directory/", views.directory, name="directory"),
    path("partnerships/<int:pk>/directory/new/", views.directory_add, name="directory-add"),
    path("partnerships/<int:pk>/directory/<int:person_pk>/", views.directory_edit, name="directory-edit"),
    path(
        "partnerships/<int:pk>/directory/<int:person_pk>/remove/",
        views.directory_remove,
        name="directory-remove",
    ),
]

urlpatterns += [
    path("partnerships/<int:pk>/lead-partners/", views.lead_partners, name="lead-partners"),
    path("partnerships/<int:pk>/lead-partners/new/", views.lead_partner_add_view, name="lead-partner-add"),
    path(
        "partnerships/<int:pk>/lead-partners/<int:partner_pk>/",
        views.lead_partner_edit_view,
        name="lead-partner-edit",
    ),
    path(
        "partnerships/<int:pk>/lead-partners/<int:partner_pk>/remove/",
        views.lead_partner_remove_view,
        name="lead-partner-remove",
    ),
]
