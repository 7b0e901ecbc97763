"""The edit operations of a session: each one changes a plan in place and says what it touched.

The TUI and the CLI build these objects and hand them to
:meth:`plan_tui.session.PlanSession.apply`; every rule about what an edit means (a
status from progress, a note that starts a task, where a copied task goes) lives here
or in :mod:`plan_tui.model`, never in a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import LogEntry, Plan, Status, Task
from ..model.notes import is_no_progress
from ..model.plan import new_id
from ..model.status_rule import settle
from . import tree_edits
from .operations_extra import move_under
from .task_history import COPIED, note_change

if TYPE_CHECKING:
    from ..weekly import WeekSummary


class Refused(Exception):
    """An edit, undo or redo that cannot be done; :attr:`key` names its catalogue text."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    def __str__(self) -> str:
        from ..labels import t

        return t(self.key, **self.values)


def _task(plan: Plan, task_id: str) -> Task:
    try:
        return tree_edits.get(plan, task_id)
    except KeyError:
        raise Refused("notice.task_gone") from None


class Operation:
    """One edit of a plan. Subclasses set :attr:`label` and implement :meth:`apply`."""

    label: ClassVar[str] = "change.edit"
    """Catalogue key naming the change (shown by undo and redo)."""
    fields_only: ClassVar[bool] = False
    """Whether it changes only fields of the tasks :meth:`affected` names, not the tree."""

    @property
    def name(self) -> str:
        """The catalogue key naming this change."""
        return self.label

    def apply(self, plan: Plan) -> None:
        """Change ``plan`` in place; :class:`Refused` when the edit makes no sense there."""
        raise NotImplementedError

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        """Ids of every task whose fields or place the edit changed; ``None``: any."""
        return None

    def reshapes(self, plan: Plan) -> set[str] | None:
        """Ids of the tasks whose list of children the edit changes (``""``: the areas),
        so that only they and their ancestors are copied; ``None``: copy everything."""
        return None


def _parent(plan: Plan, task_id: str) -> str:
    parent = plan.parent_of(task_id)
    return parent.id if parent is not None else ""


def _settled(
    task: Task,
    *,
    new_status: Status | None = None,
    new_progress: int | None = None,
    noted: bool = False,
) -> None:
    result = settle(
        task.status, task.progress, new_status=new_status, new_progress=new_progress, noted=noted
    )
    task.status = result.status
    task.progress = result.progress


