"""The heading order of every generated document: 一、 → （一） → 1. → （1）, never a level
repeated inside another or skipped."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from plan_tui.docs.document import Document
from plan_tui.docs.numbering import Outline, level_of, order_problems
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.review import build_review
from plan_tui.reports.weekly import build_weekly

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))
from office_year import office_year  # noqa: E402
from review_year import AS_OF, year_plan  # noqa: E402


def _scripted():
    spec = importlib.util.spec_from_file_location(
        "scripted_year_numbering", ROOT / "data" / "weekly" / "scripted_year.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_year()


YEAR = _scripted()
DOCUMENTS = {
    **{
        f"weekly {w}": lambda w=w: build_weekly(YEAR, w)
        for w in ("2024-W01", "2024-W10", "2024-W26", "2024-W51", "2024-W52")
    },
    "bulletin 2024-03": lambda: build_bulletin(YEAR, month="2024-03"),
    "bulletin 2024Q2": lambda: build_bulletin(YEAR, quarter="2024Q2"),
    "bulletin 2024Q4": lambda: build_bulletin(YEAR, quarter="2024Q4"),
    "review scripted": lambda: build_review(YEAR, date(2024, 12, 31)),
    "review fixture": lambda: build_review(year_plan(), AS_OF),
    # the seed plan with a year of notes: measures under items, areas without items
    "weekly seed 2024-W51": lambda: build_weekly(office_year(), "2024-W51"),
    "bulletin seed 2024-09": lambda: build_bulletin(office_year(), month="2024-09"),
    "bulletin seed 2024Q4": lambda: build_bulletin(office_year(), quarter="2024Q4"),
    "review seed": lambda: build_review(office_year(), date(2024, 12, 31)),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_keeps_the_official_heading_order(name: str) -> None:
    doc: Document = DOCUMENTS[name]()
    headings = doc.headings()
    assert headings, name
    assert order_problems(headings) == []
    assert all(level_of(text) is not None or level == 1 for level, text in headings)


def test_areas_under_a_section_are_not_numbered_again_at_the_top_level() -> None:
    doc = build_weekly(YEAR, "2024-W10")
    texts = [t for _, t in doc.headings()]
    progress = texts.index("三、本周进展")
    after = texts[progress + 1 : texts.index("四、逾期及滞后事项")]
    assert after[0] == "（一）抓项目促发展"
    assert after[1] == "1.招商引资"
    assert "（1）征地拆迁" in after
    assert [t for t in texts if t.startswith("一、")] == ["一、总体情况"]


def test_the_checker_finds_each_kind_of_break() -> None:
    assert order_problems([(1, "一、甲"), (1, "一、乙")])  # repeated
    assert order_problems([(1, "一、甲"), (3, "1.乙")])  # skipped （一）
    assert order_problems([(1, "一、甲"), (2, "一、乙")])  # marker of the wrong level
    assert order_problems([(1, "一、甲"), (1, "三、乙")])  # skipped number
    assert not order_problems(
        [(1, "一、甲"), (2, "（一）乙"), (3, "1.丙"), (4, "（1）丁"), (1, "二、戊")]
    )


def test_outline_restarts_deeper_levels() -> None:
    outline = Outline()
    assert [
        outline.next(1),
        outline.next(2),
        outline.next(2),
        outline.next(1),
        outline.next(2),
    ] == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",
    ]
