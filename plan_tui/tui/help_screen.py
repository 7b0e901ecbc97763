"""The help screen (``?``): every key of the main screen with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from .i18n import t

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "asterisk": "*",
    "escape": "Esc",
    "delete": "Del",
    "enter": "Enter",
    "space": "Space",
}


def key_label(keys: str) -> str:
    """``x,delete`` → ``x / Del``; ``ctrl+z`` → ``Ctrl+Z``."""
    names = []
    for key in keys.split(","):
        key = _KEY_NAMES.get(key, key)
        if "+" in key:
            key = (
                "+".join(part.capitalize() for part in key.split("+")[:-1])
                + "+"
                + key.split("+")[-1].upper()
            )
        names.append(key)
    return " / ".join(names)


def main_bindings(screen) -> list[tuple[str, str]]:
    """(keys, description) for every key of the main screen and its tree, in order."""
    from textual.binding import Binding

    from .task_tree import TaskTree

    merged: dict[str, list[str]] = {}
    for binding in [*type(screen).BINDINGS, *TaskTree.BINDINGS]:
        if isinstance(binding, Binding) and binding.description:
            merged.setdefault(t(binding.description), []).append(binding.key)
    return [(key_label(",".join(keys)), description) for description, keys in merged.items()]


class HelpScreen(ModalScreen[None]):
    """A table of keys; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "bind.cancel", id="help_close")
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        main = getattr(self.app, "main_screen", None)
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
        table.add_column(t("help.key"), style="cyan", no_wrap=True)
        table.add_column(t("help.action"))
        if main is not None and main.ready:
            for keys, description in main_bindings(main):
                table.add_row(keys, description)
        table.add_row("↑ / ↓ / PgUp / PgDn", t("help.move"))
        table.add_row("Enter / Space", t("help.toggle"))
        table.add_row("← / →", t("help.fold"))
        table.add_row("Ctrl+P", t("bind.palette"))
        table.add_row("Ctrl+Q", t("bind.quit"))
        with Vertical(classes="dialog help"):
            yield Label(t("help.title"), classes="dialog-title")
            with VerticalScroll():
                yield Static(table, id="help-table")
            yield Label(t("help.close"), classes="form-note")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(None)
