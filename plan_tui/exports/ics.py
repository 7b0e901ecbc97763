"""Tasks with a deadline as iCalendar to-dos (VTODO), for calendar and task apps.

icalendar escapes text values as RFC 5545 says (``,`` ``;`` ``\\`` and line breaks);
control characters, which a TEXT value may not hold, are dropped first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Todo

from ..model import Plan, Status
from ..model.text_rule import strip_forbidden

ICS_STATUS = {
    Status.NOT_STARTED: "NEEDS-ACTION",
    Status.IN_PROGRESS: "IN-PROCESS",
    Status.DELAYED: "IN-PROCESS",
    Status.DONE: "COMPLETED",
    Status.SUSPENDED: "CANCELLED",
}
"""How each status maps to the VTODO STATUS property."""


def uid_for(task_id: str) -> str:
    """A UID that stays the same across exports: ``{task id}@plan-tui``."""
    return f"{task_id}@plan-tui"


def ics_bytes(plan: Plan, stamp: datetime | None = None) -> bytes:
    """One VTODO per task with a deadline: UID, SUMMARY, DUE, STATUS, DESCRIPTION (people)."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//plan-tui//重点工作台账//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", strip_forbidden(plan.title or f"{plan.org}{plan.year}年重点工作"))
    for path, task in plan.walk():
        if task.deadline is None:
            continue
        todo = Todo()
        todo.add("uid", strip_forbidden(uid_for(task.id)))
        todo.add("dtstamp", stamp)
        todo.add("summary", strip_forbidden(f"{path} {task.title}"))
        todo.add("due", task.deadline)
        todo.add("status", ICS_STATUS[task.status])
        todo.add("percent-complete", task.progress)
        lines = [
            f"牵头领导：{task.lead or '—'}",
            f"责任单位：{task.unit or '—'}",
            f"责任人：{task.owner or '—'}",
        ]
        if task.partners:
            lines.append(f"配合单位：{'、'.join(task.partners)}")
        if task.deadline_text:
            lines.append(f"完成时限：{task.deadline_text}")
        todo.add("description", strip_forbidden("\n".join(lines)))
        calendar.add_component(todo)
    return calendar.to_ical()
