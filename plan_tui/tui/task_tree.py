"""The task tree: one row per task, drawn on demand so that 10,000 tasks stay quick."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets._tree import TreeNode, _TreeLine

from ..model import Plan, Task
from .i18n import localize_bindings
from .scroll_bar import QuickScrollBars
from .tree_drawing import RowDrawing
from .tree_lines import LineLists, Whole

_EMPTY = Text()


def iter_tasks(plan: Plan) -> Iterator[Task]:
    """Every task in tree order (:meth:`Plan.tasks`)."""
    return plan.tasks()


class TaskTree(QuickScrollBars, RowDrawing, LineLists, Tree[str]):
    """A :class:`Tree` whose nodes hold task ids and whose rows are drawn from the plan.

    The nodes mirror the plan's shape and are rebuilt only when the shape changes
    (:meth:`load`). A filter is a view over them (:meth:`set_view`): the line list skips
    hidden nodes, so applying one never creates nodes. Rows are rendered only for the
    lines on screen (:meth:`render_label`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("asterisk", "toggle_expand_all", "bind.expand_all", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        self.view_ids: set[str] | None = None
        self._view_order: list[str] | None = None  # the ids in the view, in tree order
        self._full_lines: list[_TreeLine[str]] | None = None  # the lines without a view
        self._line_of: dict[str, int] = {}  # the line of each task id shown (see tree_lines)
        self._full_line_of: dict[str, int] = {}  # the same for the lines without a view
        self._view_kept: tuple | None = None
        self._view_for: tuple | None = None
        self._keep_full_lines = False
        self._row_style_updates = 0  # counts style changes, which the component styles follow
        self._row_styles_key: tuple | None = None
        self._row_style_set: tuple = ()
        super().__init__("plan", id=id)
        localize_bindings(self)
        self.show_root = False
        self.guide_depth = 2
        self.plan: Plan | None = None
        self.today: date = date.today()
        self.paths: dict[str, str] = {}
        self.parents: dict[str, str] = {}
        self.tasks: dict[str, Task] = {}
        self.expanded_ids: set[str] = set()
        self.dimmed: set[str] = set()
        self.nodes_by_id: dict[str, TreeNode[str]] = {}
        self._order: list[TreeNode[str]] = []  # every node in tree order, for views
        self._order_ids: list[str] = []  # their task ids
        self._line_pairs: tuple[dict[str, _TreeLine[str]], dict[str, _TreeLine[str]]] | None = None
        self._whole: Whole | None = None
        self._hidden_from: tuple[list[str], set[str]] | None = None
        self._rows_width = -1
        self._rows: dict[str, tuple[Task, Plan, tuple, list[tuple[str, str]], int]] = {}
        self._base_style: Style | None = None  # the widget's style during a repaint
        self._frame: tuple[int, int, int, int] | None = None  # scroll and sizes, in a repaint
        self._look: tuple | None = None  # the styles every row is drawn with

    # --- building ----------------------------------------------------------------------

    def process_label(self, label: str | Text) -> Text:
        """Labels are not used for drawing; skip markup parsing."""
        return _EMPTY

    def get_label_width(self, node: TreeNode[str]) -> int:
        """Rows always fill the width, so no row widens the tree."""
        return 0

    def load(self, plan: Plan, today: date, cursor_id: str | None = None) -> None:
        """Rebuild the nodes for ``plan`` (after a change of shape) and place the cursor."""
        self.plan = plan
        self.today = today
        self.clear()
        self._line_of = {}
        self._tree_nodes.clear()
        self._tree_nodes[self.root._id] = self.root
        paths: dict[str, str] = {}
        parents: dict[str, str] = {}
        tasks: dict[str, Task] = {}
        nodes: dict[str, TreeNode[str]] = {}
        order: list[TreeNode[str]] = []
        expanded = self.expanded_ids
        add_node = self._add_node

        def add(parent: TreeNode[str], task: Task, path: str, parent_id: str) -> None:
            task_id = task.id
            paths[task_id] = path
            parents[task_id] = parent_id
            tasks[task_id] = task
            node = add_node(parent, _EMPTY, task_id)
            node._allow_expand = bool(task.children)
            node._expanded = task_id in expanded
            parent._children.append(node)
            nodes[task_id] = node
            order.append(node)
            for i, child in enumerate(task.children, 1):
                add(node, child, f"{path}.{i}", task_id)

        for i, area in enumerate(plan.areas, 1):
            add(self.root, area, str(i), "")
        self.paths, self.parents, self.tasks, self.nodes_by_id = paths, parents, tasks, nodes
        self._order = order
        self._order_ids = list(nodes)  # filled in tree order, as order
        self._line_pairs = None
        self._whole = None
        self._view_for = None  # views depend on the shape
        if self.view_ids is not None:  # the same matches, in the new shape (until refiltered)
            kept = self.view_ids - self.dimmed
            self._view_order, self.view_ids, self.dimmed = self._with_ancestors(
                [task_id for task_id in nodes if task_id in kept]
            )
        self._refresh_lines(cursor_id)

    def redraw(self, plan: Plan) -> None:
        """Same shape, new content: swap the plan and redraw the visible rows."""
        self.plan = plan
        self.tasks = {task.id: task for task in iter_tasks(plan)}
        self._invalidate()

    def redraw_touched(self, plan: Plan, touched: frozenset[str]) -> None:
        """Same shape, only ``touched`` tasks changed: look them and their ancestors up."""
        self.plan = plan
        tasks = self.tasks = dict(self.tasks)
        for task_id in touched:
            path = self.paths.get(task_id)
            if path is None:
                continue
            nodes = plan.areas
            for index in path.split("."):
                task = nodes[int(index) - 1]
                tasks[task.id] = task
                nodes = task.children
        self._redraw_rows()

    def set_view(self, matched: list[str] | None, cursor_id: str | None = None) -> None:
        """Show only the ``matched`` ids (in tree order) and, dimmed, their ancestors,
        all expanded; or everything again with ``None``."""
        if matched is None:
            self._view_order, self.view_ids, self.dimmed = None, None, set()
        else:
            self._view_order, self.view_ids, self.dimmed = self.view_of(matched)
        self._keep_full_lines = True  # a view changes no expansion: keep the full list
        try:
            self._refresh_lines(cursor_id)
        finally:
            self._keep_full_lines = False

    def prepare(self, matched: list[str], cursor_id: str | None) -> None:
        """Work out ahead what :meth:`set_view` of ``matched`` with the cursor on
        ``cursor_id`` will show: the view, its lines and the rows on screen."""
        order, _, dimmed = self.view_of(matched)
        lines, line_of = self._view_lines(order)
        at = line_of.get(cursor_id or "", 0)
        height = self.scrollable_content_region.height
        top = min(max(self.scroll_offset.y, at - height + 1), at)  # scrolled to the cursor
        top = max(0, min(top, len(lines) - height))
        self.prepare_rows(lines[top : top + height], dimmed)

    def _refresh_lines(self, cursor_id: str | None) -> None:
        self._invalidate()
        self._tree_lines  # noqa: B018 - build the lines now so the cursor can be placed
        self.move_to(cursor_id)

    def _on_resize(self, event: events.Resize) -> None:
        """Rows are redrawn for the new size; the list of lines stays what it was.

        (``Tree`` rebuilds its whole line list on every resize, which is 10,000 nodes
        each time the search bar opens or closes.)
        """
        event.prevent_default()  # Tree's own handler rebuilds the lines
        self._line_cache.grow(event.size.height)
        width = self.scrollable_content_region.width
        if self._rows_width == -1:  # the first size, which the first frame was drawn to
            self._rows_width = width
        elif width != self._rows_width:  # rows are drawn to the width: draw them again
            self._rows_width = width
            self._redraw_rows()
        else:  # only the height changed (search or filter bar shown): rows stay valid
            self.refresh()

    def notify_style_update(self) -> None:
        """A style changed: the rows are checked against it at the next repaint.

        When the focus comes or goes (the search bar, a dialog), only the cursor's line
        and the guides below it change look: the other rows are kept (see
        :meth:`render_lines` and the line cache key in :meth:`_render_line`).
        """
        super(Tree, self).notify_style_update()
        self._row_style_updates += 1
        self.refresh()

    def _refresh_line(self, line: int) -> None:
        """Repaint one line, unless the whole tree is to be repainted anyway (a new view
        moves the cursor: the lines of its old and new node would be painted again in
        a frame of their own)."""
        if self.outer_size.region not in self._repaint_regions:
            super()._refresh_line(line)

    def _redraw_rows(self) -> None:
        self._line_cache.clear()
        self._updates += 1
        self.refresh()

    def _invalidate(self) -> None:
        """Like :meth:`Tree._invalidate`, but a repaint instead of a layout (see above).

        Also forgets the lines of the unfiltered tree, unless only the view changes.
        """
        if not self._keep_full_lines:
            self._full_lines = None
        self._clear_line_cache()
        self._updates += 1
        self.root._reset()
        self.refresh()

    def is_shown(self, task_id: str | None) -> bool:
        """Whether the task has a line in the current view (its ancestors may be collapsed)."""
        return task_id in self.nodes_by_id and (self.view_ids is None or task_id in self.view_ids)

    def move_to(self, task_id: str | None) -> None:
        """Put the cursor on a task, expanding its ancestors; the first row if absent."""
        node = self.nodes_by_id.get(task_id or "")
        if node is None or not self.is_shown(task_id):
            self.cursor_line = 0 if self._tree_lines else -1
            return
        parent = node._parent
        opened = False
        while self.view_ids is None and parent is not None and parent is not self.root:
            if not parent._expanded:
                parent._expanded = True
                self.expanded_ids.add(parent.data or "")
                opened = True
            parent = parent._parent
        if opened:
            self._full_lines = None
            self._invalidate()
            self._tree_lines  # noqa: B018
        self.cursor_line = node._line
        self.scroll_to_line(node._line, animate=False)

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """Scroll to ``line`` at once. Tree animates page up/down and home/end: many
        frames, each a repaint of the whole tree, with the cursor out of sight until the
        last one. A ledger pages at once, as a spreadsheet does."""
        super().scroll_to_line(line, animate=False)

    @property
    def cursor_id(self) -> str | None:
        """Id of the task under the cursor."""
        node = self.cursor_node
        return node.data if node is not None else None

    def shown_ids(self) -> list[str]:
        """Ids of the tasks in the current view, in tree order (collapsed ones included)."""
        return [i for i in self.nodes_by_id if self.view_ids is None or i in self.view_ids]

    # --- mouse ------------------------------------------------------------------------

    def _line_at(self, event: events.MouseEvent) -> tuple[int, int] | None:
        """The line and column under the mouse (rows carry no meta to read them from)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        if not 0 <= line < len(self._tree_lines):
            return None
        return line, offset.x + self.scroll_offset.x

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._line_at(event)
        self.hover_line = found[0] if found else -1

    async def _on_click(self, event: events.Click) -> None:
        found = self._line_at(event)
        if found is None:
            return
        line, column = found
        async with self.lock:
            node = self._tree_lines[line].path[-1]
            depth = len(self._tree_lines[line].path) - 1
            toggle_at = depth * self.guide_depth
            if node._allow_expand and toggle_at <= column < toggle_at + 2:
                self._toggle_node(node)
            else:
                self.cursor_line = line
                await self.run_action("select_cursor")

    # --- remembering expansion ---------------------------------------------------------

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.data:
            self.expanded_ids.add(event.node.data)

    def _on_tree_node_collapsed(self, event: Tree.NodeCollapsed[str]) -> None:
        self.expanded_ids.discard(event.node.data or "")