@dataclass(frozen=True)
class SetFields(Operation):
    """Set fields of one task. A new status or progress is settled by
    :func:`plan_tui.model.status_rule.settle`, as if set with its own key.

    A form sends every field, so a status or progress equal to the task's counts as not
    set; with ``given`` (the CLI's options, which name only what the user set) a status
    or progress in ``values`` is the user's even when it equals the task's.
    """

    task_id: str
    values: Mapping[str, Any]
    given: bool = False
    label: ClassVar[str] = "change.edit"
    fields_only: ClassVar[bool] = True

    def apply(self, plan: Plan) -> None:
        task = _task(plan, self.task_id)
        values = dict(self.values)
        status = values.pop("status", None)
        progress = values.pop("progress", None)
        for key, value in values.items():
            setattr(task, key, value)
        new_status = (
            Status(status) if status is not None and (self.given or status != task.status) else None
        )
        new_progress = (
            progress if progress is not None and (self.given or progress != task.progress) else None
        )
        if new_status is not None or new_progress is not None:
            _settled(task, new_status=new_status, new_progress=new_progress)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class SetStatus(Operation):
    """Give a task a status (``已完成`` makes progress 100)."""

    task_id: str
    status: Status
    label: ClassVar[str] = "change.status"
    fields_only: ClassVar[bool] = True

    def apply(self, plan: Plan) -> None:
        _settled(_task(plan, self.task_id), new_status=self.status)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class SetProgress(Operation):
    """Give a task a progress; its status follows (``p 50`` on 未启动 makes it 推进中)."""

    task_id: str
    progress: int
    label: ClassVar[str] = "change.progress"
    fields_only: ClassVar[bool] = True

    def apply(self, plan: Plan) -> None:
        if not 0 <= self.progress <= 100:
            raise Refused("notice.bad_progress")
        _settled(_task(plan, self.task_id), new_progress=self.progress)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class AddLogEntry(Operation):
    """Add a dated entry to a task's update log; its progress and status settle the task's.

    A note that says something (not ``本周无新进展``) starts a task not started. The entry
    records the status and progress the task ends with where they were given or changed,
    so the log says when a task was started or finished.
    """

    task_id: str
    entry: LogEntry
    label: ClassVar[str] = "change.log"
    fields_only: ClassVar[bool] = True

    def apply(self, plan: Plan) -> None:
        task = _task(plan, self.task_id)
        entry = self.entry
        text = entry.text.strip()
        result = settle(
            task.status,
            task.progress,
            new_status=entry.status,
            new_progress=entry.progress,
            noted=bool(text) and not is_no_progress(text),
        )
        recorded = entry.model_copy(
            update={
                "status": result.status
                if entry.status is not None or result.status != task.status
                else None,
                "progress": result.progress
                if entry.progress is not None or result.progress != task.progress
                else None,
            }
        )
        task.log.append(recorded)
        task.status, task.progress = result.status, result.progress

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class AddTask(Operation):
    """Add a new task after ``anchor`` (as the last area when ``None``), or under it."""

    task: Task
    anchor: str | None = None
    as_child: bool = False
    label: ClassVar[str] = "change.add"

    def apply(self, plan: Plan) -> None:
        new = self.task.model_copy(deep=True)
        if self.as_child:
            if self.anchor is None:
                raise Refused("notice.no_task")
            _task(plan, self.anchor).children.append(new)
        elif self.anchor is None:
            plan.areas.append(new)
        else:
            _task(plan, self.anchor)
            tree_edits.add_sibling(plan, self.anchor, new)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {t.id for t in self.task.walk()}

    def reshapes(self, plan: Plan) -> set[str] | None:
        if self.anchor is None:
            return {""}
        return {self.anchor} if self.as_child else {_parent(plan, self.anchor)}


@dataclass(frozen=True)
class DeleteTask(Operation):
    """Delete a task with its whole subtree."""

    task_id: str
    label: ClassVar[str] = "change.delete"

    def apply(self, plan: Plan) -> None:
        _task(plan, self.task_id)
        tree_edits.delete(plan, self.task_id)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {t.id for t in _task(before, self.task_id).walk()}

    def reshapes(self, plan: Plan) -> set[str] | None:
        return {_parent(plan, self.task_id)}


@dataclass(frozen=True)
class MoveTask(Operation):
    """Move a task up (``-1``) or down (``+1``) among its siblings."""

    task_id: str
    delta: int
    label: ClassVar[str] = "change.move"

    def apply(self, plan: Plan) -> None:
        _task(plan, self.task_id)
        if not tree_edits.move(plan, self.task_id, self.delta):
            raise Refused("notice.cannot_move")

    def reshapes(self, plan: Plan) -> set[str] | None:
        return {_parent(plan, self.task_id)}

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class Indent(Operation):
    """Make a task the last child of the sibling above it."""

    task_id: str
    label: ClassVar[str] = "change.indent"

    def apply(self, plan: Plan) -> None:
        _task(plan, self.task_id)
        if not tree_edits.indent(plan, self.task_id):
            raise Refused("notice.cannot_indent")

    def reshapes(self, plan: Plan) -> set[str] | None:
        parent = _parent(plan, self.task_id)
        _, siblings = tree_edits.siblings_of(plan, self.task_id)
        ids = [t.id for t in siblings]
        index = ids.index(self.task_id)
        return {parent, ids[index - 1]} if index else {parent}

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class Outdent(Operation):
    """Make a task the sibling just after its parent."""

    task_id: str
    label: ClassVar[str] = "change.indent"

    def apply(self, plan: Plan) -> None:
        _task(plan, self.task_id)
        if not tree_edits.outdent(plan, self.task_id):
            raise Refused("notice.cannot_outdent")

    def reshapes(self, plan: Plan) -> set[str] | None:
        parent = _parent(plan, self.task_id)
        return {parent, _parent(plan, parent)} if parent else {parent}

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


