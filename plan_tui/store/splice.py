"""A change to the plan on disk as a splice: new text for the changed tasks only.

:func:`snapshot` notes each task's id, parent and field values after loading; after the
change, :func:`splice` keeps the file's own text for every task that is as it was,
formats and checks (by parsing it back) only the tasks that are new or changed, and
joins the pieces. For a file written by this program the result is byte for byte the
text of :func:`~plan_tui.store.document.dumps`; when the file does not have the shape
``dumps`` writes (edited by hand, a table between tasks, a line starting with ``[``
inside a multi-line text), the whole plan is formatted and checked instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Plan
from ..model.errors import PlanError
from .document import head_text, signature, tasks_in_order
from .format import format_string
from .pieces import task_starts
from .task_texts import checked_head, checked_task_text


@dataclass(frozen=True)
class Snapshot:
    """The tasks of a plan just loaded: ``(id, parent, field values)`` in file order."""

    head: str
    tasks: list[tuple[str, str, tuple[Any, ...]]]
    headers: int
    """How many table headers a text of this plan in ``dumps`` shape has."""


def snapshot(plan: Plan) -> Snapshot:
    """Note what every task holds now, to tell later which ones a change touched."""
    head = head_text(plan)
    order = tasks_in_order(plan)
    logs = sum(len(task.log) for task, _ in order)
    headers = head.count("\n[") + len(order) + logs
    return Snapshot(head, [(t.id, parent, signature(t)) for t, parent in order], headers)


def _pieces(text: str, before: Snapshot) -> tuple[str, list[str]] | None:
    """The head and each task's text of a file in ``dumps`` shape; ``None`` otherwise."""
    if not before.tasks or not text.endswith("\n") or text.count("\n[") != before.headers:
        return None
    starts = task_starts(text)
    if len(starts) != len(before.tasks) or text[: starts[0]] != before.head:
        return None
    ends = [*starts[1:], len(text) - 1]
    return text[: starts[0]], [text[s + 2 : e] for s, e in zip(starts, ends, strict=True)]


def splice(text: str, before: Snapshot, plan: Plan, file: str | Path) -> str | None:
    """The plan's new text made from ``text`` (the file it was loaded from).

    ``None`` when ``text`` cannot be spliced; the caller then formats the whole plan.
    Raises :class:`PlanError` when a changed task would not read back as it is.
    """
    found = _pieces(text, before)
    if found is None:
        return None
    old_head, old_pieces = found
    index = {task_id: n for n, (task_id, _, _) in enumerate(before.tasks)}
    head = head_text(plan)
    if head != old_head:
        head = checked_head(plan, file)
    parts: list[str] = []
    seen: set[str] = set()
    for task, parent in tasks_in_order(plan):
        if task.id in seen:
            raise PlanError(f"任务编号重复：{task.id}", file)
        seen.add(task.id)
        n = index.get(task.id)
        if n is not None:
            _, old_parent, old_signature = before.tasks[n]
            piece = old_pieces[n]
            start = f"[[tasks]]\nid = {format_string(task.id)}\nparent = {format_string(parent)}"
            if (
                old_parent == parent
                and old_signature == signature(task)
                and (piece == start or piece.startswith(start + "\n"))
            ):
                parts.append(piece)
                continue
        parts.append(checked_task_text(task, parent, file))
    if not parts:
        return None
    return head + "\n\n" + "\n\n".join(parts) + "\n"
