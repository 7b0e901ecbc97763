"""What changed between two versions of a plan, in words: ``2.1 添加进展；3.2 修改责任人``."""

from __future__ import annotations

from ..model import Plan
from .merge import PLAN_FIELDS, TASK_FIELDS
from .resolve import field_label

MAX_TASKS = 8
"""Tasks named one by one in a summary; more are counted (``等12项``)."""


def describe_changes(old: Plan | None, new: Plan) -> list[str]:
    """One phrase per changed task (by its path in ``new``), then plan-wide changes."""
    before = {t.id: (p, t) for p, t in old.walk()} if old is not None else {}
    parents_old = _parents(old) if old is not None else {}
    parents_new = _parents(new)
    out: list[str] = []
    for path, task in new.walk():
        if task.id not in before:
            out.append(f"{path} 新增任务")
            continue
        _, was = before[task.id]
        what: list[str] = []
        old_keys = {(e.date, e.text, e.author) for e in was.log}
        if any((e.date, e.text, e.author) not in old_keys for e in task.log):
            what.append("添加进展")
        elif len(task.log) != len(was.log) or task.log != was.log:
            what.append("修改进展")
        changed = [f for f in TASK_FIELDS if getattr(task, f) != getattr(was, f)]
        if changed:
            what.append("修改" + "、".join(field_label(f) for f in changed))
        if parents_old.get(task.id) != parents_new.get(task.id):
            what.append("移动")
        if what:
            out.append(f"{path} {'、'.join(what)}")
    now = {t.id for t in new.tasks()}
    for task_id, (path, task) in before.items():
        if task_id not in now and parents_old.get(task_id, "") not in {
            i for i in before if i not in now
        }:
            out.append(f"删除 {path} {task.title[:12]}".rstrip())
    if old is not None:
        plan_changed = [f for f in PLAN_FIELDS if getattr(old, f) != getattr(new, f)]
        if old.settings != new.settings:
            plan_changed.append("设置")
        if old.targets != new.targets:
            plan_changed.append("targets")
        if plan_changed:
            out.append("修改计划的" + "、".join(field_label(f) for f in plan_changed))
        if [c.model_dump() for c in old.conflicts] != [c.model_dump() for c in new.conflicts]:
            settled = len(
                {(c.task, c.field) for c in old.conflicts}
                - {(c.task, c.field) for c in new.conflicts}
            )
            if settled:
                out.append(f"处理冲突 {settled} 处")
    return out


def _parents(plan: Plan) -> dict[str, str]:
    parents: dict[str, str] = {}
    for task in plan.tasks():
        for child in task.children:
            parents[child.id] = task.id
    return parents


def summary(changes: list[str]) -> str:
    """The changes joined for a commit message, long lists cut with a count."""
    if not changes:
        return ""
    shown = changes[:MAX_TASKS]
    text = "；".join(shown)
    if len(changes) > MAX_TASKS:
        text += f"；等{len(changes)}处修改"
    return text
