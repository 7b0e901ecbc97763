"""Main-screen actions around the week and the history: the weekly pass and log entries
for a chosen week, signed by the author; a task's history and the week's changes; moving
a task to another area and copying it.

The operations themselves are domain functions (:mod:`plan_tui.weekly`,
:mod:`plan_tui.session`); these actions ask what they need and apply them through
``app.apply_change``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import LogEntry, Task
from ..session import AddLogEntry, CopyTask, MoveUnder, WeekPass
from .i18n import t

if TYPE_CHECKING:
    from ..weekly import WeekChoice


def week_choice(app: Any) -> WeekChoice:
    """The default week for the app's plan and today."""
    from ..weekly import default_week

    return default_week(app.plan, app.today())


def warn_outside_year(app: Any) -> None:
    """Warn once at start when today lies outside the plan's year."""
    choice = week_choice(app)
    if not choice.outside_year:
        return  # nothing more is imported at start-up
    from .pickers import year_warning

    app.notify(
        year_warning(app.plan, choice, "notice.outside_year"), severity="warning", timeout=12
    )


class JourneyActions:
    """Mixin for the main screen (actions named by its bindings)."""

    app: Any

    if TYPE_CHECKING:

        def _current(self) -> Task | None:
            """The selected task (from ``EditActions``)."""

    # --- week ----------------------------------------------------------------------------

    def action_week_pass(self) -> None:
        """Choose the week, then run the weekly update pass and apply it as one change."""
        from .pickers import week_picker

        app = self.app
        today = app.today()

        def chosen(week: str | None) -> None:
            if week is not None:
                self._run_week_pass(week, today)

        app.push_screen(week_picker(app.plan, week_choice(app), t("pick.week_pass")), chosen)

    def _run_week_pass(self, week: str, today: date) -> None:
        from .week_pass import WeekPassScreen

        app = self.app
        author = app.author

        def done(answers: list | None) -> None:
            if answers:
                app.apply_edit(WeekPass(tuple(answers), week, today, author))

        app.push_screen(WeekPassScreen(app.plan, week, today, author), done)

    def action_log(self) -> None:
        """Add a dated, signed update-log entry to the selected task."""
        task = self._current()
        if task is None:
            return
        from .dialogs import LogEntryScreen

        app = self.app
        task_id, author = task.id, app.author

        def done(result: tuple[date, str, int | None] | None) -> None:
            if result is None:
                return
            day, text, progress = result

            entry = LogEntry(date=day, text=text, progress=progress, author=author)
            app.apply_edit(AddLogEntry(task_id, entry))

        screen = LogEntryScreen(task, app.today(), app.plan, author, week_choice(app))
        app.push_screen(screen, done)

    # --- history -------------------------------------------------------------------------

    def action_history(self) -> None:
        """Show every change and log entry of the selected task."""
        task = self._current()
        if task is None:
            return
        from .history_screens import TaskHistoryScreen

        found = self.app.plan.find(task.id)
        self.app.push_screen(TaskHistoryScreen(task, found[0] if found else ""))

    def action_week_changes(self) -> None:
        """本周变化: choose a week, then list what changed in it across the plan."""
        from .pickers import week_picker

        app = self.app

        def chosen(week: str | None) -> None:
            if week is None:
                return
            from ..session.task_history import changes_between
            from ..weekly import parse_week
            from .history_screens import WeekChangesScreen

            first, last = parse_week(week)
            found = changes_between(app.plan, first, last)

            def jump(task_id: str | None) -> None:
                if task_id:
                    app.select_task(task_id)

            from .pickers import week_name

            app.push_screen(WeekChangesScreen(week_name(week), first, last, found), jump)

        picker = week_picker(app.plan, week_choice(app), t("pick.changes"), with_today=True)
        app.push_screen(picker, chosen)

    # --- move and copy -------------------------------------------------------------------

    def action_move_to_area(self) -> None:
        """Move the selected task (with its subtree) under another area or item."""
        task = self._current()
        if task is None:
            return
        from ..session.operations_extra import destinations
        from .pickers import move_picker

        app = self.app
        task_id, today, author = task.id, app.today(), app.author
        places = destinations(app.plan, task_id)
        if not places:
            app.notify(t("move.nowhere"), severity="warning")
            return

        def chosen(parent_id: str | None) -> None:
            if parent_id is None:
                return
            if not app.apply_edit(MoveUnder(task_id, parent_id, today, author), select=task_id):
                return
            found = app.plan.find(task_id)
            if found is not None and found[1] is not None:
                app.notify(t("move.done", path=found[0]))

        app.push_screen(move_picker(t("move.title", title=task.title), places), chosen)

    def action_copy_task(self) -> None:
        """Put a copy of the selected task (and its subtree) right after it."""
        task = self._current()
        if task is None:
            return
        app = self.app
        copy = CopyTask.of(app.plan, task.id, app.today(), app.author)
        if app.apply_edit(copy, select=copy.copy.id):
            app.notify(t("copy.done", title=task.title))

    # --- author --------------------------------------------------------------------------

    def action_set_author(self) -> None:
        """Ask for the author's name and keep it in the user's settings."""
        from .author_screen import AuthorScreen

        app = self.app

        def done(name: str | None) -> None:
            if name is None:
                return
            app.author = name
            app.notify(t("author.done", name=name))

        app.push_screen(AuthorScreen(app.author), done)
