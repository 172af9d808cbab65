"""Year end: carrying an action forward, closing it as not achieved, and the year-end pages.
Figures are counted by hand for an action carried forward across a year end."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PriorityFactory, ThemeFactory, UserFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.selectors import changes_since, exception_report, filtered_actions
from subgroups.filters import ReportFilter, ReportScope
from subgroups import services
from subgroups.brag import BragCounts, brag_summary, brag_trend
from subgroups.models import Action, ActionUpdate, Closure, Workplan, YearEndRollover
from subgroups.selectors import attention_needed
from subgroups.services import (
    YearEndChoice,
    carry_forward,
    close_not_achieved,
    next_year_label,
    year_end_apply,
)
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory, WorkplanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def year():
    """Plan 2023-25 (stale after 90 days); the PEI 2023-24 workplan, no 2024-25 one yet:

    cf (P1, theme): amber as at 1 Mar 2024, due 31 Mar 2024 -> carried forward on 10 Apr 2024
    na (core):      green as at 1 Feb 2024, due 31 Mar 2024 -> not achieved on 10 Apr 2024
    done (P1):      blue as at 1 Mar 2024
    open (P1):      never rated, due 31 Dec 2024           -> left open
    """
    plan = BusinessPlanFactory(stale_after_days=90)
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="PEI", name="Prevention")
    workplan = WorkplanFactory(plan=plan, subgroup=subgroup, year="2023-24")
    p1 = PriorityFactory(plan=plan, number=1)
    theme = ThemeFactory(plan=plan)
    bsu = UserFactory(username="bsu-officer")
    Membership.objects.create(user=bsu, partnership=plan.partnership, role=Membership.Role.BSU)
    cf = ActionFactory(workplan=workplan, reference="PEI 1.6", priority=p1, timeframe="March 2024", lead="Head of Early Help")
    cf.themes.add(theme)
    ActionUpdateFactory(action=cf, as_at=D(2024, 3, 1), rating="amber", narrative="Partners asked for more time.")
    na = ActionFactory(workplan=workplan, reference="PEI C.1", priority=None)
    ActionUpdateFactory(action=na, as_at=D(2024, 2, 1), rating="green")
    done = ActionFactory(workplan=workplan, reference="PEI 1.1", priority=p1)
    ActionUpdateFactory(action=done, as_at=D(2024, 3, 1), rating="blue", narrative="Delivered.")
    left = ActionFactory(workplan=workplan, reference="PEI 1.3", priority=p1, due_date=D(2024, 12, 31))
    return {"plan": plan, "workplan": workplan, "subgroup": subgroup, "p1": p1, "theme": theme,
            "bsu": bsu, "cf": cf, "na": na, "done": done, "open": left}


YEAR_END = D(2024, 4, 10)


def rolled_over(year, on=YEAR_END):
    result = carry_forward(action=year["cf"], by=year["bsu"], on=on)
    close_not_achieved(action=year["na"], reason="The funding ended.", by=year["bsu"], on=on)
    return result


def test_next_year_label():
    assert next_year_label("2023-24") == "2024-25"
    assert next_year_label("2099-00") == "2100-01"


def test_carrying_forward_copies_the_action_into_a_new_workplan_and_links_both_ways(year):
    result = rolled_over(year)
    old, new = Action.objects.get(pk=year["cf"].pk), result.new
    assert result.workplan_created
    assert new.workplan == Workplan.objects.get(subgroup=year["subgroup"], year="2024-25")
    assert new.workplan.plan == year["plan"]
    assert (new.reference, new.priority, new.lead_names, new.timeframe, new.due_date) == (
        "PEI 1.6", year["p1"], "Head of Early Help", "March 2024", None
    )
    assert list(new.themes.all()) == [year["theme"]]
    assert new.added_on == D(2024, 4, 10)
    assert (old.closure, old.closed_on, old.carried_into) == (Closure.CARRIED_FORWARD, D(2024, 4, 10), new)
    assert new.carried_from == old
    # It starts where it stood: its rating, as its first update, saying where it came from.
    first = new.updates.get()
    assert (first.rating, first.as_at, first.author) == ("amber", D(2024, 4, 10), year["bsu"])
    assert first.narrative.startswith("Carried forward from PEI 1.6 (2023-24).")
    # Recorded in history, by the BSU.
    latest = old.history.order_by("-history_id").first()
    assert (latest.closure, latest.history_user) == ("carried_forward", year["bsu"])
    # The copy's history is one "added" record, by the BSU, with its theme and lead.
    (added,) = new.history.all()
    assert (added.history_type, added.history_user) == ("+", year["bsu"])
    assert [link.crosscuttingtheme for link in added.themes.all()] == [year["theme"]]
    assert [link.person.name for link in added.leads.all()] == ["Head of Early Help"]


def test_an_action_added_before_the_new_year_starts_on_its_first_day(year):
    result = carry_forward(action=year["cf"], by=year["bsu"], on=D(2024, 3, 20))
    assert result.new.added_on == D(2024, 4, 1)


def test_closing_is_refused_twice_without_a_reason_and_for_a_changed_action(year):
    with pytest.raises(ValidationError, match="Say why"):
        close_not_achieved(action=year["na"], reason="  ", by=year["bsu"])
    with pytest.raises(ValidationError, match="changed by someone else"):
        close_not_achieved(action=year["na"], reason="Dropped.", by=year["bsu"], expected_version=99)
    close_not_achieved(action=year["na"], reason="Dropped.", by=year["bsu"])
    with pytest.raises(ValidationError, match="already closed as not achieved"):
        carry_forward(action=year["na"], by=year["bsu"])


def test_carrying_forward_is_refused_where_the_reference_is_taken_or_the_plan_has_ended(year):
    WorkplanFactory(plan=year["plan"], subgroup=year["subgroup"], year="2024-25")
    ActionFactory(workplan=Workplan.objects.get(year="2024-25"), reference="PEI 1.6")
    with pytest.raises(ValidationError, match="PEI 1.6 is already used in the PEI 2024-25 workplan"):
        carry_forward(action=year["cf"], by=year["bsu"])
    with pytest.raises(ValidationError, match="before 2025-26"):
        carry_forward(action=year["open"], by=year["bsu"], into_year="2025-26")
    assert not Action.objects.get(pk=year["cf"].pk).closure


def test_a_closed_action_takes_no_updates_and_no_edits(year):
    rolled_over(year)
    cf = Action.objects.get(pk=year["cf"].pk)
    with pytest.raises(ValidationError, match="takes no more updates"):
        services.action_record_update(action=cf, rating="green", narrative="x", as_at=D(2024, 5, 1), author=year["bsu"])
    with pytest.raises(ValidationError, match="no longer edited"):
        services.action_edit(action=cf, expected_version=cf.version, fields={"timeframe": "x"}, themes=[])


def test_figures_either_side_of_the_year_end_counted_by_hand(year):
    plan = year["plan"]
    before = {day: brag_summary(plan=plan, as_at=day) for day in (D(2024, 3, 31), D(2024, 4, 9))}
    rolled_over(year)
    # As at dates before the closure, nothing has changed.
    for day, counts in before.items():
        assert brag_summary(plan=plan, as_at=day) == counts
    # The open action has had no update since it was added (1 April 2023): stale throughout.
    assert before[D(2024, 3, 31)] == BragCounts(blue=1, green=1, amber=1, not_rated=1, stale=1)
    # 9 April: cf (amber) and na (green) are past their due date.
    assert before[D(2024, 4, 9)] == BragCounts(blue=1, green=1, amber=1, not_rated=1, overdue=2, stale=1)
    # 10 April: cf carried forward, na not achieved, neither overdue; the new action is amber.
    assert brag_summary(plan=plan, as_at=D(2024, 4, 10)) == BragCounts(
        blue=1, amber=1, not_rated=1, carried_forward=1, not_achieved=1, stale=1
    )
    # The 2023-24 year's own figures in September: carried forward and not achieved, neither
    # stale (only the open action is).
    year_actions = Action.objects.filter(workplan__year="2023-24")
    assert brag_summary(plan=plan, as_at=D(2024, 9, 30), actions=year_actions) == BragCounts(
        blue=1, not_rated=1, carried_forward=1, not_achieved=1, stale=1
    )
    counts = brag_summary(plan=plan, as_at=D(2024, 4, 10))
    assert [(row["label"], row["count"]) for row in counts.rows][-2:] == [("Carried forward", 1), ("Not achieved", 1)]
    assert counts.total == 5


def test_the_trend_agrees_with_the_summary_either_side_of_the_closure(year):
    rolled_over(year)
    days = [D(2024, 3, 31), D(2024, 4, 9), D(2024, 4, 10), D(2024, 9, 30)]
    trend = dict(brag_trend(plan=year["plan"], days=days))
    for day in days:
        assert trend[day] == brag_summary(plan=year["plan"], as_at=day), day


def whole_plan(plan, as_at, since=None) -> ReportScope:
    return ReportScope(plan=plan, as_at=as_at, year=None, since=since)


def listed(year, as_at, rating) -> list[int]:
    """The actions behind a count of the dashboard: the action list for one rating."""
    report = ReportFilter(
        {"plan": year["plan"].pk, "year": "all", "as_at": as_at.isoformat(), "rating": rating},
        user=year["bsu"], page="actions",
    )
    return [a.pk for a in filtered_actions(scope=report.scope(), report=report)]


def test_reports_never_list_a_closed_action_as_an_exception_and_list_a_carried_one_once(year):
    plan = year["plan"]
    result = rolled_over(year)
    before = [a.reference for g in exception_report(scope=whole_plan(plan, D(2024, 4, 9))) for a in g.actions]
    assert sorted(before) == ["PEI 1.3", "PEI 1.6", "PEI C.1"]  # stale; amber and overdue; overdue
    after = {a.pk for g in exception_report(scope=whole_plan(plan, D(2024, 9, 30))) for a in g.actions}
    assert after == {year["open"].pk, result.new.pk}  # stale; amber: the new action, never the old
    silent = changes_since(scope=whole_plan(plan, D(2024, 9, 30), since=D(2024, 3, 31)))["silent"]
    assert [a.reference for a in silent] == ["PEI 1.3"]
    silent = changes_since(scope=whole_plan(plan, D(2024, 9, 30), since=D(2024, 5, 1)))["silent"]
    assert sorted(a.pk for a in silent) == sorted([year["open"].pk, result.new.pk])  # once: the new one
    assert listed(year, D(2024, 9, 30), "carried_forward") == [year["cf"].pk]
    assert listed(year, D(2024, 9, 30), "green") == []
    needing = attention_needed(Action.objects.all(), plans=[plan])
    assert year["cf"].pk not in {a.pk for a in needing} and year["na"].pk not in {a.pk for a in needing}


def test_the_year_end_is_applied_in_one_transaction(year, monkeypatch):
    real_close = services.close_not_achieved

    def fails_halfway(**kwargs):
        raise RuntimeError("The database went away.")

    monkeypatch.setattr(services, "close_not_achieved", fails_halfway)
    choices = [
        YearEndChoice(year["cf"].pk, year["cf"].version, services.CARRY),
        YearEndChoice(year["na"].pk, year["na"].version, services.CLOSE, "Dropped."),
    ]
    counts = (Action.objects.count(), Workplan.objects.count(), ActionUpdate.objects.count(),
              Action.history.count(), YearEndRollover.objects.count())
    with pytest.raises(RuntimeError):
        year_end_apply(plan=year["plan"], year="2023-24", choices=choices, by=year["bsu"], token="t1")
    assert (Action.objects.count(), Workplan.objects.count(), ActionUpdate.objects.count(),
            Action.history.count(), YearEndRollover.objects.count()) == counts
    assert not Action.objects.filter(pk=year["cf"].pk).exclude(closure="").exists()
    monkeypatch.setattr(services, "close_not_achieved", real_close)
    rollover = year_end_apply(plan=year["plan"], year="2023-24", choices=choices, by=year["bsu"], token="t1")
    assert (rollover.carried_forward, rollover.not_achieved, rollover.workplans_created) == (1, 1, "PEI workplan 2024-25")


def test_a_refused_choice_refuses_them_all(year):
    choices = [
        YearEndChoice(year["cf"].pk, year["cf"].version, services.CARRY),
        YearEndChoice(year["na"].pk, year["na"].version + 1, services.CLOSE, "Dropped."),
    ]
    with pytest.raises(services.YearEndRefused) as refused:
        year_end_apply(plan=year["plan"], year="2023-24", choices=choices, by=year["bsu"], token="t2")
    assert list(refused.value.errors) == [year["na"].pk]
    assert not Workplan.objects.filter(year="2024-25").exists()
    assert not YearEndRollover.objects.exists()


# --- The pages ------------------------------------------------------------------------------


@pytest.fixture
def bsu_client(client, year):
    client.force_login(year["bsu"])
    return client


def choose(year, **overrides):
    data = {"year": "2023-24"}
    for key in ("cf", "na", "open"):
        action = year[key]
        data |= {f"choice-{action.pk}": "leave", f"reason-{action.pk}": "", f"version-{action.pk}": action.version}
    data |= {f"choice-{year['cf'].pk}": "carry", f"choice-{year['na'].pk}": "close",
             f"reason-{year['na'].pk}": "The funding ended."}
    return data | overrides


def test_the_page_lists_every_incomplete_action_with_a_choice_each(bsu_client, year):
    response = bsu_client.get(reverse("subgroups:workplan-year-end", args=[year["workplan"].pk]))
    html = response.text
    for key in ("cf", "na", "open"):
        assert f'name="choice-{year[key].pk}"' in html
    assert f'name="choice-{year["done"].pk}"' not in html  # Blue: complete
    assert "Carry forward into 2024-25" in html and "Close as not achieved" in html and "Leave open" in html


def test_a_missing_reason_is_shown_beside_its_row_and_nothing_changes(bsu_client, year):
    url = reverse("subgroups:workplan-year-end", args=[year["workplan"].pk])
    response = bsu_client.post(url, choose(year, **{f"reason-{year['na'].pk}": ""}))
    assert response.status_code == 200
    html = response.text
    assert "There is a problem" in html
    assert f'href="#id_reason-{year["na"].pk}"' in html
    assert f'id="id_reason-{year["na"].pk}-error"' in html and "Say why PEI C.1 was not achieved." in html
    assert not Action.objects.exclude(closure="").exists()


def test_preview_then_apply_once(bsu_client, year):
    url = reverse("subgroups:workplan-year-end", args=[year["workplan"].pk])
    preview = bsu_client.post(url, choose(year))
    assert "1 to carry forward into 2024-25, 1 to close as not achieved, 1 left open." in preview.text
    assert "Workplans to be created: PEI 2024-25." in preview.text
    assert not Action.objects.exclude(closure="").exists()  # a preview changes nothing
    token = preview.context["token"]
    confirm = choose(year) | {"token": token, "confirm": "1"}
    response = bsu_client.post(url, confirm, follow=True)
    assert response.redirect_chain[-1][0] == year["workplan"].get_absolute_url()
    assert "Year end 2023-24 applied: 1 carried forward into 2024-25, 1 closed as not achieved, 1 left open." in response.text
    # The workplan shows both closures in words, with the link to where it went.
    assert "Carried forward" in response.text and "Not achieved" in response.text
    new = Action.objects.get(workplan__year="2024-25")
    assert new.get_absolute_url() in response.text
    # A second confirmation of the same preview (a double click) changes nothing.
    again = bsu_client.post(url, confirm)
    assert again.status_code == 200 and "already been applied" in again.text
    assert YearEndRollover.objects.count() == 1 and Action.objects.filter(workplan__year="2024-25").count() == 1
    rollover = YearEndRollover.objects.get()
    assert (rollover.applied_by, rollover.carried_forward, rollover.not_achieved, rollover.left_open) == (
        year["bsu"], 1, 1, 1
    )


def test_change_goes_back_to_the_choices_as_made(bsu_client, year):
    url = reverse("subgroups:workplan-year-end", args=[year["workplan"].pk])
    response = bsu_client.post(url, choose(year) | {"change": "1", "token": "x"})
    assert "Check the choices" in response.text
    assert 'value="close" checked' in response.text.replace(f' data-aria-controls="reason-{year["na"].pk}"', "")
    assert "The funding ended." in response.text


def test_an_action_changed_after_the_preview_is_refused_beside_its_row(bsu_client, year):
    url = reverse("subgroups:workplan-year-end", args=[year["workplan"].pk])
    preview = bsu_client.post(url, choose(year))
    services.action_edit(action=year["cf"], expected_version=year["cf"].version, fields={"timeframe": "Someone else"}, themes=[])
    response = bsu_client.post(url, choose(year) | {"token": preview.context["token"], "confirm": "1"})
    assert response.status_code == 200
    assert "changed by someone else" in response.text
    assert not Action.objects.exclude(closure="").exists() and not YearEndRollover.objects.exists()


def test_the_plan_page_covers_every_sub_group_of_the_year(bsu_client, year):
    other = WorkplanFactory(plan=year["plan"], subgroup=SubGroupFactory(partnership=year["plan"].partnership, short_name="QA"))
    theirs = ActionFactory(workplan=other, reference="QA 1.1")
    response = bsu_client.get(reverse("subgroups:plan-year-end", args=[year["plan"].pk]), {"year": "2023-24"})
    assert f'name="choice-{theirs.pk}"' in response.text and f'name="choice-{year["cf"].pk}"' in response.text
    assert year["plan"].get_absolute_url() in response.text


def test_the_year_end_page_takes_no_more_queries_with_ten_times_the_actions(
    bsu_client, year, django_assert_max_num_queries
):
    def grow():
        for n in range(TENFOLD * 3):
            action = ActionFactory(workplan=year["workplan"], reference=f"PEI 9.{n}", priority=year["p1"])
            action.themes.add(year["theme"])
            ActionUpdateFactory(action=action, rating="red", as_at=D(2024, 3, 1))

    assert_queries_do_not_grow(
        bsu_client, reverse("subgroups:workplan-year-end", args=[year["workplan"].pk]), grow=grow, ceiling=15,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_exports_and_pdfs_say_carried_forward_in_words(bsu_client, year):
    from pypdf import PdfReader

    rolled_over(year)
    plan = year["plan"]
    # The closed actions are the 2023-24 workplan's: that year's figures count them.
    response = bsu_client.get(
        reverse("reports:dashboard"), {"plan": plan.pk, "year": "2023-24", "as_at": "2024-09-30", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers = rows[1]
    assert headers[7:9] == ["Carried forward", "Not achieved"]
    assert rows[2][7:9] == ["1", "1"]
    workplan_csv = bsu_client.get(year["workplan"].get_absolute_url(), {"format": "csv"}).content.decode("utf-8-sig")
    assert "Carried forward into PEI 1.6 (2024-25)" in workplan_csv
    assert "Not achieved: The funding ended." in workplan_csv
    pdf = bsu_client.get(reverse("reports:workplan-pdf", args=[year["workplan"].pk])).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Carried forward" in text and "Not achieved" in text


def test_the_annual_reports_little_progress_gives_each_closure_with_its_reason(year):
    from reports.annual import generated_content

    rolled_over(year)
    content = generated_content(partnership=year["plan"].partnership, year="2023-24")
    entries = {entry["reference"]: entry for entry in content["little_progress"]}
    assert entries["PEI 1.6"]["closure_label"] == "Carried forward"
    assert entries["PEI 1.6"]["carried_into"] == "PEI 1.6 (2024-25)"
    assert entries["PEI C.1"]["reasons"][0] == "Not achieved"
    assert entries["PEI C.1"]["closure_reason"] == "The funding ended."
    assert "PEI 1.1" not in entries  # Blue: an achievement
