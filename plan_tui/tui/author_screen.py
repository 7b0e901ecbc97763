"""Ask for the author's name (记录人) and keep it in the user's settings."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ..model.errors import PlanError
from ..session.author import check_author, save_author, settings_path
from .dialogs import Dialog
from .i18n import t


class AuthorScreen(Dialog[str | None]):
    """Type the name that signs log entries; dismisses with it once it is saved."""

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("author.title"), classes="dialog-title")
            yield Static(t("author.explain", file=str(settings_path())), classes="hint")
            yield Input(self.current, placeholder=t("author.placeholder"), id="author")
            yield Static("", id="error", classes="error")
            yield Static(t("dialog.enter_saves"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("form.save"), variant="primary", id="ok")
                yield Button(t("form.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self) -> None:
        try:
            name = check_author(self.query_one(Input).value)
        except PlanError as exc:
            self.query_one("#error", Static).update(exc.one_line())
            return
        self._write(name)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="author")
    def _write(self, name: str) -> None:
        try:
            save_author(name)
        except PlanError as exc:
            self.app.call_from_thread(self.query_one("#error", Static).update, exc.one_line())
            return
        self.app.call_from_thread(self.dismiss, name)
