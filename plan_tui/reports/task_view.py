"""What a task says in words: the one description behind ``plan-tui show`` and the TUI's
detail pane.

:func:`describe_task` decides which fields are shown, in which order, and how each value
is phrased (deadline with its original wording, 序时进度 with the points behind and the
periods without a report, the log newest first). The CLI prints it as lines and the TUI
draws it with colours; neither decides what a task says. Labels come from the catalogue
(:mod:`plan_tui.labels`), in the UI language. Every text that comes from the plan
passes :func:`~plan_tui.model.text_rule.visible`, so no control character in a task
reaches a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..labels import t
from ..model import LogEntry, Plan, Task
from ..model.numerals import marker
from ..model.schedule import assess, missed_labels
from ..model.text_rule import visible
from ..model.work_items import has_time_limit


@dataclass(frozen=True)
class Fact:
    """One labelled field of a task."""

    label: str
    """The field's name in the UI language."""
    value: str
    """The value as text; ``""`` when the field is empty."""
    tone: str = ""
    """What the value means for its look: ``overdue``, ``status.<code>``,
    ``health.<code>``, ``muted`` or ``""``."""


@dataclass(frozen=True)
class LogLine:
    """One update-log entry as shown."""

    day: str
    """ISO date."""
    extras: tuple[str, ...]
    """Status and progress set by the entry."""
    author: str
    text: str


@dataclass(frozen=True)
class TaskDescription:
    """Everything shown about one task."""

    path: str
    title: str
    body: str
    facts: tuple[Fact, ...]
    children: tuple[tuple[str, Task], ...]
    """Each sub-task with its path."""
    log: tuple[LogLine, ...]
    """Newest first."""


def numbering(path: str) -> str:
    """The document numbering of a path: ``3`` → ``三、``, ``3.2`` → ``（二）``."""
    parts = path.split(".")
    return marker(len(parts), int(parts[-1]))


def deadline_text(task: Task) -> str:
    """``2024-06-30（6月底）``, the phrase alone, or ``""``."""
    day = task.deadline.isoformat() if task.deadline else ""
    if task.deadline_text and day:
        return f"{day}（{visible(task.deadline_text)}）"
    return visible(task.deadline_text) or day


def schedule_text(task: Task, plan: Plan, today: date) -> tuple[str, str]:
    """The 序时进度 phrase and its tone (``health.<code>``), or ``("", "")``."""
    state = assess(task, plan, today)
    if state.health is None:
        return "", ""
    if not has_time_limit(task):  # never "on schedule": nothing to be measured against
        return t("health.no_limit"), ""
    health = t(f"health.{state.health.value}")
    if state.expected is not None:
        text = t("detail.expected_value", expected=state.expected, health=health)
        if state.behind:
            text += t("detail.behind", behind=state.behind)
    else:
        text = health
    if state.missed:
        text += t("detail.missed", n=len(state.missed), periods=missed_labels(state.missed))
    return text, f"health.{state.health.value}"


def log_line(entry: LogEntry) -> LogLine:
    """One entry as shown."""
    extras = [t(f"status.{entry.status.value}")] if entry.status is not None else []
    if entry.progress is not None:
        extras.append(f"{entry.progress}%")
    return LogLine(
        entry.date.isoformat(), tuple(extras), visible(entry.author), visible(entry.text)
    )


def describe_task(task: Task, plan: Plan, path: str, today: date) -> TaskDescription:
    """Every field of a task, its sub-tasks and its update log, in the shown order."""
    facts: list[Fact] = []

    def fact(key: str, value: str, tone: str = "") -> None:
        facts.append(Fact(t(key), value, tone))

    fact("detail.path", f"{path}  {numbering(path)}")
    fact("detail.lead", visible(task.lead))
    fact("detail.unit", visible(task.unit))
    fact("detail.owner", visible(task.owner))
    fact("detail.partners", visible("、".join(task.partners)))
    fact("detail.deadline", deadline_text(task), "overdue" if task.is_overdue(today) else "")
    if task.recurrence != "none":
        fact("detail.recurrence", t(f"recur.{task.recurrence}"))
    if task.start:
        fact("detail.start", task.start.isoformat())
    fact("detail.status", t(f"status.{task.status.value}"), f"status.{task.status.value}")
    fact("detail.progress", f"{task.progress}%")
    schedule, tone = schedule_text(task, plan, today)
    if schedule:
        fact("detail.expected", schedule, tone)
    fact("detail.tags", visible("、".join(task.tags)))
    if task.children:
        done = sum(1 for c in task.children if not c.status.is_open)
        fact("detail.children", t("detail.children_value", n=len(task.children), done=done))
    fact("detail.notes", visible(task.notes))
    if task.carried_from:
        fact("detail.carried", visible(task.carried_from))
    fact("detail.id", visible(task.id), "muted")
    newest_first = sorted(enumerate(task.log), key=lambda p: (p[1].date, p[0]), reverse=True)
    return TaskDescription(
        path=path,
        title=visible(task.title),
        body=visible(task.body),
        facts=tuple(facts),
        children=tuple((f"{path}.{i}", c) for i, c in enumerate(task.children, 1)),
        log=tuple(log_line(entry) for _, entry in newest_first),
    )


def as_lines(view: TaskDescription) -> list[str]:
    """The description as plain lines (``plan-tui show``)."""
    none = t("detail.none")
    lines = [f"{view.path}  {view.title}"]
    lines += [f"  {f.label}：{f.value or none}" for f in view.facts]
    lines.append(f"  {t('detail.body')}：{view.body or none}")
    for child_path, child in view.children:
        status = t(f"status.{child.status.value}")
        lines.append(f"    {child_path}  {visible(child.title)}（{status}，{child.progress}%）")
    lines.append(f"  {t('detail.log')}：" + ("" if view.log else t("detail.no_log")))
    for entry in view.log:
        extra = [*entry.extras, entry.author] if entry.author else list(entry.extras)
        tail = f"（{'，'.join(extra)}）" if extra else ""
        lines.append(f"    {entry.day}  {entry.text or none}{tail}")
    return lines
