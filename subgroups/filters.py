"""Filtering and sorting the workplan table (django-filter)."""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django.db.models import Case, IntegerField, Value, When

from plans.models import (
    CORE_FUNCTIONS,
    CORE_FUNCTIONS_LABEL,
    NOT_RATED,
    RATING_CHOICES_WITH_NOT_RATED,
    Rating,
)


class ActionFilter(django_filters.FilterSet):
    """Filters for one workplan's actions. Expects a queryset from `with_current_state` and
    `with_flags`, and the workplan whose choices (priorities, themes, leads) it offers."""

    priority = django_filters.ChoiceFilter(
        label="Priority", method="filter_priority", empty_label="All priorities"
    )
    theme = django_filters.ChoiceFilter(
        label="Cross-cutting theme", field_name="themes", empty_label="All themes"
    )
    rating = django_filters.ChoiceFilter(
        label="BRAG rating",
        method="filter_rating",
        empty_label="All ratings",
        choices=RATING_CHOICES_WITH_NOT_RATED,
    )
    lead = django_filters.ChoiceFilter(label="Lead", empty_label="All leads")
    overdue = django_filters.ChoiceFilter(
        label="Overdue",
        method="filter_overdue",
        empty_label="Overdue or not",
        choices=[("true", "Overdue only"), ("false", "Not overdue")],
    )
    sort = django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Priority (as in the plan)",
        fields=(
            ("reference", "reference"),
            ("due_date", "due"),
            ("lead", "lead"),
            ("rating_rank", "rating"),
        ),
        field_labels={
            "reference": "Reference",
            "due_date": "Timeframe (due date)",
            "lead": "Lead",
            "rating_rank": "BRAG rating (red first)",
        },
    )

    def __init__(self, data=None, queryset=None, *, workplan, leads, **kwargs):
        super().__init__(data, queryset, **kwargs)
        plan = workplan.plan
        self.filters["priority"].extra["choices"] = [
            *((str(p.pk), str(p)) for p in plan.priorities.all()),
            (CORE_FUNCTIONS, CORE_FUNCTIONS_LABEL),
        ]
        self.filters["theme"].extra["choices"] = [(str(t.pk), t.title) for t in plan.themes.all()]
        self.filters["lead"].extra["choices"] = [(lead, lead) for lead in leads]

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "helper"):
            form.helper = FormHelper()
            form.helper.form_method = "get"
            form.helper.add_input(Submit("apply", "Apply filters"))
        return form

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.annotate(rating_rank=RATING_RANK))

    def filter_priority(self, queryset, name, value):
        if value == CORE_FUNCTIONS:
            return queryset.filter(priority__isnull=True)
        return queryset.filter(priority_id=value)

    def filter_rating(self, queryset, name, value):
        if value == NOT_RATED:
            return queryset.filter(current_rating__isnull=True)
        return queryset.filter(current_rating=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(is_overdue=value == "true")


# Sorting "by rating" puts the actions that need attention first.
RATING_RANK = Case(
    When(current_rating=Rating.RED, then=Value(1)),
    When(current_rating=Rating.AMBER, then=Value(2)),
    When(current_rating__isnull=True, then=Value(3)),
    When(current_rating=Rating.GREEN, then=Value(4)),
    When(current_rating=Rating.BLUE, then=Value(5)),
    output_field=IntegerField(),
)
