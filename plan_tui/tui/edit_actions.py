"""Editing actions of the main screen: each one ends in a single ``app.apply_change``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import LogEntry, Status, Task
from ..session import tree_edits as structure
from .i18n import t

if TYPE_CHECKING:
    from ..model import Plan
    from .task_tree import TaskTree

STATUS_CYCLE = list(Status)


def update_task(task: Task, values: dict[str, Any]) -> None:
    """Copy form values onto a task (validated by the model on assignment)."""
    for key, value in values.items():
        setattr(task, key, value)


def set_status(task: Task, status: Status) -> None:
    """Change the status; marking a task done also makes its progress 100%."""
    task.status = status
    if status == Status.DONE:
        task.progress = 100


class EditActions:
    """Mixin for the main screen: structure, form, status, progress and log actions."""

    app: Any
    tree: TaskTree

    def _current(self) -> Task | None:
        task = self.tree.tasks.get(self.tree.cursor_id or "")
        if task is None:
            self.app.notify(t("notice.no_task"), severity="warning")
        return task

    def _change(self, key: str, mutate, touches: set[str] | None = None) -> None:
        self.app.apply_change(t(key), mutate, touches)

    def _open_form(self, task: Task | None, done) -> None:
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
                self._change(
                    "change.edit",
                    lambda p: update_task(structure.get(p, task_id), values),
                    {task_id},
                )

        self._open_form(task, done)

    def _add(self, child: bool) -> None:
        anchor = self.tree.cursor_id
        if child and anchor is None:
            self._current()
            return

        def done(values: dict[str, Any] | None) -> None:
            if not values:
                return
            new = Task(**values)

            def mutate(plan: Plan) -> None:
                if child:
                    structure.add_child(plan, anchor, new.model_copy(deep=True))  # type: ignore[arg-type]
                else:
                    structure.add_sibling(plan, anchor, new.model_copy(deep=True))

            if child and anchor is not None:
                self.tree.expanded_ids.add(anchor)
            self._change("change.add", mutate)
            self.tree.move_to(new.id)
            self.show_detail()  # type: ignore[attr-defined]

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
        siblings = self.tree.shown_ids()
        index = siblings.index(task_id)
        after = next((i for i in siblings[index + 1 :] if i not in self._subtree(task)), None)
        fallback = after or (siblings[index - 1] if index else None)

        def done(yes: bool | None) -> None:
            if yes:
                self._change("change.delete", lambda p: structure.delete(p, task_id))
                self.tree.move_to(fallback)
                self.show_detail()  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmScreen(t("confirm.delete", title=task.title), detail), done)

    @staticmethod
    def _subtree(task: Task) -> set[str]:
        return {t.id for t in task.walk()}

    def _structural(self, key: str, op, refusal: str, *args: int) -> None:
        task = self._current()
        if task is None:
            return
        task_id = task.id

        def mutate(plan: Plan) -> None:
            if not op(plan, task_id, *args):
                raise ValueError(t(refusal))

        self._change(key, mutate)
        self.tree.move_to(task_id)

    def action_move(self, delta: int) -> None:
        """Move the selected task up or down among its siblings."""
        self._structural("change.move", structure.move, "notice.cannot_move", delta)

    def action_indent(self) -> None:
        """Make the selected task a child of the sibling above it."""
        self._structural("change.indent", structure.indent, "notice.cannot_indent")

    def action_outdent(self) -> None:
        """Move the selected task up one level, after its parent."""
        self._structural("change.indent", structure.outdent, "notice.cannot_outdent")

    # --- quick keys --------------------------------------------------------------------

    def action_set_status(self, value: str) -> None:
        """Give the selected task a status."""
        task = self._current()
        if task is None:
            return
        task_id, status = task.id, Status(value)
        self._change(
            "change.status", lambda p: set_status(structure.get(p, task_id), status), {task_id}
        )

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
                self._change(
                    "change.progress",
                    lambda p: setattr(structure.get(p, task_id), "progress", value),
                    {task_id},
                )

        self.app.push_screen(ProgressScreen(task), done)

    def action_log(self) -> None:
        """Add a dated update-log entry to the selected task."""
        task = self._current()
        if task is None:
            return
        from .dialogs import LogEntryScreen

        task_id = task.id

        def done(result: tuple[date, str, int | None] | None) -> None:
            if result is None:
                return
            day, text, progress = result

            def mutate(plan: Plan) -> None:
                target = structure.get(plan, task_id)
                target.log.append(LogEntry(date=day, text=text, progress=progress))
                if progress is not None:
                    target.progress = progress

            self._change("change.log", mutate, {task_id})

        self.app.push_screen(LogEntryScreen(task, self.app.today()), done)

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

    def action_week_pass(self) -> None:
        """Run the weekly update pass and apply its answers as one change."""
        from ..weekly import apply_answers
        from .week_pass import WeekPassScreen

        today = self.app.today()
        year, number, _ = today.isocalendar()
        week = f"{year}-W{number:02d}"

        def done(answers: list | None) -> None:
            if answers:
                self.app.apply_change(
                    t("change.week"),
                    lambda p: apply_answers(p, answers, week=week, today=today),
                )

        self.app.push_screen(WeekPassScreen(self.app.plan, week, today), done)

    def action_dashboard(self) -> None:
        """Show the dashboard; a chosen count becomes the filter."""
        from .dashboard import DashboardScreen

        def done(flt) -> None:
            if flt is not None:
                self.app.apply_filter(flt)

        self.app.push_screen(DashboardScreen(self.app.plan, self.app.today()), done)
