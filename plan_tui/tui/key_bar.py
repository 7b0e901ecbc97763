"""The key bar at the bottom of the main screen: the screen's keys in one line of text.

Textual's ``Footer`` composes one widget per key and composes them all again whenever
the focus moves (opening the search bar, closing a dialog), restyling each one; on the
main screen that cost more than the action itself. This bar draws the same keys, in the
footer's colours, as one line of text and redraws only when the keys change. A click on
a key presses it, as with the footer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from .i18n import t


class KeyBar(Widget, can_focus=False):
    """The bindings of the screen shown in the footer line, clickable."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple = ()
        self._spans: list[tuple[int, int, str]] = []
        self._update_pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        # The signal comes several times in a row (mounting, focus, each check of an
        # action): the keys are read once, when the messages in hand are handled.
        if not self._update_pending:
            self._update_pending = True
            self.call_later(self._update_keys)

    def _update_keys(self) -> None:
        self._update_pending = False
        if not self.is_attached:
            return
        screen = self.screen
        keys = []
        seen: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action == "app.command_palette" or (
                binding.key == self.app.COMMAND_PALETTE_BINDING
            ):
                palette = (binding.key, self.app.get_key_display(binding), "bind.palette", enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            keys.append(palette)
        # descriptions are catalogue keys, shown in the language in use now
        shown = tuple((k, d, t(description), e) for k, d, description, e in keys)
        if shown != self._keys:
            self._keys = shown
            self.refresh()

    def relabel(self) -> None:
        """Show the keys again (after a switch of language)."""
        self._keys = ()
        self._update_keys()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        dim = self.get_component_rich_style("key-bar--disabled")
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        keys = list(self._keys)
        palette = keys.pop() if keys and self._is_palette(keys[-1][0]) else None
        for key, display, description, enabled in keys:
            start = text.cell_len
            text.append(f" {display} ", key_style + (dim if not enabled else Style()))
            text.append(f"{description} ", text_style + (dim if not enabled else Style()))
            spans.append((start, text.cell_len, key))
        if palette is not None:
            key, display, description, enabled = palette
            tail = Text.assemble(
                ("▏", text_style + dim), (f"{display} ", key_style), (f"{description} ", text_style)
            )
            gap = self.size.width - text.cell_len - tail.cell_len
            if gap >= 1:
                start = text.cell_len + gap
                text.append(" " * gap)
                text.append_text(tail)
                spans.append((start, text.cell_len, key))
        self._spans = spans
        return text

    def _is_palette(self, key: str) -> bool:
        return key == self.app.COMMAND_PALETTE_BINDING

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
