"""Filters (django-filter): the workplan table's, and the one set of report parameters every
report page, export and PDF reads (`ReportFilter`)."""

import datetime
import functools
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower

from plans.forms import DateInputField
from plans.models import (
    CORE_FUNCTIONS,
    CORE_FUNCTIONS_LABEL,
    NOT_RATED,
    RATING_CHOICES_WITH_NOT_RATED,
    BusinessPlan,
    Person,
    Rating,
)
from plans.selectors import current_plans
from subgroups.brag import PlanJudgement, plan_as_at
from subgroups.models import Action, Closure, SubGroup


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
    lead = django_filters.ChoiceFilter(label="Lead", method="filter_lead", empty_label="All leads")
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
            ("lead_sort", "lead"),
            ("rating_rank", "rating"),
        ),
        field_labels={
            "reference": "Reference",
            "due_date": "Timeframe (due date)",
            "lead_sort": "Lead",
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
        self.filters["lead"].extra["choices"] = [(str(person.pk), person.name) for person in leads]

    def filter_queryset(self, queryset):
        # The sort keys are aliases: only a sort that uses one writes (and runs) it.
        return super().filter_queryset(queryset.alias(rating_rank=RATING_RANK, lead_sort=LEAD_SORT))

    def filter_lead(self, queryset, name, value):
        """Actions of which the person is one of the leads."""
        return queryset.filter(leads__pk=value)

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


# Sorting "by lead" goes by the first of an action's leads' names, as its Lead column reads.
LEAD_SORT = Subquery(
    Person.objects.filter(led_actions=OuterRef("pk"))
    .annotate(sort_name=Lower("name"))
    .order_by("sort_name")
    .values("sort_name")[:1]
)

# Sorting "by rating" puts the actions that need attention first.
RATING_RANK = Case(
    When(current_rating=Rating.RED, then=Value(1)),
    When(current_rating=Rating.AMBER, then=Value(2)),
    When(current_rating__isnull=True, then=Value(3)),
    When(current_rating=Rating.GREEN, then=Value(4)),
    When(current_rating=Rating.BLUE, then=Value(5)),
    output_field=IntegerField(),
)


# -- Report parameters --------------------------------------------------------------------

# Reports look back through the history; dates outside these years are mistakes.
EARLIEST_REPORT_DATE = datetime.date(2000, 1, 1)
LATEST_REPORT_DATE = datetime.date(2099, 12, 31)
REPORT_DATE_RANGE = [
    MinValueValidator(EARLIEST_REPORT_DATE, "Enter a date in 2000 or later."),
    MaxValueValidator(LATEST_REPORT_DATE, "Enter a date before 2100."),
]

# How the year choice and links spell "every workplan year of the plan".
WHOLE_PLAN = "all"

# Why an action is in the exception report: the condition on an action as it stood
# (`PlanJudgement.as_they_stood`), and the word for it.
EXCEPTION_REASONS = {
    "red": ("Red", Q(current_rating=Rating.RED)),
    "amber": ("Amber", Q(current_rating=Rating.AMBER)),
    "overdue": ("Overdue", Q(is_overdue=True)),
    "stale": ("Stale", Q(is_stale=True)),
}
# Why an action needs attention (My actions, `attention_needed`): never rated, or an exception
# reason; the condition on a live action with its current state and flags.
ATTENTION_REASONS = {
    NOT_RATED: ("Not yet rated", Q(current_rating__isnull=True)),
    **EXCEPTION_REASONS,
}
FLAGS = {"overdue": Q(is_overdue=True), "stale": Q(is_stale=True)}

LARGEST_ID = 2**63 - 1


def link_id(value: str) -> int:
    """The id a report link names; 0 (which matches nothing) for anything that is not one,
    so a mangled link shows no actions rather than failing."""
    value = str(value).strip()
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) <= LARGEST_ID else 0


