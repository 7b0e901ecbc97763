"""The editing session on one plan file: edits, undo and redo, other writers, saving.

:class:`PlanSession` holds the plan in memory. Every edit is an
:class:`~plan_tui.session.operations.Operation`; the session applies it to a copy of the
plan (so a plan object, once replaced, never changes and a saver thread may hold it),
records the change task by task (:class:`~plan_tui.session.delta.Delta`) for undo, and
remembers which tasks are unsaved.

Other writers (a colleague's CLI, a second window) are never undone: a plan reloaded from
disk is not a step on the undo stack, and undo and redo apply a step's delta three-way to
the plan as it is now, so an undo whose field someone else changed meanwhile is refused
(:class:`~plan_tui.session.operations.Refused`) instead of reverting their change.

Saving is :meth:`begin_save` (on the caller's thread), :meth:`SaveJob.run` (anywhere,
e.g. a worker thread) and :meth:`finish_save`; :meth:`save` does all three at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import store
from ..labels import t
from ..model import Plan
from ..model.errors import PlanError
from .cloning import Where, clone_plan, clone_touching, index_all
from .delta import Conflict, Delta, apply, diff
from .operations import Operation, Refused
from .task_history import record_plan_changes

UNDO_LIMIT = 200
"""How many steps the undo stack keeps."""


@dataclass(frozen=True)
class Step:
    """One undoable change: its catalogue key and what it did, task by task."""

    label: str
    delta: Delta


@dataclass(frozen=True)
class Applied:
    """What an edit, undo or redo did to the plan in memory (for redrawing)."""

    label: str
    """Catalogue key of the change."""
    touched: frozenset[str] | None
    """Tasks whose fields alone changed; ``None`` when the tree's shape may differ."""


class SaveConflict(Exception):
    """Our unsaved changes and someone else's saved ones change the same field."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(conflicts)
        self.conflicts = conflicts


def describe(conflict: Conflict) -> str:
    """One conflict in the catalogue's words."""
    if conflict.field:
        name = t(f"detail.{conflict.field}")
        name = conflict.field if name == f"detail.{conflict.field}" else name
        return t("conflict.field", title=conflict.title, field=name)
    return t("conflict.task", title=conflict.title)


def _copy_for(plan: Plan, delta: Delta, shape: Where | None = None) -> Plan:
    """A copy ``delta`` may be applied to: only its tasks, the parents whose lists of
    children it changes and their ancestors are copied (the plan's own fields need all)."""
    if delta.plan_before is not None:
        return clone_plan(plan)
    if delta.fields_only:
        return clone_touching(plan, set(delta.ids), shape)
    ids = set(delta.ids)
    for change in delta.changes:
        for state in (change.before, change.after):
            if state is not None and state.parent:
                ids.add(state.parent)
    return clone_touching(plan, ids)


def _touched(delta: Delta) -> frozenset[str] | None:
    return delta.ids if delta.fields_only and delta.plan_before is None else None


Ids = set[str] | None
"""Ids of changed tasks; ``None`` when any task may have changed."""


def _union(a: Ids, b: Ids) -> Ids:
    return None if a is None or b is None else a | b


@dataclass
class SaveJob:
    """One save: our changes since the last save, to be applied to the file as it is now."""

    path: Path
    snapshot: Plan
    """The plan in memory when the save began."""
    base_fingerprint: str | None
    """Fingerprint of the file as last loaded or saved."""
    delta: Delta
    """Our changes from the last saved plan to :attr:`snapshot`."""
    ids: Ids
    texts: store.TaskTexts
    merged: bool = field(default=False, init=False)
    """Set by :meth:`run` when someone else's changes were taken in."""

    def _change(self, disk: Plan) -> None:
        if store.disk_fingerprint(self.path) == self.base_fingerprint:
            conflicts = apply(disk, self.delta, prefer_ours=True)
        else:
            conflicts = apply(disk, self.delta)
            self.merged = True
        if conflicts:
            raise SaveConflict(conflicts)

    def run(self) -> store.Loaded:
        """Write the file: ``SaveConflict``, ``PlanError`` or ``OSError`` when it cannot."""
        return store.update(self.path, self._change)


