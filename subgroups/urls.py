from django.urls import path

from subgroups import views

app_name = "subgroups"

urlpatterns = [
    path("subgroups/<int:pk>/", views.subgroup_detail, name="subgroup-detail"),
    path("workplans/<int:pk>/", views.workplan_detail, name="workplan-detail"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
]
