"""The plan-tui application: the plan in memory, undo, autosave and other writers.

Every change goes through :meth:`PlanApp.apply_change`, which copies the plan, lets the
caller mutate the copy, records both versions for undo and schedules an autosave. A plan
object is never changed once it has been replaced, so the saver thread works on a
reference without locks. The screens (``main_screen``) and dialogs only call down into
this class.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import events
from textual._dispatch_key import dispatch_key
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from .. import store
from ..model import Plan
from ..model.errors import PlanError
from ..model.text_rule import visible
from ..session.author import default_author
from .history import History, Mutation, clone_plan, clone_touching
from .i18n import detect_language, localize_bindings, set_language, t
from .journeys import recording, warn_outside_year
from .saving import SavingMixin

AUTOSAVE_DELAY = 0.8
"""Seconds of quiet after a change before it is saved."""
POLL_INTERVAL = 1.5
"""Seconds between checks of the file on disk for changes by other writers."""


LARGE_PLAN = 2000
"""From this many tasks on, the garbage collector is tuned (see :func:`tune_gc`)."""


def tune_gc(plan: Plan) -> None:
    """Collect garbage less often for a large plan.

    A large plan is hundreds of thousands of long-lived objects and each change copies
    some more, so the default thresholds make the collector rescan the whole plan
    several times per key press. The oldest generations are collected rarely; the
    youngest every 10,000 new objects, a pause of a few ms (at 50,000 each pause took
    up to ~60 ms, more than a whole key press). Small plans keep the defaults.

    When start-up ran with the collector off (``plan-tui`` does, see :mod:`plan_tui.cli`)
    the objects built so far are frozen instead of collected, then it is switched on.
    """
    large = sum(1 for _ in plan.tasks()) >= LARGE_PLAN
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    elif large:
        gc.collect()
        gc.freeze()
    if large:
        gc.set_threshold(10_000, 50, 1000)


class PlanApp(SavingMixin, App[int]):
    """The planning TUI on one plan file.

    Contract used by other screens: :attr:`plan`, :attr:`plan_path`, :meth:`today`,
    :meth:`apply_change`, :meth:`apply_filter`, :meth:`select_task`.
    """

    CSS_PATH = "app.tcss"
    TITLE = "plan-tui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "bind.quit", id="quit_ctrl", show=False, priority=True),
    ]

    def __init__(
        self,
        path: str | Path,
        lang: str | None = None,
        today: date | None = None,
        author: str | None = None,
    ):
        set_language(detect_language(lang))
        super().__init__()
        localize_bindings(self)
        from .palette import PlanCommands

        self.COMMANDS = {PlanCommands}  # textual's own commands would speak English
        self.plan_path = Path(path)
        self.plan: Plan = Plan(year=(today or date.today()).year)
        self.load_error: PlanError | None = None
        self.history = History()
        self.fixed_today = today
        self.autosave_delay = AUTOSAVE_DELAY
        self.poll_interval = POLL_INTERVAL
        self._saved_plan: Plan = self.plan
        self._fingerprint: str | None = None
        self._pending: list[tuple[Plan, Mutation | None]] = []
        self._saving = False
        self.task_texts = store.TaskTexts()
        self._save_timer = None
        self._resolving = False
        self._ignored_fingerprint: str | None = None
        self.main_screen = None
        self._author = author
        try:
            self._adopt(store.load(self.plan_path))
        except PlanError as exc:
            self.load_error = exc

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification whose text is shown as written: control characters written out,
        and no markup unless asked for (a task title or file name may hold ``[…]``)."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    # --- contract ----------------------------------------------------------------------

    def today(self) -> date:
        """Today's date: fixed for tests (argument or ``PLAN_TUI_TODAY``), else the clock."""
        if self.fixed_today is not None:
            return self.fixed_today
        fixed = os.environ.get("PLAN_TUI_TODAY")
        if fixed:
            try:
                return date.fromisoformat(fixed)
            except ValueError:
                pass
        return date.today()

    @property
    def author(self) -> str:
        """Who signs log entries and field changes (the setting, else the OS user);
        read on first use, not at start-up."""
        if self._author is None:
            self._author = default_author()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    @property
    def dirty(self) -> bool:
        """Whether the plan in memory differs from the file as last saved or loaded."""
        return self.plan is not self._saved_plan

    def apply_change(
        self, label: str, mutate: Callable[[Plan], object], touches: set[str] | None = None
    ) -> None:
        """Make one undoable change: ``mutate`` gets a copy of the plan to change in place.

        ``mutate`` must find tasks by id in the plan it is given (it may be replayed on a
        reloaded plan). Raising ``ValueError``/``KeyError`` cancels the change with a notice.
        ``touches``, when given, promises that ``mutate`` changes only fields of those
        tasks (not the tree's shape): only they and their ancestors are copied, which
        keeps a change quick in a plan of 10,000 tasks.
        """
        before = self.plan
        touched = frozenset(touches) if touches is not None else None
        after = clone_plan(before) if touched is None else clone_touching(before, set(touched))
        if touched:  # field edits are recorded in the tasks' history
            mutate = recording(mutate, touched, self.today(), self.author)
        try:
            mutate(after)
        except (ValueError, KeyError, PlanError) as exc:
            message = exc.one_line() if isinstance(exc, PlanError) else str(exc)
            self.notify(message, severity="error")
            return
        self.history.record(label, before, after, touched)
        self._pending.append((after, mutate))
        self._set_plan(after, touched)

    def apply_filter(self, flt) -> None:
        """Show only the tasks passing ``flt`` (a :class:`plan_tui.query.TaskFilter`)."""
        self._main().set_filter(flt)

    def kept_screen(self, name: str, make: Callable[[], Screen]) -> Screen:
        """The app's one screen ``name``, made by ``make`` on first use and kept: dialogs
        are refilled for each opening, as building their widgets costs far more."""
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        return self.get_screen(name)

    def select_task(self, task_id: str) -> None:
        """Move the cursor to a task (clearing a filter that hides it)."""
        self._main().select_task(task_id)

    def action_command_palette(self) -> None:
        """The command palette, with a prompt in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    # --- undo --------------------------------------------------------------------------

    def undo(self) -> None:
        """Revert the last change."""
        step = self.history.undo()
        if step is None:
            self.notify(t("notice.nothing_undo"))
            return
        self._pending.append((step.before, None))
        self._set_plan(step.before, step.touched)
        self.notify(t("notice.undone", label=step.label))

    def redo(self) -> None:
        """Apply the last undone change again."""
        step = self.history.redo()
        if step is None:
            self.notify(t("notice.nothing_redo"))
            return
        self._pending.append((step.after, None))
        self._set_plan(step.after, step.touched)
        self.notify(t("notice.redone", label=step.label))

    # --- plan in memory ----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from .main_screen import MainScreen

        self.main_screen = MainScreen()
        return self.main_screen

    def _main(self):
        return self.main_screen

    def _adopt(self, loaded: store.Loaded) -> None:
        self.plan = self._saved_plan = loaded.plan
        self._fingerprint = loaded.fingerprint
        self._pending = []

    def _set_plan(self, plan: Plan, touched: frozenset[str] | None = None) -> None:
        self.plan = plan
        if not self.dirty:
            self._pending = []
        self._main().plan_changed(touched=touched)
        if self.dirty:
            self._schedule_save()

    async def _on_key(self, event: events.Key) -> None:
        event.prevent_default()  # replaces App._on_key, which would handle the key again
        if await self._check_bindings(event.key):
            return
        if event.is_forwarded and event.is_printable and isinstance(self.focused, Input):
            # Keys typed in one burst after "/" reach the tree (which had the focus when
            # they arrived) and bubble up here after the search bar took the focus:
            # they belong in the search bar.
            self.focused.post_message(events.Key(event.key, event.character))
            return
        await dispatch_key(self, event)

    def on_mount(self) -> None:
        self.call_after_refresh(tune_gc, self.plan)  # after the first frame
        if self.load_error is not None:
            from .error_screen import ErrorScreen

            self.push_screen(ErrorScreen(self.load_error, self.plan_path))
        else:
            warn_outside_year(self)
        self.set_interval(self.poll_interval, self._poll)

    def open_file(self, path: Path) -> None:
        """Load another plan file (from the error screen); raises :class:`PlanError`."""
        self.open_loaded(path, store.load(path))

    def open_loaded(self, path: Path, loaded: store.Loaded) -> None:
        """Show the plan ``loaded`` from ``path`` in place of the current one."""
        self.plan_path = Path(path)
        self.load_error = None
        self.history = History()
        self.task_texts = store.TaskTexts()
        self._adopt(loaded)
        self._main().expand_defaults()
        self._main().plan_changed(rebuild=True)


def run_app(path: Path, lang: str | None = None) -> int:
    """Open the TUI on ``path``; returns the exit code (called by ``plan-tui [PLAN]``)."""
    app = PlanApp(path, lang=lang)
    try:
        code = app.run()
    finally:
        message = app.save_on_exit()  # after a crash or a closed terminal
        if message:
            print(message, file=sys.stderr)
    return int(code or app.return_code or 0)
