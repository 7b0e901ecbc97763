"""Copy-on-write copies of a plan.

A plan object, once replaced by a change, is never changed again: the undo stack, the
saver thread and the merge on reload can all hold plain references to it without locks.
A change that names the tasks it touches copies only those tasks and their ancestors
(:func:`clone_touching`); every other task object is shared between the versions, which
is safe because none is ever changed in place.
"""

from __future__ import annotations

import copy

from ..model import Plan, Task


def clone_task(task: Task) -> Task:
    """A copy of a task and its subtree; log entries are shared (they are never edited)."""
    clone = copy.copy(task)
    data = clone.__dict__
    data["children"] = [clone_task(child) for child in task.children]
    data["partners"] = list(task.partners)
    data["tags"] = list(task.tags)
    data["log"] = list(task.log)
    return clone


def _shell(plan: Plan, areas: list[Task]) -> Plan:
    clone = copy.copy(plan)
    data = clone.__dict__
    data["areas"] = areas
    data["targets"] = [copy.copy(t) for t in plan.targets]
    data["roster"] = {k: list(v) for k, v in plan.roster.items()}
    data["settings"] = copy.copy(plan.settings)
    return clone


def clone_plan(plan: Plan) -> Plan:
    """A copy of the plan that can be changed without touching the original."""
    return _shell(plan, [clone_task(area) for area in plan.areas])


_new = object.__new__
_set = object.__setattr__


def _clone_node(task: Task) -> Task:
    """A copy of one task whose children list is its own (the children are shared)."""
    clone = _new(type(task))
    data = task.__dict__.copy()
    data["children"] = list(data["children"])
    data["partners"] = list(data["partners"])
    data["tags"] = list(data["tags"])
    data["log"] = list(data["log"])
    _set(clone, "__dict__", data)
    _set(clone, "__pydantic_fields_set__", set(task.__pydantic_fields_set__))
    _set(clone, "__pydantic_extra__", task.__pydantic_extra__)
    _set(clone, "__pydantic_private__", task.__pydantic_private__)
    return clone


def index_paths(plan: Plan, ids: set[str]) -> dict[str, tuple[int, ...]]:
    """Where the tasks with these ids sit: child indexes from the areas down."""
    found: dict[str, tuple[int, ...]] = {}
    stack: list[tuple[tuple[int, ...], Task]] = [((i,), a) for i, a in enumerate(plan.areas)]
    while stack and len(found) < len(ids):
        where, task = stack.pop()
        if task.id in ids:
            found[task.id] = where
        if task.children:
            stack.extend(((*where, i), c) for i, c in enumerate(task.children))
    return found


Where = dict[str, tuple[int, ...]]
"""Each task's child indexes from the areas down, by id: the shape of a plan."""


def index_all(plan: Plan) -> Where:
    """Where every task of ``plan`` sits (valid for every version of the same shape)."""
    found: Where = {}

    def visit(tasks: list[Task], where: tuple[int, ...]) -> None:
        for i, task in enumerate(tasks):
            here = (*where, i)
            found[task.id] = here
            if task.children:
                visit(task.children, here)

    visit(plan.areas, ())
    return found


def at(plan: Plan, where: tuple[int, ...]) -> Task | None:
    """The task at ``where`` in ``plan``, or ``None`` when there is none."""
    nodes = plan.areas
    task = None
    for index in where:
        if index >= len(nodes):
            return None
        task = nodes[index]
        nodes = task.children
    return task


def clone_touching(plan: Plan, ids: set[str], shape: Where | None = None) -> Plan:
    """A copy of the plan in which the tasks ``ids`` and their ancestors may be changed.

    Only those tasks are copied (with their own children, partners, tags and log
    lists); all other tasks are shared with ``plan``. The caller must change nothing
    but the fields of the named tasks. Unknown ids are ignored. ``shape``, when given,
    is :func:`index_all` of a plan of the same shape (it saves a walk).
    """
    clone = _shell(plan, list(plan.areas))
    copied: set[int] = set()
    found = index_paths(plan, ids) if shape is None else {i: shape[i] for i in ids if i in shape}
    for where in found.values():
        siblings = clone.__dict__["areas"]
        for index in where:
            node = siblings[index]
            if id(node) not in copied:
                node = siblings[index] = _clone_node(node)
                copied.add(id(node))
            siblings = node.__dict__["children"]
    return clone
