"""The store: plans read from and written to TOML files, safely for many writers.

The rest of the program uses the names listed here: ``from plan_tui.store import load, save``.
"""

from ..model.errors import ConflictError
from .lock import plan_lock
from .plan_store import (
    CONFLICT_MESSAGE,
    Loaded,
    TaskTexts,
    disk_fingerprint,
    dumps,
    fingerprint,
    from_document,
    load,
    loads,
    read_file,
    save,
    to_document,
    update,
)

__all__ = [
    "CONFLICT_MESSAGE",
    "ConflictError",
    "Loaded",
    "TaskTexts",
    "disk_fingerprint",
    "dumps",
    "fingerprint",
    "from_document",
    "load",
    "loads",
    "plan_lock",
    "read_file",
    "save",
    "to_document",
    "update",
]
