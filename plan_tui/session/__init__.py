"""The editing session: edit operations, undo/redo, other writers' changes, saving.

The TUI and the CLI change a plan only through what this package names.
"""

from .delta import Conflict, Delta
from .operations import (
    AddLogEntry,
    AddTask,
    CopyTask,
    DeleteTask,
    Edit,
    Indent,
    MoveTask,
    MoveUnder,
    Operation,
    Outdent,
    Refused,
    SetFields,
    SetProgress,
    SetStatus,
    WeekPass,
)
from .plan_session import Applied, PlanSession, SaveConflict, SaveJob, describe

__all__ = [
    "AddLogEntry",
    "AddTask",
    "Applied",
    "Conflict",
    "CopyTask",
    "DeleteTask",
    "Delta",
    "Edit",
    "Indent",
    "MoveTask",
    "MoveUnder",
    "Operation",
    "Outdent",
    "PlanSession",
    "Refused",
    "SaveConflict",
    "SaveJob",
    "SetFields",
    "SetProgress",
    "SetStatus",
    "WeekPass",
    "describe",
]
