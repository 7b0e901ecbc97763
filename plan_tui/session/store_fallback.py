"""``store.update`` built on ``store.load`` and ``store.save(expected=...)``.

Used by :class:`plan_tui.session.SaveJob` only while :mod:`plan_tui.store` has no
``update`` (the locked read-change-write); remove this module once it has.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..model import Plan
from ..model.errors import ConflictError

if TYPE_CHECKING:
    from .plan_session import SaveJob

ATTEMPTS = 5


def update(path: Path, change: Callable[[Plan], object]) -> store.Loaded:
    """Read the file, let ``change`` edit the plan, save it unless the file moved on."""
    for _ in range(ATTEMPTS):
        loaded = store.load(path)
        change(loaded.plan)
        try:
            fingerprint = store.save(path, loaded.plan, expected=loaded.fingerprint)
        except ConflictError:
            continue
        return store.Loaded(loaded.plan, fingerprint)
    raise ConflictError(store.CONFLICT_MESSAGE, path)


def save_or_update(job: SaveJob, change: Callable[[Plan], object]) -> store.Loaded:
    """Save the job's plan when the file is as last saved, else :func:`update`."""
    try:
        fingerprint = store.save(
            job.path, job.snapshot, expected=job.base_fingerprint, texts=job.texts
        )
    except ConflictError:
        return update(job.path, change)
    return store.Loaded(job.snapshot, fingerprint)
