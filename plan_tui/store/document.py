"""The plan as the plain document the file holds, and its TOML text.

The file holds the plan's fields, then one ``[[tasks]]`` table per task in tree order,
each naming its ``parent`` by id and followed by its ``[[tasks.log]]`` entries. Editing a
task touches only that task's lines, and a new log entry only adds lines, so two people's
edits to different tasks merge cleanly as text.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from ..model import Plan, Task
from .format import HEADER, dumps_document, table_lines
from .reader import PLAN_KEYS, TASK_KEYS

TASK_SEPARATOR = "\n\n[[tasks]]\n"
"""What comes before every task's table in the text :func:`dumps` writes."""


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values, which TOML cannot hold; missing keys read back as ``None``."""
    return {k: v for k, v in data.items() if v is not None}


def task_table(task: Task, parent: str) -> dict[str, Any]:
    """One task's ``[[tasks]]`` table (with its log), of plain values."""
    data = task.model_dump(mode="python", exclude={"log", "children"})
    table: dict[str, Any] = {"id": data.pop("id"), "parent": parent}
    table.update((k, data[k]) for k in TASK_KEYS if k != "id")
    table = {k: v for k, v in _clean(table).items() if k != "changes" or v}
    if task.log:
        table["log"] = [_clean(e.model_dump(mode="python")) for e in task.log]
    plain: dict[str, Any] = to_plain(table)
    return plain


def plan_fields(plan: Plan) -> dict[str, Any]:
    """The plan's own fields (everything but its tasks) as plain values."""
    doc: dict[str, Any] = {k: getattr(plan, k) for k in PLAN_KEYS}
    doc["settings"] = _clean(plan.settings.model_dump(mode="python"))
    if plan.roster:
        doc["roster"] = {k: list(v) for k, v in sorted(plan.roster.items())}
    doc["targets"] = [_clean(i.model_dump(mode="python")) for i in plan.targets]
    if plan.conflicts:  # before the tasks, where a reader of the file sees them first
        doc["conflicts"] = [_clean(c.model_dump(mode="python")) for c in plan.conflicts]
    plain: dict[str, Any] = to_plain(doc)
    return plain


def to_document(plan: Plan) -> dict[str, Any]:
    """The plan as the plain document written to TOML (and JSON): one table per task."""
    doc = plan_fields(plan)
    doc["tasks"] = [task_table(task, parent) for task, parent in tasks_in_order(plan)]
    return doc


def tasks_in_order(plan: Plan) -> list[tuple[Task, str]]:
    """Every task with its parent's id (``""`` for an area), in the order written."""
    found: list[tuple[Task, str]] = []
    stack = [(area, "") for area in reversed(plan.areas)]
    while stack:
        task, parent = stack.pop()
        found.append((task, parent))
        stack.extend((child, task.id) for child in reversed(task.children))
    return found


def to_plain(value: Any) -> Any:
    """Turn enums into their codes so the document holds only plain values."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def dumps(plan: Plan) -> str:
    """The plan as TOML text; the same plan always gives the same text."""
    return dumps_document(to_document(plan))


def head_text(plan: Plan) -> str:
    """The text before the first task: the header comment and the plan's own fields."""
    top: list[str] = []
    table_lines(plan_fields(plan), "", False, top)
    return HEADER + "\n".join(top)


def task_text(task: Task, parent: str) -> str:
    """One task's text as :func:`dumps` writes it, from ``[[tasks]]`` to its last line."""
    lines: list[str] = []
    table_lines(task_table(task, parent), "tasks", True, lines)
    return "\n".join(lines)


_LISTS = ("children", "partners", "tags", "log")
_plain_fields = itemgetter(*[k for k in Task.model_fields if k not in _LISTS])


def signature(task: Task) -> tuple[Any, ...]:
    """A task's own field values (not its children), copied so later changes show."""
    data = task.__dict__
    log = data["log"]
    return (
        _plain_fields(data),
        tuple(data["partners"]),
        tuple(data["tags"]),
        tuple([tuple(entry.__dict__.values()) for entry in log]) if log else (),
    )
