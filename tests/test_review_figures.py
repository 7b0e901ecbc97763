"""Every number of the year-end review draft against the oracle of :mod:`report_oracle`.

The review states figures in four places: the main targets, one paragraph per work item
(its notes kept verbatim and where it stands: 完成进度N%, 低于序时进度N个百分点, the
deadline it missed), the problems paragraph and the carried-over items of next year's
plan. The oracle rebuilds each item's notes, status, progress and colour on its own, and
each paragraph must hold exactly the numbers the oracle expects, no more and no fewer.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from office_year import office_year
from report_oracle import NOTHING, oracle_colour, oracle_state, scripted_year
from review_year import AS_OF, year_plan

from plan_tui.docs.document import Heading, Paragraph
from plan_tui.model import Plan, Task
from plan_tui.reports.review import build_review

PLACEHOLDER = re.compile(r"【[^】]*】")
QUOTED = re.compile(r"“[^”]*”")


def numbers(text: str) -> list[str]:
    """The numbers in ``text``, placeholders and the plain years 2024年/2025年 left out."""
    text = PLACEHOLDER.sub("", text)
    text = re.sub(r"(?<!\d)20\d\d年(?!\d)", "", text)
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def oracle_notes(task: Task, as_of: date) -> list[str]:
    """The notes of a task and everything below it up to ``as_of``: no "no progress"
    notes, each text once."""
    found: list[tuple[date, int, str]] = []

    def walk(node: Task) -> None:
        for entry in node.log:
            found.append((entry.date, len(found), entry.text))
        for child in node.children:
            walk(child)

    walk(task)
    seen, notes = set(), []
    for day, _, text in sorted(found):
        key = re.sub(r"\s", "", text).rstrip("。.!！;；…").replace(",", "，")
        if day > as_of or not key or key in NOTHING or key in seen:
            continue
        seen.add(key)
        notes.append(text)
    return notes


def oracle_facts(task: Task, as_of: date) -> dict:
    """Where the item stands: status, progress, colour, points behind, notes."""
    status, progress = oracle_state(task, as_of)
    colour = oracle_colour(task, as_of, status, progress)
    behind = 0
    if task.recurrence == "none" and task.deadline is not None:
        start = task.start or date(as_of.year, 1, 1)
        span = (task.deadline - start).days
        elapsed = max(0, (as_of - start).days)
        expected = 100 if as_of >= task.deadline else round(100 * elapsed / span)
        behind = max(0, expected - progress)
    notes = oracle_notes(task, as_of)
    return {
        "status": status,
        "progress": progress,
        "colour": colour,
        "behind": behind,
        "notes": notes,
        "late": status == "delayed" or colour in ("滞后", "逾期"),
        "idle": status == "not_started" and not notes,
        "deadline": task.deadline_text
        or (
            f"{task.deadline.year}年{task.deadline.month}月{task.deadline.day}日"
            if task.deadline
            else ""
        ),
    }


def standing_numbers(f: dict) -> list[str]:
    """The numbers of the clause saying where an item stands."""
    if f["status"] in ("done", "suspended"):
        return []
    if f["late"]:
        if f["colour"] == "逾期":
            return numbers(f["deadline"])
        return [str(f["behind"])] if f["behind"] else []
    if f["idle"]:
        return []
    return [str(f["progress"])] if f["progress"] else []


def is_problem(task: Task, f: dict) -> bool:
    """Suspended, late, 10 or more points behind, or never started without a time limit."""
    if f["status"] == "done":
        return False
    if f["status"] == "suspended" or f["late"] or f["behind"] >= 10:
        return True
    return f["idle"] and task.deadline is None and task.recurrence == "none"


def items_of(area: Task) -> list[Task]:
    return list(area.children) or [area]


def bare(title: str) -> str:
    return title.strip().rstrip("。，；;,.、 ")


def parts(plan: Plan, as_of: date) -> tuple[str, list[list[str]], str, list[list[str]]]:
    """The review read back: targets paragraph, item paragraphs per area, problems paragraph,
    and per area of next year's plan the carried items' paragraphs."""
    doc = build_review(plan, as_of)
    blocks = doc.blocks
    targets = blocks[0].text
    review: list[list[str]] = []
    carried: list[list[str]] = []
    problems = ""
    second = False
    for block in blocks[1:]:
        if isinstance(block, Heading):
            if block.text == f"{plan.year + 1}年工作安排":
                second = True
            elif block.level == 1:
                (carried if second else review).append([])
        elif isinstance(block, Paragraph):
            if block.text.startswith("思危方能居安"):
                problems = block.text
            elif second and block.text.startswith(f"{plan.year}年"):
                carried[-1].append(block.text)
            elif not second and review:
                review[-1].append(block.text)
    return targets, review, problems, carried


FIXTURES = {
    "review fixture 11-30": (year_plan, AS_OF),
    "scripted year 06-30": (scripted_year, date(2024, 6, 30)),
    "scripted year 12-31": (scripted_year, date(2024, 12, 31)),
    "seed plan with notes 09-30": (office_year, date(2024, 9, 30)),
    "seed plan with notes 12-31": (office_year, date(2024, 12, 31)),
}


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def case(request) -> tuple[Plan, date, tuple]:
    build, as_of = FIXTURES[request.param]
    plan = build()
    return plan, as_of, parts(plan, as_of)


def test_targets_state_exactly_the_plans_figures(case) -> None:
    plan, _, (targets, _, _, _) = case
    want: list[str] = []
    for ind in plan.targets:
        if ind.target_text:
            want += numbers(ind.target_text)
        elif ind.target_value is not None:
            want.append(f"{ind.target_value:g}")
        if ind.actual_text:
            want += numbers(ind.actual_text)
        elif ind.actual_value is not None:
            want.append(f"{ind.actual_value:g}")
    assert numbers(targets) == sorted(want)


def test_each_item_paragraph_holds_the_oracles_numbers(case) -> None:
    plan, as_of, (_, review, _, _) = case
    assert len(review) == len(plan.areas)
    for area, paragraphs in zip(plan.areas, review, strict=True):
        items = items_of(area)
        assert len(paragraphs) == len(items)
        for item, text in zip(items, paragraphs, strict=True):
            f = oracle_facts(item, as_of)
            if item is not area:
                assert bare(item.title) in text
            want = [n for note in f["notes"] for n in numbers(note)] + standing_numbers(f)
            assert numbers(text) == sorted(want), text
            assert ("已完成" in text) == (f["status"] == "done"), text
            assert ("进度滞后" in text) == f["late"], text
            assert ("超过完成时限" in text) == (f["late"] and f["colour"] == "逾期"), text
            assert ("尚未启动" in text) == f["idle"], text


def test_problems_paragraph_names_the_oracles_problems_with_their_numbers(case) -> None:
    plan, as_of, (_, _, problems, _) = case
    for area in plan.areas:  # an area's short name may hold quotation marks of its own
        problems = problems.replace(f"{bare(area.title).split('，')[0]}方面，", "")
    named = [bare(q[1:-1]) for q in QUOTED.findall(problems)]
    want_names: list[str] = []
    want: list[str] = []
    for area in plan.areas:
        groups = {"suspended": 0, "idle": 0}
        for item in items_of(area):
            f = oracle_facts(item, as_of)
            if not is_problem(item, f):
                continue
            want_names.append(bare(item.title).replace("“", "‘").replace("”", "’"))
            if f["status"] == "suspended":
                groups["suspended"] += 1
            elif not f["late"] and f["idle"]:
                groups["idle"] += 1
            else:
                want += standing_numbers(f)
        want += [str(n) for n in groups.values() if n > 2]
    assert sorted(named) == sorted(want_names)
    assert numbers(QUOTED.sub("", problems)) == sorted(want)


def test_carried_items_state_the_oracles_progress(case) -> None:
    plan, as_of, (_, _, _, carried) = case
    assert len(carried) == len(plan.areas)
    for area, paragraphs in zip(plan.areas, carried, strict=True):
        open_items = [t for t in area.children if oracle_state(t, as_of)[0] != "done"]
        assert len(paragraphs) == len(open_items)
        for item, text in zip(open_items, paragraphs, strict=True):
            f = oracle_facts(item, as_of)
            progress = [str(f["progress"])] if f["progress"] and not f["idle"] else []
            assert numbers(text) == progress, text
            assert ("未启动" in text) == f["idle"], text
            assert ("滞后" in text) == (f["late"] and not f["idle"]), text
