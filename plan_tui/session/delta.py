"""What changed between two versions of a plan, task by task, and applying that elsewhere.

A :class:`Delta` lists, for each task it covers, the task's state before and after: its
own fields (not its children), its parent and the sibling just before it. Applying a
delta to a third version of the plan is a three-way merge done field by field:

- a field the delta changes is set when the plan still holds the "before" value, left
  alone when it already holds the "after" value, and is a :class:`Conflict` otherwise;
- update-log entries are merged as lists of entries: the ones the delta added are added,
  the ones it removed are removed, and entries someone else added stay;
- a task is deleted only when it is as the delta last saw it and has no subtask the
  delta does not know; it is moved only when it still sits where the delta saw it.

The same operation serves saving (our changes since the last save, applied to the file
as it is now), reloading (the same, applied to what another writer saved) and undo and
redo (a step's delta inverted or not, applied to the plan as it is now), so an undo never
reverts a change it did not make.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..model import LogEntry, Plan, Task
from .cloning import Where, at

PLAN_ID = "<plan>"
"""Pseudo id under which a delta holds the plan's own fields (title, targets, …)."""

PLAN_KEYS = tuple(k for k in Plan.model_fields if k != "areas")
TASK_KEYS = tuple(k for k in Task.model_fields if k not in ("id", "children"))


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _thawed(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class TaskState:
    """One task as a delta saw it: its fields, where it sits, and its place in tree order."""

    fields: dict[str, Any]
    """Every field but ``id`` and ``children``; lists are stored as tuples."""
    parent: str
    """Id of the parent task; ``""`` for an area."""
    previous: str | None
    """Id of the sibling just before it; ``None`` when it comes first."""
    where: tuple[int, ...] = field(compare=False)
    """Child indexes from the areas down; orders the changes, never compared."""

    @property
    def title(self) -> str:
        """The task's title, for messages."""
        return str(self.fields.get("title", ""))


def state_of(task: Task, parent: str, previous: str | None, where: tuple[int, ...]) -> TaskState:
    """The state of ``task`` sitting under ``parent`` after ``previous``."""
    data = task.__dict__
    return TaskState({k: _frozen(data[k]) for k in TASK_KEYS}, parent, previous, where)


def _states_by_shape(plan: Plan, ids: set[str], shape: Where) -> dict[str, TaskState] | None:
    found: dict[str, TaskState] = {}
    for task_id in ids:
        where = shape.get(task_id)
        if where is None:
            continue
        task = at(plan, where)
        if task is None or task.id != task_id:
            return None  # not the shape it was said to be: walk instead
        parent = at(plan, where[:-1]) if len(where) > 1 else None
        siblings = parent.children if parent is not None else plan.areas
        previous = siblings[where[-1] - 1].id if where[-1] else None
        found[task_id] = state_of(task, parent.id if parent else "", previous, where)
    return found


def states(
    plan: Plan, ids: set[str] | None = None, shape: Where | None = None
) -> dict[str, TaskState]:
    """The states of the tasks ``ids`` (every task when ``None``) that are in ``plan``.

    ``shape`` (:func:`~plan_tui.session.cloning.index_all` of a plan of the same shape)
    finds named tasks without a walk.
    """
    if ids is not None and shape is not None:
        known = _states_by_shape(plan, ids, shape)
        if known is not None:
            return known
    found: dict[str, TaskState] = {}
    stack: list[tuple[tuple[int, ...], Task, str, str | None]] = [
        ((i,), a, "", plan.areas[i - 1].id if i else None) for i, a in enumerate(plan.areas)
    ]
    while stack and (ids is None or len(found) < len(ids)):
        where, task, parent, previous = stack.pop()
        if ids is None or task.id in ids:
            found[task.id] = state_of(task, parent, previous, where)
        kids = task.children
        stack.extend(
            ((*where, i), c, task.id, kids[i - 1].id if i else None) for i, c in enumerate(kids)
        )
    return found


def plan_fields(plan: Plan) -> dict[str, Any]:
    """The plan's own fields (everything but the task tree)."""
    return {k: copy.deepcopy(getattr(plan, k)) for k in PLAN_KEYS}


@dataclass(frozen=True)
class Change:
    """One task before and after; ``None`` on a side where it does not exist."""

    task_id: str
    before: TaskState | None
    after: TaskState | None

    def inverse(self) -> Change:
        """The change that goes back."""
        return Change(self.task_id, self.after, self.before)

    @property
    def title(self) -> str:
        """The task's title, for messages."""
        state = self.after or self.before
        return state.title if state is not None else ""


@dataclass(frozen=True)
class Delta:
    """The changes between two versions of a plan, task by task."""

    changes: tuple[Change, ...] = ()
    plan_before: dict[str, Any] | None = None
    """The plan's own fields before, when they changed."""
    plan_after: dict[str, Any] | None = None
    """The plan's own fields after, when they changed."""

    def inverse(self) -> Delta:
        """The delta that goes back."""
        return Delta(tuple(c.inverse() for c in self.changes), self.plan_after, self.plan_before)

    @property
    def ids(self) -> frozenset[str]:
        """The ids of the tasks it changes."""
        return frozenset(c.task_id for c in self.changes)

    @property
    def fields_only(self) -> bool:
        """Whether it changes only fields of existing tasks, not the tree's shape."""
        return all(
            c.before is not None
            and c.after is not None
            and (c.before.parent, c.before.previous) == (c.after.parent, c.after.previous)
            for c in self.changes
        )

    def __bool__(self) -> bool:
        return bool(self.changes) or self.plan_before is not None

    def then(self, other: Delta) -> Delta:
        """This delta followed by ``other`` (for tasks in both: first before, last after)."""
        merged: dict[str, Change] = {c.task_id: c for c in self.changes}
        for c in other.changes:
            first = merged.get(c.task_id)
            merged[c.task_id] = c if first is None else Change(c.task_id, first.before, c.after)
        kept = tuple(c for c in merged.values() if c.before != c.after)
        before = self.plan_before if self.plan_before is not None else other.plan_before
        after = other.plan_after if other.plan_after is not None else self.plan_after
        if before == after:
            before = after = None
        return Delta(kept, before, after)


def diff(
    before: Plan,
    after: Plan,
    ids: set[str] | frozenset[str] | None = None,
    shape: Where | None = None,
) -> Delta:
    """The delta from ``before`` to ``after``.

    ``ids`` limits it to those tasks (the caller knows nothing else changed, which keeps
    a change quick in a large plan); ``None`` compares every task and the plan's fields.
    ``shape`` is the shape both versions share, when they do.
    """
    wanted = None if ids is None else set(ids)
    a, b = states(before, wanted, shape), states(after, wanted, shape)
    changes = tuple(
        Change(k, a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)
    )
    plan_before = plan_after = None
    if ids is None or PLAN_ID in ids:
        pa, pb = plan_fields(before), plan_fields(after)
        if pa != pb:
            plan_before, plan_after = pa, pb
    return Delta(changes, plan_before, plan_after)


@dataclass(frozen=True)
class Conflict:
    """A change that could not be applied because the plan holds a third version."""

    task_id: str
    """The task; :data:`PLAN_ID` for the plan's own fields."""
    title: str
    """The task's title."""
    field: str = ""
    """The field changed on both sides; ``""`` when the task itself was deleted or moved."""


class _Tree:
    """Where every task of a plan is, kept up to date while a delta is applied."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.tasks: dict[str, Task] = {}
        self.parents: dict[str, str] = {}
        stack: list[tuple[Task, str]] = [(a, "") for a in plan.areas]
        while stack:
            task, parent = stack.pop()
            self.tasks[task.id] = task
            self.parents[task.id] = parent
            stack.extend((c, task.id) for c in task.children)

    def siblings(self, parent: str) -> list[Task] | None:
        if parent == "":
            return self.plan.areas
        task = self.tasks.get(parent)
        return None if task is None else task.children

    def detach(self, task_id: str) -> None:
        nodes = self.siblings(self.parents[task_id])
        if nodes is not None:
            nodes[:] = [t for t in nodes if t.id != task_id]

    def attach(self, task: Task, state: TaskState) -> bool:
        nodes = self.siblings(state.parent)
        if nodes is None:
            return False
        ids = [t.id for t in nodes]
        if state.previous is None:
            index = 0
        elif state.previous in ids:
            index = ids.index(state.previous) + 1
        else:
            index = min(state.where[-1], len(nodes))
        nodes.insert(index, task)
        self.parents[task.id] = state.parent
        return True

    def forget(self, task: Task) -> None:
        for node in task.walk():
            self.tasks.pop(node.id, None)
            self.parents.pop(node.id, None)

    def is_below(self, task_id: str, ancestor: str) -> bool:
        while task_id:
            if task_id == ancestor:
                return True
            task_id = self.parents.get(task_id, "")
        return False


def _merged_log(
    base: tuple[LogEntry, ...], ours: tuple[LogEntry, ...], theirs: list[LogEntry]
) -> list[LogEntry]:
    added = list(ours)
    removed = []
    for entry in base:
        if entry in added:
            added.remove(entry)
        else:
            removed.append(entry)
    result = list(theirs)
    for entry in removed:
        if entry in result:
            result.remove(entry)
    extra = list(theirs)
    for entry in base:
        if entry in extra:
            extra.remove(entry)
    result.extend(e for e in added if e not in extra)
    return result


def _set_field(task: Task, key: str, value: Any) -> None:
    setattr(task, key, copy.copy(_thawed(value)))


def apply(
    plan: Plan, delta: Delta, prefer_ours: bool = False, shape: Where | None = None
) -> list[Conflict]:
    """Apply ``delta`` to ``plan`` in place, three-way; the conflicts met.

    A conflicting change is left out (the plan keeps its value) unless ``prefer_ours``,
    when the delta's value wins. The caller passes a copy it may change (see
    :mod:`plan_tui.session.cloning`) and drops it when it wants no partial result.
    ``shape`` is the plan's shape when known (then a delta of fields alone needs no walk).
    """
    conflicts: list[Conflict] = []
    if shape is not None and delta.fields_only and delta.plan_before is None:
        found = _states_by_shape(plan, set(delta.ids), shape)
        if found is not None and len(found) == len(delta.ids):
            for change in delta.changes:
                assert change.before is not None and change.after is not None
                task = at(plan, shape[change.task_id])
                assert task is not None
                _update_fields(task, change.before, change.after, prefer_ours, conflicts)
            return conflicts
    tree = _Tree(plan)
    deleting = {c.task_id for c in delta.changes if c.after is None}

    gone = [c for c in delta.changes if c.after is None and c.before is not None]
    for change in sorted(gone, key=lambda c: c.before.where if c.before else (), reverse=True):
        task = tree.tasks.get(change.task_id)
        if task is None or change.before is None:
            continue
        now = state_of(task, "", None, ())
        changed = [k for k in TASK_KEYS if now.fields[k] != change.before.fields[k]]
        strange = [c.id for c in task.children if c.id not in deleting]
        if (changed or strange) and not prefer_ours:
            conflicts.append(Conflict(change.task_id, task.title, changed[0] if changed else ""))
            continue
        tree.detach(change.task_id)
        tree.forget(task)

    ordered = sorted(
        (c for c in delta.changes if c.after is not None),
        key=lambda c: c.after.where if c.after else (),
    )
    for change in ordered:
        after = change.after
        assert after is not None
        task = tree.tasks.get(change.task_id)
        if change.before is None:
            if task is not None:
                continue  # already there
            task = Task.model_validate(
                {"id": change.task_id, **{k: _thawed(v) for k, v in after.fields.items()}}
            )
            if not tree.attach(task, after):
                conflicts.append(Conflict(change.task_id, after.title))
                continue
            tree.tasks[task.id] = task
            continue
        if task is None:
            conflicts.append(Conflict(change.task_id, change.title))
            continue
        _update_fields(task, change.before, after, prefer_ours, conflicts)
        _relocate(tree, task, change.before, after, prefer_ours, conflicts)

    if delta.plan_before is not None and delta.plan_after is not None:
        for key in PLAN_KEYS:
            old, new = delta.plan_before[key], delta.plan_after[key]
            now = getattr(plan, key)
            if old == new or now == new:
                continue
            if now == old or prefer_ours:
                setattr(plan, key, copy.deepcopy(new))
            else:
                conflicts.append(Conflict(PLAN_ID, plan.title, key))
    return conflicts


def _update_fields(
    task: Task, before: TaskState, after: TaskState, ours: bool, conflicts: list[Conflict]
) -> None:
    data = task.__dict__
    for key in TASK_KEYS:
        old, new = before.fields[key], after.fields[key]
        if old == new:
            continue
        now = _frozen(data[key])
        if now == new:
            continue
        if key == "log":
            _set_field(task, key, _merged_log(old, new, data[key]))
        elif now == old or ours:
            _set_field(task, key, new)
        else:
            conflicts.append(Conflict(task.id, task.title, key))


def _relocate(
    tree: _Tree,
    task: Task,
    before: TaskState,
    after: TaskState,
    ours: bool,
    conflicts: list[Conflict],
) -> None:
    if (before.parent, before.previous) == (after.parent, after.previous):
        return
    parent = tree.parents.get(task.id, "")
    target = tree.siblings(after.parent)
    if (
        (parent not in (before.parent, after.parent) and not ours)
        or target is None
        or tree.is_below(after.parent, task.id)
    ):
        conflicts.append(Conflict(task.id, task.title))
        return
    tree.detach(task.id)
    tree.attach(task, after)
