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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .text_rule import FORBIDDEN, TEXT_PATTERN

Day = date
"""Alias so that a field may be called ``date`` and still be typed as one."""


def _allowed_text(text: str) -> str:
    """Apply the text rule (:data:`.text_rule.FORBIDDEN`) to a text field's value.

    Checked here in Python rather than as a pydantic ``pattern``: a pattern is matched
    on a UTF-8 copy of the string, which then stays attached to every string of the
    plan (megabytes for a large plan) and is slower to make than the search itself.
    The errors are the ones a pattern gives, so messages treat them alike.
    """
    found = FORBIDDEN.search(text)
    if found is None:
        return text
    if "\ud800" <= found.group() <= "\udfff":
        raise PydanticCustomError("string_unicode", "Input should be a valid string")
    raise PydanticCustomError(
        "string_pattern_mismatch",
        "String should match pattern '{pattern}'",
        {"pattern": TEXT_PATTERN},
    )


Text = Annotated[str, AfterValidator(_allowed_text)]
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


Recurrence = Literal["none", "weekly", "monthly", "quarterly", "half_yearly"]
"""Cadence of a recurring task: due once per week (每周), month (每月), quarter (每季度) or
half-year (每半年)."""


ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$"
"""A task id: an ASCII letter or ``_`` first (so it never reads as a path like ``3.2``),
then letters, digits, ``_`` or ``-``; at most 64 characters, no spaces or control
characters."""


def new_id() -> str:
    """A fresh stable task id: ``t`` and 8 hex digits."""
    return "t" + secrets.token_hex(4)


# Default factories are Python functions rather than ``list``/``dict``: pydantic reads a
# factory's signature, and for a builtin that means parsing its text signature, which
# compiles the tokenizer's large regular expression (several ms at every start).
def _empty_list() -> list[Any]:
    return []


def _empty_dict() -> dict[str, Any]:
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
    progress: int | None = Field(default=None, ge=0, le=100, strict=True)
    """Progress (0–100) set by this entry, if any."""
    author: Text = ""
    """Who recorded the entry."""
    problem: str = ""
    """存在问题: a problem reported with the entry (e.g. from a unit's feedback sheet)."""
    unit: str = ""
    """The responsible unit that reported the entry on a feedback sheet (反馈表), if any."""


class FieldChange(BaseModel):
    """One saved change of a task's field (修改记录), for the task's history."""

    model_config = ConfigDict(extra="forbid")

    date: Day
    """Day the change was saved."""
    field: str
    """The changed field's name, e.g. ``owner``."""
    old: str = ""
    """The value before, as shown to people."""
    new: str = ""
    """The value after, as shown to people."""
    author: str = ""
    """Who made the change."""


class Task(BaseModel):
    """A node of the plan tree: an area, an item or a measure."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: str = Field(default_factory=new_id, pattern=ID_PATTERN)
    """Stable id (see :data:`ID_PATTERN`); never changes when the node moves."""
    title: Text = ""
    """Lead phrase, e.g. ``瞄准目标，在项目落地上出实招``; never empty once set."""
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
    progress: int = Field(default=0, ge=0, le=100, strict=True)
    """Progress in percent, 0–100."""
    tags: list[Text] = Field(default_factory=_empty_list)
    """Free tags."""
    notes: Text = ""
    """备注: free notes."""
    reason: Text = ""
    """原因: why the task is behind or overdue (reports fall back to its last note)."""
    carried_from: Text = ""
    """Id of last year's task this one continues (set by rollover)."""
    changes: list[FieldChange] = Field(default_factory=_empty_list)
    """Saved field changes (修改记录), oldest first."""
    log: list[LogEntry] = Field(default_factory=_empty_list)
    """Update log, oldest first."""
    children: list[Task] = Field(default_factory=_empty_list)
    """Sub-tasks: items under an area, measures under an item."""

    @field_validator("title")
    @classmethod
    def _title_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("不能为空")
        return value

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
    target_value: float | None = Field(default=None, strict=True, allow_inf_nan=False)
    """Numeric target, e.g. ``6``."""
    target_unit: Text = ""
    """Unit of the target, e.g. ``％`` or ``万元``."""
    target_text: Text = ""
    """The target as written in the document, e.g. ``增长6％``."""
    actual_value: float | None = Field(default=None, strict=True, allow_inf_nan=False)
    """Actual value reached, when known."""
    actual_text: Text = ""
    """The actual result as written, e.g. ``增长6.5％``."""


