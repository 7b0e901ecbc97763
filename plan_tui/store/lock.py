"""One writer at a time: an exclusive lock on a file beside the plan, across processes.

The lock is a ``filelock.FileLock`` (``flock`` on POSIX, ``LockFileEx`` on Windows) on
``.<plan name>.lock`` in the plan's folder; a symlinked plan is locked beside the file it
points to, so two names of one plan share one lock. Holding it again in the same thread
(``save`` inside ``update``) does not wait: the lock counts its holders.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model.errors import PlanError
from .files import os_reason, real_target

_LOCKS: dict[Path, Any] = {}
"""One lock object per lock file in this process; it counts its holders per thread."""
_LOCKS_GUARD = threading.Lock()

WAIT_SECONDS = 60.0
"""How long a writer waits for another one before giving up with a message."""


def lock_path(path: str | Path) -> Path:
    """The lock file of a plan: ``.<name>.lock`` beside the file it really is."""
    target = real_target(Path(path))
    return target.with_name(f".{target.name}.lock")


def _mode(target: Path) -> int:
    """The lock file may be written by whoever may write the plan (its write bits)."""
    try:
        return (target.stat().st_mode & 0o666) | 0o600
    except OSError:
        return 0o644


@contextmanager
def plan_lock(path: str | Path, timeout: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the plan's exclusive lock for the body of a ``with`` block.

    Raises :class:`PlanError` when the lock cannot be taken (another writer holds it for
    longer than ``timeout`` seconds, or the folder cannot hold a lock file).
    """
    from filelock import FileLock, Timeout  # imports asyncio: only writers pay for it

    path = Path(path)
    target = real_target(path)
    where = lock_path(path)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(where)
        if lock is None:
            lock = _LOCKS[where] = FileLock(where, mode=_mode(target))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise PlanError(
            f"另一个程序正在保存这份计划，等待 {timeout:g} 秒仍未完成，本次没有保存", path
        ) from None
    except OSError as exc:
        raise PlanError(f"无法保存（{os_reason(exc)}，不能加锁）", path) from None
    try:
        yield
    finally:
        lock.release()
