"""Every figure of the weekly report, the bulletins and the dashboard against the oracle
of :mod:`report_oracle` (which shares no code with the reports): the reports are read
back as text and every number checked.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from office_year import office_year
from report_oracle import (
    ROOT,
    oracle,
    oracle_colour,
    oracle_people,
    oracle_state,
    scripted_year,
)

from plan_tui.docs.document import Document, Table, to_markdown
from plan_tui.model import Plan
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.weekly import build_weekly
from plan_tui.store import load
from plan_tui.tui.dashboard import area_progress, health_counts
from plan_tui.weekly import parse_week


def check_overall(markdown: str, plan: Plan, day: date) -> None:
    want = oracle(plan, day)
    assert f"全乡重点工作{want['areas']}个方面{want['items']}项" in markdown
    status_line = "，".join(f"{k}{n}项" for k, n in want["by_status"].items())
    assert f"按状态：{status_line}。" in markdown
    colour_line = "，".join(f"{k}{n}项" for k, n in want["colours"].items())
    assert f"未完成事项按序时进度：{colour_line}。" in markdown
    timed = want["open"] - want["no_limit"]
    if timed and want["no_limit"]:
        rate = round(100 * want["on_time"] / timed)
        assert (
            f"未完成的{want['open']}项中，未设时限的{want['no_limit']}项不计序时进度；"
            f"其余{timed}项中，达到序时进度要求的{want['on_time']}项，占{rate}%。"
        ) in markdown
    elif timed:
        rate = round(100 * want["on_time"] / timed)
        assert (
            f"未完成的{want['open']}项中，达到序时进度要求的{want['on_time']}项，占{rate}%。"
        ) in markdown


def check_people(doc: Document, plan: Plan, day: date) -> None:
    """The 责任单位 and 牵头领导 tables and the 点名 table against the oracle."""
    for role, label in (("unit", "责任单位"), ("lead", "牵头领导")):
        table = next(
            b for b in doc.blocks if isinstance(b, Table) and b.headers[:2] == [label, "事项数"]
        )
        want = oracle_people(plan, day, role)
        got = {row[0]: row[1:] for row in table.rows}
        assert len(got) == len(table.rows)
        assert got == {
            name: [str(g["items"]), str(g["done"]), str(g["open"]), str(len(g["late"])),
                   "、".join(g["late"]) or "—"]
            for name, g in want.items()
        }  # fmt: skip
    units = oracle_people(plan, day, "unit")
    late = {(name, path) for name, g in units.items() for path in g["late"]}
    named = [
        b for b in doc.blocks if isinstance(b, Table) and b.headers[:2] == ["责任单位", "编号"]
    ]
    if late:
        assert {(row[0], row[1]) for row in named[0].rows} == late
    else:
        assert not named and "无滞后及逾期单位。" in to_markdown(doc)


@pytest.fixture(scope="module")
def year() -> Plan:
    return scripted_year()


@pytest.mark.parametrize(
    "week", ["2024-W01", "2024-W10", "2024-W26", "2024-W40", "2024-W51", "2024-W52"]
)
def test_weekly_figures_match_the_oracle(year: Plan, week: str) -> None:
    _, sunday = parse_week(week)
    doc = build_weekly(year, week)
    check_overall(to_markdown(doc), year, sunday)
    check_people(doc, year, sunday)


@pytest.mark.parametrize(
    ("kwargs", "last"),
    [
        ({"month": "2024-03"}, date(2024, 3, 31)),
        ({"month": "2024-08"}, date(2024, 8, 31)),
        ({"quarter": "2024Q2"}, date(2024, 6, 30)),
        ({"quarter": "2024Q4"}, date(2024, 12, 31)),
    ],
)
def test_bulletin_figures_match_the_oracle(year: Plan, kwargs: dict, last: date) -> None:
    doc = build_bulletin(year, **kwargs)
    check_overall(to_markdown(doc), year, last)
    check_people(doc, year, last)
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.headers[0] == "领域")
    for row, area in zip(table.rows, year.areas, strict=True):
        items = area.children or [area]
        assert row[1] == str(len(items))
        behind = 0
        for task in items:
            status, progress = oracle_state(task, last)
            behind += oracle_colour(task, last, status, progress) in ("滞后", "逾期")
        assert row[3] == str(behind)


def test_seed_plan_counts_items_not_areas() -> None:
    plan = load(ROOT.parent / "plans" / "2024.toml").plan
    markdown = to_markdown(build_weekly(plan, "2024-W10"))
    check_overall(markdown, plan, date(2024, 3, 10))
    assert "全乡重点工作7个方面22项" in markdown
    assert "共29项" not in markdown and "未完成的29项" not in markdown
    # items without a deadline are counted apart, never as on schedule
    assert "未设时限的21项不计序时进度" in markdown


@pytest.mark.parametrize("day", [date(2024, 1, 7), date(2024, 6, 30), date(2024, 12, 22)])
def test_dashboard_matches_the_oracle(year: Plan, day: date) -> None:
    from plan_tui.reports.common import plan_as_of

    snapshot = plan_as_of(year, day)
    want = oracle(year, day)
    counts = {h.label: n for h, n in health_counts(snapshot, day).items()}
    assert counts == {k: n for k, n in want["colours"].items() if k != "未设时限"}
    for area in snapshot.areas:
        line = area_progress(area)
        assert line.total == len(area.children or [area])


def test_rate_is_about_items_behind_in_the_year(year: Plan) -> None:
    """The compliance rate is computed over work items only: areas never lift it."""
    markdown = to_markdown(build_weekly(year, "2024-W51"))
    found = re.search(r"达到序时进度要求的(\d+)项，占(\d+)%", markdown)
    assert found is not None
    want = oracle(year, date(2024, 12, 22))
    assert int(found.group(1)) == want["on_time"]


@pytest.mark.parametrize(
    ("week", "quarter", "last"),
    [
        ("2024-W01", "2024Q1", date(2024, 3, 31)),
        ("2024-W26", "2024Q2", date(2024, 6, 30)),
        ("2024-W51", "2024Q4", date(2024, 12, 31)),
    ],
)
def test_office_year_breakdown_matches_the_oracle(week: str, quarter: str, last: date) -> None:
    """The seed plan with a year of notes, measures included: weekly and quarter bulletin."""
    plan = office_year()
    _, sunday = parse_week(week)
    doc = build_weekly(plan, week)
    check_overall(to_markdown(doc), plan, sunday)
    check_people(doc, plan, sunday)
    bulletin = build_bulletin(plan, quarter=quarter)
    check_overall(to_markdown(bulletin), plan, last)
    check_people(bulletin, plan, last)


def test_a_unit_with_only_a_late_measure_is_named(year: Plan) -> None:
    plan = year.model_copy(deep=True)
    plan.areas[0].children[1].children[1].unit = "拆迁办"  # 1.2.2, overdue at the year's end
    doc = build_weekly(plan, "2024-W52")
    check_people(doc, plan, date(2024, 12, 29))
    units = next(b for b in doc.blocks if isinstance(b, Table) and b.headers[0] == "责任单位")
    assert ["拆迁办", "0", "0", "0", "1", "1.2.2"] in units.rows


@pytest.mark.parametrize(
    ("org", "scope"), [("XX乡", "全乡"), ("XX镇", "全镇"), ("XX街道", "全街道"), ("", "全乡")]
)
def test_reports_name_the_kind_of_body_the_plan_belongs_to(org: str, scope: str) -> None:
    plan = load(ROOT.parent / "plans" / "2024.toml").plan
    plan.org = org
    assert f"截至2024年3月10日，{scope}重点工作7个方面22项" in to_markdown(
        build_weekly(plan, "2024-W10")
    )
