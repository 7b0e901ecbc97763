"""Editing actions of the main screen: each one asks the app to apply one session operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import Status, Task
from ..session import (
    AddTask,
    DeleteTask,
    Indent,
    MoveTask,
    Operation,
    Outdent,
    SetFields,
    SetProgress,
    SetStatus,
)
from .i18n import t

if TYPE_CHECKING:
    from .host import PlanHost
    from .task_tree import TaskTree

STATUS_CYCLE = list(Status)
"""The order ``space`` steps through."""


class EditActions:
    """Mixin for the main screen: structure, form, status, progress and log actions."""

    app: PlanHost

    @property
    def task_tree(self) -> TaskTree:
        """The task tree widget of the screen using this mixin."""
        raise NotImplementedError

    if TYPE_CHECKING:

        def show_detail(self) -> None: ...

    def _current(self) -> Task | None:
        task = self.task_tree.tasks.get(self.task_tree.cursor_id or "")
        if task is None:
            self.app.notify(t("notice.no_task"), severity="warning")
        return task

    def _edit(self, operation: Operation, select: str | None = None) -> bool:
        return self.app.apply_edit(operation, select)

    def _open_form(self, task: Task | None, done: Callable[[Any], None]) -> None:
        """Show the task form (one instance, kept installed and reloaded per task)."""
        app = self.app
        form = self.task_form()
        form.load(task, app.plan)
        app.push_screen(form, done)

    def task_form(self):
        """The app's one task form, installed (not yet shown) on first use."""
        from .task_form import TaskForm

        plan = self.app.plan
        # built for a task of the plan, as most openings are edits: the first one then
        # changes only the values, not the heading or the fields' states
        return self.app.kept_screen(
            "task-form", lambda: TaskForm(next(iter(plan.tasks()), None), plan)
        )

    # --- form --------------------------------------------------------------------------

    def action_edit(self) -> None:
        """Open the task form on the selected task."""
        task = self._current()
        if task is None:
            return
        task_id = task.id

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self._edit(SetFields(task_id, values))

        self._open_form(task, done)

    def _add(self, child: bool) -> None:
        anchor = self.task_tree.cursor_id
        if child and anchor is None:
            self._current()
            return

        def done(values: dict[str, Any] | None) -> None:
            if not values:
                return
            new = Task(**values)
            if child and anchor is not None:
                self.task_tree.expanded_ids.add(anchor)
            self._edit(AddTask(new, anchor, as_child=child), select=new.id)

        self._open_form(None, done)

    def action_add_sibling(self) -> None:
        """Add a task after the selected one, at the same level."""
        self._add(child=False)

    def action_add_child(self) -> None:
        """Add a task under the selected one."""
        self._add(child=True)

    # --- structure ---------------------------------------------------------------------

    def action_delete(self) -> None:
        """Delete the selected task and its subtree, after confirmation."""
        task = self._current()
        if task is None:
            return
        from .dialogs import ConfirmScreen

        count = task.count_descendants()
        detail = t("confirm.delete_children", n=count) if count else ""
        task_id = task.id
        siblings = self.task_tree.shown_ids()
        index = siblings.index(task_id)
        after = next((i for i in siblings[index + 1 :] if i not in self._subtree(task)), None)
        fallback = after or (siblings[index - 1] if index else None)

        def done(yes: bool | None) -> None:
            if yes:
                self._edit(DeleteTask(task_id), select=fallback)

        self.app.push_screen(ConfirmScreen(t("confirm.delete", title=task.title), detail), done)

    @staticmethod
    def _subtree(task: Task) -> set[str]:
        return {t.id for t in task.walk()}

    def _structural(self, make: Callable[[str], Operation]) -> None:
        task = self._current()
        if task is not None:
            self._edit(make(task.id), select=task.id)

    def action_move(self, delta: int) -> None:
        """Move the selected task up or down among its siblings."""
        self._structural(lambda task_id: MoveTask(task_id, delta))

    def action_indent(self) -> None:
        """Make the selected task a child of the sibling above it."""
        self._structural(Indent)

    def action_outdent(self) -> None:
        """Move the selected task up one level, after its parent."""
        self._structural(Outdent)

    # --- quick keys --------------------------------------------------------------------

    def action_set_status(self, value: str) -> None:
        """Give the selected task a status."""
        task = self._current()
        if task is None:
            return
        self._edit(SetStatus(task.id, Status(value)))

    def action_cycle_status(self) -> None:
        """Step the selected task to the next status."""
        task = self._current()
        if task is not None:
            index = STATUS_CYCLE.index(task.status)
            self.action_set_status(STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)].value)

    def action_progress(self) -> None:
        """Ask for the selected task's progress."""
        task = self._current()
        if task is None:
            return
        from .dialogs import ProgressScreen

        task_id = task.id

        def done(value: int | None) -> None:
            if value is not None:
                self._edit(SetProgress(task_id, value))

        self.app.push_screen(ProgressScreen(task), done)

    # --- app-level -----------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change."""
        self.app.undo()

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self.app.redo()

    def action_save(self) -> None:
        """Save now instead of waiting for the autosave."""
        self.app.save_now()

    def action_help(self) -> None:
        """Show every key."""
        from .help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_dashboard(self) -> None:
        """Show the dashboard; a chosen count becomes the filter."""
        from .dashboard import DashboardScreen

        def done(flt: Any) -> None:
            if flt is not None:
                self.app.apply_filter(flt)

        self.app.push_screen(DashboardScreen(self.app.plan, self.app.today()), done)
