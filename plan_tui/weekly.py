"""周调度: the weekly update pass over every open task, independent of any UI.

A pass collects one :class:`WeekAnswer` per task (or none, when skipped); the CLI
(``plan-tui week``) and the TUI (``w``) both hand the answers to :func:`apply_answers`,
which writes dated update-log entries into the plan.

Entry dates: every entry is dated inside the chosen ISO week. By default it is dated
today when today lies in that week, otherwise the week's Friday (the day township
offices collect the weekly figures). Entries are only ever added, so a task updated
twice in a week keeps both entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .model import LogEntry, Plan, Status, Task, parse_status
from .model.errors import PlanError
from .model.notes import NO_PROGRESS, is_no_progress
from .model.status_rule import settle
from .model.text_rule import refusal

AnswerKind = Literal["keep", "note", "status", "skip"]

_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")


def parse_week(text: str) -> tuple[date, date]:
    """``"2024-W10"`` → (Monday, Sunday) of that ISO week; ``PlanError`` when invalid."""
    match = _WEEK.match(text or "")
    if not match:
        raise PlanError(f"无法识别的周次“{text}”，格式如 2024-W10")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise PlanError(f"{year}年没有第{number}周（周次“{text}”）") from None
    return monday, monday + timedelta(days=6)


def week_of(day: date) -> str:
    """The ISO week containing ``day``, e.g. ``"2024-W10"``."""
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def current_week(today: date | None = None) -> str:
    """The ISO week of ``today`` (default: the real today)."""
    return week_of(today or date.today())


def week_label(week: str) -> str:
    """Chinese name of an ISO week, e.g. ``2024年第10周``."""
    monday, _ = parse_week(week)
    year, number, _ = monday.isocalendar()
    return f"{year}年第{number}周"


def entry_date(week: str, today: date | None = None) -> date:
    """The default date for entries of ``week``: today if inside it, else its Friday."""
    monday, sunday = parse_week(week)
    today = today or date.today()
    if monday <= today <= sunday:
        return today
    return monday + timedelta(days=4)


WeekReason = Literal["this_week", "plan_ended", "plan_not_started"]
"""Why a week was chosen by default: today's week, or the plan's last or first week
because today lies after or before the plan's year."""


@dataclass(frozen=True)
class WeekChoice:
    """The week a weekly pass, a log entry or a weekly report is for by default."""

    week: str
    """ISO week, e.g. ``2024-W10``."""
    reason: WeekReason
    """Why this week: see :data:`WeekReason`."""
    today: date
    """The day the choice was made on."""

    @property
    def outside_year(self) -> bool:
        """Whether today lies outside the plan's year (the default is then not today's week)."""
        return self.reason != "this_week"


def plan_weeks(plan: Plan) -> list[str]:
    """Every ISO week holding at least one day of the plan's year, in order."""
    first, last = date(plan.year, 1, 1), date(plan.year, 12, 31)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(week_of(monday))
        monday += timedelta(days=7)
    return weeks


def default_week(plan: Plan, today: date) -> WeekChoice:
    """This week when today is in the plan's year; else the plan's last week (today after
    the year) or first week (today before it), so entries never leave the plan's year.

    The last and first weeks are those named after the plan's year (``2024-W52``).
    """
    if today.year == plan.year:
        return WeekChoice(week_of(today), "this_week", today)
    # the weeks named after the plan's year: a week at the turn of the year is named
    # after the other year (2024-12-30 lies in 2025-W01), which would read as a mistake
    own = [w for w in plan_weeks(plan) if w.startswith(f"{plan.year}-")]
    if today.year > plan.year:
        return WeekChoice(own[-1], "plan_ended", today)
    return WeekChoice(own[0], "plan_not_started", today)


def plan_entry_date(plan: Plan, week: str, today: date) -> date:
    """:func:`entry_date` for ``week``, kept inside the plan's year (a week at the turn of
    the year is dated on its last or first day that belongs to the plan)."""
    day = entry_date(week, today)
    return min(max(day, date(plan.year, 1, 1)), date(plan.year, 12, 31))


def open_tasks_in_order(plan: Plan) -> list[tuple[str, Task]]:
    """Every open task (not done, not suspended) with its path, in tree order."""
    return [(path, task) for path, task in plan.walk() if task.status.is_open]


