"""The task form: every editable field of a task, checked as you type."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..model import Plan, Status, Task
from ..model.text_rule import refusal
from .dialogs import Dialog, parse_progress
from .i18n import t
from .rows import status_label
from .steady_widgets import update_text
from .task_tree import iter_tasks

ROLES = ("lead", "unit", "owner")
_SPLIT = re.compile(r"[、,，;；\s]+")


def split_names(text: str) -> list[str]:
    """``甲、乙，丙`` → ``["甲", "乙", "丙"]``."""
    return [part for part in _SPLIT.split(text.strip()) if part]


_ROSTER: tuple[Plan, dict[str, list[str]]] | None = None


def roster_of(plan: Plan) -> dict[str, list[str]]:
    """``plan.names_used`` for lead, unit and owner in one pass, kept for the last plan.

    A plan object never changes once the app has replaced it, so the answer can be kept
    until the app holds another plan.
    """
    global _ROSTER
    if _ROSTER is not None and _ROSTER[0] is plan:
        return _ROSTER[1]
    names: dict[str, set[str]] = {role: set(plan.roster.get(role, [])) for role in ROLES}
    lead, unit, owner = names["lead"], names["unit"], names["owner"]
    for task in iter_tasks(plan):
        lead.add(task.lead)
        unit.add(task.unit)
        owner.add(task.owner)
        if task.partners:
            unit.update(task.partners)
    result = {role: sorted(found - {""}) for role, found in names.items()}
    _ROSTER = (plan, result)
    return result


def read_deadline(text: str, year: int) -> dict[str, Any]:
    """Deadline fields from what was typed; ``ValueError`` with a Chinese message if unclear."""
    text = text.strip()
    if not text:
        return {"deadline": None, "deadline_text": "", "recurrence": "none"}
    from ..model.deadlines import parse_deadline

    found = parse_deadline(text, year)
    phrase = "" if found.phrase == found.date.isoformat() else found.phrase
    return {"deadline": found.date, "deadline_text": phrase, "recurrence": found.recurrence}


class TaskForm(Dialog):
    """Edit a task (or describe a new one); dismisses with a dict of field values."""

    # Straight to the title: Textual's default ("*") first focuses the scrolling
    # container, which restyles every field twice as the focus passes through it.
    AUTO_FOCUS = "#title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "form.save", id="form_save"),
        Binding("escape", "cancel", "bind.cancel", id="cancel"),
        # Checked as each key arrives, not once the focused field has passed it on:
        # text typed straight after Tab (a quick typist, an input method committing a
        # phrase) then goes to the next field rather than the one Tab left.
        Binding("tab", "app.focus_next", "form.next_field", show=False, priority=True),
        Binding(
            "shift+tab", "app.focus_previous", "form.previous_field", show=False, priority=True
        ),
    ]

    def __init__(self, task: Task | None, plan: Plan) -> None:
        super().__init__()
        self.task_ = task or Task()
        self.is_new = task is None
        self.plan = plan
        self._composed = False
        self._resumed = False

    def load(self, task: Task | None, plan: Plan) -> None:
        """Show another task (``None``: a new one), reusing the widgets already built.

        Building the form's widgets costs far more than filling them, so the app keeps
        one form and loads each task into it.
        """
        self.task_ = task or Task()
        self.is_new = task is None
        self.plan = plan
        if not self._composed:
            return
        task = self.task_
        title = t("form.title_new") if self.is_new else t("form.title")
        heading = self.query_one(".dialog-title", Label)
        shown = str(heading.content)
        if shown != title:  # a heading as wide as before needs no layout
            heading.update(title, layout=cell_len(shown) != cell_len(title))
        values = {
            "title": task.title,
            "partners": "、".join(task.partners),
            "deadline": self._deadline_text(task),
            "progress": str(task.progress),
            "tags": "、".join(task.tags),
            "notes": task.notes,
        }
        for role in ROLES:
            values[role] = getattr(task, role)
            # no suggester while the value is filled in: a completion shows only in the
            # focused field, so one worked out for a field filled here would be wasted
            self.query_one(f"#{role}", Input).suggester = None
        # one check once every field is filled, not one per field as it changes
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            for field_id, value in values.items():
                self.query_one(f"#{field_id}", Input).value = value
            self.query_one("#body", TextArea).load_text(task.body)
            self.query_one("#status", Select).value = task.status.value
        self._offer_names()
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False)
        self.validate()

    @staticmethod
    def _deadline_text(task: Task) -> str:
        return task.deadline_text or (task.deadline.isoformat() if task.deadline else "")

    def _field(self, key: str, value: str, field_id: str, **kwargs: Any) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(t(key), classes="form-label")
            yield Input(value, id=field_id, compact=True, **kwargs)

    def compose(self) -> ComposeResult:
        task = self.task_
        title = t("form.title_new") if self.is_new else t("form.title")
        deadline = self._deadline_text(task)
        with Vertical(classes="dialog form"):
            yield Label(title, classes="dialog-title")
            with VerticalScroll(id="form-fields"):
                yield from self._field("detail.title", task.title, "title")
                with Horizontal(classes="form-row tall"):
                    yield Label(t("detail.body"), classes="form-label")
                    yield TextArea(
                        task.body, id="body", soft_wrap=True, show_line_numbers=False, compact=True
                    )
                for role in ROLES:  # suggesters once filled in (see load)
                    yield from self._field(f"detail.{role}", getattr(task, role), role)
                yield from self._field(
                    "detail.partners",
                    "、".join(task.partners),
                    "partners",
                    placeholder=t("form.partners_hint"),
                )
                yield from self._field(
                    "detail.deadline", deadline, "deadline", placeholder=t("form.deadline_hint")
                )
                yield Static("", id="deadline-note", classes="form-note")
                with Horizontal(classes="form-row"):
                    yield Label(t("detail.status"), classes="form-label")
                    yield Select(
                        [(status_label(s), s.value) for s in Status],
                        value=task.status.value,
                        allow_blank=False,
                        id="status",
                        compact=True,
                    )
                yield from self._field("detail.progress", str(task.progress), "progress")
                yield from self._field(
                    "detail.tags", "、".join(task.tags), "tags", placeholder=t("form.tags_hint")
                )
                yield from self._field("detail.notes", task.notes, "notes")
            yield Static("", id="form-error", classes="error")
            yield Static(t("form.keys"), id="form-keys", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("form.save"), variant="primary", id="save", compact=True)
                yield Button(t("form.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._composed = True
        # Input marks itself valid (a CSS class) only once its value changes: a field
        # left empty here would change class, and be restyled, when the first task that
        # fills it is loaded, which is the first opening of a form built ahead
        for field in self.query(Input):
            field.validate(field.value)
        self.validate()
        self.call_after_refresh(self._offer_names)

    def _offer_names(self) -> None:
        """Completion from the names the plan already uses, in the lead, unit and owner
        fields (given once they are filled: see :meth:`load`)."""
        roster = roster_of(self.plan)
        for role in ROLES:
            self.query_one(f"#{role}", Input).suggester = SuggestFromList(
                roster[role], case_sensitive=False
            )

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The form is kept and shown again for each task: its widgets already carry
        # their styles, so skip Screen's restyle of all of them on every opening
        # (this handler runs before Screen's own, which reads the flag).
        if self._resumed:
            event.refresh_styles = False
        self._resumed = True
        self.query_one("#title", Input).focus()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def validate(self) -> dict[str, Any] | None:
        """Check every field, mark the bad ones and return the values when all are good."""
        errors: list[str] = []
        values: dict[str, Any] = {}

        def mark(field_id: str, message: str | None) -> None:
            self.query_one(f"#{field_id}", Input).set_class(message is not None, "invalid")
            if message:
                errors.append(message)

        title = self._value("title").strip()
        mark("title", None if title else t("form.title_empty"))
        for field_id in ("title", *ROLES, "partners", "deadline", "tags", "notes"):
            refused = refusal(self._value(field_id))
            if refused:
                mark(field_id, f"{t(f'detail.{field_id}')}：{refused}")
        body_refused = refusal(self.query_one("#body", TextArea).text)
        self.query_one("#body", TextArea).set_class(bool(body_refused), "invalid")
        if body_refused:
            errors.append(f"{t('detail.body')}：{body_refused}")
        note = self.query_one("#deadline-note", Static)
        try:
            values.update(read_deadline(self._value("deadline"), self.plan.year))
        except ValueError as exc:
            mark("deadline", t("form.deadline_bad"))
            update_text(note, str(exc).split("。")[0])
            note.set_class(True, "error")
        else:
            mark("deadline", None)
            note.set_class(False, "error")
            day = values["deadline"]
            if day is None:
                update_text(note, "")
            elif values["recurrence"] != "none":
                recurrence = t(f"recur.{values['recurrence']}")
                update_text(
                    note, t("form.deadline_recur", date=day.isoformat(), recurrence=recurrence)
                )
            else:
                update_text(note, t("form.deadline_ok", date=day.isoformat()))
        progress = parse_progress(self._value("progress"))
        mark("progress", None if progress is not None else t("form.progress_bad"))
        update_text(self.query_one("#form-error", Static), errors[0] if errors else "")
        self.query_one("#save", Button).disabled = bool(errors)
        if errors:
            return None
        status = self.query_one("#status", Select).value
        values.update(
            title=title,
            body=self.query_one("#body", TextArea).text.strip(),
            lead=self._value("lead").strip(),
            unit=self._value("unit").strip(),
            owner=self._value("owner").strip(),
            partners=split_names(self._value("partners")),
            status=Status(str(status)),
            progress=progress,
            tags=split_names(self._value("tags")),
            notes=self._value("notes").strip(),
        )
        task = self.task_
        if not self.is_new and self._value("deadline").strip() == self._deadline_text(task):
            # untouched: keep the stored date, phrase and cadence exactly as they were
            values.update(
                deadline=task.deadline, deadline_text=task.deadline_text, recurrence=task.recurrence
            )
        return values

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.validate()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter in any one-line field saves the form, as ctrl+s does."""
        self.action_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        """Close with the values when they are valid."""
        values = self.validate()
        if values is None:
            self.notify(t("form.invalid"), severity="warning")
            return
        unchanged = not self.is_new and all(getattr(self.task_, k) == v for k, v in values.items())
        self.dismiss(None if unchanged else values)
