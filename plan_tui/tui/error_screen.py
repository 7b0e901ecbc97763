"""Shown instead of the plan when the file cannot be read: the reason, quit or open another."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from ..model.errors import PlanError
from .i18n import t

if TYPE_CHECKING:
    from .host import PlanHost


class ErrorScreen(Screen[None]):
    """Names the file and the place of the problem; nothing is written from here."""

    app: PlanHost

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit", "bind.quit", id="error_quit")
    ]

    def __init__(self, error: PlanError, path: Path) -> None:
        super().__init__(id="error")
        self.error, self.path = error, path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-box"):
            yield Label(t("error.title"), classes="dialog-title")
            yield Static(self.error.one_line(), id="error-message", classes="error", markup=False)
            yield Label(t("error.path"))
            yield Input(str(self.path), id="other-path")
            with Horizontal(classes="buttons"):
                yield Button(t("error.open_other"), variant="primary", id="open")
                yield Button(t("error.quit"), id="quit")

    def on_mount(self) -> None:
        # The path box has focus so that typing a path and Enter opens it; Esc quits.
        self.query_one("#other-path", Input).focus()

    def action_quit(self) -> None:
        """Leave the app with the exit code for bad input."""
        self.app.exit(2, return_code=2)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.action_quit()

    @on(Button.Pressed, "#open")
    @on(Input.Submitted)
    def _open(self) -> None:
        path = Path(self.query_one("#other-path", Input).value.strip())
        try:
            self.app.open_file(path)
        except PlanError as exc:
            self.query_one("#error-message", Static).update(exc.one_line())
            return
        self.app.pop_screen()
