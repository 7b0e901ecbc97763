"""The dialog that settles a task's merge conflicts, one field at a time."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..model import Conflict
from ..model.text_rule import visible
from .i18n import t

SIDES = ("ours", "theirs", "base")


def shown(value: Any) -> str:
    """A conflict value as one safe line: lists joined, empty as ``（空）``."""
    if value is None or value == "" or value == []:
        return t("merge.empty")
    if isinstance(value, list):
        value = "、".join(map(str, value))
    words = {"edited": t("merge.edited"), "deleted": t("merge.deleted")}
    return visible(words.get(str(value), str(value)))


class ConflictScreen(ModalScreen[tuple[str, str] | None]):
    """Each open conflict of one task with a button per side; dismisses with
    ``(field, side)`` for the value chosen, or ``None`` on Esc."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical {
        width: 80; height: auto; max-height: 90%; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ConflictScreen .conflict-field { margin-top: 1; text-style: bold; }
    ConflictScreen Horizontal { height: auto; }
    ConflictScreen Button { margin-right: 1; min-width: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "bind.cancel", id="cancel")
    ]

    def __init__(self, title: str, conflicts: list[Conflict], labels: dict[str, str]) -> None:
        super().__init__()
        self.heading = title
        self.conflicts = conflicts
        self.labels = labels

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("merge.title", task=visible(self.heading)), classes="dialog-title")
            yield Static(t("merge.help"))
            for n, c in enumerate(self.conflicts):
                yield Label(self.labels.get(c.field, c.field), classes="conflict-field")
                with Horizontal():
                    for side in SIDES:
                        if side == "base" and c.field == "deleted":
                            continue
                        label = f"{t(f'merge.{side}')}：{shown(getattr(c, side))}"
                        yield Button(label[:30], id=f"take-{n}-{side}")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _take(self, event: Button.Pressed) -> None:
        _, n, side = (event.button.id or "").split("-")
        self.dismiss((self.conflicts[int(n)].field, side))

    def action_cancel(self) -> None:
        """Close without settling anything."""
        self.dismiss(None)


def open_conflicts(screen: Any) -> None:
    """Show the selected task's conflicts; the chosen value is applied as one change."""
    from ..collab.resolve import FIELD_LABELS, resolve

    plan = screen.app.plan
    task_id = screen.task_tree.cursor_id or ""
    conflicts = [c for c in plan.conflicts if c.task == task_id] if task_id else []
    if not conflicts and any(not c.task for c in plan.conflicts):
        task_id = ""  # the plan's own fields (title, requirements…)
        conflicts = [c for c in plan.conflicts if not c.task]
    if not conflicts:
        count = len(plan.conflicts)
        message = t("merge.none_here", count=count) if count else t("merge.none")
        screen.app.notify(message, severity="warning" if count else "information")
        return
    found = plan.find(task_id) if task_id else None
    title = f"{found[0]} {found[1].title}" if found else t("merge.plan")

    def done(choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        field, side = choice
        screen.app.apply_change(
            t("change.resolve"),
            lambda p: resolve(p, task_id, field, take=side),  # type: ignore[arg-type]
            None,
        )

    screen.app.push_screen(ConflictScreen(title, conflicts, FIELD_LABELS), done)