class ReportDateWidget(DateInputWidget):
    """GOV.UK's day, month and year boxes, which also read the date as one YYYY-MM-DD value
    (`?as_at=2024-03-31`): the form that the links between report pages and shared URLs use."""

    def value_from_datadict(self, data, files, name):
        boxes = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if whole and not any(boxes):
            match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", whole.strip())
            # Anything else is handed on as it came, which the field refuses as not a date.
            return [match[3], match[2], match[1]] if match else whole
        return boxes

    def decompress(self, value):
        if isinstance(value, str):  # a whole value that is not a date: shown as empty boxes
            return [None, None, None]
        return super().decompress(value)


class ReportDateField(DateInputField):
    widget = ReportDateWidget

    def __init__(self, **kwargs):
        kwargs.pop("required", None)
        super().__init__(required=False, validators=REPORT_DATE_RANGE, **kwargs)
        self.error_messages["invalid"] = self.INVALID

    def compress(self, data_list):
        if any(data_list) and not all(data_list):
            raise ValidationError("Enter the day, month and year, or leave all three empty.", code="incomplete")
        return super().compress(data_list)


class ReportDateFilter(django_filters.Filter):
    field_class = ReportDateField


class LinkChoiceField(django_filters.fields.ChoiceField):
    """A select that also takes what a report link names and the select does not offer (an id
    of another plan's priority, a mangled link): such a value is not an error but matches no
    action, and the page says so in words (`ReportFilter.describe`). With `lenient` False (a
    page no other page links to with these values) such a value is refused beside the field."""

    def __init__(self, *args, lenient=True, **kwargs):
        self.lenient = lenient
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        return self.lenient or super().valid_value(value)


class LinkChoiceFilter(django_filters.ChoiceFilter):
    field_class = LinkChoiceField


class ListedPlanField(django_filters.fields.ModelChoiceField):
    """The plan select, checked against the plans the filter has read already (`listed`, the
    rows of its queryset) instead of reading the chosen one again; a value that is not one of
    them is refused as the ModelChoiceField refuses it."""

    listed: list = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        try:
            pk = int(value)
        except (TypeError, ValueError):
            pk = None
        found = next((plan for plan in self.listed if plan.pk == pk), None)
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return found


class ListedPlanFilter(django_filters.ModelChoiceFilter):
    field_class = ListedPlanField


@dataclass(frozen=True)
class ReportScope:
    """What a report counts: a plan, as at a date, over one workplan year or the whole plan
    (`year` None), and the earlier date its changes are compared with, if any."""

    plan: BusinessPlan
    as_at: datetime.date
    year: str | None
    since: datetime.date | None = None

    @property
    def judgement(self) -> PlanJudgement:
        return plan_as_at(self.plan, self.as_at, year=self.year)

    @property
    def year_label(self) -> str:
        """Which workplans count, for headings, captions and export titles."""
        if self.year:
            return f"{self.year} workplans"
        years = self.plan.years
        span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
        return f"whole plan ({span} workplans)"


class ReportParametersForm(forms.Form):
    def clean(self):
        data = super().clean()
        since, as_at = data.get("since"), data.get("as_at")
        if since and as_at and since >= as_at:
            self.add_error("since", "The date to compare with must be before the as-at date.")
        return data


