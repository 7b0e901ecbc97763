"""How the task tree draws its rows: straight to segments, cached per line.

Mixed into :class:`plan_tui.tui.task_tree.TaskTree`; it replaces ``Tree``'s line
rendering, which builds rich text for every line and marks every segment with the mouse
meta (so that no style cache ever hits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import TreeNode, _TreeLine

from .rows import row_pieces

if TYPE_CHECKING:
    from datetime import date

    from ..model import Plan, Task

_PREFIX_STYLE = Style(dim=True)
_STYLES: dict[str, Style] = {}
_GUIDES: dict[tuple[Style, bool, int], tuple[str, str, str, str]] = {}


def _style(name: object) -> Style:
    """A row piece's style (a name such as ``red1``, or already a :class:`Style`)."""
    if isinstance(name, Style):
        return name
    style = _STYLES.get(name)  # type: ignore[arg-type]
    if style is None:
        style = _STYLES[name] = Style.parse(name)  # type: ignore[index, arg-type]
    return style


class RowDrawing:
    """Mixin for :class:`TaskTree`: draws each row from the task it shows."""

    plan: Plan | None
    today: date
    tasks: dict[str, Task]
    paths: dict[str, str]
    dimmed: set[str]
    view_ids: set[str] | None
    root: Any
    guide_depth: int
    show_guides: bool
    hover_line: int
    cursor_line: int
    LINES: Any
    _rows: dict[str, tuple[Task, Plan, tuple, list[tuple[str, str]], int]]
    _base_style: Style | None
    _frame: tuple[int, int, int, int] | None
    _look: tuple | None
    _line_cache: Any
    _updates: int
    _pseudo_class_state: Any
    _row_style_updates: int
    _row_styles_key: tuple | None
    _row_style_set: tuple

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """Draw the row for the node's task, sized to the width left after the guides.

        Used by :class:`Tree` only for the line under the mouse; every other line is
        drawn straight to segments by :meth:`_render_line`, with the same result.
        """
        depth = 0
        parent = node._parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent._parent
        width = self.scrollable_content_region.width
        text = Text()
        prefix, pieces, _ = self._label_pieces(node, depth, width)
        text.append(prefix, base_style + _PREFIX_STYLE)
        for piece, piece_style in pieces:
            text.append(piece, piece_style)
        text.stylize_before(style)
        return text

    def _label_pieces(
        self, node: TreeNode[str], depth: int, content_width: int
    ) -> tuple[str, list[tuple[str, str]], int]:
        """The prefix (▼/▶), the task's row pieces and their width in cells."""
        task_id = node.data or ""
        if node._allow_expand:
            prefix = "▼ " if node._expanded or self.view_ids is not None else "▶ "
        else:
            prefix = "  "
        pieces, cells = self._row(task_id, depth, content_width, task_id in self.dimmed)
        return prefix, pieces, cells

    def _row(
        self, task_id: str, depth: int, content_width: int, dim: bool
    ) -> tuple[list[tuple[str, str]], int]:
        """A task's row pieces and their width, kept per task until the task, the plan,
        the day, its numbering, the width or its dimming changes."""
        task = self.tasks.get(task_id)
        if task is None or self.plan is None:
            return [], 0
        width = content_width - depth * self.guide_depth - 2
        path = self.paths.get(task_id, "1")
        plan, key = self.plan, (self.today, path, width, dim)
        cached = self._rows.get(task_id)
        # tasks and plans shown are never changed in place (a change makes new ones)
        if cached is None or cached[0] is not task or cached[1] is not plan or cached[2] != key:
            pieces = row_pieces(task, plan, self.today, path, width, dim=dim)
            cells = sum(cell_len(piece) for piece, _ in pieces)
            cached = self._rows[task_id] = (task, plan, key, pieces, cells)
        return cached[3], cached[4]

    def prepare_rows(self, lines: list[_TreeLine[str]], dimmed: set[str]) -> None:
        """Work out ahead the rows of ``lines`` as a view dimming ``dimmed`` shows them."""
        width = self.scrollable_content_region.width
        for line in lines:
            task_id = line.path[-1].data or ""
            self._row(task_id, len(line.path) - 1, width, task_id in dimmed)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look the widget's style, size and scroll position up once per repaint (``Tree``
        does it for every line), and draw every row again if the styles they all use
        have changed."""
        self._base_style = self.rich_style
        # (the component styles are current only now: Textual updates them after
        # telling the widget that its style changed)
        self._pseudo_class_state = self.get_pseudo_class_state()
        styles = self._row_styles()
        look = (self._base_style, styles[:5], styles[6])
        if look != self._look:
            self._look = look
            self._line_cache.clear()
            self._updates += 1
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        self._frame = (scroll_x, scroll_y, width, self.scrollable_content_region.width)
        try:  # past Tree.render_lines, which would look the pseudo classes up again
            return super(Tree, self).render_lines(crop)  # type: ignore[misc, arg-type]
        finally:
            self._base_style = None
            self._frame = None

    def render_line(self, y: int) -> Strip:
        style, frame = self._base_style, self._frame
        if style is None or frame is None:
            return super().render_line(y)
        scroll_x, scroll_y, width, _ = frame
        return self._render_line(y + scroll_y, scroll_x, scroll_x + width, style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """Like :meth:`Tree._render_line`, drawing the row to segments without building
        rich text (the same segments and styles; the mouse's line is left to Tree)."""
        tree_lines = self._tree_lines
        frame = self._frame
        if y >= len(tree_lines) or self.hover_line >= 0 or not self.show_guides or frame is None:
            return super()._render_line(y, x1, x2, base_style)
        line = tree_lines[y]
        path = line.path
        width = frame[2]
        # the focus shows only on the cursor's line and the guides of the nodes below it
        shows_focus = y == self.cursor_line or any(node._selected for node in path)
        cache_key = (
            y,
            False,
            width,
            self._updates,
            self._pseudo_class_state if shows_focus else None,
            tuple(node._updates for node in path),
        )
        strip = self._line_cache.get(cache_key)
        if strip is None:
            strip = self._line_cache[cache_key] = self._draw_line(
                y, line, width, frame[3], base_style
            )
        return strip.crop(x1, x2)

    def _draw_line(
        self, y: int, line: _TreeLine[str], width: int, content_width: int, base_style: Style
    ) -> Strip:
        path = line.path
        has_focus = self.has_focus
        (
            base_hidden,
            hover_hidden,
            selected_hidden,
            base_guide_style,
            guide_hover_style,
            guide_selected_style,
            label_style,
            cursor_style,
        ) = self._row_styles()
        # No per-line meta (Tree marks each line for the mouse): with it every segment
        # style is unique, and each cache below (style sums, colour filter) misses.
        line_style = base_style
        segments: list[Segment] = []
        append = segments.append
        hover = path[0]._hover
        selected = path[0]._selected and has_focus
        guide_style = base_guide_style
        hidden = True
        last_node = path[-1]
        cells = 0
        for node in path[1:]:
            hidden = base_hidden
            if hover:
                guide_style = guide_hover_style
                hidden = hover_hidden
            if selected:
                guide_style = guide_selected_style
                hidden = selected_hidden
            if node is not last_node:
                space, vertical, _, _ = self._guides(guide_style, hidden)
                guide = space if node.is_last else vertical
                cells += len(guide)  # box drawing and spaces: one cell each
                append(Segment(guide, line_style + guide_style))
            hover = hover or node._hover
            selected = (selected or node._selected) and has_focus
        if len(path) > 1:
            _, _, terminator, cross = self._guides(guide_style, hidden)
            guide = terminator if line.last else cross
            cells += len(guide)
            append(Segment(guide, line_style + guide_style))

        if self.cursor_line == y:
            label_style += cursor_style
        head = line_style + label_style
        plain = head
        prefix, pieces, row_cells = self._label_pieces(last_node, len(path) - 1, content_width)
        append(Segment(prefix, head + line_style + _PREFIX_STYLE))
        cells += len(prefix) + row_cells  # the prefix is ▼, ▶ or a space, then a space
        pending = ""  # unstyled text runs together into one segment, as in rich
        for piece, piece_style in pieces:
            if not piece_style:
                pending += piece
                continue
            if pending:
                append(Segment(pending, plain))
                pending = ""
            append(Segment(piece, head + _style(piece_style)))
        if pending:
            append(Segment(pending, plain))
        if width > cells:
            append(Segment(" " * (width - cells), line_style))
        return Strip(segments)

    def _row_styles(self) -> tuple:
        """The guide, label and cursor styles, looked up once per state of the tree
        (focus, hover, CSS) rather than for every line drawn."""
        key = (self._pseudo_class_state, self.has_focus, self._row_style_updates)
        if self._row_styles_key != key:
            guides = self.get_component_rich_style("tree--guides", partial=True)
            self._row_style_set = (
                self.get_component_styles("tree--guides").color.a == 0,
                self.get_component_styles("tree--guides-hover").color.a == 0,
                self.get_component_styles("tree--guides-selected").color.a == 0,
                guides,
                guides + self.get_component_rich_style("tree--guides-hover", partial=True),
                guides + self.get_component_rich_style("tree--guides-selected", partial=True),
                self.get_component_rich_style("tree--label", partial=True),
                self.get_component_rich_style("tree--cursor", partial=False),
            )
            self._row_styles_key = key
        return self._row_style_set

    def _guides(self, style: Style, hidden: bool) -> tuple[str, str, str, str]:
        """The guide strings (space, vertical, terminator, cross), as :class:`Tree` makes them."""
        key = (style, hidden, self.guide_depth)
        guides = _GUIDES.get(key)
        if guides is None:
            if hidden:
                guides = ("  ", "  ", "  ", "  ")
            else:
                lines = self.LINES["default"]
                if style.bold:
                    lines = self.LINES["bold"]
                elif style.underline2:
                    lines = self.LINES["double"]
                depth = max(0, self.guide_depth - 2)
                guides = tuple(f"{chars[0]}{chars[1] * depth} " for chars in lines)  # type: ignore[assignment]
            _GUIDES[key] = guides
        return guides
