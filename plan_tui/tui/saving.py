"""Saving the plan: autosave in a worker, other writers, conflicts, and saving on quit.

Mixed into :class:`plan_tui.tui.app.PlanApp`; it uses the app's plan, its last saved
plan and fingerprint, and its list of unsaved mutations (for replaying them on a plan
someone else saved).
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import store
from ..model import Plan
from ..model.errors import ConflictError, PlanError
from ..session.cloning import clone_plan
from .history import touched_ids
from .i18n import t

if TYPE_CHECKING:
    from .history import History, Mutation


class SavingMixin:
    """Autosave, reload on outside changes, conflict resolution and the last save."""

    plan: Plan
    plan_path: Path
    history: History
    load_error: PlanError | None
    autosave_delay: float
    _saved_plan: Plan
    _fingerprint: str | None
    _pending: list[tuple[Plan, Mutation | None]]
    _saving: bool
    _save_timer: Any
    _resolving: bool
    _ignored_fingerprint: str | None
    task_texts: store.TaskTexts
    """Each task's text at the last save: a save formats only the tasks that changed."""

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
            fingerprint = store.save(
                self.plan_path, snapshot, expected=expected, texts=self.task_texts
            )
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
        # Hashing an 8 MB plan every poll competes with the UI for the interpreter; the
        # file's size and modification time tell first whether it may have changed.
        try:
            info = os.stat(self.plan_path)
            stamp: tuple | None = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            stamp = None
        if stamp is not None and stamp == getattr(self, "_disk_stamp", None):
            return
        current = store.disk_fingerprint(self.plan_path)
        if current in (None, self._fingerprint, self._ignored_fingerprint):
            self._disk_stamp = stamp
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
            self._fingerprint = store.save(
                self.plan_path, self.plan, expected=self._fingerprint, texts=self.task_texts
            )
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
