"""Undo and redo over whole-plan snapshots.

Every change copies the plan and mutates the copy, so a plan object, once replaced,
is never changed again: the undo stack, the saver thread and the merge on reload can
all hold plain references to it without locks.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Plan, Task

Mutation = Callable[[Plan], object]


def clone_task(task: Task) -> Task:
    """A copy of a task and its subtree; log entries are shared (they are never edited)."""
    clone = copy.copy(task)
    data = clone.__dict__
    data["children"] = [clone_task(child) for child in task.children]
    data["partners"] = list(task.partners)
    data["tags"] = list(task.tags)
    data["log"] = list(task.log)
    return clone


def clone_plan(plan: Plan) -> Plan:
    """A copy of the plan that can be changed without touching the original."""
    clone = copy.copy(plan)
    data = clone.__dict__
    data["areas"] = [clone_task(area) for area in plan.areas]
    data["targets"] = [copy.copy(t) for t in plan.targets]
    data["roster"] = {k: list(v) for k, v in plan.roster.items()}
    data["settings"] = copy.copy(plan.settings)
    return clone


@dataclass
class Step:
    """One undoable change: the plan before it and after it."""

    label: str
    before: Plan
    after: Plan


@dataclass
class History:
    """The undo and redo stacks of one editing session."""

    limit: int = 200
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)

    def record(self, label: str, before: Plan, after: Plan) -> None:
        """Remember a change; a new change drops the redo stack."""
        self.undo_stack.append(Step(label, before, after))
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()

    def undo(self) -> Step | None:
        """The step to revert (its ``before`` becomes current), or ``None``."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self.redo_stack.append(step)
        return step

    def redo(self) -> Step | None:
        """The step to apply again (its ``after`` becomes current), or ``None``."""
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self.undo_stack.append(step)
        return step


def _signature(task: Task, parent: str) -> tuple:
    data = task.__dict__
    fields = tuple(
        (k, tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k != "children"
    )
    return (parent, fields, tuple(c.id for c in task.children))


def _signatures(plan: Plan) -> dict[str, tuple]:
    result: dict[str, tuple] = {}
    stack = [(t, "") for t in plan.areas]
    while stack:
        task, parent = stack.pop()
        result[task.id] = _signature(task, parent)
        stack.extend((c, task.id) for c in task.children)
    result[""] = (tuple(a.id for a in plan.areas),)
    return result


PLAN_FIELDS = "<plan>"
"""Pseudo id standing for the plan's own fields in :func:`touched_ids`."""


def touched_ids(base: Plan, other: Plan) -> set[str]:
    """Ids of the tasks that differ between two versions of a plan.

    A task counts as touched when a field, its parent or the order of its children
    changed, or when it was added or removed; ``""`` stands for the list of areas and
    :data:`PLAN_FIELDS` for the plan's own fields.
    """
    a, b = _signatures(base), _signatures(other)
    touched = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
    own = ("org", "year", "title", "requirements", "targets_text", "targets", "roster", "settings")
    if any(getattr(base, k) != getattr(other, k) for k in own):
        touched.add(PLAN_FIELDS)
    return touched
