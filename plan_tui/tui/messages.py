"""Messages the app sends to its screens about the plan and its file."""

from __future__ import annotations

from textual.message import Message


class PlanChanged(Message):
    """The plan in memory was replaced (an edit, undo, redo, reload or merge)."""

    def __init__(
        self,
        touched: frozenset[str] | None = None,
        rebuild: bool = False,
        select: str | None = None,
    ) -> None:
        super().__init__()
        self.touched = touched
        """Tasks whose fields alone changed; ``None`` when the tree's shape may differ."""
        self.rebuild = rebuild
        """Whether everything must be drawn anew (another plan was opened)."""
        self.select = select
        """A task to put the cursor on afterwards (a new task, the neighbour of a deleted one)."""


class SaveStateChanged(Message):
    """The file's state changed: ``saved``, ``unsaved`` or ``saving``."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.state = state