class Settings(BaseModel):
    """Plan-wide settings used by progress warnings and reports."""

    model_config = ConfigDict(extra="forbid")

    warn_behind: int = Field(default=10, ge=0, le=100, strict=True)
    """Points behind 序时进度 from which a task is yellow (预警)."""
    red_behind: int = Field(default=30, ge=0, le=100, strict=True)
    """Points behind 序时进度 beyond which a task is red (滞后)."""
    near_days: int = Field(default=7, ge=0, le=365, strict=True)
    """A deadline within this many days makes an open task blue (临近)."""
    start_date: date | None = None
    """Start of every task's span for 序时进度; ``None`` means 1 January of the plan year."""
    issuer: Text = ""
    """Issuing office of reports (e.g. ``XX乡党政办公室``); ``""`` means the plan's org."""
    copy_to: Text = ""
    """抄送: who gets a copy of weekly reports and bulletins."""
    issues: dict[str, int] = Field(default_factory=_empty_dict)
    """期号 of each issued report, by report key (``2024-W10``, ``2024-03``, ``2024Q1``)."""

    @model_validator(mode="after")
    def _warn_before_red(self) -> Settings:
        if self.warn_behind >= self.red_behind:
            raise ValueError(
                f"预警差距 warn_behind（{self.warn_behind}）应小于滞后差距 red_behind"
                f"（{self.red_behind}）"
            )
        return self


FieldValue = str | int | float | bool | date | list[str]
"""A value a conflict records: a task or plan field's plain value (TOML has no null)."""


class Conflict(BaseModel):
    """Two copies of the plan changed one field differently: kept until someone settles it.

    Written by the merge as a ``[[conflicts]]`` table; the plan holds ``ours`` meanwhile.
    ``field`` is a task field, ``parent`` (moved to different places) or ``deleted``
    (deleted on one side, edited on the other: the task is kept until settled).
    """

    model_config = ConfigDict(extra="forbid")

    task: str = ""
    """Id of the task, or empty for a field of the plan itself."""
    field: str
    """The field both sides changed."""
    base: FieldValue | None = None
    """The value both started from; absent when there was none."""
    ours: FieldValue | None = None
    """The value on this copy (the one the plan holds until settled)."""
    theirs: FieldValue | None = None
    """The value on the other copy."""


SCHEMA_VERSION = 1


class Plan(BaseModel):
    """A year's work plan (工作安排) with its task tree."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = Field(default=SCHEMA_VERSION, strict=True)
    """Version of the file format."""
    org: Text = "XX乡"
    """Organisation, e.g. ``XX乡``."""
    year: int = Field(ge=1900, le=2200, strict=True)
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
    conflicts: list[Conflict] = Field(default_factory=_empty_list)
    """Merge conflicts still to settle (``[[conflicts]]``); empty in a settled plan."""

    @property
    def start_date(self) -> date:
        """Default start of every task's 序时进度 span."""
        return self.settings.start_date or date(self.year, 1, 1)

    def paths(self) -> list[tuple[str, Task]]:
        """Every task with its path (``"3"``, ``"3.2"``, ``"3.2.1"``), in tree order, as a
        list built in one pass (the project's one walk with paths; see :meth:`tasks`)."""
        # an explicit stack, not a nested function calling itself: such a function is a
        # reference cycle that would keep the list, and so every task, alive until the
        # cyclic collector happens to run
        out: list[tuple[str, Task]] = []
        stack = [(enumerate(self.areas, 1), "")]
        while stack:
            numbered, prefix = stack[-1]
            for number, task in numbered:
                path = f"{prefix}{number}"
                out.append((path, task))
                if task.children:
                    stack.append((enumerate(task.children, 1), path + "."))
                    break
            else:
                stack.pop()
        return out

    def walk(self) -> Iterator[tuple[str, Task]]:
        """Every task with its path, in tree order (see :meth:`paths`)."""
        return iter(self.paths())

    def tasks(self) -> Iterator[Task]:
        """Every task in tree order, without paths (the quicker walk)."""
        stack = list(reversed(self.areas))
        pop, extend = stack.pop, stack.extend
        while stack:
            task = pop()
            yield task
            if task.children:
                extend(reversed(task.children))

    def find(self, ref: str) -> tuple[str, Task] | None:
        """Look a task up by path (``3.2``) or by id; ``None`` when there is no such task."""
        ref = ref.strip()
        parts = ref.split(".")
        if all(p.isdigit() and int(p) > 0 for p in parts):
            nodes = self.areas
            found: Task | None = None
            for p in parts:
                index = int(p) - 1
                if index >= len(nodes):
                    return None
                found = nodes[index]
                nodes = found.children
            return (ref, found) if found is not None else None
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