@dataclass(frozen=True)
class MoveUnder(Operation):
    """Move a task (with its subtree) to the end of ``parent_id``'s children, recording the
    move in its history (see :func:`plan_tui.session.operations_extra.move_under`)."""

    task_id: str
    parent_id: str
    day: date
    author: str = ""
    label: ClassVar[str] = "change.move_to"

    def apply(self, plan: Plan) -> None:
        _task(plan, self.task_id)
        move_under(plan, self.task_id, self.parent_id, self.day, self.author)

    def reshapes(self, plan: Plan) -> set[str] | None:
        # the task itself too: its history gains the move
        return {_parent(plan, self.task_id), self.parent_id, self.task_id}

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {self.task_id}


def fresh_copy(task: Task) -> Task:
    """``task`` and its subtree as new tasks: new ids, 未启动 at 0%, no update log, no
    history, not carried from last year; text, people, deadline, tags and notes kept."""
    return task.model_copy(
        update={
            "id": new_id(),
            "log": [],
            "changes": [],
            "carried_from": "",
            "status": Status.NOT_STARTED,
            "progress": 0,
            "children": [fresh_copy(c) for c in task.children],
        },
        deep=True,
    )


@dataclass(frozen=True)
class CopyTask(Operation):
    """Put a copy of a task (see :func:`fresh_copy`) right after it; the copy's history
    names the original. Build it with :meth:`of`, so the copy's ids are known (to select
    it) and a replay makes the same ids."""

    task_id: str
    copy: Task
    day: date
    author: str = ""
    label: ClassVar[str] = "change.copy"

    @classmethod
    def of(cls, plan: Plan, task_id: str, day: date, author: str = "") -> CopyTask:
        """The copy of ``task_id`` as it is in ``plan``, dated ``day`` and signed."""
        return cls(task_id, fresh_copy(_task(plan, task_id)), day, author)

    def apply(self, plan: Plan) -> None:
        found = plan.find(self.task_id)
        if found is None:
            raise Refused("notice.task_gone")
        path, source = found
        clone = self.copy.model_copy(deep=True)
        tree_edits.add_sibling(plan, self.task_id, clone)
        note_change(clone, COPIED, f"{path} {source.title}", "", self.day, self.author)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return {t.id for t in self.copy.walk()}

    def reshapes(self, plan: Plan) -> set[str] | None:
        return {_parent(plan, self.task_id)}


@dataclass(frozen=True)
class Edit(Operation):
    """Any other change, given as a function of the plan (a weekly pass, a review).

    ``ids`` names the tasks it may change, when known; ``None`` compares the whole plan.
    """

    change: Callable[[Plan], object]
    key: str = "change.edit"
    ids: frozenset[str] | None = None

    @property
    def name(self) -> str:
        """The catalogue key naming the change."""
        return self.key

    def apply(self, plan: Plan) -> None:
        self.change(plan)

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        return None if self.ids is None else set(self.ids)


@dataclass(frozen=True)
class WeekPass(Operation):
    """The answers of a weekly pass as one edit (see :func:`plan_tui.weekly.apply_answers`)."""

    answers: tuple[Any, ...]
    week: str
    today: date
    author: str = ""
    label: ClassVar[str] = "change.week"

    def apply(self, plan: Plan) -> None:
        self.run(plan)

    def run(self, plan: Plan) -> WeekSummary:
        """Apply the answers to ``plan``; the pass's summary (what each answer changed)."""
        from ..weekly import apply_answers

        return apply_answers(
            plan, list(self.answers), author=self.author, week=self.week, today=self.today
        )

    def affected(self, before: Plan, after: Plan) -> set[str] | None:
        found = (before.find(a.task_id) for a in self.answers)
        return {hit[1].id for hit in found if hit is not None}
