"""Which week the weekly pass, log entries and the weekly report are for by default."""

from __future__ import annotations

from datetime import date

from plan_tui.model import Plan
from plan_tui.weekly import default_week, parse_week, plan_entry_date, plan_weeks


def test_plan_weeks_cover_every_day_of_the_year_once():
    plan = Plan(year=2024)
    weeks = plan_weeks(plan)
    assert weeks[0] == "2024-W01" and weeks[-1] == "2025-W01"  # 2024-12-30/31 are in 2025-W01
    days = set()
    for week in weeks:
        monday, sunday = parse_week(week)
        days.update(date.fromordinal(n) for n in range(monday.toordinal(), sunday.toordinal() + 1))
    year = {
        date.fromordinal(n)
        for n in range(date(2024, 1, 1).toordinal(), date(2025, 1, 1).toordinal())
    }
    assert year <= days and len(weeks) == 53


def test_a_year_starting_midweek_begins_with_the_last_week_of_the_year_before():
    assert plan_weeks(Plan(year=2027))[0] == "2026-W53"  # 2027-01-01 is a Friday


def test_default_is_this_week_inside_the_plan_year():
    choice = default_week(Plan(year=2024), date(2024, 5, 15))
    assert (choice.week, choice.reason, choice.outside_year) == ("2024-W20", "this_week", False)


def test_default_after_the_plan_year_is_its_last_week():
    choice = default_week(Plan(year=2024), date(2026, 12, 4))
    # 2025-W01 holds 2024-12-30/31 but would read as next year's: W52 is the last one named 2024
    assert (choice.week, choice.reason, choice.outside_year) == ("2024-W52", "plan_ended", True)


def test_default_before_the_plan_year_is_its_first_week():
    choice = default_week(Plan(year=2025), date(2024, 11, 20))
    assert (choice.week, choice.reason) == ("2025-W01", "plan_not_started")
    choice = default_week(Plan(year=2027), date(2026, 11, 20))
    assert (choice.week, choice.reason) == ("2027-W01", "plan_not_started")


def test_entry_dates_stay_inside_the_plan_year():
    plan = Plan(year=2024)
    # the last week's Friday is 2025-01-03: the entry is dated on the plan's last day
    assert plan_entry_date(plan, "2025-W01", date(2026, 12, 4)) == date(2024, 12, 31)
    assert plan_entry_date(plan, "2024-W10", date(2026, 12, 4)) == date(2024, 3, 8)
    assert plan_entry_date(plan, "2024-W20", date(2024, 5, 15)) == date(2024, 5, 15)
    assert plan_entry_date(Plan(year=2027), "2026-W53", date(2027, 3, 1)) == date(2027, 1, 1)
