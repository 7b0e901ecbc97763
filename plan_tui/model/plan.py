"""The plan model: a year's work plan as a tree of tasks, validated by pydantic.

Areas (level 1, 一、) hold items (level 2, （一）), which may hold measures (level 3,
具体措施). Every node is a :class:`Task`; depth in the tree gives its level. Persistence
lives in :mod:`plan_tui.store`, never here.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .text_rule import TEXT_PATTERN

Day = date
"""Alias so that a field may be called ``date`` and still be typed as one."""

Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
"""A text field: printable text, newline and tab, nothing else (:mod:`.text_rule`)."""


class Status(StrEnum):
    """Task status: the code is stored in files and JSON, the label is shown to people."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        """The Chinese label, e.g. ``推进中``."""
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Whether the task still needs work (not done and not suspended)."""
        return self not in (Status.DONE, Status.SUSPENDED)


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.DONE: "已完成",
    Status.DELAYED: "滞后",
    Status.SUSPENDED: "暂缓",
}


def parse_status(text: str) -> Status:
    """Accept a status code (``done``) or its Chinese label (``已完成``).

    Raises ``ValueError`` with a Chinese message listing the accepted values.
    """
    value = text.strip()
    for status in Status:
        if value in (status.value, status.label):
            return status
    accepted = "、".join(f"{s.value}/{s.label}" for s in Status)
    raise ValueError(f"无法识别的状态“{text}”，可用：{accepted}")


Recurrence = Literal["none", "monthly", "quarterly"]
"""Cadence of a recurring task: due once per month (每月) or quarter (每季度)."""


def new_id() -> str:
    """A fresh stable task id: ``t`` and 8 hex digits."""
    return "t" + secrets.token_hex(4)


# Default factories are Python functions rather than ``list``/``dict``: pydantic reads a
# factory's signature, and for a builtin that means parsing its text signature, which
# compiles the tokenizer's large regular expression (several ms at every start).
def _empty_list() -> list:
    return []


def _empty_dict() -> dict:
    return {}


