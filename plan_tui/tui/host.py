"""What the screens may ask of the app, so that they need not import it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from .. import store
from ..model import Plan
from ..model.errors import PlanError
from ..session import Operation


class PlanHost(App[int]):
    """The app as its screens see it; :class:`plan_tui.tui.app.PlanApp` implements it."""

    plan_path: Path
    save_state: Any
    load_error: PlanError | None

    @property
    def plan(self) -> Plan:
        """The plan in memory (replaced by every change, never changed in place)."""
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        """Whether the plan in memory differs from the file."""
        raise NotImplementedError

    @property
    def task_texts(self) -> store.TaskTexts:
        """Each task's text at the last save."""
        raise NotImplementedError

    def today(self) -> date:
        """Today's date (fixed in tests)."""
        raise NotImplementedError

    def switch_language(self, lang: str) -> None:
        """Show the UI in another language (``zh`` or ``en``) from now on."""
        raise NotImplementedError

    def apply_edit(self, operation: Operation, select: str | None = None) -> bool:
        """Make one undoable change; whether it was made."""
        raise NotImplementedError

    def apply_change(
        self, label: str, mutate: Callable[[Plan], object], touches: set[str] | None = None
    ) -> bool:
        """Any other change as one undoable step."""
        raise NotImplementedError

    def apply_filter(self, flt: Any) -> None:
        """Show only the tasks passing a filter."""
        raise NotImplementedError

    def select_task(self, task_id: str) -> None:
        """Move the cursor to a task."""
        raise NotImplementedError

    def kept_screen(self, name: str, make: Callable[[], Screen[Any]]) -> Screen[Any]:
        """The app's one screen ``name``, made on first use."""
        raise NotImplementedError

    def undo(self) -> None:
        """Revert the last own change."""
        raise NotImplementedError

    def redo(self) -> None:
        """Apply the last undone change again."""
        raise NotImplementedError

    def open_file(self, path: Path) -> None:
        """Load another plan file; :class:`PlanError` when it cannot be read."""
        raise NotImplementedError

    def save_now(self) -> None:
        """Save now instead of waiting for the autosave."""
        raise NotImplementedError

    def plan_replaced(
        self,
        touched: frozenset[str] | None = None,
        rebuild: bool = False,
        select: str | None = None,
    ) -> None:
        """Tell the screens the plan was replaced."""
        raise NotImplementedError
