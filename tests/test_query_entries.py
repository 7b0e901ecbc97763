"""Searching prepared search data gives the same result as searching the tasks."""

from __future__ import annotations

from pathlib import Path

from plan_tui.query import SearchIndex
from plan_tui.store import load

SEED = Path(__file__).resolve().parent.parent / "plans" / "2024.toml"


def _queries(entries: list) -> list[str]:
    """Queries cut from the tasks' own search data (so that many match), of every kind
    the search takes apart differently, plus some that match nothing."""
    import random

    pick = random.Random(3)
    queries = ["z", "zs", "zsyz", "zhao", "zhaoshang", "zhao shang", "zz", "qq", "2024"]
    queries += [
        "x y",
        "lv",
        "nv",
        "lu",
        "5g",
        "gdp",
        "app lu",
        "ZSYZ",
        " zs ",
        "招商",
        "招商 引资",
        "党政办",
        "村",
        "工作 推进",
    ]
    for entry in pick.sample(entries, 20):
        for text in (entry.pinyin, entry.long_initials, entry.words, entry.latin):
            text = text.replace("\x00", "")
            if len(text) > 6:
                start = pick.randrange(len(text) - 6)
                queries.append(text[start : start + pick.randint(1, 6)])
    return [query for query in queries if query.strip()]


def test_search_data_finds_what_testing_each_task_finds() -> None:
    from plan_tui.model import Task
    from plan_tui.search_data import SearchData

    plan = load(SEED).plan
    index = SearchIndex(plan)
    # and tasks with Latin text, which a Latin query finds apart from its pinyin
    latin = ["GDP增长lv", "5G基站 建设", "App 上线 lu", "Lu Xun纪念馆", "zhao shang 会", "nvzhuang"]
    tasks = list(plan.tasks()) + [Task(id=f"l{n}", title=text) for n, text in enumerate(latin)]
    data = SearchData(tasks, index.entries(tasks))
    found_some = 0
    for query in _queries(data.entries):
        expected = [p for p, task in enumerate(tasks) if index.matches(task, query)]
        assert data.select(query) == expected, query
        assert index.select(tasks, query) == [tasks[p] for p in expected], query
        # among some places only: those of them that match, in order
        among = list(range(0, len(tasks), 3))
        assert data.select(query, among) == [p for p in expected if p % 3 == 0], query
        # typing on narrows the result as a search of every task would find it
        for longer in (query + "a", query + "g", query + "商"):
            if index.refines(query, longer):
                assert data.select(longer, expected) == data.select(longer), longer
        found_some += bool(expected)
    assert found_some > 20  # most queries found something
    assert data.ids_at([0, 2]) == [tasks[0].id, tasks[2].id]
    assert all(data.places[task.id] == p for p, task in enumerate(tasks))
    assert data.select("  ") == list(range(len(tasks)))
    assert data.select("", [1, 4]) == [1, 4]


def test_keep_passing_matches_filter_tasks() -> None:
    from datetime import date

    from plan_tui.model import Status
    from plan_tui.query import TaskFilter, filter_tasks, keep_passing

    plan = load(SEED).plan
    today = date(2025, 2, 1)
    tasks = list(plan.tasks())
    for flt in (
        TaskFilter(statuses=frozenset({Status.NOT_STARTED})),
        TaskFilter(overdue=True),
        TaskFilter(due_before=date(2025, 1, 1), statuses=frozenset(Status)),
    ):
        expected = [task for _, task in filter_tasks(plan, flt, today)]
        assert expected, flt  # the seed has tasks of each kind
        assert keep_passing(tasks, plan, flt, today) == expected
