"""Changes to the shape of the task tree, by task id; every id stays what it was."""

from __future__ import annotations

from ..model import Plan, Task


def siblings_of(plan: Plan, task_id: str) -> tuple[Task | None, list[Task]]:
    """The parent (``None`` for an area) and the list that holds the task."""
    if any(a.id == task_id for a in plan.areas):
        return None, plan.areas
    parent = plan.parent_of(task_id)
    if parent is None:
        raise KeyError(task_id)
    return parent, parent.children


def get(plan: Plan, task_id: str) -> Task:
    """The task with this id; ``KeyError`` when it is gone."""
    for task in plan.tasks():
        if task.id == task_id:
            return task
    raise KeyError(task_id)


def add_sibling(plan: Plan, task_id: str | None, task: Task) -> None:
    """Insert ``task`` just after ``task_id`` (or as the last area when ``None``)."""
    if task_id is None:
        plan.areas.append(task)
        return
    _, nodes = siblings_of(plan, task_id)
    index = next(i for i, t in enumerate(nodes) if t.id == task_id)
    nodes.insert(index + 1, task)


def add_child(plan: Plan, task_id: str, task: Task) -> None:
    """Append ``task`` as the last child of ``task_id``."""
    get(plan, task_id).children.append(task)


def delete(plan: Plan, task_id: str) -> None:
    """Remove the task with its whole subtree."""
    _, nodes = siblings_of(plan, task_id)
    nodes[:] = [t for t in nodes if t.id != task_id]


def move(plan: Plan, task_id: str, delta: int) -> bool:
    """Move the task up (``-1``) or down (``+1``) among its siblings; ``False`` at an end."""
    _, nodes = siblings_of(plan, task_id)
    index = next(i for i, t in enumerate(nodes) if t.id == task_id)
    target = index + delta
    if not 0 <= target < len(nodes):
        return False
    nodes[index], nodes[target] = nodes[target], nodes[index]
    return True


def indent(plan: Plan, task_id: str) -> bool:
    """Make the task the last child of the sibling above it; ``False`` when there is none."""
    _, nodes = siblings_of(plan, task_id)
    index = next(i for i, t in enumerate(nodes) if t.id == task_id)
    if index == 0:
        return False
    task = nodes.pop(index)
    nodes[index - 1].children.append(task)
    return True


def outdent(plan: Plan, task_id: str) -> bool:
    """Make the task the sibling just after its parent; ``False`` for an area."""
    parent, nodes = siblings_of(plan, task_id)
    if parent is None:
        return False
    task = next(t for t in nodes if t.id == task_id)
    nodes.remove(task)
    _, outer = siblings_of(plan, parent.id)
    index = next(i for i, t in enumerate(outer) if t.id == parent.id)
    outer.insert(index + 1, task)
    return True
