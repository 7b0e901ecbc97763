"""Three-way merge of plans by task id and field: what git calls for on ``plans/*.toml``.

Two copies of a plan (``ours`` and ``theirs``) that both started from ``base`` are merged
task by task and field by field:

- a field changed on one side only takes that side's value; the same change on both
  sides is one change;
- log entries are the union of both sides by (date, text, author), in date order, less
  the entries one side removed;
- tasks added on either side are kept, tasks deleted on one side and untouched on the
  other are deleted, tasks moved on one side (``parent``) move, areas and siblings
  reordered on one side keep that order;
- the same field changed to different values, a task moved to two different places,
  or a task deleted on one side and edited on the other is a :class:`Conflict`: the
  merged plan keeps ``ours`` (and keeps the edited task) and records the conflict in
  ``plan.conflicts`` until someone settles it (:mod:`plan_tui.collab.resolve`).

The result is always a valid plan.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model import Conflict, FieldChange, LogEntry, Plan, Task

TASK_FIELDS = [k for k in Task.model_fields if k not in ("id", "log", "changes", "children")]
"""A task's own fields, merged one by one (the update log and the change records are
united instead)."""
PLAN_FIELDS = ("org", "year", "title", "source", "requirements", "targets_text")
"""The plan's own plain fields, merged one by one."""
DELETED = "deleted"
"""The ``field`` of a conflict between a deletion and an edit."""
PARENT = "parent"
"""The ``field`` of a conflict between two moves of one task."""
EDITED, GONE = "edited", "deleted"
"""What each side did, in a deletion conflict's ``ours``/``theirs``."""


def plain(value: Any) -> Any:
    """A field value as a conflict records it: enum codes, lists copied."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


@dataclass
class _Flat:
    """A plan seen as tasks by id, each with its parent and its children's order."""

    tasks: dict[str, Task] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan) -> _Flat:
        flat = cls()
        flat.children[""] = [a.id for a in plan.areas]
        stack = [(a, "") for a in reversed(plan.areas)]
        while stack:
            task, parent = stack.pop()
            flat.tasks[task.id] = task
            flat.parent[task.id] = parent
            flat.children[task.id] = [c.id for c in task.children]
            stack.extend((c, task.id) for c in reversed(task.children))
        return flat


def _key(entry: LogEntry) -> tuple:
    return (entry.date, entry.text, entry.author)


def _change_key(change: FieldChange) -> tuple:
    return (change.date, change.field, change.old, change.new, change.author)


def merge_logs(
    base: list[Any], ours: list[Any], theirs: list[Any], key: Callable[[Any], tuple] = _key
) -> list:
    """Both sides' entries by (date, text, author), in date order, never duplicated.

    An entry in ``base`` that one side no longer has was removed there and stays out.
    Entries of one day keep their order, ours first.
    """
    base_keys = {key(e) for e in base}
    our_keys = {key(e) for e in ours}
    their_keys = {key(e) for e in theirs}
    removed = {k for k in base_keys if k not in our_keys or k not in their_keys}
    new_theirs = [e for e in theirs if key(e) not in our_keys and key(e) not in removed]
    seen: set[tuple] = set()
    merged: list[Any] = []
    for entry in [*ours, *new_theirs]:
        found = key(entry)
        if found in seen or found in removed:
            continue
        seen.add(found)
        merged.append(entry.model_copy())
    merged.sort(key=lambda e: e.date)  # stable: same-day entries keep ours first
    return merged


def _three_way(base: Any, ours: Any, theirs: Any, has_base: bool) -> tuple[Any, bool]:
    """The merged value and whether the two sides conflict (then ours is returned)."""
    if ours == theirs:
        return ours, False
    if has_base and ours == base:
        return theirs, False
    if has_base and theirs == base:
        return ours, False
    return ours, True


def _changed(task: Task, parent: str, base: _Flat) -> bool:
    """Whether a task differs from its base version (fields, log or place)."""
    old = base.tasks[task.id]
    if base.parent[task.id] != parent:
        return True
    if any(getattr(task, f) != getattr(old, f) for f in TASK_FIELDS):
        return True
    return {_key(e) for e in task.log} != {_key(e) for e in old.log}


@dataclass
class MergeResult:
    """The merged plan and the conflicts this merge found (also in ``plan.conflicts``)."""

    plan: Plan
    new_conflicts: list[Conflict]


