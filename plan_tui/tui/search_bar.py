"""The search bar above the tree: an :class:`Input` that types without a screen layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input


class SearchBar(Input):
    """The ``/`` search field.

    Textual's ``Input`` sets its ``virtual_size`` on every change of value, and that
    reactive lays out the whole screen, which with a 10,000-row tree beside it costs more
    than the search. The bar's own size never depends on its text, so only its scroll
    range is updated here.
    """

    def _watch_value(self, value: str) -> None:
        if not self.size or self.suggester is not None:
            super()._watch_value(value)
            return
        size = Size(self.content_width, 1)
        if size != self.virtual_size:
            self.set_reactive(Input.virtual_size, size)
            self._scroll_update(size)
        self._suggestion = ""
        # the rest as Input._watch_value does it
        result = self.validate(value) if "changed" in self.validate_on else None
        self.post_message(self.Changed(self, value, result))
        if self._initial_value:
            self.cursor_position = len(self.value)
            self._initial_value = False
