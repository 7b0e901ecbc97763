"""Which tasks belong to which responsible unit (责任单位) and partner unit (配合单位)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Plan, Task
from ..model.work_items import listed_tasks

_SEPARATORS = re.compile(r"[、，,；;/／\s]+")


def split_units(text: str) -> list[str]:
    """``经发办、农业办`` → ``["经发办", "农业办"]``."""
    return [part for part in _SEPARATORS.split(text) if part]


@dataclass(frozen=True)
class UnitTask:
    """A work task with where it sits in the plan."""

    path: str
    """Its path, e.g. ``3.2``."""
    area: Task
    """The area (一、…) it belongs to."""
    task: Task
    """The task itself."""


def work_tasks(plan: Plan) -> Iterator[UnitTask]:
    """Every row a table may list (:func:`plan_tui.model.work_items.listed_tasks`: work items
    and their measures, never an area heading), with its area, in tree order."""
    for path, task in listed_tasks(plan):
        yield UnitTask(path, plan.areas[int(path.split(".", 1)[0]) - 1], task)


def units_in(plan: Plan) -> list[str]:
    """Every responsible unit named by an open work task, in order of first mention."""
    seen: dict[str, None] = {}
    for entry in work_tasks(plan):
        if entry.task.status.is_open:
            seen.update(dict.fromkeys(split_units(entry.task.unit)))
    return list(seen)


def tasks_of(plan: Plan, unit: str) -> tuple[list[UnitTask], list[UnitTask]]:
    """The open work tasks a unit leads (责任单位) and those it supports (配合单位)."""
    leads, supports = [], []
    for entry in work_tasks(plan):
        if not entry.task.status.is_open:
            continue
        if unit in split_units(entry.task.unit):
            leads.append(entry)
        elif unit in entry.task.partners or unit in split_units("、".join(entry.task.partners)):
            supports.append(entry)
    return leads, supports


def belongs_to(task: Task, unit: str) -> bool:
    """Whether ``unit`` leads or supports ``task``."""
    return unit in split_units(task.unit) or unit in split_units("、".join(task.partners))