class _Merger:
    def __init__(self, base: Plan, ours: Plan, theirs: Plan) -> None:
        self.b, self.o, self.t = _Flat.of(base), _Flat.of(ours), _Flat.of(theirs)
        self.conflicts: list[Conflict] = []
        self.tasks: dict[str, Task] = {}
        self.parent: dict[str, str] = {}

    def conflict(self, task: str, name: str, base: Any, ours: Any, theirs: Any) -> None:
        self.conflicts.append(
            Conflict(
                task=task, field=name, base=plain(base), ours=plain(ours), theirs=plain(theirs)
            )
        )

    def merge_task(self, tid: str) -> None:
        b, o, t = self.b, self.o, self.t
        old = b.tasks.get(tid)
        ours, theirs = o.tasks[tid], t.tasks[tid]
        values: dict[str, Any] = {}
        for name in TASK_FIELDS:
            base_value = getattr(old, name) if old is not None else None
            value, clash = _three_way(
                base_value, getattr(ours, name), getattr(theirs, name), old is not None
            )
            if clash:
                self.conflict(tid, name, base_value, getattr(ours, name), getattr(theirs, name))
            values[name] = value
        values["log"] = merge_logs(old.log if old else [], ours.log, theirs.log)
        values["changes"] = merge_logs(
            old.changes if old else [], ours.changes, theirs.changes, _change_key
        )
        parent, clash = _three_way(b.parent.get(tid), o.parent[tid], t.parent[tid], old is not None)
        if clash:
            self.conflict(tid, PARENT, b.parent.get(tid), o.parent[tid], t.parent[tid])
        self.tasks[tid] = ours.model_copy(update={**values, "children": []})
        self.parent[tid] = parent

    def keep_one_side(self, tid: str, mine: _Flat, other_name: str) -> None:
        """A task only one side has: added there, or deleted on the other side."""
        task = mine.tasks[tid]
        if tid in self.b.tasks:
            if not _changed(task, mine.parent[tid], self.b):
                return  # deleted on the other side, untouched here
            self.record_deletion(tid, deleted_by=other_name)
        self.tasks[tid] = task.model_copy(update={"children": [], "log": list(task.log)})
        self.parent[tid] = mine.parent[tid]

    def record_deletion(self, tid: str, deleted_by: str) -> None:
        ours = GONE if deleted_by == "ours" else EDITED
        theirs = GONE if deleted_by == "theirs" else EDITED
        self.conflict(tid, DELETED, "", ours, theirs)

    def close_parents(self) -> None:
        """Keep the parent of every kept task, restoring one a side deleted."""
        pending = list(self.tasks)
        while pending:
            tid = pending.pop()
            parent = self.parent[tid]
            if not parent or parent in self.tasks:
                continue
            side, name = (self.o, "theirs") if parent in self.o.tasks else (self.t, "ours")
            if parent not in side.tasks:  # cannot happen: a parent comes from a side's tree
                self.parent[tid] = ""
                continue
            self.record_deletion(parent, deleted_by=name)
            self.restore(parent, side)
            pending.append(parent)

    def restore(self, tid: str, side: _Flat) -> None:
        """Bring back a task a side deleted, with the subtree that side deleted with it:
        the conflict is about the whole branch, and settling it decides for all of it."""
        stack = [tid]
        while stack:
            node = stack.pop()
            if node in self.tasks:
                continue
            task = side.tasks[node]
            self.tasks[node] = task.model_copy(update={"children": [], "log": list(task.log)})
            self.parent[node] = side.parent[node]
            stack.extend(side.children.get(node, []))

    def break_cycles(self) -> None:
        """Two moves (one per side) may make a loop: such tasks go back to ours' place."""
        for tid in list(self.tasks):
            seen = {tid}
            node = self.parent[tid]
            while node:
                if node in seen:
                    fallback = self.o.parent.get(node, self.t.parent.get(node, ""))
                    if fallback == self.parent[node]:
                        fallback = ""
                    self.parent[node] = fallback if fallback in self.tasks else ""
                    seen, node = {tid}, self.parent[tid]
                    continue
                seen.add(node)
                node = self.parent.get(node, "")

    def order(self, parent: str, members: set[str]) -> list[str]:
        """The children of ``parent``: one side's order, the other side's additions
        placed after the sibling they follow there."""
        b = self.b.children.get(parent, [])
        o = self.o.children.get(parent, [])
        t = self.t.children.get(parent, [])
        common = members & set(b) & set(o) & set(t)
        only = [[x for x in seq if x in common] for seq in (b, o, t)]
        primary, secondary = (t, o) if only[1] == only[0] and only[2] != only[0] else (o, t)
        result = [x for x in primary if x in members]
        placed = set(result)
        in_secondary = set(secondary)
        for i, tid in enumerate(secondary):
            if tid not in members or tid in placed:
                continue
            at = 0
            for before in reversed(secondary[:i]):
                if before in placed:
                    at = result.index(before) + 1
                    while at < len(result) and result[at] not in in_secondary:
                        at += 1
                    break
            result.insert(at, tid)
            placed.add(tid)
        result.extend(sorted(members - placed))
        return result

    def build(self) -> list[Task]:
        groups: dict[str, set[str]] = {}
        for tid, parent in self.parent.items():
            groups.setdefault(parent, set()).add(tid)

        def children(parent: str) -> list[Task]:
            out = []
            for tid in self.order(parent, groups.get(parent, set())):
                task = self.tasks[tid]
                task.children = children(tid)
                out.append(task)
            return out

        return children("")


