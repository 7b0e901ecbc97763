"""Settling a merge conflict: take one side's value (or a new one) and drop the record."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Literal

from ..labels.fields import FIELD_LABELS as PLAN_FIELD_LABELS
from ..model import Conflict, Indicator, Plan, Task, parse_status
from ..model.deadlines import parse_deadline
from ..model.errors import PlanError
from ..model.text_rule import forbidden_chars, visible
from .merge import DELETED, GONE, PARENT, PLAN_FIELDS

Side = Literal["ours", "theirs", "base"]

FIELD_LABELS: dict[str, str] = {**PLAN_FIELD_LABELS, PARENT: "所属上级", DELETED: "删除"}
"""Chinese names of the fields a conflict or a change may name."""


def field_label(name: str) -> str:
    """``owner`` → ``责任人``; settings keys and unknown names are shown as they are."""
    return FIELD_LABELS.get(name, name)


def find_conflict(plan: Plan, task_id: str, field: str) -> Conflict | None:
    """The open conflict on ``field`` of the task (``""`` for the plan itself)."""
    for conflict in plan.conflicts:
        if conflict.task == task_id and conflict.field == field:
            return conflict
    return None


def _remove(plan: Plan, task_id: str) -> None:
    def prune(tasks: list[Task]) -> list[Task]:
        kept = [t for t in tasks if t.id != task_id]
        for t in kept:
            t.children = prune(t.children)
        return kept

    plan.areas = prune(plan.areas)


def _move(plan: Plan, task_id: str, parent_id: str) -> None:
    found = plan.find(task_id)
    if found is None:
        return
    task = found[1]
    if parent_id and (parent_id == task_id or any(t.id == parent_id for t in task.walk())):
        raise PlanError("不能把任务移到它自己的下级之下")
    target = plan.find(parent_id) if parent_id else None
    if parent_id and target is None:
        raise PlanError(f"上级任务 {parent_id} 已不存在，请改用 --take 另一方")
    _remove(plan, task_id)
    if target is None:
        plan.areas = [*plan.areas, task]
    else:
        target[1].children = [*target[1].children, task]


def parse_value(field: str, text: str, year: int) -> Any:
    """A value typed for ``--value``, checked as the field requires (``year``: the plan's,
    for deadline phrases such as ``6月底``)."""
    text = text.strip()
    bad = forbidden_chars(text)
    if bad:
        shown = " ".join(visible(c) for c in dict.fromkeys(bad))
        raise PlanError(f"--value 含有不允许的控制字符 {shown}（只能是可见文字、换行和制表符）")
    if field in ("deadline", "start"):
        if text in ("", "无", "-"):
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return parse_deadline(text, year).date
        except ValueError:
            raise PlanError(
                f"{field_label(field)}的值“{text}”不是日期，请写成 2024-06-30 或 6月底 的形式"
            ) from None
    if field == "status":
        try:
            return parse_status(text).value
        except ValueError as exc:
            raise PlanError(str(exc)) from None
    if field in ("progress", "year"):
        if not text.rstrip("%％").isdigit():
            raise PlanError(f"{field_label(field)}应为整数，得到“{text}”")
        return int(text.rstrip("%％"))
    if field in ("partners", "tags"):
        return [part.strip() for part in re.split(r"[,，、;；]", text) if part.strip()]
    return text


def resolve(
    plan: Plan,
    task_id: str,
    field: str,
    take: Side | None = None,
    value: Any = None,
) -> Conflict:
    """Settle the conflict on ``field`` of ``task_id`` with one side's value or ``value``.

    Changes the plan in place and returns the conflict that was settled; a
    :class:`PlanError` when there is no such conflict or the value does not fit.
    """
    conflict = find_conflict(plan, task_id, field)
    if conflict is None:
        raise PlanError(f"没有这处冲突：任务 {task_id or '（计划本身）'} 的{field_label(field)}")
    chosen = getattr(conflict, take) if take else value
    found = plan.find(task_id) if task_id else None
    if task_id and found is None:
        pass  # the task is gone: the record is simply dropped
    elif field == DELETED:
        if chosen == GONE:
            _remove(plan, task_id)
    elif field == PARENT:
        _move(plan, task_id, chosen or "")
    elif not task_id:
        _set_plan_field(plan, field, chosen)
    else:
        _set_field(found[1], field, chosen)  # type: ignore[index]
    plan.conflicts = [c for c in plan.conflicts if c is not conflict]
    return conflict


def _set_field(task: Task, field: str, value: Any) -> None:
    if field not in Task.model_fields or field in ("id", "log", "children"):
        raise PlanError(f"任务没有字段 {field}")
    if value is None:
        value = Task.model_fields[field].get_default(call_default_factory=True)
    try:
        setattr(task, field, value)
    except ValueError as exc:
        raise PlanError(f"{field_label(field)}的值“{value}”无效：{exc}") from None


def _set_plan_field(plan: Plan, field: str, value: Any) -> None:
    try:
        if field in PLAN_FIELDS:
            setattr(plan, field, value if value is not None else "")
        elif field.startswith("settings."):
            setattr(plan.settings, field.partition(".")[2], value)
            plan.settings = plan.settings.model_validate(plan.settings.model_dump())
        elif field == "targets":
            items = value if isinstance(value, list) else json.loads(str(value) or "[]")
            plan.targets = [Indicator(**json.loads(i)) for i in items]
        else:
            raise PlanError(f"计划没有字段 {field}")
    except (ValueError, TypeError) as exc:
        if isinstance(exc, PlanError):
            raise
        raise PlanError(f"{field_label(field)}的值无效：{exc}") from None