def last_note(task: Task, before: date) -> LogEntry | None:
    """The newest update entry dated before ``before`` (e.g. last week's note)."""
    earlier = [(e.date, i, e) for i, e in enumerate(task.log) if e.date < before]
    return max(earlier)[2] if earlier else None


def entries_in(task: Task, first: date, last: date) -> list[LogEntry]:
    """The task's update entries dated ``first``–``last``, oldest first."""
    return sorted((e for e in task.log if first <= e.date <= last), key=lambda e: e.date)


@dataclass
class WeekAnswer:
    """One answer of the weekly pass for one task.

    ``keep`` writes “本周无新进展” and keeps the status; ``note`` writes ``text``;
    ``status`` sets ``status`` and/or ``progress`` (with ``text`` as an optional note);
    ``skip`` changes nothing. ``date`` is the entry date (``None``: see :func:`entry_date`).
    """

    task_id: str
    kind: AnswerKind
    text: str = ""
    status: Status | None = None
    progress: int | None = None
    date: date | None = None


@dataclass
class Change:
    """What one answer changed, for the end-of-pass summary."""

    path: str
    title: str
    kind: AnswerKind
    text: str
    old_status: Status
    new_status: Status
    old_progress: int
    new_progress: int
    date: date

    def line(self) -> str:
        """One Chinese line, e.g. ``3.2 招商引资：推进中 40% → 已完成 100%；签约``."""
        head = f"{self.path} {self.title}："
        if self.kind == "keep":
            return head + NO_PROGRESS
        parts = []
        if (self.old_status, self.old_progress) != (self.new_status, self.new_progress):
            parts.append(
                f"{self.old_status.label} {self.old_progress}% → "
                f"{self.new_status.label} {self.new_progress}%"
            )
        if self.text:
            parts.append(self.text)
        return head + ("；".join(parts) or "状态和进度不变")


@dataclass
class WeekSummary:
    """What a weekly pass changed."""

    changes: list[Change] = field(default_factory=list)
    skipped: int = 0

    @property
    def kept(self) -> list[Change]:
        """Tasks answered “本周无新进展”."""
        return [c for c in self.changes if c.kind == "keep"]

    @property
    def noted(self) -> list[Change]:
        """Tasks that got a progress note."""
        return [c for c in self.changes if c.kind == "note"]

    @property
    def updated(self) -> list[Change]:
        """Tasks whose status or progress was set."""
        return [c for c in self.changes if c.kind == "status"]

    def lines(self) -> list[str]:
        """The summary as Chinese lines for the end of the pass."""
        out = [
            f"共记录 {len(self.changes)} 项：本周无新进展 {len(self.kept)} 项，"
            f"新进展 {len(self.noted)} 项，更新状态或进度 {len(self.updated)} 项；"
            f"跳过 {self.skipped} 项。"
        ]
        out += [f"  {c.line()}" for c in self.changes]
        return out


def _check_date(answer: WeekAnswer, week: str | None) -> None:
    if week is None or answer.date is None:
        return
    monday, sunday = parse_week(week)
    if not monday <= answer.date <= sunday:
        raise PlanError(
            f"记录日期 {answer.date.isoformat()} 不在{week_label(week)}"
            f"（{monday.isoformat()} 至 {sunday.isoformat()}）内"
        )


