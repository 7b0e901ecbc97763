"""The plan-tui application: the editing session on one plan file, autosave, other writers.

The plan, its edits, undo and redo and the merging of other writers' changes live in
:class:`plan_tui.session.PlanSession`. Screens ask for a change with :meth:`PlanApp.apply_edit`
(an operation object); the app tells its screens with a :class:`~.messages.PlanChanged`
message that the plan was replaced, and keeps :attr:`PlanApp.save_state` (a reactive
attribute, announced with :class:`~.messages.SaveStateChanged`) for the header.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from .. import store
from ..model import Plan
from ..model.errors import PlanError
from ..model.text_rule import visible
from ..session import Edit, Operation, PlanSession, Refused
from ..session.author import default_author
from .host import PlanHost
from .i18n import detect_language, set_language, t
from .journeys import warn_outside_year
from .messages import PlanChanged, SaveStateChanged
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


class PlanApp(SavingMixin, PlanHost):
    """The planning TUI on one plan file.

    Contract used by other screens: :attr:`plan`, :attr:`plan_path`, :meth:`today`,
    :meth:`apply_edit`, :meth:`apply_filter`, :meth:`select_task`, :meth:`undo`,
    :meth:`redo`, :meth:`save_now`.
    """

    CSS_PATH = "app.tcss"
    TITLE = "plan-tui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "bind.quit", id="quit_ctrl", show=False, priority=True),
    ]

    save_state: reactive[str] = reactive("saved", init=False)
    """``saved``, ``unsaved`` or ``saving``: the file against the plan in memory."""

    def __init__(
        self,
        path: str | Path,
        lang: str | None = None,
        today: date | None = None,
        author: str | None = None,
    ):
        set_language(detect_language(lang))
        super().__init__()
        from .palette import PlanCommands

        PlanApp.COMMANDS = {PlanCommands}  # textual's own commands would speak English
        self.plan_path = Path(path)
        self.session: PlanSession | None = None
        self.load_error: PlanError | None = None
        self.fixed_today = today
        self.autosave_delay = AUTOSAVE_DELAY
        self.poll_interval = POLL_INTERVAL
        self.saving = False
        self.resolving = False
        self.copied_at_exit = False
        self.save_timer: Timer | None = None
        self.main_screen: Screen | None = None
        self._no_plan = Plan(year=(today or date.today()).year)
        self._author = author
        try:
            self.session = PlanSession(self.plan_path)
            self.session.signer = self._signature
        except PlanError as exc:
            self.load_error = exc

    def _signature(self) -> tuple[date, str]:
        """Today and the author: what every recorded field change is signed with."""
        return self.today(), self.author

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

    @property
    def plan(self) -> Plan:
        """The plan in memory (replaced by every change, never changed in place)."""
        return self.session.plan if self.session is not None else self._no_plan

    @property
    def task_texts(self) -> store.TaskTexts:
        """Each task's text at the last save (prepared ahead so the first save is quick)."""
        return self.session.texts if self.session is not None else store.TaskTexts()

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

    def apply_edit(self, operation: Operation, select: str | None = None) -> bool:
        """Make one undoable change; a refusal is shown as a notice. Whether it was made.

        ``select`` puts the cursor on that task once the screens have the new plan.
        """
        if self.session is None:
            return False
        try:
            applied = self.session.apply(operation)
        except Refused as exc:
            self.notify(str(exc), severity="error")
            return False
        self.plan_replaced(applied.touched, select=select)
        return True

    def apply_change(
        self, label: str, mutate: Callable[[Plan], object], touches: set[str] | None = None
    ) -> bool:
        """Any other change as one undoable step (see :class:`plan_tui.session.Edit`)."""
        ids = frozenset(touches) if touches is not None else None
        return self.apply_edit(Edit(mutate, label, ids))

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

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    # --- undo --------------------------------------------------------------------------

    def undo(self) -> None:
        """Revert the last own change (never another writer's)."""
        self._step(undo=True)

    def redo(self) -> None:
        """Apply the last undone change again."""
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        if self.session is None:
            return
        try:
            applied = self.session.undo() if undo else self.session.redo()
        except Refused as exc:
            self.notify(str(exc), severity="warning", timeout=10)
            return
        if applied is None:
            self.notify(t("notice.nothing_undo" if undo else "notice.nothing_redo"))
            return
        self.plan_replaced(applied.touched)
        done = "notice.undone" if undo else "notice.redone"
        self.notify(t(done, label=t(applied.label)))

    # --- plan in memory ----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from .main_screen import MainScreen

        self.main_screen = MainScreen()
        return self.main_screen

    def _main(self):
        return self.main_screen

    def plan_replaced(
        self,
        touched: frozenset[str] | None = None,
        rebuild: bool = False,
        select: str | None = None,
    ) -> None:
        """Tell the screens the plan was replaced, and autosave it soon."""
        if self.main_screen is not None:
            self.main_screen.post_message(PlanChanged(touched, rebuild, select))
        self.refresh_save_state()
        if self.dirty:
            self.schedule_save()

    def watch_save_state(self, state: str) -> None:
        if self.main_screen is not None:
            self.main_screen.post_message(SaveStateChanged(state))

    async def action_quit(self) -> None:
        """Save what is unsaved (waiting for a running save) and leave."""
        if self.save_timer is not None:
            self.save_timer.stop()
        self.resolving = True  # no autosave or reload from here on
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "save"])
        self.exit(0, message=self.save_on_exit())

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a field): say how to quit, in the UI language."""
        self.notify(t("notice.quit_how"), title=t("notice.quit_title"))

    def switch_language(self, lang: str) -> None:
        """Show the UI in another language (``zh`` or ``en``) from now on."""
        set_language(lang)
        for name in ("task-form", "filters"):  # kept dialogs are built again in the new one
            if self.is_screen_installed(name) and self.get_screen(name) not in self.screen_stack:
                self.uninstall_screen(name)
        main = self._main()
        if main is not None:
            main.relabel()

    def on_mount(self) -> None:
        self.call_after_refresh(tune_gc, self.plan)  # after the first frame
        if self.load_error is not None:
            from .error_screen import ErrorScreen

            self.push_screen(ErrorScreen(self.load_error, self.plan_path))
        else:
            warn_outside_year(self)
        self.set_interval(self.poll_interval, self.poll)

    def open_file(self, path: Path) -> None:
        """Load another plan file (from the error screen); raises :class:`PlanError`."""
        self.open_loaded(path, store.load(path))

    def open_loaded(self, path: Path, loaded: store.Loaded) -> None:
        """Show the plan ``loaded`` from ``path`` in place of the current one."""
        self.session = PlanSession(path, loaded)
        self.session.signer = self._signature
        self.plan_path = Path(path)
        self.load_error = None
        self._main().expand_defaults()
        self.plan_replaced(rebuild=True)


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
