"""Searching prepared search data gives the same result as searching the tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_tui.query import SearchIndex
from plan_tui.store import load

SEED = Path(__file__).resolve().parent.parent / "plans" / "2024.toml"


@pytest.mark.parametrize(
    "query", ["zsyz", "zs", "zhaoshang", "zhao shang", "招商", "招商 引资", "党政办", "x", ""]
)
def test_select_entries_matches_select(query: str) -> None:
    plan = load(SEED).plan
    index = SearchIndex(plan)
    tasks = list(plan.tasks())
    found, entries = index.select_entries(tasks, index.entries(tasks), query)
    assert found == index.select(tasks, query)
    assert entries == index.entries(found)
    # narrowing a result by a longer query equals searching everything again
    if query:
        longer = query + "y"
        assert index.select_entries(found, entries, longer)[0] == index.select(tasks, longer)


def test_scanning_joined_search_data_finds_what_testing_each_task_finds() -> None:
    import random

    from plan_tui.query_scan import JoinedEntries

    plan = load(SEED).plan
    index = SearchIndex(plan)
    tasks = list(plan.tasks())
    entries = index.entries(tasks)
    joined = JoinedEntries(entries)
    # queries cut from the tasks' own data (so that many match), plus some that do not
    pick = random.Random(3)
    queries = ["z", "zs", "zsyz", "zhao", "zhaoshang", "zhao shang", "zz", "qq", "2024", "x y"]
    for entry in pick.sample(entries, 20):
        for text in (entry.pinyin, entry.long_initials, entry.words, entry.latin):
            text = text.replace("\x00", "")
            if len(text) > 6:
                start = pick.randrange(len(text) - 6)
                queries.append(text[start : start + pick.randint(1, 6)])
    queries += ["招商", "招商 引资", "党政办", "村", "工作 推进"]
    scanned = 0
    for query in queries:
        if not query.strip():
            continue
        found, kept = index.select_entries(tasks, entries, query, joined)
        assert (found, kept) == index.select_entries(tasks, entries, query), query
        scanned += bool(found)
    assert scanned > len(queries) // 2  # most queries found something
    # data that is not the joined list's own is tested task by task, as before
    some = entries[:5]
    assert index.select_entries(tasks[:5], some, "z", joined) == index.select_entries(
        tasks[:5], some, "z"
    )


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