class PlanSession:
    """The plan in memory, its undo and redo stacks, and its file.

    ``plan`` is replaced, never changed in place: keep a reference and it stays as it was.
    """

    def __init__(self, path: str | Path, loaded: store.Loaded | None = None) -> None:
        self.path = Path(path)
        loaded = loaded or store.load(self.path)
        self.plan: Plan = loaded.plan
        self.saved_plan: Plan = loaded.plan
        """The plan as last loaded or saved."""
        self.fingerprint: str | None = loaded.fingerprint
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.texts = store.TaskTexts()
        """Each task's text at the last save: a save formats only the tasks that changed."""
        self._unsaved: Ids = set()
        self._shape: Where | None = None
        self._disk_stamp: tuple[int, int, int] | None = None
        self._ignored: str | None = None
        self.signer: Callable[[], tuple[date, str]] | None = None
        """Today's date and the author, when field changes are to be recorded in the
        tasks' history (:func:`plan_tui.session.task_history.record_changes`)."""

    @property
    def dirty(self) -> bool:
        """Whether the plan in memory differs from the file as last saved or loaded."""
        return self.plan is not self.saved_plan

    def _shape_now(self) -> Where:
        """Where each task of the current plan sits (kept while edits change fields only)."""
        if self._shape is None:
            self._shape = index_all(self.plan)
        return self._shape

    # --- edits ----------------------------------------------------------------------

    def apply(self, operation: Operation) -> Applied:
        """Apply an edit as one undoable step; :class:`Refused` when it cannot be done."""
        before = self.plan
        ids = operation.affected(before, before) if operation.fields_only else None
        shape = self._shape_now() if ids is not None else None
        if ids is not None:
            after = clone_touching(before, ids, shape)
        else:
            try:
                parents = operation.reshapes(before)
            except (KeyError, ValueError, Refused):
                parents = None  # apply() says what is wrong
            after = clone_plan(before) if parents is None else clone_touching(before, parents)
        try:
            operation.apply(after)
        except Refused:
            raise
        except PlanError as exc:
            raise Refused("notice.plain", message=exc.one_line()) from None
        except (ValueError, KeyError) as exc:
            raise Refused("notice.plain", message=str(exc)) from None
        ids = operation.affected(before, after)
        if self.signer is not None and ids:
            day, author = self.signer()
            record_plan_changes(before, after, ids, day, author)
        delta = diff(before, after, ids, shape)
        self.undo_stack.append(Step(operation.name, delta))
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        return self._become(after, delta, operation.name, ids)

    def _become(self, plan: Plan, delta: Delta, label: str, ids: Ids) -> Applied:
        if not (delta.fields_only and delta.plan_before is None):
            self._shape = None
        self.plan = plan
        self._unsaved = _union(self._unsaved, ids)
        touched = _touched(delta) if ids is not None else None
        return Applied(label, touched)

    def undo(self) -> Applied | None:
        """Revert the last own change; ``None`` when there is none.

        :class:`Refused` when someone else changed the same field or task meanwhile: the
        step stays on the stack and nothing changes.
        """
        if not self.undo_stack:
            return None
        step = self.undo_stack[-1]
        applied = self._replay(step.delta.inverse(), step.label, "notice.undo_refused")
        self.redo_stack.append(self.undo_stack.pop())
        return applied

    def redo(self) -> Applied | None:
        """Apply the last undone change again; ``None`` when there is none."""
        if not self.redo_stack:
            return None
        step = self.redo_stack[-1]
        applied = self._replay(step.delta, step.label, "notice.redo_refused")
        self.undo_stack.append(self.redo_stack.pop())
        return applied

    def _replay(self, delta: Delta, label: str, refusal: str) -> Applied:
        shape = self._shape_now() if delta.fields_only else None
        work = _copy_for(self.plan, delta, shape)
        conflicts = apply(work, delta, shape=shape)
        if conflicts:
            raise Refused(refusal, label=t(label), reason=describe(conflicts[0]))
        ids: Ids = None if delta.plan_before is not None else set(delta.ids)
        return self._become(work, delta, label, ids)

    # --- other writers --------------------------------------------------------------

    def unsaved_delta(self) -> Delta:
        """Our changes since the plan was last loaded or saved."""
        if not self.dirty:
            return Delta()
        return diff(self.saved_plan, self.plan, self._unsaved)

    def changed_on_disk(self) -> store.Loaded | None:
        """The file as another writer saved it, or ``None`` when it is as we left it.

        Safe to call from a worker thread. ``PlanError`` when the file changed but cannot
        be read (asked again only after it changes once more).
        """
        try:
            info = os.stat(self.path)
            stamp: tuple[int, int, int] | None = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            stamp = None
        if stamp is not None and stamp == self._disk_stamp:
            return None
        current = store.disk_fingerprint(self.path)
        if current in (None, self.fingerprint, self._ignored):
            self._disk_stamp = stamp
            return None
        try:
            loaded = store.load(self.path)
        except PlanError:
            self._ignored = current
            raise
        return loaded

    def take_external(self, loaded: store.Loaded) -> list[Conflict]:
        """Take in what another writer saved, keeping our unsaved changes.

        Returns the conflicts (the same field changed on both sides) and then changes
        nothing: the caller asks the user and calls :meth:`resolve`. The undo stack is
        kept; it applies to the reloaded plan task by task.
        """
        if loaded.fingerprint == self.fingerprint:
            return []
        if not self.dirty:
            self._adopt(loaded, loaded.plan)
            return []
        ours = self.unsaved_delta()
        work = _copy_for(loaded.plan, ours)
        conflicts = apply(work, ours)
        if conflicts:
            return conflicts
        self._adopt(loaded, work)
        return []

    def resolve(self, loaded: store.Loaded, keep_ours: bool) -> None:
        """Take in ``loaded`` after a conflict: ours or theirs win on the conflicting fields."""
        ours = self.unsaved_delta()
        work = _copy_for(loaded.plan, ours)
        apply(work, ours, prefer_ours=keep_ours)
        self._adopt(loaded, work)

    def _adopt(self, loaded: store.Loaded, plan: Plan) -> None:
        unsaved = self._unsaved if plan is not loaded.plan else set()
        self.saved_plan = loaded.plan
        self.fingerprint = loaded.fingerprint
        self.plan = plan
        self._unsaved = unsaved
        self._shape = None

    # --- saving ---------------------------------------------------------------------

    def begin_save(self) -> SaveJob | None:
        """Start saving the plan as it is now; ``None`` when nothing is unsaved."""
        if not self.dirty:
            return None
        job = SaveJob(
            self.path,
            self.plan,
            self.fingerprint,
            self.unsaved_delta(),
            self._unsaved,
            self.texts,
        )
        self._unsaved = set()
        return job

    def finish_save(self, job: SaveJob, loaded: store.Loaded) -> Applied | None:
        """Take in a finished save; an :class:`Applied` when others' changes came with it."""
        self.fingerprint = loaded.fingerprint
        if not job.merged:
            self.saved_plan = job.snapshot
            return None
        since = diff(job.snapshot, self.plan, self._unsaved) if self.dirty else Delta()
        work = _copy_for(loaded.plan, since)
        apply(work, since, prefer_ours=True)
        self.saved_plan = loaded.plan
        self.plan = work if since else loaded.plan
        self._shape = None
        return Applied("change.reload", None)

    def fail_save(self, job: SaveJob) -> None:
        """A save did not happen: its changes count as unsaved again."""
        self._unsaved = _union(self._unsaved, job.ids)

    def save(self) -> Applied | None:
        """Save now on this thread (see :meth:`finish_save`)."""
        job = self.begin_save()
        if job is None:
            return None
        try:
            loaded = job.run()
        except BaseException:
            self.fail_save(job)
            raise
        return self.finish_save(job, loaded)

    def save_copy(self) -> Path:
        """Write the plan in memory next to the file under a new name; the new path."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.我的版本-{stamp}.toml")
        store.save(target, self.plan)
        return target

    def force_ours(self) -> store.Loaded:
        """After a conflict: take in the file as it is now with our values winning."""
        loaded = store.load(self.path)
        self.resolve(loaded, keep_ours=True)
        return loaded


__all__ = [
    "Applied",
    "PlanSession",
    "Refused",
    "SaveConflict",
    "SaveJob",
    "Step",
    "describe",
]
