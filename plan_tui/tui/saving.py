"""Saving from the app: autosave in a worker, polling for other writers, conflicts, quitting.

Every decision (what to merge, what conflicts, what to write) is the session's
(:class:`plan_tui.session.PlanSession`); this mixin only runs it on the right thread,
shows dialogs and notices, and keeps :attr:`PlanApp.save_state` up to date.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from .. import store
from ..model.errors import PlanError
from ..session import PlanSession, SaveConflict, SaveJob, describe
from .i18n import t

if TYPE_CHECKING:
    from textual.timer import Timer

    from .host import PlanHost

    _Base = PlanHost
else:
    _Base = object


class SavingMixin(_Base):
    """Autosave, reload on outside changes, conflict resolution and the last save.

    Mixed into :class:`plan_tui.tui.app.PlanApp`, which provides ``session``, the
    timers and workers, and :meth:`plan_replaced`.
    """

    session: PlanSession | None
    autosave_delay: float
    saving: bool
    resolving: bool
    save_timer: Timer | None
    save_state: Any
    copied_at_exit: bool
    """Whether the last save went to a copy (so that it is not written twice)."""

    @property
    def dirty(self) -> bool:
        """Whether the plan in memory differs from the file as last saved or loaded."""
        return self.session is not None and self.session.dirty

    def refresh_save_state(self) -> None:
        """Set :attr:`save_state` from the session (the screens watch it)."""
        self.save_state = "saving" if self.saving else "unsaved" if self.dirty else "saved"

    # --- saving ------------------------------------------------------------------------

    def schedule_save(self) -> None:
        """Save after :attr:`autosave_delay` seconds without another change."""
        if self.save_timer is not None:
            self.save_timer.stop()
        self.save_timer = self.set_timer(self.autosave_delay, self.save_now)

    def save_now(self) -> None:
        """Start saving the current plan in a worker (nothing happens when it is saved)."""
        if self.session is None or self.saving or self.resolving:
            return
        job = self.session.begin_save()
        if job is None:
            return
        self.saving = True
        self.refresh_save_state()
        self.run_worker(
            partial(self._save_in_thread, job), thread=True, group="save", exit_on_error=False
        )

    def _save_in_thread(self, job: SaveJob) -> None:
        try:
            loaded = job.run()
        except SaveConflict:
            self.call_from_thread(self._save_conflict, job)
        except (PlanError, OSError) as exc:
            self.call_from_thread(self._save_failed, job, exc)
        else:
            self.call_from_thread(self._saved, job, loaded)

    def _saved(self, job: SaveJob, loaded: store.Loaded) -> None:
        assert self.session is not None
        self.saving = False
        if self.session.finish_save(job, loaded) is not None:
            self.notify(t("notice.merged"))
            self.plan_replaced()
        self.refresh_save_state()
        if self.dirty:
            self.schedule_save()

    def _save_failed(self, job: SaveJob | None, exc: Exception) -> None:
        self.saving = False
        if job is not None and self.session is not None:
            self.session.fail_save(job)
        message = exc.one_line() if isinstance(exc, PlanError) else str(exc)
        self.notify(t("notice.save_failed", error=message), severity="error", timeout=10)
        self.refresh_save_state()

    def _save_conflict(self, job: SaveJob) -> None:
        assert self.session is not None
        self.saving = False
        self.session.fail_save(job)
        try:
            loaded = store.load(self.session.path)
        except PlanError as exc:
            self._save_failed(None, exc)
            return
        self.external_change(loaded)

    # --- other writers -----------------------------------------------------------------

    def poll(self) -> None:
        """Look at the file in a worker; take in what another writer saved."""
        if self.saving or self.resolving or self.session is None:
            return
        self.run_worker(self._poll_in_thread, thread=True, group="poll", exclusive=True)

    def _poll_in_thread(self) -> None:
        assert self.session is not None
        try:
            loaded = self.session.changed_on_disk()
        except PlanError as exc:
            self.call_from_thread(self._disk_unreadable, exc)
            return
        if loaded is not None:
            self.call_from_thread(self.external_change, loaded)

    def _disk_unreadable(self, exc: PlanError) -> None:
        self.notify(t("notice.disk_unreadable", error=exc.one_line()), severity="warning")

    def external_change(self, loaded: store.Loaded) -> None:
        """Take in the plan another writer saved, keeping our unsaved edits."""
        session = self.session
        if session is None or self.saving or self.resolving:
            return
        before, was_dirty = session.plan, session.dirty
        conflicts = session.take_external(loaded)
        if conflicts:
            from .dialogs import ConflictScreen

            self.resolving = True
            self.refresh_save_state()
            details = "\n".join(describe(c) for c in conflicts[:5])
            self.push_screen(ConflictScreen(details), partial(self._resolve_conflict, loaded))
            return
        if session.plan is before:
            return
        self.notify(t("notice.merged" if was_dirty else "notice.reloaded"))
        self.plan_replaced()
        self.refresh_save_state()
        if self.dirty:
            self.save_now()

    def _resolve_conflict(self, loaded: store.Loaded, choice: str | None) -> None:
        assert self.session is not None
        self.resolving = False
        keep_ours = choice == "overwrite"
        if not keep_ours:
            copy = self.save_copy()
            if copy is not None:
                self.notify(t("notice.copy_saved", file=copy), timeout=15)
        self.session.resolve(loaded, keep_ours=keep_ours)
        self.plan_replaced()
        self.refresh_save_state()
        self.save_now()

    def save_copy(self) -> str | None:
        """Write the plan in memory next to the plan file under a new name; its path."""
        if self.session is None:
            return None
        try:
            return str(self.session.save_copy())
        except (PlanError, OSError) as exc:
            self._save_failed(None, exc)
            return None

    # --- quitting ----------------------------------------------------------------------

    def save_on_exit(self) -> str | None:
        """Last save when the app ends; a message for the terminal when it went elsewhere."""
        session = self.session
        if session is None or not session.dirty or self.copied_at_exit:
            return None
        try:
            session.save()
            return None
        except SaveConflict:
            self.copied_at_exit = True
            copy = self.save_copy()
            return t("notice.copy_saved", file=copy) if copy else None
        except (PlanError, OSError) as exc:
            detail = exc.one_line() if isinstance(exc, PlanError) else str(exc)
            self.copied_at_exit = True
            copy = self.save_copy()
            return t("notice.save_failed", error=detail) + (
                "；" + t("notice.copy_saved", file=copy) if copy else ""
            )
