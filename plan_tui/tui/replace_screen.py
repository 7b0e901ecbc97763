"""Asking before an output file is replaced: 覆盖 / 另存为 / 取消."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from ..model.text_rule import visible
from .i18n import t

Answer = Literal["replace", "save_as", "cancel"]
"""覆盖 (replace the file), 另存为 (choose another name) or 取消."""


class ReplaceScreen(ModalScreen[Answer]):
    """The output file exists: replace it, save under another name, or cancel."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = """
    ReplaceScreen { align: center middle; }
    ReplaceScreen > Vertical {
        width: 80; height: auto; padding: 1 2; border: round $warning; background: $surface;
    }
    ReplaceScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ReplaceScreen Button { margin-left: 2; }
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("office.replace.ask", path=visible(self.file_name)), markup=False)
            with Horizontal():
                yield Button(t("office.replace"), variant="warning", id="replace")
                yield Button(t("office.save_as"), variant="primary", id="save_as")
                yield Button(t("office.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save_as", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        """Keep the file and write nothing."""
        self.dismiss("cancel")
