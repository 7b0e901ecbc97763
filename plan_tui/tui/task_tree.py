"""The task list: one row per task, drawn line by line (Textual's Line API) from the
rows that :mod:`plan_tui.tui.outline` works out, so that 10,000 tasks stay quick."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Plan, Task
from ..model.text_rule import visible
from .outline import (
    GUIDE_WIDTH,
    Outline,
    Rows,
    fold_mark,
    folded_rows,
    guides,
    iter_tasks,
    view_of,
    view_rows,
)
from .rows import row_pieces

__all__ = ["TaskTree", "iter_tasks"]

_STYLES: dict[str, Style] = {}
_DIM = Style(dim=True)


def _style(name: str) -> Style:
    """A row piece's style from its name (``red1``, ``bold red1``), parsed once."""
    style = _STYLES.get(name)
    if style is None:
        style = _STYLES[name] = Style.parse(name)
    return style


class TaskTree(ScrollView, can_focus=True):
    """The plan's tasks as a folding tree, one row each, with a cursor.

    The rows come from the plan (:meth:`load`, :meth:`redraw`), the folds
    (:attr:`expanded_ids`) and a filtered view (:meth:`set_view`). Only the rows on
    screen are drawn. The cursor is the reactive :attr:`cursor_line`; each move posts
    :class:`CursorMoved`.
    """

    DEFAULT_CSS = """
    TaskTree {
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        & > .task-tree--guides { color: $surface-lighten-2; }
        & > .task-tree--dim { color: $text-muted; }
        & > .task-tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        &:focus > .task-tree--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        &:focus > .task-tree--guides { color: $surface-lighten-3; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "task-tree--cursor",
        "task-tree--guides",
        "task-tree--dim",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        # (listed in the help by hand: no descriptions here)
        Binding("up", "cursor_up", "", show=False),
        Binding("down", "cursor_down", "", show=False),
        Binding("pageup", "page_up", "", show=False),
        Binding("pagedown", "page_down", "", show=False),
        Binding("home", "first", "", show=False),
        Binding("end", "last", "", show=False),
        Binding("enter,space", "toggle_fold", "", show=False),
        Binding("left", "fold", "", show=False),
        Binding("right", "unfold", "", show=False),
        Binding("shift+left", "parent", "", show=False),
        Binding("shift+up", "sibling(-1)", "", show=False),
        Binding("shift+down", "sibling(1)", "", show=False),
        Binding("asterisk,shift+space", "toggle_expand_all", "bind.expand_all", show=False),
    ]

    cursor_line: reactive[int] = reactive(-1, init=False, repaint=False)
    """The row of the cursor (-1: no rows)."""

    class CursorMoved(Message):
        """The cursor is on another task (``task_id``; ``None`` when nothing is shown)."""

        def __init__(self, task_id: str | None) -> None:
            self.task_id = task_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None
        self.today: date = date.today()
        self.outline = Outline(Plan(year=self.today.year))
        self.tasks: dict[str, Task] = {}
        """Every task of the plan by id, in tree order."""
        self.expanded_ids: set[str] = set()
        """The tasks shown unfolded when no filter is in force."""
        self.view_ids: frozenset[str] | None = None
        """The tasks a filtered view shows (``None``: no filter)."""
        self.dimmed: frozenset[str] = frozenset()
        """The ancestors a view shows only to place its matches (drawn dimmed)."""
        self.rows = Rows([], frozenset(), frozenset())
        self._prepared: tuple[list[str], tuple[frozenset[str], frozenset[str]]] | None = None
        self._pieces: dict[str, tuple[Task, Plan, tuple, list[tuple[str, str]]]] = {}
        self._posted: str | None = None
        self._look: tuple[Style, Style, Style] | None = None  # styles during a repaint

    # --- what the rows show ----------------------------------------------------------

    @property
    def paths(self) -> dict[str, str]:
        """Each task's place (``3.2.1``)."""
        return self.outline.paths

    @property
    def parents(self) -> dict[str, str]:
        """Each task's parent id (``""`` for an area)."""
        return self.outline.parents

    def load(self, plan: Plan, today: date, cursor_id: str | None = None) -> None:
        """Show ``plan`` (after a change of shape) and place the cursor on ``cursor_id``."""
        self.plan = plan
        self.today = today
        self.outline = Outline(plan)
        self.tasks = self.outline.tasks
        self._prepared = None
        if self.view_ids is not None:  # the same matches, in the new shape (until refiltered)
            kept = self.view_ids - self.dimmed
            self.view_ids, self.dimmed = view_of(self.outline, (i for i in kept if i in self.tasks))
        self._show_rows(cursor_id)

    def redraw(self, plan: Plan) -> None:
        """Same shape, new content: swap the plan and draw the rows again."""
        self.plan = plan
        self.tasks = {task.id: task for task in iter_tasks(plan)}
        self.refresh()

    def redraw_touched(self, plan: Plan, touched: frozenset[str]) -> None:
        """Same shape, only ``touched`` tasks changed: look them and their ancestors up."""
        self.plan = plan
        tasks = self.tasks = dict(self.tasks)
        for task_id in touched:
            path = self.paths.get(task_id)
            if path is None:
                continue
            children = plan.areas
            for index in path.split("."):
                task = children[int(index) - 1]
                tasks[task.id] = task
                children = task.children
        self.refresh()

    def set_view(self, matched: list[str] | None, cursor_id: str | None = None) -> None:
        """Show only the ``matched`` ids and, dimmed, their ancestors, all unfolded; or
        every task again (as folded) with ``None``."""
        if matched is None:
            self.view_ids, self.dimmed = None, frozenset()
        else:
            self.view_ids, self.dimmed = self._view(matched)
        self._show_rows(cursor_id)

    def prepare(self, matched: list[str], cursor_id: str | None) -> None:
        """Work out ahead the view of ``matched``, so that showing it is quick."""
        self._view(matched)

    def _view(self, matched: list[str]) -> tuple[frozenset[str], frozenset[str]]:
        kept = self._prepared
        if kept is not None and kept[0] == matched:
            return kept[1]
        view = view_of(self.outline, matched)
        self._prepared = (list(matched), view)
        return view

    def _show_rows(self, cursor_id: str | None) -> None:
        """Work the rows out again and put the cursor on ``cursor_id``."""
        if self.view_ids is None:
            self.rows = folded_rows(self.outline, self.expanded_ids)
        else:
            self.rows = view_rows(self.outline, self.view_ids)
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()
        self.move_to(cursor_id)

    def is_shown(self, task_id: str | None) -> bool:
        """Whether the task has a row in the current view (its ancestors may be folded)."""
        return task_id in self.tasks and (self.view_ids is None or task_id in self.view_ids)

    def move_to(self, task_id: str | None) -> None:
        """Put the cursor on a task, unfolding its ancestors; the first row if absent."""
        if task_id is None or not self.is_shown(task_id):
            self._set_cursor(0 if self.rows.ids else -1)
            return
        if task_id not in self.rows.line_of:  # under a folded ancestor
            parent = self.parents[task_id]
            while parent:
                self.expanded_ids.add(parent)
                parent = self.parents[parent]
            self.rows = folded_rows(self.outline, self.expanded_ids)
            self.virtual_size = Size(0, len(self.rows))
            self.refresh()
        self._set_cursor(self.rows.line_of[task_id])

    def _set_cursor(self, line: int) -> None:
        """Move the cursor, scroll it into sight and say so if it is on another task."""
        self.cursor_line = line
        self._scroll_to_line(self.cursor_line)
        self._post_cursor()

    def watch_cursor_line(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_line(new)
        self._post_cursor()

    def validate_cursor_line(self, line: int) -> int:
        return max(0, min(line, len(self.rows) - 1)) if self.rows.ids else -1

    def _post_cursor(self) -> None:
        task_id = self.cursor_id
        if task_id != self._posted:
            self._posted = task_id
            self.post_message(self.CursorMoved(task_id))

    def _scroll_to_line(self, line: int) -> None:
        """Scroll the least that brings ``line`` into sight, at once (a ledger pages
        as a spreadsheet does, without an animation)."""
        height = self.scrollable_content_region.height
        if line < 0 or height <= 0:
            return
        top = round(self.scroll_y)
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    @property
    def cursor_id(self) -> str | None:
        """Id of the task under the cursor."""
        ids = self.rows.ids
        return ids[self.cursor_line] if 0 <= self.cursor_line < len(ids) else None

    def shown_ids(self) -> list[str]:
        """Ids of the tasks in the current view, in tree order (folded ones included)."""
        if self.view_ids is None:
            return list(self.tasks)
        view = self.view_ids
        return [task_id for task_id in self.outline.order if task_id in view]

    # --- folding -----------------------------------------------------------------------

    def fold(self, task_id: str, unfold: bool) -> None:
        """Fold or unfold one task's children (a filtered view shows every one unfolded)."""
        if self.view_ids is not None or task_id not in self.outline.with_children:
            return
        if unfold:
            self.expanded_ids.add(task_id)
        else:
            self.expanded_ids.discard(task_id)
        self._show_rows(task_id)

    def action_toggle_fold(self) -> None:
        """Fold or unfold the task under the cursor."""
        task_id = self.cursor_id
        if task_id is not None:
            self.fold(task_id, task_id not in self.expanded_ids)

    def action_fold(self) -> None:
        """Fold the task under the cursor, or go to its parent if it has none shown."""
        task_id = self.cursor_id
        if task_id is None:
            return
        if task_id in self.expanded_ids and task_id in self.outline.with_children:
            self.fold(task_id, False)
        else:
            self.action_parent()

    def action_unfold(self) -> None:
        """Unfold the task under the cursor."""
        task_id = self.cursor_id
        if task_id is not None:
            self.fold(task_id, True)

    def action_toggle_expand_all(self) -> None:
        """Unfold every task, or fold all but the areas if every one is unfolded."""
        if self.view_ids is not None:
            return
        every = self.outline.with_children
        self.expanded_ids = set() if every <= self.expanded_ids else set(every)
        cursor = self.cursor_id
        if cursor is not None and not self.expanded_ids:  # to its area, still shown
            while self.parents.get(cursor):
                cursor = self.parents[cursor]
        self._show_rows(cursor)

    # --- cursor keys -------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        """The row above."""
        self.cursor_line = max(0, self.cursor_line - 1)

    def action_cursor_down(self) -> None:
        """The row below."""
        self.cursor_line += 1

    def action_page_down(self) -> None:
        """A page down."""
        self.cursor_line = max(0, self.cursor_line) + self.scrollable_content_region.height - 1

    def action_page_up(self) -> None:
        """A page up."""
        self.cursor_line = max(0, self.cursor_line - self.scrollable_content_region.height + 1)

    def action_first(self) -> None:
        """The first row."""
        self.cursor_line = 0

    def action_last(self) -> None:
        """The last row."""
        self.cursor_line = len(self.rows) - 1

    def action_parent(self) -> None:
        """The parent's row."""
        parent = self.parents.get(self.cursor_id or "")
        if parent and parent in self.rows.line_of:
            self.cursor_line = self.rows.line_of[parent]

    def action_sibling(self, step: int) -> None:
        """The previous (-1) or next (1) row at the same depth under the same parent."""
        task_id = self.cursor_id
        if task_id is None:
            return
        parent, ids, line = self.parents[task_id], self.rows.ids, self.cursor_line + step
        parents = self.parents
        while 0 <= line < len(ids):
            other = ids[line]
            if parents[other] == parent:
                self.cursor_line = line
                return
            if other == parent:
                return
            line += step

    # --- drawing -----------------------------------------------------------------------

    def relabel(self) -> None:
        """Draw every row again (labels in another language)."""
        self._pieces.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look the styles up once per repaint rather than for every row."""
        base = self.rich_style
        self._look = (
            base,
            base + self.get_component_rich_style("task-tree--cursor", partial=False),
            base + self.get_component_rich_style("task-tree--guides", partial=True),
        )
        try:
            return super().render_lines(crop)
        finally:
            self._look = None

    def render_line(self, y: int) -> Strip:
        """Draw the row at ``y`` on screen: guides, fold mark, then the task's row."""
        look = self._look
        if look is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("task-tree--cursor", partial=False)
            guide_style = base + self.get_component_rich_style("task-tree--guides", partial=True)
        else:
            base, cursor, guide_style = look
        line = y + round(self.scroll_y)
        width = self.scrollable_content_region.width
        ids = self.rows.ids
        if not 0 <= line < len(ids) or self.plan is None:
            return Strip.blank(width, base)
        task_id = ids[line]
        outline, rows = self.outline, self.rows
        lead = guides(outline, rows, task_id)
        mark = fold_mark(outline, rows, task_id)
        depth = outline.depths[task_id]
        row_width = width - depth * GUIDE_WIDTH - GUIDE_WIDTH
        pieces = self._row(task_id, row_width, task_id in self.dimmed)
        head = cursor if line == self.cursor_line else base
        segments = []
        if lead:  # the cursor covers the row, not the guides before it
            segments.append(Segment(lead, guide_style))
        segments.append(Segment(mark, head + _DIM))
        cells = cell_len(lead) + cell_len(mark)
        for text, name in pieces:
            segments.append(Segment(text, head + _style(name) if name else head))
            cells += cell_len(text)
        if cells < width:
            segments.append(Segment(" " * (width - cells), head))
        return Strip(segments, max(width, cells)).crop(0, width)

    def _row(self, task_id: str, width: int, dim: bool) -> list[tuple[str, str]]:
        """A task's row pieces (text made visible), kept until the task, the plan, the
        day, its place, the width or its dimming changes."""
        task = self.tasks[task_id]
        plan = self.plan
        assert plan is not None
        key = (self.today, self.paths[task_id], width, dim)
        kept = self._pieces.get(task_id)
        # a task or plan shown is never changed in place (a change makes new ones)
        if kept is None or kept[0] is not task or kept[1] is not plan or kept[2] != key:
            pieces = [
                (visible(text), name)
                for text, name in row_pieces(task, plan, self.today, key[1], width, dim=dim)
            ]
            kept = self._pieces[task_id] = (task, plan, key, pieces)
        return kept[3]

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.rows))
        self._scroll_to_line(self.cursor_line)

    # --- mouse -------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click on a fold mark folds or unfolds; anywhere else on a row moves there."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + round(self.scroll_y)
        if not 0 <= line < len(self.rows):
            return
        task_id = self.rows.ids[line]
        mark_at = self.outline.depths[task_id] * GUIDE_WIDTH
        if task_id in self.outline.with_children and mark_at <= offset.x < mark_at + 2:
            self.cursor_line = line
            self.fold(task_id, self.view_ids is None and task_id not in self.expanded_ids)
        else:
            self.cursor_line = line
