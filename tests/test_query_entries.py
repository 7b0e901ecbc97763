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
