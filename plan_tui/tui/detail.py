"""The detail pane: every field of the selected task, its text and its update log."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from ..model import Plan, Task
from ..model.schedule import assess
from ..model.text_rule import visible
from .i18n import t
from .rows import HEALTH_STYLES, STATUS_MARKS, health_label, numbering, status_label
from .scroll_bar import QuickScrollBars


def describe_task(task: Task, plan: Plan, path: str, today: date) -> Text:
    """The text shown for one task: title, body, every field, then the log newest first.

    One :class:`Text` (not a table): it is rebuilt on every cursor move and must render
    quickly. The task's own text is shown through :func:`visible`, so no control
    character reaches the terminal.
    """
    none = t("detail.none")
    state = assess(task, plan, today)
    rows: list[tuple[str, str | Text]] = []

    def row(key: str, value: str | Text) -> None:
        rows.append((t(key), value))

    mark, mark_style = STATUS_MARKS[task.status]
    row("detail.path", f"{path}  {numbering(path)}")
    row("detail.lead", visible(task.lead))
    row("detail.unit", visible(task.unit))
    row("detail.owner", visible(task.owner))
    row("detail.partners", visible("、".join(task.partners)))
    deadline = task.deadline.isoformat() if task.deadline else ""
    if task.deadline_text and deadline:
        deadline = f"{deadline}（{visible(task.deadline_text)}）"
    elif task.deadline_text:
        deadline = visible(task.deadline_text)
    row("detail.deadline", Text(deadline, "red1" if task.is_overdue(today) else ""))
    if task.recurrence != "none":
        row("detail.recurrence", t(f"recur.{task.recurrence}"))
    if task.start:
        row("detail.start", task.start.isoformat())
    row("detail.status", Text(f"{mark} {status_label(task.status)}", mark_style))
    row("detail.progress", f"{task.progress}%")
    if state.health is not None and state.expected is not None:
        schedule = t(
            "detail.expected_value", expected=state.expected, health=health_label(state.health)
        )
        if state.behind:
            schedule += t("detail.behind", behind=state.behind)
        row("detail.expected", Text(schedule, HEALTH_STYLES[state.health]))
    elif state.health is not None:
        row("detail.expected", Text(health_label(state.health), HEALTH_STYLES[state.health]))
    row("detail.tags", visible("、".join(task.tags)))
    if task.children:
        done = sum(1 for c in task.children if not c.status.is_open)
        row("detail.children", t("detail.children_value", n=len(task.children), done=done))
    row("detail.notes", visible(task.notes))
    if task.carried_from:
        row("detail.carried", visible(task.carried_from))
    row("detail.id", Text(visible(task.id), "grey50"))

    label_width = max(cell_len(label) for label, _ in rows)
    text = Text(visible(task.title) or none, "bold")
    text.append("\n\n")
    if task.body:
        text.append(visible(task.body))
        text.append("\n\n")
    for label, value in rows:
        text.append(label + " " * (label_width - cell_len(label) + 1), "bold")
        plain = value.plain if isinstance(value, Text) else value
        if plain:
            text.append(value if isinstance(value, Text) else Text(value))
        else:
            text.append(none, "grey50")
        text.append("\n")
    text.append("\n")
    text.append(t("detail.log"), "bold underline")
    entries = sorted(enumerate(task.log), key=lambda p: (p[1].date, p[0]), reverse=True)
    if not entries:
        text.append("\n")
        text.append(t("detail.no_log"), "grey50")
    for _, entry in entries:
        text.append("\n")
        text.append(entry.date.isoformat(), "cyan")
        extras = []
        if entry.status is not None:
            extras.append(status_label(entry.status))
        if entry.progress is not None:
            extras.append(f"{entry.progress}%")
        if extras:
            text.append(f" [{' '.join(extras)}]", "grey62")
        if entry.author:
            text.append(f" {visible(entry.author)}", "grey62")
        text.append(f" {visible(entry.text)}")
    if task.changes:
        _append_changes(text, task)
    return text


SHOWN_CHANGES = 5
"""Field changes listed in the pane; ``h`` shows the whole history."""


def _append_changes(text: Text, task: Task) -> None:
    """The newest field changes, with date and author."""
    from ..session.task_history import task_history
    from .history_screens import event_text

    changes = [e for e in task_history(task) if e.kind == "change"]
    text.append("\n\n")
    text.append(t("detail.history"), "bold underline")
    for event in changes[:SHOWN_CHANGES]:
        text.append("\n")
        text.append_text(event_text(event))
    if len(changes) > SHOWN_CHANGES:
        text.append("\n")
        text.append(t("detail.history_more", n=len(changes)), "grey50")


class DetailPane(QuickScrollBars, ScrollView, can_focus=False):
    """Scrollable pane showing the selected task.

    It draws its text line by line (the line API) from strips laid out once per task
    and width, so moving the cursor repaints the pane without a layout of the screen.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self._strips: list[Strip] | None = None
        self._laid_out_width = -1
        self._shown: tuple | None = None
        # lines as drawn (padded to the width, in the pane's style), reused on repaints
        self._drawn: dict[int, Strip] = {}
        self._drawn_key: tuple | None = None
        self._frame: tuple[Style, int, int] | None = None  # style, width, scroll: a repaint
        self._ahead: tuple | None = None  # a task laid out ahead (see prepare)

    def show(self, task: Task | None, plan: Plan, path: str, today: date) -> None:
        """Show ``task`` (or a hint when the plan is empty or a filter shows nothing)."""
        # Plans and tasks are replaced, never changed in place, once shown: the same
        # objects mean the same text (at start-up the tree reports its cursor twice).
        last = self._shown
        if (
            last is not None
            and self._strips is not None
            and task is last[0]
            and plan is last[1]
            and (path, today) == last[2:]
        ):
            return
        self._shown = (task, plan, path, today)
        ahead, self._ahead = self._ahead, None
        width = self.scrollable_content_region.width
        if ahead is not None and ahead[0] == (task, plan, path, today, width):
            self.text, strips = ahead[1], ahead[2]
        elif task is None:  # an empty plan, or a filter that shows no task
            self.text = Text(t("detail.empty" if not plan.areas else "notice.no_match"), "grey62")
            strips = None
        else:
            self.text = describe_task(task, plan, path, today)
            strips = None
        self._strips = None
        self.scroll_to(0, 0, animate=False)
        self._lay_out(strips)
        self.refresh()

    def prepare(self, task: Task, plan: Plan, path: str, today: date) -> None:
        """Lay out ahead the text :meth:`show` will show for ``task`` (the filter dialog
        does for the task a filter will select)."""
        width = self.scrollable_content_region.width
        if width > 0:
            text = describe_task(task, plan, path, today)
            self._ahead = ((task, plan, path, today, width), text, self._strips_of(text, width))

    def _strips_of(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        lines = console.render_lines(text, console.options.update_width(width), pad=False)
        return [Strip(line) for line in lines]

    def _lay_out(self, strips: list[Strip] | None = None) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._strips = lines = strips if strips is not None else self._strips_of(self.text, width)
        self._laid_out_width = width
        self._drawn.clear()
        size = Size(width, len(lines))
        if size == self.virtual_size:
            return
        if self.virtual_size.width == width:
            # Only the number of lines changed (another task): update the scrollbar
            # without the layout of the whole screen that setting virtual_size asks
            # for (the stylesheet keeps the scrollbar shown, so it never comes or goes).
            shown = self.scrollable_content_region.height
            fitted = self.virtual_size.height <= shown
            self.set_reactive(DetailPane.virtual_size, size)
            if fitted and len(lines) <= shown:
                # The text fitted and fits: the bar is an empty track either way, so it
                # needs no repaint (about 3 ms on every cursor move).
                self.vertical_scrollbar.set_reactive(ScrollBar.window_virtual_size, len(lines))
            else:
                self._scroll_update(size)
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._laid_out_width:
            self._strips = None
            self._lay_out()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look the pane's style, width and scroll position up once per repaint rather
        than for every line."""
        self._frame = self._look_up()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _look_up(self) -> tuple[Style, int, int]:
        """The pane's style, content width and scroll position as they are now."""
        return self.rich_style, self.scrollable_content_region.width, self.scroll_offset.y

    def render_line(self, y: int) -> Strip:
        style, width, scroll_y = self._frame or self._look_up()
        if self._strips is None or width != self._laid_out_width:
            self._lay_out()
        index = y + scroll_y
        if self._strips is None or index >= len(self._strips):
            return Strip.blank(width, style)
        if self._drawn_key != (width, style):
            self._drawn.clear()
            self._drawn_key = (width, style)
        strip = self._drawn.get(index)
        if strip is None:
            strip = self._strips[index].extend_cell_length(width).apply_style(style)
            self._drawn[index] = strip
        return strip
