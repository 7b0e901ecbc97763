"""Formatting only the tasks that changed, each checked by reading its text back.

Both the TUI's repeated saves (:class:`TaskTexts`, which remembers the text of every
task it wrote) and a command's one change to the file on disk (:mod:`.splice`, which
reuses the file's own text) format and check just the changed tasks; the result is byte
for byte the text of :func:`~plan_tui.store.document.dumps`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import tomli

from ..model import Plan, Task
from ..model.errors import PlanError
from . import format as toml_format
from .document import dumps, head_text, signature, task_table


def checked_task_text(task: Task, parent: str, file: str | Path) -> str:
    """One task's text, parsed back and compared with the table it was written from."""
    table = task_table(task, parent)
    lines: list[str] = []
    toml_format.table_lines(table, "tasks", True, lines)
    text = "\n".join(lines)
    try:
        same = tomli.loads(text) == {"tasks": [table]}
    except (tomli.TOMLDecodeError, RecursionError):
        same = False
    if not same:
        raise PlanError(f"任务 {task.id} 写出后读回不一致，未保存", file)
    return text


def checked_head(plan: Plan, file: str | Path) -> str:
    """The text before the first task, checked as the start of a whole file would be."""
    from .plan_store import loads  # the head is checked as a file of its own

    head = head_text(plan)
    loads(head, file)
    return head


_YIELD_EVERY = 32
"""Tasks between two turns given to other threads while saving from a background one."""


class TaskTexts:
    """The TOML of each task as last written, for a writer that saves the same plan often.

    A task whose fields (log entries included) and parent are what they were at the last
    save gives the same text again, so :meth:`dumps` formats and checks only the tasks that
    are new or changed, comparing plain values rather than formatting every task: each
    new text is parsed back and must give exactly the table it was written from, the
    plan's own fields are validated as :func:`~plan_tui.store.loads` would, and task ids
    must be unique. The result is byte for byte the text of ``dumps``.
    """

    def __init__(self) -> None:
        self._texts: dict[str, tuple[tuple[Any, ...], str, str]] = {}

    def dumps(self, plan: Plan, file: str | Path = "<文本>") -> str:
        """The plan as TOML text, checked; :class:`PlanError` if it would not read back."""
        from .plan_store import loads

        if not plan.areas:  # written as ``tasks = []`` among the plan's fields
            self._texts = {}
            text = dumps(plan)
            loads(text, file)
            return text
        head = checked_head(plan, file)
        old, texts = self._texts, {}
        parts = [head]
        stack = [(area, "") for area in reversed(plan.areas)]
        while stack:
            if len(parts) % _YIELD_EVERY == 0:
                time.sleep(0)  # from a background thread: let the UI thread have its turn
            task, parent = stack.pop()
            known = old.get(task.id)
            if task.id in texts:
                raise PlanError(f"任务编号重复：{task.id}", file)
            sig = signature(task)
            if known is not None and known[0] == sig and known[1] == parent:
                text = known[2]
            else:
                text = checked_task_text(task, parent, file)
            texts[task.id] = (sig, parent, text)
            parts.append(text)
            stack.extend((child, task.id) for child in reversed(task.children))
        self._texts = texts
        return "\n\n".join(parts) + "\n"
