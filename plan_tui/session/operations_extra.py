"""Moving a task under another parent (to another area): where it may go and the move
itself, a pure function on a :class:`Plan` changed in place, applied by
:class:`plan_tui.session.operations.MoveUnder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Plan, Task
from ..model.errors import PlanError
from .task_history import MOVED, note_change

MAX_DEPTH = 3
"""Areas (一、), items (（一）) and measures: the plan's three levels."""


def _depth(task: Task) -> int:
    """Levels in ``task``'s subtree, itself included."""
    return 1 + max((_depth(c) for c in task.children), default=0)


def _locate(plan: Plan, task_id: str) -> tuple[str, Task, list[Task]]:
    """(path, task, the list holding it); ``PlanError`` when there is no such task."""
    for path, task in plan.walk():
        if task.id == task_id:
            parent = plan.parent_of(task_id)
            return path, task, parent.children if parent else plan.areas
    raise PlanError(f"找不到任务 {task_id}")


@dataclass(frozen=True)
class Destination:
    """A place a task can be moved under: an area or an item."""

    path: str
    task: Task

    @property
    def level(self) -> int:
        """1 for an area, 2 for an item."""
        return self.path.count(".") + 1


def destinations(plan: Plan, task_id: str, keep_level: bool = True) -> list[Destination]:
    """Where ``task_id`` may move: every task outside its own subtree, other than its
    present parent, under which it still fits in the plan's three levels.

    With ``keep_level`` (the default) only places at its parent's level are offered, so
    an item moves to another area and a measure to another item; an area has none.
    """
    path, task, _ = _locate(plan, task_id)
    own = {t.id for t in task.walk()}
    parent = plan.parent_of(task_id)
    depth = _depth(task)
    level = path.count(".") + 1
    return [
        Destination(where, candidate)
        for where, candidate in plan.walk()
        if candidate.id not in own
        and (parent is None or candidate.id != parent.id)
        and where.count(".") + 1 + depth <= MAX_DEPTH
        and (not keep_level or where.count(".") + 2 == level)
    ]


def move_under(plan: Plan, task_id: str, parent_id: str, day: date, author: str = "") -> str:
    """Move ``task_id`` (with its subtree) to the end of ``parent_id``'s children.

    Records the move in the task's history. Returns the task's new path. Raises
    ``PlanError`` when the target is the task itself, inside it, or too deep.
    """
    allowed = {d.task.id: d for d in destinations(plan, task_id, keep_level=False)}
    if parent_id not in allowed:
        raise PlanError("不能移到这里：目标是它自己、它的下级、原来的位置，或层级超过三级")
    _, task, siblings = _locate(plan, task_id)
    old_parent = plan.parent_of(task_id)
    target = allowed[parent_id].task
    siblings.remove(task)
    target.children.append(task)
    old = old_parent.title if old_parent else ""
    note_change(task, MOVED, old, target.title, day, author)
    found = plan.find(task_id)
    assert found is not None
    return found[0]
