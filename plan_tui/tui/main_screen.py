"""The main screen: header, task tree, detail pane, search bar, filter bar and footer."""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from ..model import Plan, Status
from ..model.text_rule import visible
from ..model.work_items import status_counts
from .detail import DetailPane
from .edit_actions import EditActions
from .finding import FindingActions, search_data_of
from .i18n import language, t
from .journeys import JourneyActions
from .key_bar import KeyBar
from .messages import PlanChanged, SaveStateChanged
from .rows import STATUS_MARKS, status_label
from .search_bar import SearchBar
from .task_tree import TaskTree, iter_tasks

if TYPE_CHECKING:
    from datetime import date

    from ..query import SearchIndex, TaskFilter
    from ..search_data import SearchData
    from .host import PlanHost


WARM_DELAY = 1.0
"""Seconds after the first frame before the search index is built in the background."""
PREPARE_DELAY = 0.1
"""Seconds between the steps that build views and dialogs ahead of use (after the index)."""


def _shape(plan: Plan) -> tuple:
    """What decides the nodes of the tree: ids, order and nesting."""
    return tuple([(task.id, len(task.children)) for task in iter_tasks(plan)])


class MainScreen(FindingActions, JourneyActions, EditActions, Screen):
    """Everything a secretary sees while working on the plan."""

    app: PlanHost

    # Screen repaints all of itself when the focus moves; here the widgets that show the
    # focus (the tree's cursor, the search field, the key bar) redraw themselves, and a
    # whole repaint beside a 10,000-row tree would cost more than the rest of the key.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    # The tree has the focus from the first frame. (Textual's default would focus the
    # first focusable widget, the search field, and the move to the tree would
    # restyle both and draw the tree a second time before the app is ready.)
    AUTO_FOCUS = "#tree"

    # The filters and the search text in force; their watchers (FindingActions) show
    # the view they make. ``always_update``: a filter equal to the one in force is
    # no change.
    filter: Reactive[TaskFilter | None] = Reactive(None, init=False, repaint=False)
    search_text: Reactive[str] = Reactive("", init=False, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "bind.quit", id="quit"),
        Binding("question_mark", "help", "bind.help", id="help"),
        Binding("e", "edit", "bind.edit", id="edit"),
        Binding("a", "add_sibling", "bind.add_sibling", id="add_sibling"),
        Binding("A", "add_child", "bind.add_child", id="add_child"),
        Binding("x,delete", "delete", "bind.delete", id="delete"),
        Binding("s", "cycle_status", "bind.status", id="status"),
        Binding("p", "progress", "bind.progress", id="progress", show=False),
        Binding("n", "log", "bind.log", id="log"),
        # priority: checked as the key arrives, so that the keys typed straight after it
        # (``/zsyz`` in one go) already find the search field focused
        Binding("slash", "search", "bind.search", id="search", priority=True),
        Binding("f", "filter", "bind.filter", id="filter"),
        Binding("escape", "clear_filter", "bind.clear_filter", id="clear_filter"),
        Binding("w", "week_pass", "bind.week", id="week"),
        Binding("d", "dashboard", "bind.dashboard", id="dashboard"),
        Binding("c", "conflicts", "bind.conflicts", id="conflicts", show=False),
        Binding("m", "move_to_area", "bind.move_to_area", id="move_to_area", show=False),
        Binding("C", "copy_task", "bind.copy_task", id="copy_task", show=False),
        Binding("h", "history", "bind.history", id="history", show=False),
        Binding("W", "week_changes", "bind.week_changes", id="week_changes", show=False),
        Binding("K,alt+up", "move(-1)", "bind.move_up", id="move_up", show=False),
        Binding("J,alt+down", "move(1)", "bind.move_down", id="move_down", show=False),
        Binding("greater_than_sign,alt+right", "indent", "bind.indent", id="indent", show=False),
        Binding("less_than_sign,alt+left", "outdent", "bind.outdent", id="outdent", show=False),
        Binding("ctrl+z", "undo", "bind.undo", id="undo", show=False),
        Binding("ctrl+y", "redo", "bind.redo", id="redo", show=False),
        Binding("ctrl+s", "save", "bind.save", id="save", show=False),
        Binding("L", "switch_language", "bind.language", id="language", show=False),
        # reached only from the search field (the task list has its own): down to the
        # results at once, even when typed straight after Enter
        Binding("down", "to_results(1)", "", show=False),
        Binding("up", "to_results(-1)", "", show=False),
        *(
            Binding(
                str(n),
                f"set_status('{s.value}')",
                f"status.{s.value}",
                id=f"status_{s.value}",
                show=False,
            )
            for n, s in enumerate(Status, 1)
        ),
    ]

    def action_conflicts(self) -> None:
        """Settle the selected task's merge conflicts in a dialog."""
        from .conflict_dialog import open_conflicts

        open_conflicts(self)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.index: SearchIndex | None = None
        self._shape: tuple | None = None
        self._before_filter: str | None = None
        self._auto_cursor: str | None = None
        self.ready = False
        self.prepared = False  # the views and dialogs built ahead of use (see _prepare)
        self._background: tuple | None = None  # see render_lines
        self._last_search: tuple[Plan, TaskFilter, str, list[int]] | None = None
        self._searches: dict[str, tuple[Plan, TaskFilter, str, list[int]]] = {}
        self._filtered: dict[TaskFilter, tuple[Plan, date, list[str]]] = {}  # kept results
        self._search_data: tuple[Plan, SearchData] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield SearchBar(_search_hints(), id="search")
                yield Static(id="filter-bar")
                yield TaskTree(id="tree")
            yield DetailPane(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.ready = True
        self.expand_defaults()
        self.plan_changed(rebuild=True)
        self.task_tree.focus()
        # after the first frame, so that importing pypinyin never delays it
        self.call_after_refresh(self.set_timer, WARM_DELAY, self._warm_search)

    def expand_defaults(self) -> None:
        """Open the areas and the items, so that the plan reads like the document."""
        self.task_tree.expanded_ids = {a.id for a in self.app.plan.areas} | {
            i.id for a in self.app.plan.areas for i in a.children
        }

    def _warm_search(self) -> None:
        """Compute the pinyin of every task, and the text of each for saving, in the
        background, so that the first search and the first save are quick."""
        from ..query import SearchIndex

        if self.index is None:
            self.index = SearchIndex(self.app.plan)
        index, plan = self.index, self.app.plan

        texts = self.app.task_texts

        def warm() -> None:
            # only a head start: a search computes whatever is missing
            with contextlib.suppress(Exception):
                index.warm(plan.tasks())
                tasks = list(iter_tasks(plan))
                self._search_data = search_data_of(plan, tasks, index, prepare=True)
            # and the first save then formats only what changed
            with contextlib.suppress(Exception):
                texts.dumps(plan)

        self.run_worker(warm, thread=True, group="warm", exit_on_error=False)

    @on(Worker.StateChanged)
    def _warmed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "warm" and event.state == WorkerState.SUCCESS:
            self.set_timer(PREPARE_DELAY, self._prepare)

    def _prepare(self) -> None:
        """Build, while the secretary reads, what the first task form and filter dialog
        would otherwise build on their key: the two dialogs, composed and mounted. One
        step at a time, so that a key pressed meanwhile waits for one step at most."""

        def build(dialog) -> None:
            # Pushed and popped at once: Textual composes and mounts a screen as it
            # is pushed; popped before the next frame, it is never shown.
            if not dialog.is_running and self.app.screen is self:
                self.app.push_screen(dialog)
                self.app.pop_screen()

        steps = [lambda: build(self.task_form()), lambda: build(self.filter_dialog())]

        def run_next() -> None:
            if not self.is_attached:
                return
            if steps:
                steps.pop(0)()
                self.set_timer(PREPARE_DELAY, run_next)
                return
            self.prepared = True
            # The index, texts and dialogs live as long as the app: keep the garbage
            # collector from scanning them again (a full scan of a 10,000-task plan
            # with its index is a pause of a few hundred ms in the middle of a key).
            gc.freeze()

        run_next()

    @property
    def task_tree(self) -> TaskTree:
        """The task tree widget."""
        return self.query_one(TaskTree)

    # --- showing the plan --------------------------------------------------------------

    def plan_changed(self, rebuild: bool = False, touched: frozenset[str] | None = None) -> None:
        """The app's plan was replaced: redraw what depends on it.

        ``touched`` names the only tasks whose fields changed (same shape), so that only
        they are looked up again instead of the whole tree.
        """
        if not self.ready:
            return
        plan = self.app.plan
        cursor = self.task_tree.cursor_id
        if touched is not None and not rebuild and self._shape is not None:
            self.task_tree.redraw_touched(plan, touched)
            if self.task_tree.view_ids is not None:
                self._apply_view(cursor)
            self.update_header()
            self.show_detail()
            return
        shape = _shape(plan)
        if rebuild or shape != self._shape:
            self._shape = shape
            self.task_tree.load(plan, self.app.today(), cursor)
            self._apply_view(cursor)
        else:
            self.task_tree.redraw(plan)
            if self.task_tree.view_ids is not None:
                self._apply_view(cursor)
        self.update_header()
        self.show_detail()

    @on(PlanChanged)
    def _plan_replaced(self, event: PlanChanged) -> None:
        self.plan_changed(rebuild=event.rebuild, touched=event.touched)
        if event.select is not None:
            self.task_tree.move_to(event.select)
            self.show_detail()

    @on(SaveStateChanged)
    def _save_state_changed(self, event: SaveStateChanged) -> None:
        self.update_header()

    def update_header(self) -> None:
        """Organisation, year, counts by status and the saved marker."""
        if not self.ready:
            return
        plan = self.app.plan
        counts = status_counts(plan)
        if self.app.save_state == "saving":
            marker, marker_style = t("header.saving"), "yellow"
        elif self.app.save_state == "unsaved":
            marker, marker_style = t("header.unsaved"), "bold yellow"
        else:
            marker, marker_style = t("header.saved"), "green"
        wide = self.size.width >= 110
        text = Text(t("app.title", org=visible(plan.org), year=plan.year), "bold")
        text.append(f" ●{marker}", marker_style)
        text.append(f"  {t('header.total', n=sum(counts.values()))} ")
        for status, n in counts.items():
            mark, style = STATUS_MARKS[status]
            text.append(f" {mark}", style)
            text.append(f"{status_label(status) if wide else ''}{n}")
        if plan.conflicts:  # merge conflicts left by a sync: settled with c
            text.append(f"  {t('header.conflicts', n=len(plan.conflicts))}", "bold white on red1")
        text.append(f"  {visible(self.app.plan_path.name)}", "grey62")
        self.query_one("#title-bar", Static).update(text, layout=False)  # height: 1

    def on_resize(self) -> None:
        self.update_header()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The screen's own lines: its background, which its widgets cover whole. Kept
        per size and look rather than drawn again at each whole repaint (each time a
        dialog closes)."""
        if crop != self.size.region:  # a part (a line or two): the style cache has it
            return super().render_lines(crop)
        key = (crop, self.rich_style, self.background_colors)
        kept = self._background
        if kept is None or kept[0] != key:
            kept = self._background = (key, super().render_lines(crop))
        return kept[1]

    def show_detail(self) -> None:
        """Show the task under the cursor in the detail pane."""
        tree = self.task_tree
        task_id = tree.cursor_id
        task = tree.tasks.get(task_id or "")
        path = tree.paths.get(task_id or "", "")
        self.query_one(DetailPane).show(task, self.app.plan, path, self.app.today())

    @on(TaskTree.CursorMoved)
    def _cursor_moved(self) -> None:
        self.show_detail()

    # --- finding (see FindingActions) ---------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.task_tree.focus()

    def action_to_results(self, step: int) -> None:
        """From the search field to the task list, one row down (or up)."""
        tree = self.task_tree
        tree.focus()
        tree.cursor_line = max(0, tree.cursor_line + step)

    def action_switch_language(self) -> None:
        """Chinese to English and back."""
        self.app.switch_language("en" if language() == "zh" else "zh")
        self.notify(t("notice.language"))

    def relabel(self) -> None:
        """Show every text again in the language now in use."""
        if not self.ready:
            return
        self.query_one(SearchBar).show_hints(_search_hints())
        self.task_tree.relabel()
        self._apply_view(self.task_tree.cursor_id)
        self.update_header()
        self.query_one(DetailPane).forget()
        self.show_detail()
        self.query_one(KeyBar).relabel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # "/" typed in the search field is text
            return not self.query_one("#search").has_focus
        if action == "clear_filter":
            return self.active_filter() is not None or self.query_one("#search").has_focus
        if action in ("week_pass", "dashboard"):
            return _plugin_available(action)
        return True


def _search_hints() -> tuple[str, ...]:
    """The search field's hints, longest first."""
    return (t("search.placeholder"), t("search.placeholder_short"))


def _plugin_available(action: str) -> bool:
    from importlib.util import find_spec

    module = {"week_pass": "week_pass", "dashboard": "dashboard"}[action]
    return find_spec(f"plan_tui.tui.{module}") is not None
