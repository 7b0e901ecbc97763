"""Undo and redo over whole-plan snapshots.

Every change copies the plan and mutates the copy, so a plan object, once replaced,
is never changed again: the undo stack, the saver thread and the merge on reload can
all hold plain references to it without locks. A change that names the tasks it
touches copies only those tasks and their ancestors (:func:`clone_touching`); every
other task object is shared between the versions, which is safe because none is ever
changed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Plan, Task

Mutation = Callable[[Plan], object]


@dataclass
class Step:
    """One undoable change: the plan before it and after it.

    ``touched`` names the only tasks whose fields differ when the change said so (the
    tree's shape is then the same on both sides); ``None`` means anything may differ.
    """

    label: str
    before: Plan
    after: Plan
    touched: frozenset[str] | None = None


@dataclass
class History:
    """The undo and redo stacks of one editing session."""

    limit: int = 200
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)

    def record(
        self, label: str, before: Plan, after: Plan, touched: frozenset[str] | None = None
    ) -> None:
        """Remember a change; a new change drops the redo stack."""
        self.undo_stack.append(Step(label, before, after, touched))
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
