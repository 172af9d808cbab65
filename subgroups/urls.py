from django.urls import path

from subgroups import plan_views, views, year_end_views

app_name = "subgroups"

urlpatterns = [
    path("subgroups/<int:pk>/", views.subgroup_detail, name="subgroup-detail"),
    path("subgroups/<int:pk>/settings/", views.subgroup_settings, name="subgroup-settings"),
    path("workplans/<int:pk>/", views.workplan_detail, name="workplan-detail"),
    path("workplans/<int:pk>/year-end/", year_end_views.workplan_year_end, name="workplan-year-end"),
    path("plans/<int:pk>/year-end/", year_end_views.plan_year_end, name="plan-year-end"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", views.action_update, name="action-update"),
    path("actions/<int:pk>/row/", views.action_row, name="action-row"),
    path("my-actions/", views.my_actions, name="my-actions"),
    path("my-actions/update/", views.my_actions_update_round, name="my-actions-update-round"),
    path("workplans/<int:pk>/update/", views.workplan_update_round, name="workplan-update-round"),
    path("workplans/<int:pk>/actions/new/", views.action_create_view, name="action-create"),
    path("actions/<int:pk>/edit/", views.action_edit_view, name="action-edit"),
    path("actions/<int:pk>/retire/", views.action_retire_view, name="action-retire"),
    path("actions/<int:pk>/move/", views.action_move_view, name="action-move"),
    path("subgroups/<int:pk>/import/", views.workplan_import_upload, name="workplan-import"),
    path(
        "subgroups/<int:pk>/import/<str:token>/",
        views.workplan_import_preview,
        name="workplan-import-preview",
    ),
]

# Pages of the plan that show its BRAG counts: named in the plans namespace (mscp/urls.py).
plan_pages = [
    path("", plan_views.home, name="home"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan-detail"),
]
