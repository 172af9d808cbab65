from django.urls import path

from reports import annual_views, challenge_views, meeting_views, review_views, views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("actions/", views.action_list, name="actions"),
    path("workplans/<int:pk>/pdf/", views.workplan_pdf, name="workplan-pdf"),
    path("annual/", annual_views.annual_list, name="annual-list"),
    path("annual/start/<int:plan_pk>/", annual_views.annual_start, name="annual-start"),
    path("annual/<int:pk>/", annual_views.annual_detail, name="annual-detail"),
    path("annual/<int:pk>/pdf/", annual_views.annual_pdf, name="annual-pdf"),
    path("annual/<int:pk>/publish/", annual_views.annual_publish, name="annual-publish"),
    path("annual/<int:pk>/sign-off/", annual_views.sign_off_create, name="annual-sign-off"),
    path("annual/<int:pk>/dispatches/new/", annual_views.dispatch_create, name="annual-dispatch"),
    path("annual/<int:pk>/new-draft/", annual_views.annual_start_from, name="annual-start-from"),
    path("annual/<int:pk>/sections/<slug:slug>/", annual_views.section_edit, name="annual-section"),
    path(
        "annual/<int:pk>/sections/<slug:slug>/preview/",
        annual_views.section_preview,
        name="annual-section-preview",
    ),
    path("meetings/", meeting_views.meeting_list, name="meeting-list"),
    path(
        "partnerships/<int:partnership_pk>/meetings/new/",
        meeting_views.meeting_create_view,
        name="meeting-create",
    ),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit_view, name="meeting-edit"),
    path("meetings/<int:pk>/delete/", meeting_views.meeting_delete_view, name="meeting-delete"),
    path("meetings/<int:pk>/pdf/", meeting_views.meeting_pack_pdf, name="meeting-pack"),
    path("meetings/<int:pk>/not-updated/", meeting_views.meeting_not_updated, name="meeting-not-updated"),
    path("challenges/", challenge_views.challenge_list, name="challenge-list"),
    path(
        "partnerships/<int:partnership_pk>/challenges/new/",
        challenge_views.challenge_create,
        name="challenge-create",
    ),
    path("challenges/<int:pk>/", challenge_views.challenge_detail, name="challenge-detail"),
    path("challenges/<int:pk>/respond/", challenge_views.challenge_respond_view, name="challenge-respond"),
    path("challenges/<int:pk>/close/", challenge_views.challenge_close_view, name="challenge-close"),
    path("reviews/", review_views.review_list, name="review-list"),
    path("partnerships/<int:partnership_pk>/reviews/new/", review_views.review_create_view, name="review-create"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review-detail"),
    path("reviews/<int:pk>/edit/", review_views.review_edit_view, name="review-edit"),
    path("reviews/<int:pk>/findings/new/", review_views.finding_create_view, name="finding-create"),
    path("findings/<int:pk>/edit/", review_views.finding_edit_view, name="finding-edit"),
    path("findings/<int:pk>/remove/", review_views.finding_remove_view, name="finding-remove"),
    path("reviews/<int:pk>/recommendations/new/", review_views.recommendation_create_view, name="recommendation-create"),
    path("recommendations/<int:pk>/edit/", review_views.recommendation_edit_view, name="recommendation-edit"),
    path("recommendations/<int:pk>/remove/", review_views.recommendation_remove_view, name="recommendation-remove"),
    path("recommendations/<int:pk>/actions/", review_views.recommendation_actions_view, name="recommendation-actions"),
]