class ReportFilter(django_filters.FilterSet):
    """The parameters of the report pages (dashboard, "since" view, exception report, the
    actions behind a count) and of their CSV, XLSX and PDF versions: read, validated (errors
    beside the field), described in words and rebuilt as a query string, in one place.

    `page` chooses which parameters a page takes (see PAGE_FIELDS). A parameter that is
    refused falls back to its default, and the form says why beside the field: the plan to
    the partnership's current plan, the date to the plan's reporting date, the year to the
    workplan year holding the date. The link parameters (priority, sub-group, theme, rating,
    flag, reason) narrow the actions with `filter_queryset`."""

    plan = ListedPlanFilter(
        label="Plan", queryset=BusinessPlan.objects.none(), empty_label=None, method="scope_only"
    )
    year = django_filters.ChoiceFilter(
        label="Workplan year",
        empty_label="The year holding the as-at date",
        method="scope_only",
        help_text="Count one year's workplans, or the whole plan.",
    )
    as_at = ReportDateFilter(
        label="As at",
        method="scope_only",
        help_text="Rebuilds the figures as they stood on this date, for example 31 3 2024. Leave empty for now.",
    )
    since = ReportDateFilter(
        label="Changes since",
        method="scope_only",
        help_text="For example the date of the last meeting: shows what has changed since.",
    )
    subgroup = LinkChoiceFilter(label="Sub-group", empty_label="All sub-groups", method="filter_subgroup")
    priority = LinkChoiceFilter(label="Priority", empty_label="All priorities", method="filter_priority")
    theme = LinkChoiceFilter(label="Cross-cutting theme", empty_label="All themes", method="filter_theme")
    rating = LinkChoiceFilter(
        label="BRAG rating",
        empty_label="All ratings",
        choices=[*RATING_CHOICES_WITH_NOT_RATED, *Closure.choices],
        method="filter_rating",
    )
    flag = LinkChoiceFilter(
        label="Overdue or stale",
        empty_label="Either or neither",
        choices=[(key, key.capitalize()) for key in FLAGS],
        method="filter_flag",
    )
    reason = LinkChoiceFilter(
        label="Reason",
        empty_label="Any reason",
        choices=[(key, label) for key, (label, _q) in EXCEPTION_REASONS.items()],
        method="filter_reason",
    )

    class Meta:
        form = ReportParametersForm

    PAGE_FIELDS = {
        "dashboard": ["plan", "year", "as_at", "since"],
        "exceptions": ["plan", "year", "as_at", "subgroup", "priority", "reason"],
        "actions": ["plan", "year", "as_at", "priority", "subgroup", "theme", "rating", "flag"],
        # My actions spans the user's current plans: a year (or each plan's current year), a
        # sub-group of their partnerships, a reason the action needs attention.
        "my-actions": ["year", "subgroup", "reason"],
    }
    SCOPE_FIELDS = ("plan", "year", "as_at", "since")

    def __init__(self, data, *, user, page: str):
        # Without parameters the page shows its defaults, with no errors to report.
        super().__init__(data or None, queryset=Action.objects.none())
        for name in [name for name in self.filters if name not in self.PAGE_FIELDS[page]]:
            del self.filters[name]
        plans = BusinessPlan.objects.visible_to(user).select_related("partnership")
        visible = list(plans)
        self.visible_plans = visible
        current = current_plans(visible)
        self.current_plans = current
        self.reasons = EXCEPTION_REASONS
        if "plan" not in self.filters:
            self._offer_for_current_plans()
            return
        # The plan the other choices are offered for: the one asked for if it is one of the
        # user's, else the default. The plan field itself still reports a wrong one.
        asked = link_id((data or {}).get("plan", ""))
        default = current[0] if current else (visible[0] if visible else None)
        self.chosen_plan = next((plan for plan in visible if plan.pk == asked), default)
        self.filters["plan"].queryset = plans
        plan = self.chosen_plan
        if plan is None:
            return
        self.filters["year"].extra["error_messages"] = {
            "invalid_choice": f"Choose a year of {plan.title} ({', '.join(plan.years)}) or the whole plan."
        }
        self.filters["year"].extra["choices"] = [
            *((year, year) for year in plan.years),
            (WHOLE_PLAN, f"The whole plan ({', '.join(plan.years)})"),
        ]
        # Choices are read only when the form is shown: a link's value is checked by its
        # filter, not by the select (see LinkChoiceField).
        if "priority" in self.filters:
            self.filters["priority"].extra["choices"] = lambda: [
                *((str(p.pk), str(p)) for p in plan.priorities.all()),
                (CORE_FUNCTIONS, CORE_FUNCTIONS_LABEL),
            ]
        if "theme" in self.filters:
            self.filters["theme"].extra["choices"] = lambda: [(str(t.pk), t.title) for t in plan.themes.all()]
        if "subgroup" in self.filters:
            self.filters["subgroup"].extra["choices"] = lambda: [
                (str(s.pk), s.short_name)
                for s in SubGroup.objects.filter(partnership=plan.partnership_id).order_by("short_name")
            ]

    def _offer_for_current_plans(self):
        """The choices of a page over each of the user's current plans (My actions): their
        years, their partnerships' sub-groups and the reasons an action needs attention. No
        other page links here with these values, so one not offered is refused beside its
        field."""
        current, self.chosen_plan = self.current_plans, None
        years = sorted({year for plan in current for year in plan.years})
        self.filters["year"].extra.update(
            choices=[*((year, year) for year in years), (WHOLE_PLAN, "The whole of each plan")],
            empty_label="Each plan's current year",
            error_messages={"invalid_choice": f"Choose a year ({', '.join(years)}) or the whole plan."},
        )
        if "subgroup" in self.filters:
            partnerships = {plan.partnership_id for plan in current}

            @functools.cache  # read once, to check a value, show the select and describe it
            def subgroups():
                found = SubGroup.objects.filter(partnership__in=partnerships).select_related("partnership")
                return [
                    (str(s.pk), s.short_name if len(partnerships) == 1 else f"{s.short_name} ({s.partnership.name})")
                    for s in found.order_by("short_name", "partnership__name")
                ]

            self.filters["subgroup"].extra.update(
                lenient=False,
                choices=subgroups,
                error_messages={"invalid_choice": "Choose a sub-group from the list, or all sub-groups."},
            )
        if "reason" in self.filters:
            self.reasons = ATTENTION_REASONS
            self.filters["reason"].extra.update(
                lenient=False,
                choices=[(key, label) for key, (label, _q) in ATTENTION_REASONS.items()],
                error_messages={"invalid_choice": "Choose a reason from the list, or any reason."},
            )

    @property
    def form(self):
        form = super().form
        if "plan" in form.fields:
            # The select offers, and the value is checked against, the plans read above.
            form.fields["plan"].listed = self.visible_plans
            form.fields["plan"].widget.choices = [
                (plan.pk, f"{plan.title} ({plan.partnership.name})") for plan in self.visible_plans
            ]
        for field in form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "govuk-select"
        return form

    def year_of(self, plan: BusinessPlan) -> str | None:
        """For a page over several plans (My actions): the year of `plan` counted, None for
        the whole plan; by default (or for a year the plan does not cover) the year holding
        its reporting date."""
        year = self.cleaned().get("year")
        if year == WHOLE_PLAN:
            return None
        return year if year in plan.years else plan.year_containing(plan.reporting_date())

    def cleaned(self) -> dict:
        """The parameters that passed (each refused one is left out, and has its error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.form.cleaned_data

    def scope(self) -> ReportScope | None:
        """The plan, date, year and "since" date to report on, each falling back to its
        default when missing or refused; None when the user has no plan to report on."""
        data = self.cleaned()
        plan = data.get("plan") or self.chosen_plan
        if plan is None:
            return None
        as_at = data.get("as_at") or plan.reporting_date()
        year = data.get("year")
        if year == WHOLE_PLAN:
            year = None
        elif year not in plan.years:
            year = plan.year_containing(as_at)
        since = data.get("since")
        return ReportScope(plan=plan, as_at=as_at, year=year, since=since if since and since < as_at else None)

    def query(self, **changes) -> dict:
        """The page's parameters as a link names them: the scope as resolved (so a link or a
        download counts what the page counts) and the link filters as given; `changes`
        replace or (with None) remove some."""
        scope = self.scope()
        query = {}
        if scope:
            query = {"plan": scope.plan.pk, "year": scope.year or WHOLE_PLAN, "as_at": scope.as_at.isoformat()}
            if scope.since and "since" in self.filters:
                query["since"] = scope.since.isoformat()
        for name in self.filters:
            if name not in self.SCOPE_FIELDS and (self.data or {}).get(name):
                query[name] = self.data[name]
        query.update(changes)
        return {key: value for key, value in query.items() if value is not None}

    def query_string(self, **changes) -> str:
        return urlencode(self.query(**changes))

    def describe(self) -> list[str]:
        """The link filters in words ("rated Amber", "in Priority 1: Early Help", …), so a
        page or PDF behind a count says which actions it shows."""
        params, scope, words = self.cleaned(), self.scope(), []
        plan = scope.plan if scope else None
        rating = params.get("rating")
        if "rating" in self.filters:
            if rating in Closure.values:
                words.append(f"closed as {Closure(rating).label.lower()}")
            elif rating == NOT_RATED:
                words.append("not yet rated")
            elif rating in Rating.values:
                words.append(f"rated {Rating(rating).label}")
        if "flag" in self.filters and params.get("flag") in FLAGS:
            words.append(f"that are {params['flag']}")
        if "reason" in self.filters and params.get("reason") in self.reasons:
            words.append(f"reason {self.reasons[params['reason']][0]}")
        priority = params.get("priority")
        if "priority" in self.filters and priority == CORE_FUNCTIONS:
            words.append("in the core functions (no priority)")
        elif "priority" in self.filters and priority:
            found = plan.priorities.filter(pk=link_id(priority)).first()
            words.append(f"in {found}" if found else "in a priority not in this plan")
        if "subgroup" in self.filters and params.get("subgroup"):
            if plan is None:  # a page over the current plans, which refuses a sub-group not offered
                name = dict(self.filters["subgroup"].extra["choices"]())[params["subgroup"]]
                words.append(f"of the {name} sub-group")
            else:
                found = SubGroup.objects.filter(partnership=plan.partnership_id, pk=link_id(params["subgroup"])).first()
                words.append(f"of the {found.short_name} sub-group" if found else "of a sub-group not in this partnership")
        if "theme" in self.filters and params.get("theme"):
            found = plan.themes.filter(pk=link_id(params["theme"])).first()
            words.append(f"with the theme {found.title}" if found else "with a theme not in this plan")
        return words

    def filter_queryset(self, queryset):
        """`queryset` (actions as they stood, see `PlanJudgement.as_they_stood`) narrowed by the
        page's link filters."""
        return super().filter_queryset(queryset) if self.cleaned() else queryset

    def scope_only(self, queryset, name, value):
        # The plan, year and dates choose which actions are judged (`ReportScope.judgement`),
        # so they do not narrow the judged rows again.
        return queryset

    def filter_priority(self, queryset, name, value):
        if value == CORE_FUNCTIONS:
            return queryset.filter(priority__isnull=True)
        return queryset.filter(priority_id=link_id(value))

    def filter_subgroup(self, queryset, name, value):
        return queryset.filter(workplan__subgroup_id=link_id(value))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes=link_id(value))

    def filter_rating(self, queryset, name, value):
        # A closed action is counted under its closure, not its rating (subgroups.brag).
        if value in Closure.values:
            return queryset.filter(closure_then=value)
        if value == NOT_RATED:
            return queryset.filter(current_rating__isnull=True, closure_then="")
        return queryset.filter(current_rating=value, closure_then="") if value in Rating.values else queryset

    def filter_flag(self, queryset, name, value):
        return queryset.filter(FLAGS[value]) if value in FLAGS else queryset

    def filter_reason(self, queryset, name, value):
        return queryset.filter(self.reasons[value][1]) if value in self.reasons else queryset
