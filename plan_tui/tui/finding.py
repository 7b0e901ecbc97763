"""Search and filters on the main screen: the view of the tree they make, and the line
above the tree that says which are in force."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Input, Static

from ..model import Plan, Task
from ..model.text_rule import visible
from .detail import DetailPane
from .i18n import t
from .task_tree import iter_tasks

if TYPE_CHECKING:
    from ..query import SearchIndex, TaskFilter
    from ..search_data import SearchData
    from .task_tree import TaskTree


def _cursor_in(matched: list[str], cursor_id: str | None) -> str | None:
    """Where the cursor goes in a view of ``matched``: it stays on its task if that
    matches, else it moves to the first match (``None`` when nothing matches)."""
    if cursor_id in matched:
        return cursor_id
    return matched[0] if matched else None


def search_data_of(
    plan: Plan, tasks: list[Task], index: SearchIndex, prepare: bool = False
) -> tuple[Plan, SearchData]:
    """The search data of every task of ``plan`` (``tasks``, in tree order); ``prepare``
    lays it out for searching now rather than on the first search."""
    from ..search_data import SearchData  # with the search, not at start-up

    data = SearchData(tasks, index.entries(tasks))
    if prepare:
        data.prepare()
    return plan, data


class FindingActions:
    """Mixin for the main screen: search text, filters, and the view they make.

    The screen keeps the state (the reactive :attr:`filter` and :attr:`search_text`,
    the search index and kept results) and routes the search field's messages here;
    the watchers below show the view whenever the filters or the search text change.
    """

    app: Any

    @property
    def task_tree(self) -> TaskTree:
        """The task tree widget of the screen using this mixin."""
        raise NotImplementedError

    query_one: Any
    set_focus: Any
    show_detail: Any
    ready: bool
    filter: TaskFilter | None
    search_text: str
    index: SearchIndex | None
    _before_filter: str | None
    _auto_cursor: str | None
    _last_search: tuple[Plan, TaskFilter, str, list[int]] | None
    _searches: dict[str, tuple[Plan, TaskFilter, str, list[int]]]
    _search_data: tuple[Plan, SearchData] | None
    _filtered: dict[TaskFilter, tuple[Plan, date, list[str]]]
    _holding: bool = False
    """Set while both the filters and the search text change: the view follows once."""

    def watch_filter(self, old: TaskFilter | None, new: TaskFilter | None) -> None:
        """Show the view of the new filters."""
        if not self._holding:
            self._filters_changed(self._active(old, self.search_text))

    def watch_search_text(self, old: str, new: str) -> None:
        """Show the view of the new search text."""
        if not self._holding:
            self._filters_changed(self._active(self.filter, old))

    def _filters_changed(self, before: TaskFilter | None) -> None:
        """The filters in force changed from ``before``: show what they pass."""
        if not self.ready:  # before mounting: the first build applies them
            return
        cursor = self.task_tree.cursor_id
        if before is None:
            self._before_filter = cursor  # where clearing the filters goes back to
        self._after_filter_change(cursor)

    def _set_filters(self, flt: TaskFilter | None, text: str) -> TaskFilter | None:
        """Set the filters and the search text together (the view is not shown); the
        filter that was in force."""
        before = self.active_filter()
        self._holding = True
        try:
            self.filter, self.search_text = flt, text
        finally:
            self._holding = False
        return before

    def _apply_view(self, cursor_id: str | None) -> None:
        """Show the tasks passing the filters in force, with their ancestors dimmed."""
        flt = self.active_filter()
        if flt is None:
            self.task_tree.set_view(None, cursor_id=cursor_id)
            self._show_filter_line(t("header.no_filter"), active=False)
            return
        matched = self._matching_ids(flt)  # in tree order, as set_view needs
        cursor_id = _cursor_in(matched, cursor_id)
        self._auto_cursor = cursor_id
        self.task_tree.set_view(matched, cursor_id=cursor_id)

        text = f"{t('header.filter', text=flt.describe())} · {t('header.shown', n=len(matched))}"
        self._show_filter_line(text if matched else f"{text} · {t('notice.no_match')}", True)

    def _show_filter_line(self, text: str, active: bool) -> None:
        """The line above the tree: the filters in force, or how to set them."""
        bar = self.query_one("#filter-bar", Static)
        bar.set_class(active, "active")
        # one line whatever the text (see app.tcss): no layout of the screen
        bar.update(Text(visible(text), no_wrap=True, overflow="ellipsis"), layout=False)

    def _matching_ids(self, flt: TaskFilter) -> list[str]:
        from ..query import SearchIndex

        plan = self.app.plan
        base = replace(flt, text="")
        text = flt.text
        if not text.strip():
            return list(self.task_tree.tasks) if base.is_empty() else self._passing(base)
        if self.index is None:
            self.index = SearchIndex(plan)
        data = self._data_of(plan)
        seen = self._searches.get(text)
        if seen is not None and seen[0] is plan and seen[1] == base:
            self._last_search = seen  # typed before (Backspace): the same result
            return data.ids_at(seen[3])
        last = self._last_search
        if (
            last is not None
            and last[0] is plan
            and last[1] == base
            and self.index.refines(last[2], text)
        ):
            among = last[3]  # typing on: look among the previous result only
        elif base.is_empty():
            among = None
        else:
            among = sorted(map(data.places.__getitem__, self._passing(base)))
        found = data.select(text, among)
        self._last_search = (plan, base, text, found)
        if len(self._searches) >= 32 or any(v[0] is not plan for v in self._searches.values()):
            self._searches.clear()
        self._searches[text] = self._last_search
        return data.ids_at(found)

    def _passing(self, base: TaskFilter) -> list[str]:
        """The ids of the tasks passing ``base`` (a filter without search text), in tree
        order; kept per filter for the plan and day."""
        from ..query import keep_passing

        plan = self.app.plan
        today = self.app.today()
        kept = self._filtered.get(base)
        if kept is None or kept[0] is not plan or kept[1] != today:
            every = list(self.task_tree.tasks.values())  # every task, in tree order
            ids = [task.id for task in keep_passing(every, plan, base, today)]
            if len(self._filtered) >= 16:
                self._filtered.clear()
            kept = self._filtered[base] = (plan, today, ids)
        return kept[2]

    def _data_of(self, plan: Plan) -> SearchData:
        """The search data of every task of ``plan`` in tree order (kept per plan: a plan
        shown by the app is never changed in place, a change makes a new one)."""
        cached = self._search_data
        if cached is None or cached[0] is not plan:
            assert self.index is not None
            cached = self._search_data = search_data_of(plan, list(iter_tasks(plan)), self.index)
        return cached[1]

    def active_filter(self) -> TaskFilter | None:
        """The filter in force (filters plus search text), or ``None``."""
        return self._active(self.filter, self.search_text)

    @staticmethod
    def _active(flt: TaskFilter | None, text: str) -> TaskFilter | None:
        if flt is None and not text.strip():
            return None
        from ..query import TaskFilter

        joined = replace(flt or TaskFilter(), text=text)
        return None if joined.is_empty() else joined

    def set_filter(self, flt: TaskFilter | None) -> None:
        """Replace the filters (keeping the search text, unless ``flt`` has one); the
        watchers show the result."""
        filters = None if flt is None or flt.is_empty() else replace(flt, text="")
        text = flt.text if flt is not None and flt.text.strip() else self.search_text
        if not self.ready:
            text = flt.text if flt is not None else ""
        before = self._set_filters(filters, text)
        if self.active_filter() != before:
            self._filters_changed(before)

    def _after_filter_change(self, cursor: str | None) -> None:
        if self.active_filter() is None:
            moved = cursor != self._auto_cursor
            self._apply_view(cursor if moved else (self._before_filter or cursor))
        else:
            self._apply_view(cursor)
        self.show_detail()

    def select_task(self, task_id: str) -> None:
        """Put the cursor on a task, clearing the filter when it hides the task."""
        if not self.task_tree.is_shown(task_id):
            self._set_filters(None, "")
            search = self.query_one("#search", Input)
            with search.prevent(Input.Changed):
                search.value = ""
            self._apply_view(task_id)
        self.task_tree.move_to(task_id)
        self.task_tree.focus()
        self.show_detail()

    def action_search(self) -> None:
        """Go to the search field."""
        search = self.query_one("#search", Input)
        # now, not after the keys already queued: ``/zsyz`` typed in one go must reach
        # the search bar, not change a task's status with its ``s``
        self.set_focus(search)

    def action_clear_filter(self) -> None:
        """Clear the search text and every filter, back to the selection before them."""
        search = self.query_one("#search", Input)
        cursor = self.task_tree.cursor_id
        had = self._set_filters(None, "") is not None
        with search.prevent(Input.Changed):
            search.value = ""
        self.task_tree.focus()
        if had:
            self._after_filter_change(cursor)

    def count_matching(self, flt: TaskFilter) -> int:
        """How many tasks ``flt`` would show with the search text in force (the filter
        dialog's live count).

        What the filter would show is worked out as well and kept for when it is
        applied: the view, the rows on screen and the selected task's details.
        """
        active = replace(flt, text=self.search_text)
        if active.is_empty():
            return len(self.task_tree.tasks)
        matched = self._matching_ids(active)
        if matched and active != self.active_filter():
            tree = self.task_tree
            cursor = _cursor_in(matched, tree.cursor_id)  # where _apply_view will put it
            assert cursor is not None
            tree.prepare(matched, cursor)
            task = tree.tasks[cursor]
            self.query_one(DetailPane).prepare(
                task, self.app.plan, tree.paths[cursor], self.app.today()
            )
        return len(matched)

    def action_filter(self) -> None:
        """Open the filter dialog."""
        app = self.app
        dialog = self.filter_dialog()
        dialog.load(self.filter, app.plan, count=self.count_matching)

        def chosen(flt: TaskFilter | None) -> None:
            if flt is not None:
                self.set_filter(flt)

        app.push_screen(dialog, chosen)

    def filter_dialog(self):
        """The app's one filter dialog, installed (not yet shown) on first use."""
        from .filters import FilterScreen

        return self.app.kept_screen("filters", lambda: FilterScreen(self.filter, self.app.plan))