def apply_answers(
    plan: Plan,
    answers: list[WeekAnswer],
    author: str = "",
    week: str | None = None,
    today: date | None = None,
) -> WeekSummary:
    """Write the answers of a weekly pass into ``plan`` (mutated) and summarise them.

    Answers without a date are dated by :func:`entry_date` for ``week`` (default: the
    week of ``today``); when ``week`` is given, dates outside it are refused. Status and
    progress follow the one status rule (:func:`plan_tui.model.status_rule.settle`): done
    without a progress means 100, progress on a not-started task or a note on it moves it
    to 推进中. All answers are checked before anything changes, so a bad answer (unknown
    task, empty note, date outside ``week``) raises ``PlanError`` and leaves the plan as
    it was.
    """
    default_day = entry_date(week or current_week(today), today)
    if refusal(author):
        raise PlanError(f"记录人{refusal(author)}")
    found: list[tuple[WeekAnswer, str, Task]] = []
    for answer in answers:
        hit = plan.find(answer.task_id)
        if hit is None:
            raise PlanError(f"找不到任务 {answer.task_id}")
        if refusal(answer.text):
            raise PlanError(f"任务 {hit[0]} 的进展说明{refusal(answer.text)}")
        if answer.kind == "note" and not answer.text.strip():
            raise PlanError(f"任务 {hit[0]} 的进展说明为空")
        if answer.kind == "status" and answer.status is None and answer.progress is None:
            raise PlanError(f"任务 {hit[0]} 没有给出状态或进度")
        if answer.progress is not None and not 0 <= answer.progress <= 100:
            raise PlanError(f"任务 {hit[0]} 的进度 {answer.progress} 不在 0–100 之间")
        _check_date(answer, week)
        found.append((answer, *hit))

    summary = WeekSummary()
    for answer, path, task in found:
        if answer.kind == "skip":
            summary.skipped += 1
            continue
        day = answer.date or default_day
        old_status, old_progress = task.status, task.progress
        text = answer.text.strip()
        entry = LogEntry(date=day, author=author)
        if answer.kind == "keep":
            entry.text = NO_PROGRESS
        else:
            entry.text = text
            settled = settle(
                task.status,
                task.progress,
                new_status=answer.status if answer.kind == "status" else None,
                new_progress=answer.progress if answer.kind == "status" else None,
                noted=bool(text) and not is_no_progress(text),
            )
            if answer.kind == "status" or settled.status != task.status:
                entry.status = settled.status
            if answer.kind == "status":
                entry.progress = settled.progress
            task.status, task.progress = settled.status, settled.progress
        task.log.append(entry)
        summary.changes.append(
            Change(
                path,
                task.title,
                answer.kind,
                entry.text,
                old_status,
                task.status,
                old_progress,
                task.progress,
                day,
            )
        )
    return summary


def _parse_progress(text: str) -> int:
    value = text.strip().rstrip("%％")
    if not value.isdigit() or not 0 <= int(value) <= 100:
        raise ValueError(f"进度“{text.strip()}”应为 0–100 的整数")
    return int(value)


def parse_answer_file(text: str, plan: Plan, week: str, file: str = "<答复>") -> list[WeekAnswer]:
    """Read answers written one per line as ``任务 | 进展说明 | 状态 | 进度 | 日期``.

    The task is a path (``3.2``) or an id; the other fields may be empty or left out.
    ``本周无新进展`` alone keeps the status; a status or a progress sets them (the text
    becomes the note); otherwise the text is a progress note. Blank lines and lines
    starting with ``#`` are ignored; ``｜`` works as well as ``|``. A bad line raises
    ``PlanError`` naming the file and the line.
    """
    monday, sunday = parse_week(week)
    answers: list[WeekAnswer] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"第{number}行"
        fields = [f.strip() for f in line.replace("｜", "|").split("|")]
        if len(fields) > 5:
            raise PlanError("字段太多，应为：任务 | 进展说明 | 状态 | 进度 | 日期", file, where)
        ref, note, status_text, progress_text, day_text = fields + [""] * (5 - len(fields))
        hit = plan.find(ref) if ref else None
        if hit is None:
            raise PlanError(f"找不到任务“{ref}”（可用路径如 3.2，或任务 id）", file, where)
        try:
            status = parse_status(status_text) if status_text else None
            progress = _parse_progress(progress_text) if progress_text else None
            day = date.fromisoformat(day_text) if day_text else None
        except ValueError as exc:
            message = str(exc) if "“" in str(exc) else f"日期“{day_text}”应为 2024-03-08 的形式"
            raise PlanError(message, file, where) from None
        if day is not None and not monday <= day <= sunday:
            raise PlanError(
                f"日期 {day.isoformat()} 不在{week_label(week)}"
                f"（{monday.isoformat()} 至 {sunday.isoformat()}）内",
                file,
                where,
            )
        task_id = hit[1].id
        if status is not None or progress is not None:
            answers.append(WeekAnswer(task_id, "status", note, status, progress, day))
        elif note == NO_PROGRESS:
            answers.append(WeekAnswer(task_id, "keep", date=day))
        elif note:
            answers.append(WeekAnswer(task_id, "note", note, date=day))
        else:
            raise PlanError("没有进展说明、状态或进度", file, where)
    return answers
