"""The search bar above the tree."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Input


class SearchBar(Input):
    """The ``/`` search field: every change filters the task list as you type.

    Its hint is the longest of :attr:`hints` that fits the field, so that a narrow
    screen (80 columns) shows a whole short hint rather than a long one cut off.
    """

    def __init__(self, hints: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(placeholder=hints[0], id=id)
        self.hints = hints

    def show_hints(self, hints: tuple[str, ...]) -> None:
        """Use other hints (longest first), e.g. in another language."""
        self.hints = hints
        self._fit_hint(self.content_region.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_hint(self.content_region.width)

    def _fit_hint(self, width: int) -> None:
        if width <= 0:
            return
        fitting = [hint for hint in self.hints if cell_len(hint) < width]
        self.placeholder = fitting[0] if fitting else self.hints[-1]
