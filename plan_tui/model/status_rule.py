"""The one status rule: how progress, an explicit status and a new note settle a task's status.

Every door that changes progress or logs a note (the CLI's ``set``/``log``/``week``, the
TUI's forms and weekly pass, the importer) asks :func:`settle` instead of deciding itself:

- an explicit status wins; ``已完成`` without a progress figure means progress 100;
- progress 100 means ``已完成``;
- progress above 0 on a ``未启动`` or ``已完成`` task means ``推进中``
  (``滞后`` and ``暂缓`` are the user's judgement and stay);
- a logged note on a ``未启动`` task means ``推进中``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Status


@dataclass(frozen=True)
class Settled:
    """The status and progress a task ends up with."""

    status: Status
    """The status after the change."""
    progress: int
    """The progress (0–100) after the change."""


def settle(
    status: Status,
    progress: int,
    *,
    new_status: Status | None = None,
    new_progress: int | None = None,
    noted: bool = False,
) -> Settled:
    """Apply a change of status and/or progress, or a new note, to a task's (status, progress)."""
    if new_progress is not None:
        progress = new_progress
    if new_status is not None:
        if new_status is Status.DONE and new_progress is None:
            progress = 100
        return Settled(new_status, progress)
    if new_progress is not None:
        if progress == 100:
            return Settled(Status.DONE, progress)
        if progress > 0 and status in (Status.NOT_STARTED, Status.DONE):
            return Settled(Status.IN_PROGRESS, progress)
        if progress == 0 and status is Status.DONE:
            return Settled(Status.NOT_STARTED, progress)
        return Settled(status, progress)
    if noted and status is Status.NOT_STARTED:
        return Settled(Status.IN_PROGRESS, progress)
    return Settled(status, progress)