def _merge_plan_fields(base: Plan, ours: Plan, theirs: Plan, m: _Merger) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in PLAN_FIELDS:
        value, clash = _three_way(
            getattr(base, name), getattr(ours, name), getattr(theirs, name), True
        )
        if clash:
            m.conflict("", name, getattr(base, name), getattr(ours, name), getattr(theirs, name))
        values[name] = value
    settings = {}
    for name in type(ours.settings).model_fields:
        b, o, t = (getattr(p.settings, name) for p in (base, ours, theirs))
        value, clash = _three_way(b, o, t, True)
        if clash:
            m.conflict("", f"settings.{name}", b, o, t)
        settings[name] = value
    try:  # the settings must agree with each other (e.g. warn_behind below red_behind)
        values["settings"] = type(ours.settings).model_validate(settings)
    except ValueError:
        values["settings"] = ours.settings.model_copy()
        for name, value in settings.items():
            if value != getattr(ours.settings, name):
                b, t = getattr(base.settings, name), getattr(theirs.settings, name)
                m.conflict("", f"settings.{name}", b, getattr(ours.settings, name), t)
    roster: dict[str, list[str]] = {}
    for role in sorted(set(ours.roster) | set(theirs.roster)):
        b, o, t = (p.roster.get(role, []) for p in (base, ours, theirs))
        value, clash = _three_way(b, o, t, True)
        roster[role] = sorted(set(o) | set(t)) if clash else list(value)  # suggestions only
    values["roster"] = {k: v for k, v in roster.items() if v}
    dump = [
        [json.dumps(i.model_dump(mode="json"), ensure_ascii=False) for i in p.targets]
        for p in (base, ours, theirs)
    ]
    value, clash = _three_way(dump[0], dump[1], dump[2], True)
    if clash:
        m.conflict("", "targets", *dump)
    source = theirs if value == dump[2] and value != dump[1] else ours
    values["targets"] = [i.model_copy() for i in source.targets]
    return values


def _merge_open_conflicts(base: Plan, ours: Plan, theirs: Plan) -> dict[tuple, Conflict]:
    """Conflicts recorded before: kept unless one side settled them."""
    keyed = [{(c.task, c.field): c for c in p.conflicts} for p in (base, ours, theirs)]
    b, o, t = keyed
    settled = {k for k in b if k not in o or k not in t}
    merged = {**t, **o}
    return {k: c for k, c in merged.items() if k not in settled}


def merge_plans(base: Plan, ours: Plan, theirs: Plan) -> MergeResult:
    """Merge ``theirs`` into ``ours``, both descended from ``base`` (see module doc)."""
    m = _Merger(base, ours, theirs)
    ids = list(m.o.tasks) + [tid for tid in m.t.tasks if tid not in m.o.tasks]
    for tid in ids:
        if tid in m.o.tasks and tid in m.t.tasks:
            m.merge_task(tid)
        elif tid in m.o.tasks:
            m.keep_one_side(tid, m.o, "theirs")
        else:
            m.keep_one_side(tid, m.t, "ours")
    m.close_parents()
    m.break_cycles()
    values = _merge_plan_fields(base, ours, theirs, m)
    areas = m.build()
    open_conflicts = _merge_open_conflicts(base, ours, theirs)
    for c in m.conflicts:
        open_conflicts[(c.task, c.field)] = c
    kept = [c for c in open_conflicts.values() if not c.task or c.task in m.tasks]
    plan = Plan.model_validate(
        {
            "schema_version": ours.schema_version,
            **values,
            "areas": areas,
            "conflicts": kept,
        }
    )
    return MergeResult(plan, list(m.conflicts))
