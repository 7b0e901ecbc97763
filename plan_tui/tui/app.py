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
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from .. import store
from ..errors import ConflictError, PlanError
from ..model import Plan
from .history import History, Mutation, clone_plan, touched_ids
from .i18n import detect_language, localize_bindings, set_language, t

AUTOSAVE_DELAY = 0.8
"""Seconds of quiet after a change before it is saved."""
POLL_INTERVAL = 1.5
"""Seconds between checks of the file on disk for changes by other writers."""


def tune_gc() -> None:
    """Collect garbage less often: a large plan is hundreds of thousands of long-lived
    objects, and each change copies thousands more, so the default thresholds make the
    collector rescan the plan many times per key press."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


class PlanApp(App[int]):
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

    def __init__(self, path: str | Path, lang: str | None = None, today: date | None = None):
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
        self._save_timer = None
        self._resolving = False
        self._ignored_fingerprint: str | None = None
        self.main_screen = None
        try:
            self._adopt(store.load(self.plan_path))
        except PlanError as exc:
            self.load_error = exc
        tune_gc()

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
    def dirty(self) -> bool:
        """Whether the plan in memory differs from the file as last saved or loaded."""
        return self.plan is not self._saved_plan

    def apply_change(self, label: str, mutate: Callable[[Plan], object]) -> None:
        """Make one undoable change: ``mutate`` gets a copy of the plan to change in place.

        ``mutate`` must find tasks by id in the plan it is given (it may be replayed on a
        reloaded plan). Raising ``ValueError``/``KeyError`` cancels the change with a notice.
        """
        before = self.plan
        after = clone_plan(before)
        try:
            mutate(after)
        except (ValueError, KeyError, PlanError) as exc:
            message = exc.one_line() if isinstance(exc, PlanError) else str(exc)
            self.notify(message, severity="error")
            return
        self.history.record(label, before, after)
        self._pending.append((after, mutate))
        self._set_plan(after)

    def apply_filter(self, flt) -> None:
        """Show only the tasks passing ``flt`` (a :class:`plan_tui.query.TaskFilter`)."""
        self._main().set_filter(flt)

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
        self._set_plan(step.before)
        self.notify(t("notice.undone", label=step.label))

    def redo(self) -> None:
        """Apply the last undone change again."""
        step = self.history.redo()
        if step is None:
            self.notify(t("notice.nothing_redo"))
            return
        self._pending.append((step.after, None))
        self._set_plan(step.after)
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

    def _set_plan(self, plan: Plan) -> None:
        self.plan = plan
        if not self.dirty:
            self._pending = []
        self._main().plan_changed()
        if self.dirty:
            self._schedule_save()

    def on_mount(self) -> None:
        if self.load_error is not None:
            from .error_screen import ErrorScreen

            self.push_screen(ErrorScreen(self.load_error, self.plan_path))
        self.set_interval(self.poll_interval, self._poll)

    def open_file(self, path: Path) -> None:
        """Load another plan file (from the error screen); raises :class:`PlanError`."""
        loaded = store.load(path)
        self.plan_path = Path(path)
        self.load_error = None
        self.history = History()
        self._adopt(loaded)
        self._main().expand_defaults()
        self._main().plan_changed(rebuild=True)

    # --- saving ------------------------------------------------------------------------

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.autosave_delay, self.save_now)

    def save_now(self) -> None:
        """Start saving the current plan in a worker (nothing happens when it is saved)."""
        if not self.dirty or self._saving or self._resolving or self.load_error:
            return
        self._saving = True
        self._main().update_header()
        job = partial(self._save_in_thread, self.plan, self._fingerprint)
        self.run_worker(job, thread=True, group="save", exit_on_error=False)

    def _save_in_thread(self, snapshot: Plan, expected: str | None) -> None:
        try:
            fingerprint = store.save(self.plan_path, snapshot, expected=expected)
        except ConflictError:
            self.call_from_thread(self._save_conflict)
        except (PlanError, OSError) as exc:
            self.call_from_thread(self._save_failed, exc)
        else:
            self.call_from_thread(self._saved, snapshot, fingerprint)

    def _saved(self, snapshot: Plan, fingerprint: str) -> None:
        self._saving = False
        self._fingerprint = fingerprint
        self._saved_plan = snapshot
        done = next((i for i, (p, _) in enumerate(self._pending) if p is snapshot), None)
        if done is not None:
            del self._pending[: done + 1]
        elif not self.dirty:
            self._pending = []
        else:
            self._pending = [(self.plan, None)]
        self._main().update_header()
        if self.dirty:
            self._schedule_save()

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        message = exc.one_line() if isinstance(exc, PlanError) else str(exc)
        self.notify(t("notice.save_failed", error=message), severity="error", timeout=10)
        self._main().update_header()

    def _save_conflict(self) -> None:
        self._saving = False
        try:
            loaded = store.load(self.plan_path)
        except PlanError as exc:
            self._save_failed(exc)
            return
        self._external_change(loaded)

    # --- other writers -----------------------------------------------------------------

    def _poll(self) -> None:
        if self._saving or self._resolving or self.load_error:
            return
        self.run_worker(self._poll_in_thread, thread=True, group="poll", exclusive=True)

    def _poll_in_thread(self) -> None:
        current = store.disk_fingerprint(self.plan_path)
        if current in (None, self._fingerprint, self._ignored_fingerprint):
            return
        try:
            loaded = store.load(self.plan_path)
        except PlanError as exc:
            self._ignored_fingerprint = current
            self.call_from_thread(self._disk_unreadable, exc)
            return
        self.call_from_thread(self._external_change, loaded)

    def _disk_unreadable(self, exc: PlanError) -> None:
        self.notify(t("notice.disk_unreadable", error=exc.one_line()), severity="warning")

    def _external_change(self, loaded: store.Loaded) -> None:
        """Take in the plan another writer saved, keeping our unsaved edits when possible."""
        if self._saving or self._resolving or loaded.fingerprint == self._fingerprint:
            return
        if not self.dirty:
            self._take_disk_version(loaded)
            self.notify(t("notice.reloaded"))
            return
        merged = self._merge(loaded.plan)
        if merged is not None:
            before = self.plan
            self._saved_plan = loaded.plan
            self._fingerprint = loaded.fingerprint
            self.history.record(t("change.reload"), before, merged)
            self._pending = [(merged, None)]
            self._set_plan(merged)
            self.notify(t("notice.merged"))
            self.save_now()
            return
        from .dialogs import ConflictScreen

        self._resolving = True
        self.push_screen(ConflictScreen(), partial(self._resolve_conflict, loaded))

    def _merge(self, theirs: Plan) -> Plan | None:
        """Our unsaved mutations replayed on ``theirs``; ``None`` when they overlap."""
        if any(mutate is None for _, mutate in self._pending) or not self._pending:
            return None
        ours = touched_ids(self._saved_plan, self.plan)
        if ours & touched_ids(self._saved_plan, theirs):
            return None
        merged = clone_plan(theirs)
        try:
            for _, mutate in self._pending:
                mutate(merged)  # type: ignore[misc]
        except Exception:
            return None
        return merged

    def _take_disk_version(self, loaded: store.Loaded) -> None:
        self.history.record(t("change.reload"), self.plan, loaded.plan)
        self._adopt(loaded)
        self._set_plan(loaded.plan)

    def _resolve_conflict(self, loaded: store.Loaded, choice: str | None) -> None:
        self._resolving = False
        if choice == "overwrite":
            self._fingerprint = store.disk_fingerprint(self.plan_path)
            self.save_now()
            return
        copy = self.save_copy()
        if copy is not None:
            self.notify(t("notice.copy_saved", file=copy), timeout=15)
        self._take_disk_version(loaded)

    def save_copy(self) -> Path | None:
        """Write the plan in memory next to the plan file under a new name; its path."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.plan_path.with_name(f"{self.plan_path.stem}.我的版本-{stamp}.toml")
        try:
            store.save(target, self.plan)
        except (PlanError, OSError) as exc:
            self._save_failed(exc)
            return None
        return target

    # --- quitting ----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Save what is unsaved (waiting for a running save) and leave."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._resolving = True  # no autosave or reload from here on
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "save"])
        self.exit(0, message=self.save_on_exit())

    def save_on_exit(self) -> str | None:
        """Last save when the app ends; a message for the terminal when it went elsewhere."""
        if not self.dirty or self.load_error is not None:
            return None
        try:
            self._fingerprint = store.save(self.plan_path, self.plan, expected=self._fingerprint)
            self._saved_plan = self.plan
            return None
        except ConflictError:
            try:
                loaded = store.load(self.plan_path)
                merged = self._merge(loaded.plan)
                if merged is not None:
                    self._fingerprint = store.save(
                        self.plan_path, merged, expected=loaded.fingerprint
                    )
                    self.plan = self._saved_plan = merged
                    return None
            except PlanError:
                pass
            copy = self.save_copy()
            if copy is None:
                return None
            self._saved_plan = self.plan
            return t("notice.copy_saved", file=copy)
        except (PlanError, OSError) as exc:
            copy = self.save_copy()
            if copy is not None:
                self._saved_plan = self.plan
            detail = exc.one_line() if isinstance(exc, PlanError) else str(exc)
            return t("notice.save_failed", error=detail) + (
                "；" + t("notice.copy_saved", file=copy) if copy else ""
            )


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
