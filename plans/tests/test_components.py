"""The shared template components: breadcrumbs, the edit-conflict banner and the filter forms'
fields render the same GOV.UK markup wherever a page uses them."""

import re
from types import SimpleNamespace

import pytest
from crispy_forms_gds.fields import DateInputField as GovukDateInputField
from django import forms
from django.template import Context, Template
from django.urls import reverse

from plans.links import url_with_pk
from plans.tests.factories import BusinessPlanFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return " ".join(Template("{% load components %}" + source).render(Context(context)).split())


def test_breadcrumbs_link_url_names_objects_and_addresses_then_name_the_current_page():
    plan = BusinessPlanFactory(title="Plan 2023-25")
    html = render(
        '{% breadcrumbs "Plans" "plans:home" plan.title plan "People" "/partnerships/1/people/" current=here %}',
        plan=plan,
        here="Q&A",
    )
    assert html.startswith('<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">')
    assert f'<a class="govuk-breadcrumbs__link" href="{reverse("plans:home")}">Plans</a>' in html
    assert f'<a class="govuk-breadcrumbs__link" href="{plan.get_absolute_url()}">Plan 2023-25</a>' in html
    assert '<a class="govuk-breadcrumbs__link" href="/partnerships/1/people/">People</a>' in html
    assert html.endswith('<li class="govuk-breadcrumbs__list-item" aria-current="page">Q&amp;A</li> </ol></nav>')


def test_a_breadcrumb_without_a_link_is_left_out():
    """A sub-group with no workplan yet has no plan to go back to."""
    html = render('{% breadcrumbs "Plans" "plans:home" plan.title plan current="PEI" %}', plan="")
    assert html.count("govuk-breadcrumbs__link") == 1


def test_conflict_banner_lists_what_the_other_person_changed():
    conflict = SimpleNamespace(
        changed_by="Sam Lead", changes=[SimpleNamespace(field="Lead", old="Ann", new="Bo")]
    )
    html = render('{% include "includes/edit_conflict_banner.html" with thing="action" %}', conflict=conflict)
    assert "Sam Lead changed this action while you were editing it" in html
    assert "<strong>Lead</strong>: from “Ann” to “Bo”" in html
    assert 'role="alert"' in html


def test_conflict_banner_shows_prose_as_it_now_reads():
    conflict = SimpleNamespace(changed_by="Sam Lead", changes=[])
    html = render(
        '{% include "includes/edit_conflict_banner.html" with thing="section" their_text="" %}', conflict=conflict
    )
    assert "Sam Lead changed this section while you were editing it" in html
    assert "This is what the section says now:" in html and "(empty)" in html
    assert "what they changed" not in html


class FilterForm(forms.Form):
    plan = forms.ChoiceField(label="Plan", choices=[("1", "Plan A & B"), ("2", "Plan C")])
    year = forms.ChoiceField(
        label="Workplan year", choices=[("", "Any year"), ("2024-25", "2024-25")], required=False,
        help_text="Count one year's workplans.",
    )
    words = forms.CharField(label="Words", required=False, help_text="Any words <em>at all</em>")
    as_at = GovukDateInputField(label="As at", required=False, help_text="For example 31 3 2024.")
    since = GovukDateInputField(label="Since", required=False)


def drawn(form_data, *, tag: str) -> str:
    """Every field of a FilterForm bound to `form_data`, drawn by `tag`, whitespace between
    tags removed."""
    form = FilterForm(form_data)
    form.is_valid()
    source = "{% load components crispy_forms_filters %}{% for field in form %}" + tag + "{% endfor %}"
    html = " ".join(Template(source).render(Context({"form": form})).split())
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plan": "1", "year": "2024-25", "words": "a \"quoted\" <b>", "as_at_0": "31", "as_at_1": "3", "as_at_2": "2024"},
        {"plan": "9", "year": "1999-00", "as_at_0": "31", "as_at_1": "2", "as_at_2": "2024", "since_0": "x"},
    ],
    ids=["empty", "valid", "errors"],
)
def test_govuk_field_draws_what_the_crispy_gds_field_template_draws(data):
    """The report pages draw their filter fields in Python (`govuk_field`) for speed: labels,
    hints, each error beside its field, classes and aria-describedby as the GOV.UK pack's."""
    assert drawn(data, tag="{% govuk_field field %}") == drawn(data, tag="{{ field|as_crispy_field }}")


@pytest.mark.parametrize("name", ["subgroups:action-detail", "subgroups:action-update", "subgroups:workplan-detail", "plans:plan-detail"])
def test_an_address_by_id_is_the_one_reverse_gives(name):
    """Table rows build addresses from the pattern once (plans.links); they must be the very
    addresses `{% url %}` gives, for any id."""
    for pk in (1, 7, 42, 123456):
        assert url_with_pk(name, pk) == reverse(name, args=[pk])
        assert render("{% pk_url name pk %}", name=name, pk=pk) == reverse(name, args=[pk])
