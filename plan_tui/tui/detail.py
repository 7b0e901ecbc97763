"""The detail pane: every field of the selected task, its text and its update log."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Plan, Status, Task
from ..model.schedule import Health
from ..reports import task_view
from ..reports.task_view import Fact
from .i18n import t
from .line_breaks import wrap
from .rows import HEALTH_STYLES, STATUS_MARKS


def _styled(fact: Fact) -> Text:
    tone = fact.tone
    if tone.startswith("status."):
        mark, style = STATUS_MARKS[Status(tone.removeprefix("status."))]
        return Text(f"{mark} {fact.value}", style)
    if tone.startswith("health."):
        return Text(fact.value, HEALTH_STYLES[Health(tone.removeprefix("health."))])
    return Text(fact.value, {"overdue": "red1", "muted": "grey50"}.get(tone, ""))


def describe_task(task: Task, plan: Plan, path: str, today: date) -> Text:
    """The text shown for one task (see :func:`plan_tui.reports.task_view.describe_task`):
    title, body, every field, then the log newest first.

    One :class:`Text` (not a table): it is rebuilt on every cursor move and must render
    quickly. The description has the task's own text through ``visible``, so no control
    character reaches the terminal.
    """
    view = task_view.describe_task(task, plan, path, today)
    none = t("detail.none")
    label_width = max(cell_len(fact.label) for fact in view.facts)
    text = Text(view.title or none, "bold")
    text.append("\n\n")
    if view.body:
        text.append(view.body)
        text.append("\n\n")
    for fact in view.facts:
        text.append(fact.label + " " * (label_width - cell_len(fact.label) + 1), "bold")
        if fact.value:
            text.append(_styled(fact))
        else:
            text.append(none, "grey50")
        text.append("\n")
    text.append("\n")
    text.append(t("detail.log"), "bold underline")
    if not view.log:
        text.append("\n")
        text.append(t("detail.no_log"), "grey50")
    for entry in view.log:
        text.append("\n")
        text.append(entry.day, "cyan")
        if entry.extras:
            text.append(f" [{' '.join(entry.extras)}]", "grey62")
        if entry.author:
            text.append(f" {entry.author}", "grey62")
        text.append(f" {entry.text}")
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


class DetailPane(ScrollView, can_focus=False):
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

    def forget(self) -> None:
        """Lay the next task shown out again even if it is the same (a new language)."""
        self._shown = None
        self._ahead = None

    def prepare(self, task: Task, plan: Plan, path: str, today: date) -> None:
        """Lay out ahead the text :meth:`show` will show for ``task`` (the filter dialog
        does for the task a filter will select)."""
        width = self.scrollable_content_region.width
        if width > 0:
            text = describe_task(task, plan, path, today)
            self._ahead = ((task, plan, path, today, width), text, self._strips_of(text, width))

    def _strips_of(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update_width(width)
        # broken as Chinese text is (no line starts with ，。、), not by Rich's rule
        lines = console.render_lines(wrap(text, width), options, pad=False)
        return [Strip(line) for line in lines]

    def _lay_out(self, strips: list[Strip] | None = None) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._strips = lines = strips if strips is not None else self._strips_of(self.text, width)
        self._laid_out_width = width
        self._drawn.clear()
        # A new scroll range lays the whole screen out. The range is kept in whole
        # pages of the pane, so that moving from task to task, whose texts mostly fit,
        # rarely changes it (blank lines below a long text are the cost).
        page = max(1, self.scrollable_content_region.height)
        size = Size(width, max(page, -(-len(lines) // page) * page))
        if size != self.virtual_size:
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
