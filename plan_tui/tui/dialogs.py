"""Small modal dialogs: confirm, progress, update-log entry and the save conflict."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ..model import Plan, Task
from ..model.text_rule import refusal, visible
from ..weekly import WeekChoice, plan_entry_date, plan_weeks
from .i18n import t

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """Base for the dialogs: Esc cancels, the bindings speak the UI language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "bind.cancel", id="cancel")
    ]

    def __init__(self) -> None:
        super().__init__()

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class ConfirmScreen(Dialog):
    """Ask yes or no; dismisses with ``True`` or ``False``."""

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="warning", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("confirm.yes"), variant="error", id="yes")
                yield Button(t("confirm.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


def parse_progress(text: str) -> int | None:
    """A progress value 0–100 from text (``80`` or ``80%``); ``None`` when invalid."""
    value = text.strip().rstrip("%％")
    if not value.isdigit():
        return None
    number = int(value)
    return number if 0 <= number <= 100 else None


class ProgressScreen(Dialog):
    """Ask for a progress value; dismisses with the number."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task_ = task

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                t("progress.title", title=self.task_.title), classes="dialog-title", markup=False
            )
            yield Input(str(self.task_.progress), placeholder=t("progress.placeholder"), id="value")
            yield Static("", id="error", classes="error")
            yield Static(t("dialog.enter_saves"), classes="hint")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        ok = parse_progress(event.value) is not None
        self.query_one("#error", Static).update("" if ok else t("form.progress_bad"))
        event.input.set_class(not ok, "invalid")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = parse_progress(event.value)
        if value is not None:
            self.dismiss(value)


class LogEntryScreen(Dialog[tuple[date, str, int | None] | None]):
    """Ask for an update-log entry; dismisses with ``(date, text, progress or None)``.

    With the plan and a default week (``choice``) it offers the plan's weeks: choosing
    one dates the entry inside it; a warning says when today is outside the plan's year.
    """

    def __init__(
        self,
        task: Task,
        today: date,
        plan: Plan | None = None,
        author: str = "",
        choice: WeekChoice | None = None,
    ) -> None:
        super().__init__()
        self.task_, self.today = task, today
        self.plan, self.author, self.choice = plan, author, choice

    def _first_day(self) -> date:
        if self.plan is None or self.choice is None:
            return self.today
        return plan_entry_date(self.plan, self.choice.week, self.today)

    def compose(self) -> ComposeResult:
        from .pickers import week_option_label, year_warning

        with Vertical(classes="dialog"):
            yield Label(
                t("log.title", title=self.task_.title), classes="dialog-title", markup=False
            )
            if self.plan is not None and self.choice is not None:
                warning = year_warning(self.plan, self.choice)
                if warning:
                    yield Static(warning, classes="warning", id="log-warning")
                yield Label(t("log.week"))
                weeks = [(week_option_label(w, self.today), w) for w in plan_weeks(self.plan)]
                yield Select(weeks, value=self.choice.week, allow_blank=False, id="week")
            yield Label(t("log.date"))
            yield Input(self._first_day().isoformat(), id="date")
            yield Label(t("log.text"))
            yield Input(placeholder=t("log.placeholder"), id="text")
            yield Label(t("log.progress"))
            yield Input(placeholder=t("log.progress_hint", n=self.task_.progress), id="progress")
            yield Static(t("log.author", name=self.author or t("detail.none")), id="log-author")
            yield Static("", id="error", classes="error")
            yield Static(t("dialog.enter_saves"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("form.save"), variant="primary", id="ok")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def _read(self) -> tuple[date, str, int | None] | str:
        try:
            day = date.fromisoformat(self.query_one("#date", Input).value.strip())
        except ValueError:
            return t("form.date_bad")
        if self.plan is not None and day.year != self.plan.year:
            return t("log.date_outside", year=self.plan.year)
        raw = self.query_one("#progress", Input).value.strip()
        progress = parse_progress(raw) if raw else None
        if raw and progress is None:
            return t("form.progress_bad")
        text = self.query_one("#text", Input).value.strip()
        if refusal(text):
            return f"{t('log.text')}：{refusal(text)}"
        return day, text, progress

    @on(Select.Changed, "#week")
    def _week_changed(self, event: Select.Changed) -> None:
        if self.plan is None or not isinstance(event.value, str):
            return
        day = plan_entry_date(self.plan, event.value, self.today)
        self.query_one("#date", Input).value = day.isoformat()

    @on(Input.Changed)
    def _changed(self) -> None:
        result = self._read()
        self.query_one("#error", Static).update(result if isinstance(result, str) else "")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._finish()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        result = self._read()
        if isinstance(result, str):
            self.query_one("#error", Static).update(result)
            return
        if result[1] or result[2] is not None:
            self.dismiss(result)
        else:
            self.query_one("#error", Static).update(t("log.empty"))


class ConflictScreen(Dialog):
    """The file changed on disk and our edits change the same fields: whose to keep."""

    def __init__(self, details: str = "") -> None:
        super().__init__()
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("conflict.title"), classes="dialog-title")
            yield Static(t("conflict.body"))
            if self.details:
                yield Static(visible(self.details), markup=False, id="conflict-details")
            with Vertical(classes="choices"):
                yield Button(t("conflict.reload"), variant="primary", id="reload")
                yield Button(t("conflict.overwrite"), variant="warning", id="overwrite")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        """Esc means the safe choice: load the disk version, keep ours as a copy."""
        self.dismiss("reload")
