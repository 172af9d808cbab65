from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path(
        "plans/<int:pk>/priorities/new/",
        views.plan_addition,
        {"kind": "priority"},
        name="priority-create",
    ),
    path("plans/<int:pk>/themes/new/", views.plan_addition, {"kind": "theme"}, name="theme-create"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
