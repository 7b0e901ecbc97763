"""The weekly update pass (周调度) as a modal screen, reached with ``w``.

It steps through every open task in tree order, one key per common answer, and ends
with a summary of what the answers would change (computed on a copy of the plan). It
dismisses with the answers — the app applies them as one undoable change — or ``None``
when the secretary discards the pass.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..model import Plan, Status, Task, parse_status
from ..model.schedule import assess, describe
from ..model.text_rule import refusal, visible
from ..reports.common import cn_date
from ..weekly import (
    WeekAnswer,
    apply_answers,
    entries_in,
    last_note,
    open_tasks_in_order,
    parse_week,
    plan_entry_date,
    week_label,
)
from .i18n import t
from .line_breaks import ChineseLines


class AnswerInput(Input):
    """An input that hands its text to the screen at once on Enter.

    Keys typed quickly after Enter or Tab (a quick typist, an input method committing a
    phrase) may already be queued for this input; once it has handed its answer over
    (or the focus on), it passes them on, so they reach the next task or field instead
    of ending up in this one. Its ``on_key`` runs before ``Input``'s own key handling,
    which ``prevent_default`` skips.
    """

    closed = False

    async def action_submit(self) -> None:
        self.closed = cast("WeekPassScreen", self.screen).submit_input(self)

    async def on_key(self, event: events.Key) -> None:
        # (runs before Input's own key handler, which prevent_default() skips)
        if event.key == "enter" and not self.closed:
            # handled here, not by the binding, which would run after queued keys
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        if event.key in ("tab", "shift+tab") and not self.closed:
            event.stop()
            event.prevent_default()
            self.closed = True
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        if self.closed:
            event.stop()
            event.prevent_default()
            self.app.simulate_key(event.key)

    def on_focus(self) -> None:
        self.closed = False


class WeekPassScreen(ModalScreen[list[WeekAnswer] | None]):
    """Step through the open tasks of ``plan`` for ISO ``week``; dismiss with the answers."""

    DEFAULT_CSS = """
    WeekPassScreen { align: center middle; }
    WeekPassScreen #wp-box {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    WeekPassScreen #wp-title { text-style: bold; }
    WeekPassScreen #wp-task { margin: 1 0; }
    WeekPassScreen #wp-answer { color: $text-muted; }
    WeekPassScreen #wp-error { color: $error; }
    WeekPassScreen #wp-keys { color: $text-muted; margin-top: 1; }
    WeekPassScreen #wp-status-row { height: auto; layout: vertical; }
    WeekPassScreen #wp-status-row Input { width: 100%; }
    WeekPassScreen .hidden { display: none; }
    """

    AUTO_FOCUS = ""  # keys go to the screen's bindings until an input is opened

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,k", "keep", "bind.week_keep", id="week_keep"),
        Binding("n", "note", "bind.week_note", id="week_note"),
        Binding("s", "status", "bind.week_status", id="week_status"),
        Binding("space,j", "skip", "bind.week_skip", id="week_skip"),
        Binding("b", "back", "bind.week_back", id="week_back"),
        Binding("q", "finish", "bind.week_end", id="week_end"),
        Binding("escape", "escape", "bind.cancel", id="week_cancel"),
        Binding("enter", "confirm", "bind.week_confirm", id="week_confirm"),
    ]

    def __init__(self, plan: Plan, week: str, today: date, author: str = "") -> None:
        super().__init__()
        self.plan = plan
        self.week = week
        self.author = author
        self.monday, self.sunday = parse_week(week)
        self.day = plan_entry_date(plan, week, today)
        self.tasks: list[tuple[str, Task]] = open_tasks_in_order(plan)
        self.answers: list[WeekAnswer | None] = [None] * len(self.tasks)
        self.index = 0
        self.mode = "choose"  # choose | note | status | summary

    def compose(self) -> ComposeResult:
        with Vertical(id="wp-box"):
            title = t(
                "week.title",
                week=week_label(self.week),
                first=cn_date(self.monday),
                last=cn_date(self.sunday, self.monday.year),
            )
            yield Static(title, id="wp-title")
            yield Static(
                t("week.dated", day=cn_date(self.day), author=self.author or t("week.none")),
                id="wp-dated",
                markup=False,
            )
            yield Static(id="wp-task", markup=False)
            yield Static(id="wp-answer")
            yield AnswerInput(
                placeholder=t("week.note_placeholder"), id="wp-note", classes="hidden"
            )
            with Horizontal(id="wp-status-row", classes="hidden"):
                yield AnswerInput(placeholder=t("week.status_placeholder"), id="wp-status")
                yield AnswerInput(placeholder=t("week.progress_placeholder"), id="wp-progress")
                yield AnswerInput(
                    placeholder=t("week.status_note_placeholder"), id="wp-status-note"
                )
            yield Static(id="wp-error")
            yield Static(t("week.keys"), id="wp-keys")

    def on_mount(self) -> None:
        if not self.tasks:
            self.query_one("#wp-task", Static).update(t("week.no_tasks"))
            return
        self._show_task()

    # --- display -----------------------------------------------------------------------

    def _show_task(self) -> None:
        self.mode = "choose"
        path, task = self.tasks[self.index]
        state = assess(task, self.plan, self.day)
        health = t(f"health.{state.health.value}") if state.health else ""
        detail = describe(state, task, self.day)
        if state.health and detail != state.health.label:
            health += f"，{detail}"
        deadline = task.deadline.isoformat() if task.deadline else "—"
        if task.deadline_text:
            deadline += f"（{task.deadline_text}）"
        last = last_note(task, self.monday)
        lines = [
            f"{t('week.counter', n=self.index + 1, total=len(self.tasks))}　{path} {task.title}",
            t("week.people", lead=task.lead or "—", unit=task.unit or "—", owner=task.owner or "—"),
            t(
                "week.state",
                deadline=deadline,
                status=t(f"status.{task.status.value}"),
                progress=task.progress,
                health=health,
            ),
            t("week.last", text=f"{last.date.isoformat()} {last.text}" if last else t("week.none")),
        ]
        lines += [
            t("week.this_week", text=f"{e.date.isoformat()} {e.text}")
            for e in entries_in(task, self.monday, self.sunday)
        ]
        self.query_one("#wp-task", Static).update(ChineseLines(Text(visible("\n".join(lines)))))
        answer = self.answers[self.index]
        self.query_one("#wp-answer", Static).update(
            t("week.answered", answer=t(f"week.kind.{answer.kind}")) if answer else ""
        )
        self._hide_inputs()
        self.query_one("#wp-keys", Static).update(t("week.keys"))

    def _hide_inputs(self) -> None:
        self.query_one("#wp-note").add_class("hidden")
        self.query_one("#wp-status-row").add_class("hidden")
        for field in self.query(Input):
            field.value = ""
        self.set_focus(None)

    def _error(self, text: str = "") -> None:
        self.query_one("#wp-error", Static).update(text)

    # --- answers -----------------------------------------------------------------------

    def _answer(self, answer: WeekAnswer) -> None:
        self.answers[self.index] = answer
        self._error()
        if self.index + 1 < len(self.tasks):
            self.index += 1
            self._show_task()
        else:
            self._show_summary()

    def _current(self) -> Task:
        return self.tasks[self.index][1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Answer keys work only while choosing (not while typing or on the summary)."""
        if action in ("keep", "note", "status", "skip", "finish"):
            return self.mode == "choose" and bool(self.tasks)
        if action == "confirm":
            return self.mode == "summary"
        if action == "back":
            return self.mode in ("choose", "summary") and bool(self.tasks)
        return True

    def action_keep(self) -> None:
        """本周无新进展: keep the status and write that note."""
        self._answer(WeekAnswer(self._current().id, "keep", date=self.day))

    def action_skip(self) -> None:
        """Leave the task unchanged."""
        self._answer(WeekAnswer(self._current().id, "skip", date=self.day))

    def action_note(self) -> None:
        """Type a progress note."""
        self.mode = "note"
        note = self.query_one("#wp-note", Input)
        note.remove_class("hidden")
        note.focus()

    def action_status(self) -> None:
        """Set status and progress (and an optional note)."""
        self.mode = "status"
        self.query_one("#wp-status-row").remove_class("hidden")
        self.query_one("#wp-status", Input).focus()

    def action_back(self) -> None:
        """Go back one task (from the summary: to the last task)."""
        self._error()
        if self.mode == "summary":
            self.query_one("#wp-keys", Static).update(t("week.keys"))
        elif self.index == 0:
            self._error(t("week.first"))
            return
        else:
            self.index -= 1
        self._show_task()

    def action_finish(self) -> None:
        """End the pass here and show the summary."""
        self._show_summary()

    def action_escape(self) -> None:
        """Cancel typing; on a task end the pass; on the summary discard it."""
        if self.mode in ("note", "status"):
            self._error()
            self._show_task()
        elif self.mode == "summary" or not self.tasks:
            self.dismiss(None)
        else:
            self._show_summary()

    def submit_input(self, field: Input) -> bool:
        """Enter in one of the inputs: take the note or the status answer if valid."""
        if field.id == "wp-note":
            return self._note_done(field.value)
        return self._status_done()

    def _note_done(self, value: str) -> bool:
        text = value.strip()
        if not text:
            self._error(t("week.empty_note"))
            return False
        if refusal(text):
            self._error(refusal(text))
            return False
        self._answer(WeekAnswer(self._current().id, "note", text, date=self.day))
        return True

    def _status_done(self) -> bool:
        status_text = self.query_one("#wp-status", Input).value.strip()
        progress_text = self.query_one("#wp-progress", Input).value.strip().rstrip("%％")
        note = self.query_one("#wp-status-note", Input).value.strip()
        status: Status | None = None
        progress: int | None = None
        try:
            status = parse_status(status_text) if status_text else None
        except ValueError as exc:
            self._error(str(exc))
            self.query_one("#wp-status", Input).focus()
            return False
        if progress_text:
            if not progress_text.isdigit() or int(progress_text) > 100:
                self._error(t("week.bad_progress"))
                self.query_one("#wp-progress", Input).focus()
                return False
            progress = int(progress_text)
        if status is None and progress is None:
            self._error(t("week.nothing_set"))
            return False
        if refusal(note):
            self._error(refusal(note))
            return False
        self._answer(WeekAnswer(self._current().id, "status", note, status, progress, self.day))
        return True

    # --- summary -----------------------------------------------------------------------

    def given(self) -> list[WeekAnswer]:
        """The answers given so far, in tree order."""
        return [a for a in self.answers if a is not None]

    def _show_summary(self) -> None:
        self.mode = "summary"
        self._hide_inputs()
        preview = apply_answers(self.plan.model_copy(deep=True), self.given())
        lines = [t("week.summary_title"), *preview.lines()]
        self.query_one("#wp-task", Static).update(ChineseLines(Text(visible("\n".join(lines)))))
        self.query_one("#wp-answer", Static).update("")
        self.query_one("#wp-keys", Static).update(t("week.summary_keys"))

    def action_confirm(self) -> None:
        """Dismiss with the answers."""
        self.dismiss(self.given())
