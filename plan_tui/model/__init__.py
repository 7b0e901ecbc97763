"""The plan and its rules: the model every other part of plan-tui works on.

This package imports nothing else of the project. Its modules: :mod:`.plan` (Plan,
Task, LogEntry, Status), :mod:`.deadlines` (完成时限 phrases), :mod:`.schedule`
(序时进度), :mod:`.numerals` (Chinese numerals and markers) and :mod:`.errors`.

The names of :mod:`.plan` are loaded on first use, so that importing a light module of
this package (``plan_tui.model.errors``) does not import pydantic before the CLI has
set pydantic up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plan import (
        SCHEMA_VERSION,
        STATUS_LABELS,
        Conflict,
        Day,
        FieldChange,
        Indicator,
        LogEntry,
        Plan,
        Recurrence,
        Settings,
        Status,
        Task,
        new_id,
        parse_status,
    )

__all__ = [
    "SCHEMA_VERSION",
    "STATUS_LABELS",
    "Conflict",
    "Day",
    "FieldChange",
    "Indicator",
    "LogEntry",
    "Plan",
    "Recurrence",
    "Settings",
    "Status",
    "Task",
    "new_id",
    "parse_status",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module(".plan", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
