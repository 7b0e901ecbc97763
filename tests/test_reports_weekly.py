"""The weekly report and the bulletins: exact text for fixed weeks of a scripted year."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx

from plan_tui.docs.document import Heading, Table, to_markdown, to_text
from plan_tui.docs.output import write_document
from plan_tui.model.errors import PlanError
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.weekly import build_weekly

DATA = Path(__file__).parent / "data" / "weekly"
EXPECTED = DATA / "expected"


def _script():
    spec = importlib.util.spec_from_file_location("scripted_year", DATA / "scripted_year.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def year():
    return _script().build_year()


@pytest.mark.parametrize(
    "week",
    [
        "2024-W01",  # first week of the year
        "2024-W10",  # a normal week: notes, 本周无新进展, a task updated twice
        "2024-W33",  # a week without any update
        "2024-W52",  # last week: a completion, overdue and missed periods
    ],
)
def test_weekly_report_text(year, week: str) -> None:
    expected = (EXPECTED / f"{week}.md").read_text(encoding="utf-8")
    assert to_markdown(build_weekly(year, week)) == expected


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("bulletin-2024-03", {"month": "2024-03"}), ("bulletin-2024Q3", {"quarter": "2024Q3"})],
)
def test_bulletin_text(year, name: str, kwargs: dict) -> None:
    expected = (EXPECTED / f"{name}.md").read_text(encoding="utf-8")
    assert to_markdown(build_bulletin(year, **kwargs)) == expected


def test_sections_and_default_week(year) -> None:
    doc = build_weekly(year, today=date(2024, 3, 6))
    assert doc.title == "XX乡重点工作推进情况周报（2024年第10周）"
    assert doc.subtitle == ["第1期", "（2024年3月4日至3月10日）"]
    top = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert top == [
        "一、总体情况",
        "二、本周完成",
        "三、本周进展",
        "四、逾期及滞后事项",
        "五、下周到期事项",
        "六、下周工作安排",
    ]


def test_report_of_a_past_week_ignores_later_updates(year) -> None:
    script = _script()
    early = script.base_plan()
    for week, answers in sorted(script.SCRIPT.items()):
        if week <= "2024-W10":
            script.apply_answers(early, answers, week=week, today=date(2025, 1, 1))
    # the plan as it stood after week 10 and the full year give the same week-10 report
    assert to_markdown(build_weekly(early, "2024-W10")) == to_markdown(
        build_weekly(year, "2024-W10")
    )


def test_behind_table_has_people_deadline_and_how_far(year) -> None:
    doc = build_weekly(year, "2024-W52")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    behind = next(t for t in tables if "情况" in t.headers)
    assert behind.headers == [
        "编号",
        "事项",
        "责任单位（责任人）",
        "完成时限",
        "进度",
        "情况",
        "原因",
    ]
    assert [
        "1.2.2",
        "开工建设",
        "规划建设办（孙伟）",
        "9月30日",
        "20%",
        "逾期90天",
        "10月2日：施工单位进场。",
    ] in behind.rows


def test_text_rendering(year) -> None:
    text = to_text(build_weekly(year, "2024-W10"))
    assert text.startswith(
        "XX乡重点工作推进情况周报（2024年第10周）\n第1期\n（2024年3月4日至3月10日）\n"
    )
    assert "\n3月5日：接待客商考察2批次。3月7日：签订投资框架协议1份。\n" in text


def test_bad_periods(year) -> None:
    for kwargs in (
        {},
        {"month": "2024-03", "quarter": "2024Q1"},
        {"month": "2024-13"},
        {"quarter": "2024Q5"},
    ):
        with pytest.raises(PlanError):
            build_bulletin(year, **kwargs)
    with pytest.raises(PlanError):
        build_weekly(year, "第10周")


def test_docx_has_title_and_tables(year, tmp_path: Path) -> None:
    out = write_document(build_weekly(year, "2024-W52"), tmp_path / "周报.docx")
    docx = open_docx(str(out))
    texts = [p.text for p in docx.paragraphs]
    assert "XX乡重点工作推进情况周报\n（2024年第52周）" in texts  # broken before the bracket
    assert "四、逾期及滞后事项" in texts
    cells = [[c.text for c in row.cells] for t in docx.tables for row in t.rows]
    assert [
        "1.2.2",
        "开工建设",
        "规划建设办（孙伟）",
        "9月30日",
        "20%",
        "逾期90天",
        "10月2日：施工单位进场。",
    ] in cells
