"""Work items and measures with a time limit as iCalendar to-dos (VTODO), for calendar apps.

icalendar escapes text values as RFC 5545 says (``,`` ``;`` ``\\`` and line breaks);
control characters, which a TEXT value may not hold, are dropped first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Todo

from ..model import Plan, Status, Task
from ..model.schedule import periods_between, task_span
from ..model.text_rule import strip_forbidden
from ..model.work_items import has_time_limit, listed_tasks

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


def left_out(plan: Plan) -> int:
    """How many work items and measures have neither a deadline nor a cadence (not exported)."""
    return sum(1 for _, task in listed_tasks(plan) if not has_time_limit(task))


def _completed(task: Task, stamp: datetime) -> datetime:
    """When the task was done: the day of the log entry that marked it done, else ``stamp``."""
    done = [e.date for e in task.log if e.status is Status.DONE]
    if done:
        day = max(done)
        return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    return stamp


def _recurrence(todo: Todo, task: Task, plan: Plan) -> None:
    """Each month's or quarter's end as an occurrence, until the task's span ends."""
    start, end = task_span(task, plan)
    first = periods_between(task.recurrence, start, end)
    if not first:
        return
    due = first[0].end
    todo.add("dtstart", due)
    todo.add("due", due)
    rule = {"freq": "monthly", "bymonthday": -1, "until": end}
    if task.recurrence == "quarterly":
        rule["interval"] = 3
    todo.add("rrule", rule)


def _alarm(days: int, summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{summary}：{days}天后到期")
    alarm.add("trigger", timedelta(days=-days), parameters={"RELATED": "END"})
    return alarm


def ics_bytes(plan: Plan, stamp: datetime | None = None) -> bytes:
    """One VTODO per work item or measure with a deadline or a cadence: UID, SUMMARY, DUE,
    STATUS, DESCRIPTION (people); recurring ones repeat (RRULE) each month or quarter with
    a reminder before each period ends; done ones carry COMPLETED. Areas are headings and
    are left out, as are items without any time limit (see :func:`left_out`)."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//plan-tui//重点工作台账//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", strip_forbidden(plan.title or f"{plan.org}{plan.year}年重点工作"))
    near = max(1, plan.settings.near_days)
    for path, task in listed_tasks(plan):
        if not has_time_limit(task):
            continue
        todo = Todo()
        summary = strip_forbidden(f"{path} {task.title}")
        todo.add("uid", strip_forbidden(uid_for(task.id)))
        todo.add("dtstamp", stamp)
        todo.add("summary", summary)
        if task.recurrence != "none":
            _recurrence(todo, task, plan)
        else:
            todo.add("due", task.deadline)
        todo.add("status", ICS_STATUS[task.status])
        todo.add("percent-complete", task.progress)
        if task.status is Status.DONE:
            todo.add("completed", _completed(task, stamp))
        elif task.status.is_open:
            todo.add_component(_alarm(near, summary))
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