class LogEntry(BaseModel):
    """One dated progress entry in a task's update log (周调度记录)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: Day
    """Day the progress is recorded for."""
    text: Text = ""
    """The progress note as the secretary wrote it."""
    status: Status | None = None
    """Status set by this entry, if it changed or was confirmed."""
    progress: int | None = Field(default=None, ge=0, le=100)
    """Progress (0–100) set by this entry, if any."""
    author: Text = ""
    """Who recorded the entry."""
    problem: str = ""
    """存在问题: a problem reported with the entry (e.g. from a unit's feedback sheet)."""
    unit: str = ""
    """The responsible unit that reported the entry on a feedback sheet (反馈表), if any."""


class Task(BaseModel):
    """A node of the plan tree: an area, an item or a measure."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Text = Field(default_factory=new_id, min_length=1)
    """Stable id; never changes when the node moves."""
    title: Text = ""
    """Lead phrase, e.g. ``瞄准目标，在项目落地上出实招``."""
    body: Text = ""
    """The rest of the text after the title."""
    lead: Text = ""
    """牵头领导: the lead official."""
    unit: Text = ""
    """责任单位: the responsible unit."""
    owner: Text = ""
    """责任人: the person responsible."""
    partners: list[Text] = Field(default_factory=_empty_list)
    """配合单位: partner units."""
    start: date | None = None
    """Start of the task's span for 序时进度; ``None`` means the plan's start date."""
    deadline: date | None = None
    """完成时限 as a date."""
    deadline_text: Text = ""
    """The original deadline phrase, e.g. ``6月底前``, when one came from text."""
    recurrence: Recurrence = "none"
    """Cadence for recurring work (每月/每季度); each period is due once."""
    status: Status = Status.NOT_STARTED
    """Current status."""
    progress: int = Field(default=0, ge=0, le=100)
    """Progress in percent, 0–100."""
    tags: list[Text] = Field(default_factory=_empty_list)
    """Free tags."""
    notes: Text = ""
    """备注: free notes."""
    carried_from: Text = ""
    """Id of last year's task this one continues (set by rollover)."""
    log: list[LogEntry] = Field(default_factory=_empty_list)
    """Update log, oldest first."""
    children: list[Task] = Field(default_factory=_empty_list)
    """Sub-tasks: items under an area, measures under an item."""

    def walk(self) -> Iterator[Task]:
        """This task and all its descendants, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def count_descendants(self) -> int:
        """How many nodes sit below this one."""
        return sum(1 for _ in self.walk()) - 1

    def is_overdue(self, today: date) -> bool:
        """Past its deadline and still open."""
        return self.deadline is not None and today > self.deadline and self.status.is_open

    @property
    def overdue(self) -> bool:
        """:meth:`is_overdue` for today's date."""
        return self.is_overdue(date.today())

    def expected_progress(self, today: date, plan_start: date) -> int | None:
        """序时进度: the elapsed share (0–100) of the span from start to deadline.

        ``None`` when the task has no deadline.
        """
        if self.deadline is None:
            return None
        start = self.start or plan_start
        if today >= self.deadline:
            return 100
        if today <= start:
            return 0
        span = (self.deadline - start).days
        if span <= 0:
            return 100
        return round(100 * (today - start).days / span)

    def last_entry(self) -> LogEntry | None:
        """The newest update-log entry (by date, then insertion order)."""
        if not self.log:
            return None
        return max(enumerate(self.log), key=lambda pair: (pair[1].date, pair[0]))[1]


class Indicator(BaseModel):
    """A main target (主要目标), e.g. 农业生产总值增长6％."""

    model_config = ConfigDict(extra="forbid")

    name: Text
    """Indicator name, e.g. ``农业生产总值``."""
    target_value: float | None = None
    """Numeric target, e.g. ``6``."""
    target_unit: Text = ""
    """Unit of the target, e.g. ``％`` or ``万元``."""
    target_text: Text = ""
    """The target as written in the document, e.g. ``增长6％``."""
    actual_value: float | None = None
    """Actual value reached, when known."""
    actual_text: Text = ""
    """The actual result as written, e.g. ``增长6.5％``."""


class Settings(BaseModel):
    """Plan-wide settings used by progress warnings and reports."""

    model_config = ConfigDict(extra="forbid")

    warn_behind: int = Field(default=10, ge=0, le=100)
    """Points behind 序时进度 from which a task is yellow (预警)."""
    red_behind: int = Field(default=30, ge=0, le=100)
    """Points behind 序时进度 beyond which a task is red (滞后)."""
    near_days: int = Field(default=7, ge=0, le=365)
    """A deadline within this many days makes an open task blue (临近)."""
    start_date: date | None = None
    """Start of every task's span for 序时进度; ``None`` means 1 January of the plan year."""


SCHEMA_VERSION = 1


class Plan(BaseModel):
    """A year's work plan (工作安排) with its task tree."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    """Version of the file format."""
    org: Text = "XX乡"
    """Organisation, e.g. ``XX乡``."""
    year: int = Field(ge=1900, le=2200)
    """The plan's year."""
    title: Text = ""
    """Title, e.g. ``XX乡2024年工作安排``."""
    source: Text = ""
    """Name of the document the plan was imported from."""
    requirements: Text = ""
    """总体要求: the overall requirements paragraph."""
    targets_text: Text = ""
    """主要目标: the main-targets paragraph as written."""
    targets: list[Indicator] = Field(default_factory=_empty_list)
    """主要目标 as indicators."""
    roster: dict[str, list[Text]] = Field(default_factory=_empty_dict)
    """Suggested names per role (``lead``/``unit``/``owner``), e.g. carried over by rollover."""
    settings: Settings = Field(default_factory=Settings)
    """Warning thresholds and other settings."""
    areas: list[Task] = Field(default_factory=_empty_list)
    """Level-1 tasks (一、), each with its items and measures."""

    @property
    def start_date(self) -> date:
        """Default start of every task's 序时进度 span."""
        return self.settings.start_date or date(self.year, 1, 1)

    def walk(self) -> Iterator[tuple[str, Task]]:
        """Every task with its path (``"3"``, ``"3.2"``, ``"3.2.1"``), in tree order."""
        stack: list[tuple[str, Task]] = [
            (str(i), t) for i, t in reversed(list(enumerate(self.areas, 1)))
        ]
        while stack:
            path, task = stack.pop()
            yield path, task
            stack.extend((f"{path}.{i}", c) for i, c in reversed(list(enumerate(task.children, 1))))

    def tasks(self) -> Iterator[Task]:
        """Every task in tree order."""
        for _, task in self.walk():
            yield task

    def find(self, ref: str) -> tuple[str, Task] | None:
        """Look a task up by path (``3.2``) or by id; ``None`` when there is no such task."""
        ref = ref.strip()
        parts = ref.split(".")
        if all(p.isdigit() and int(p) > 0 for p in parts):
            nodes = self.areas
            task = None
            for p in parts:
                index = int(p) - 1
                if index >= len(nodes):
                    return None
                task = nodes[index]
                nodes = task.children
            return ref, task  # type: ignore[return-value]
        for path, task in self.walk():
            if task.id == ref:
                return path, task
        return None

    def parent_of(self, task_id: str) -> Task | None:
        """The parent task of ``task_id``; ``None`` for an area or an unknown id."""
        for task in self.tasks():
            if any(c.id == task_id for c in task.children):
                return task
        return None

    def names_used(self, role: Literal["lead", "unit", "owner"]) -> list[str]:
        """The plan's roster for a role: names in use plus suggestions, sorted, unique."""
        names = {getattr(t, role) for t in self.tasks()} | set(self.roster.get(role, []))
        if role == "unit":
            for t in self.tasks():
                names.update(t.partners)
        names.discard("")
        return sorted(names)
