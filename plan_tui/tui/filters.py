"""The filter dialog (the one-line description of the filters is TaskFilter.describe)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Static

from ..model import Plan, Status
from ..query import TaskFilter
from .dialogs import Dialog
from .i18n import t
from .rows import status_label
from .steady_widgets import update_text
from .task_form import ROLES, roster_of


class FilterScreen(Dialog):
    """Choose statuses, people, overdue and due-within; dismisses with a :class:`TaskFilter`."""

    AUTO_FOCUS = "#st-not_started"  # the first status box (see TaskForm.AUTO_FOCUS)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "filter.apply", id="filter_apply"),
        Binding("escape", "cancel", "bind.cancel", id="cancel"),
    ]

    def __init__(self, current: TaskFilter | None, plan: Plan) -> None:
        super().__init__()
        self.current = current or TaskFilter()
        self.plan = plan
        self.count: Callable[[TaskFilter], int] | None = None
        """How many tasks a filter would show (given by the screen that opens the dialog)."""
        self._composed = False
        self._resumed = False

    def load(
        self,
        current: TaskFilter | None,
        plan: Plan,
        count: Callable[[TaskFilter], int] | None = None,
    ) -> None:
        """Show other filters, reusing the widgets already built (the main screen keeps
        one dialog: building its widgets costs far more than filling them)."""
        self.current = current or TaskFilter()
        self.plan = plan
        self.count = count
        if not self._composed:
            return
        flt = self.current
        with self.prevent(Checkbox.Changed, Input.Changed):  # one count, once all is set
            for status in Status:
                self.query_one(f"#st-{status.value}", Checkbox).value = status in flt.statuses
            roster = roster_of(plan)
            for role in ROLES:
                field = self.query_one(f"#f-{role}", Input)
                field.value = getattr(flt, role)
                field.suggester = SuggestFromList(roster[role], case_sensitive=False)
            days = "" if flt.due_within is None else str(flt.due_within)
            self.query_one("#f-days", Input).value = days
            self.query_one("#f-overdue", Checkbox).value = flt.overdue
        update_text(self.query_one("#filter-error", Static), "")
        self._show_count()

    @on(Checkbox.Changed)
    @on(Input.Changed)
    def _show_count(self) -> None:
        """How many tasks the filter as set so far would show, updated as it changes."""
        if not self._composed or self.count is None:
            return
        flt = self._filter()
        shown = "" if flt is None else t("filter.count", n=self.count(flt))
        update_text(self.query_one("#filter-count", Static), shown)

    def on_mount(self) -> None:
        self._composed = True
        self._show_count()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown again: its widgets already carry their styles (see TaskForm).
        if self._resumed:
            event.refresh_styles = False
            self.query_one(f"#st-{Status.NOT_STARTED.value}", Checkbox).focus()
        self._resumed = True

    def compose(self) -> ComposeResult:
        flt = self.current
        with Vertical(classes="dialog form"):
            yield Label(t("filter.title"), classes="dialog-title")
            yield Label(t("filter.statuses"))
            with Horizontal(classes="checks"):
                for status in Status:
                    yield Checkbox(
                        status_label(status),
                        status in flt.statuses,
                        id=f"st-{status.value}",
                        compact=True,
                    )
            roster = roster_of(self.plan)
            for role in ROLES:
                with Horizontal(classes="form-row"):
                    yield Label(t(f"detail.{role}"), classes="form-label")
                    names = roster[role]
                    yield Input(
                        getattr(flt, role),
                        id=f"f-{role}",
                        compact=True,
                        suggester=SuggestFromList(names, case_sensitive=False),
                    )
            with Horizontal(classes="form-row"):
                yield Label(t("filter.due_within"), classes="form-label")
                days = "" if flt.due_within is None else str(flt.due_within)
                yield Input(days, id="f-days", type="integer", compact=True)
            yield Checkbox(t("filter.overdue"), flt.overdue, id="f-overdue", compact=True)
            yield Static("", id="filter-count")
            yield Static("", id="filter-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("filter.apply"), variant="primary", id="apply", compact=True)
                yield Button(t("filter.clear"), id="clear", compact=True)
                yield Button(t("form.cancel"), id="cancel", compact=True)

    def read(self) -> TaskFilter | None:
        """The filter described by the dialog; ``None`` (and a message) when the days
        field is bad."""
        flt = self._filter()
        message = t("filter.days_bad") if flt is None else ""
        update_text(self.query_one("#filter-error", Static), message)
        return flt

    def _filter(self) -> TaskFilter | None:
        raw = self.query_one("#f-days", Input).value.strip()
        days = int(raw) if raw.isdigit() else None
        if raw and days is None:
            return None
        statuses = frozenset(s for s in Status if self.query_one(f"#st-{s.value}", Checkbox).value)
        return TaskFilter(
            statuses=statuses,
            lead=self.query_one("#f-lead", Input).value.strip(),
            unit=self.query_one("#f-unit", Input).value.strip(),
            owner=self.query_one("#f-owner", Input).value.strip(),
            overdue=self.query_one("#f-overdue", Checkbox).value,
            due_within=days,
            due_before=self.current.due_before,
            healths=self.current.healths,
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(TaskFilter())
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        """Close with the filter."""
        flt = self.read()
        if flt is not None:
            self.dismiss(flt)
