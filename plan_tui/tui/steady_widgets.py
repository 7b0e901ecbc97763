"""Changing what widgets show without a layout of the whole screen.

Textual lays out the whole screen whenever a widget might have changed size; beside a
10,000-row tree, or in the thirty-widget task form, that costs more than the change.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Size
from textual.widgets import Input, Static


class FixedInput(Input):
    """An input field whose width and height come from the stylesheet alone.

    Textual's ``Input`` sets its ``virtual_size`` on every change of value, and that
    reactive lays out the whole screen: with a 10,000-row tree beside the search bar,
    or the thirty widgets of the task form, that costs more than the change itself. As
    the field's size never depends on its text, only its scroll range is updated here.
    """

    def _watch_value(self, value: str) -> None:
        if not self.size or self.styles.auto_dimensions:
            suggester = self.suggester
            if not self.has_focus:  # (see below)
                self.suggester = None
            try:
                super()._watch_value(value)
            finally:
                self.suggester = suggester
            return
        size = Size(self.content_width, 1)
        if size != self.virtual_size:
            self.set_reactive(Input.virtual_size, size)
            self._scroll_update(size)
        # the rest as Input._watch_value does it
        self._suggestion = ""
        # Input shows a suggestion only with focus and drops it on focus, so one asked
        # for a field filled while unfocused (the task form loading a task) is wasted:
        # a worker, a message through five containers and another frame.
        if self.suggester and value and self.has_focus:
            self.run_worker(self.suggester._get_suggestion(self, value))
        result = self.validate(value) if "changed" in self.validate_on else None
        self.post_message(self.Changed(self, value, result))
        if self._initial_value:
            self.cursor_position = len(self.value)
            self._initial_value = False
        else:
            self.selection = self.selection  # re-checked against the new length


def update_text(static: Static, text: str) -> None:
    """Show ``text`` in ``static``; lay the screen out only if its number of lines changes."""
    width = static.content_region.width
    if width <= 0 or static.styles.height is None or not static.styles.height.is_auto:
        static.update(text)
        return
    lines = max(1, -(-cell_len(text) // width))  # an empty Static is one line high
    static.update(text, layout=lines != static.content_region.height)
