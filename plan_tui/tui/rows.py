"""How one task is drawn as a row of the tree and named in the UI (pure functions)."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ..model import Plan, Status, Task
from ..model.schedule import Health, assess
from ..model.text_rule import visible
from ..reports.task_view import numbering
from .i18n import t

STATUS_MARKS: dict[Status, tuple[str, str]] = {
    Status.NOT_STARTED: ("○", "grey62"),
    Status.IN_PROGRESS: ("◐", "dodger_blue1"),
    Status.DONE: ("●", "green3"),
    Status.DELAYED: ("▲", "red1"),
    Status.SUSPENDED: ("‖", "grey50"),
}
HEALTH_STYLES: dict[Health, str] = {
    Health.NORMAL: "green3",
    Health.WARNING: "yellow3",
    Health.BEHIND: "red1",
    Health.OVERDUE: "bold red1",
    Health.NEAR: "dodger_blue1",
}


def fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` cells, ending a cut with ``…``.

    Control characters are written out (:func:`visible`), never sent to the terminal.
    """
    if width <= 0:
        return ""
    text = " ".join(visible(text).split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + "…", width)


def status_label(status: Status) -> str:
    """The status in the UI language."""
    return t(f"status.{status.value}")


def health_label(health: Health) -> str:
    """The 序时进度 colour name in the UI language."""
    return t(f"health.{health.value}")


def deadline_cell(task: Task) -> str:
    """A short deadline: ``06-30``, or the cadence for recurring work, or blank."""
    if task.recurrence != "none":
        return t(f"recur.{task.recurrence}")
    if task.deadline is None:
        return ""
    return task.deadline.strftime("%m-%d")


WHO_WIDTH = 10
DEADLINE_WIDTH = 6
PROGRESS_WIDTH = 4


def row_pieces(
    task: Task, plan: Plan, today: date, path: str, width: int, dim: bool = False
) -> list[tuple[str, str]]:
    """One tree row, ``width`` cells wide, as ``(text, style)`` pieces (``""``: no style):
    mark, numbered title, who, deadline, progress."""
    mark, mark_style = STATUS_MARKS[task.status]
    state = assess(task, plan, today)
    overdue = task.is_overdue(today)
    show_who = width >= 34
    who_width = WHO_WIDTH if width >= 60 else 8
    right = DEADLINE_WIDTH + PROGRESS_WIDTH + 2 + (who_width + 1 if show_who else 0)
    conflicted = bool(plan.conflicts) and any(c.task == task.id for c in plan.conflicts)
    flag = t("row.conflict") if conflicted else ""
    title_width = max(4, width - 2 - right - (cell_len(flag) + 1 if flag else 0))
    title = fit(f"{numbering(path)}{task.title}", title_width)
    title_style = "red1" if overdue else ("grey50" if dim else "")
    if task.status == Status.DONE and not dim:
        title_style = "grey62"
    pieces = [(mark, mark_style), (" ", "")]
    if flag:  # a merge conflict waits on this task (settled with the c key)
        pieces += [(flag, "bold white on red1"), (" ", "")]
    pieces += [(title, title_style), (" ", "")]
    if show_who:
        who = task.owner or task.unit
        pieces.append((fit(who, who_width), "cyan" if task.owner else "grey62"))
        pieces.append((" ", ""))
    health_style = HEALTH_STYLES[state.health] if state.health else "grey50"
    deadline = deadline_cell(task)
    if cell_len(deadline) > DEADLINE_WIDTH:  # a long cadence name (English "quarterly")
        deadline = fit(deadline, DEADLINE_WIDTH)
    pieces.append(
        (
            " " * (DEADLINE_WIDTH - cell_len(deadline)) + deadline,
            "red1" if overdue else health_style,
        )
    )
    pieces.append((" ", ""))
    pieces.append((f"{task.progress:>3}%", health_style))
    return pieces


def render_row(
    task: Task, plan: Plan, today: date, path: str, width: int, dim: bool = False
) -> Text:
    """One tree row, ``width`` cells wide, as rich text (see :func:`row_pieces`)."""
    text = Text(no_wrap=True, overflow="crop")
    for piece, style in row_pieces(task, plan, today, path, width, dim):
        text.append(piece, style)
    return text
