"""Pickers: a week (or month, quarter) for the weekly pass, log entries and reports, and
the place to move a task to. Each is a list to choose from with the arrow keys and Enter.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..model import Plan
from ..reports.common import cn_date
from ..session.operations_extra import Destination
from ..weekly import WeekChoice, parse_week, plan_weeks, week_of
from .dialogs import Dialog
from .i18n import language, t


def week_name(week: str) -> str:
    """``2024年第10周`` (``week 10 of 2024`` in English)."""
    monday, _ = parse_week(week)
    year, number, _ = monday.isocalendar()
    return t("pick.week_name", year=year, n=number)


def week_span(first: date, last: date) -> str:
    """``3月4日至3月10日`` (``2024-03-04 – 2024-03-10`` in English)."""
    if language() == "zh":
        return f"{cn_date(first, first.year)}至{cn_date(last, first.year)}"
    return f"{first.isoformat()} – {last.isoformat()}"


def week_option_label(week: str, today: date) -> str:
    """``2024年第10周　3月4日至3月10日``, marked when it holds today."""
    monday, sunday = parse_week(week)
    text = f"{week_name(week)}　{week_span(monday, sunday)}"
    if monday <= today <= sunday:
        text += t("pick.this_week")
    return text


def week_note(plan: Plan, choice: WeekChoice) -> str:
    """Why the highlighted week was chosen, and a warning when today is outside the year."""
    label = week_name(choice.week)
    if choice.reason == "this_week":
        return t("pick.note_this_week", week=label)
    key = "pick.note_after" if choice.reason == "plan_ended" else "pick.note_before"
    return t(key, week=label)


def year_warning(plan: Plan, choice: WeekChoice, key: str = "pick.outside_year") -> str:
    """The warning shown when today lies outside the plan's year (``""`` otherwise);
    ``key`` is the catalogue text (``notice.outside_year`` names the default week too)."""
    if not choice.outside_year:
        return ""
    return t(key, today=choice.today.isoformat(), year=plan.year, week=week_name(choice.week))


class PickerScreen(Dialog[str | None]):
    """Choose one of ``options`` (value, label); dismisses with the value or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "bind.cancel", id="cancel"),
    ]

    def __init__(
        self,
        title: str,
        options: list[tuple[str, str]],
        default: str | None = None,
        note: str = "",
        warning: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.options, self.default = title, options, default
        self.note, self.warning = note, warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(self.title_text, classes="dialog-title")
            if self.warning:
                yield Static(self.warning, id="pick-warning", classes="warning")
            if self.note:
                yield Static(self.note, id="pick-note")
            yield OptionList(*[Option(label, id=value) for value, label in self.options])
            yield Static(t("pick.keys"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for value, _ in self.options]
        if self.default in values:
            options.highlighted = values.index(self.default)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def week_picker(
    plan: Plan, choice: WeekChoice, purpose: str, with_today: bool = False
) -> PickerScreen:
    """A picker of the plan's weeks with ``choice`` highlighted; ``purpose`` is the title.

    ``with_today`` adds today's week when it lies outside the plan's year (edits made
    today are dated today, whatever week a weekly pass was for).
    """
    weeks = plan_weeks(plan)
    today_week = week_of(choice.today)
    if with_today and today_week not in weeks:
        weeks = [*weeks, today_week] if today_week > weeks[-1] else [today_week, *weeks]
    options = [(week, week_option_label(week, choice.today)) for week in weeks]
    note = week_note(plan, choice)
    return PickerScreen(purpose, options, choice.week, note, year_warning(plan, choice))


def month_options(plan: Plan) -> list[tuple[str, str]]:
    """The plan's months as (``2024-03``, ``2024年3月``)."""
    return [(f"{plan.year}-{m:02d}", f"{plan.year}年{m}月") for m in range(1, 13)]


def quarter_options(plan: Plan) -> list[tuple[str, str]]:
    """The plan's quarters as (``2024Q1``, ``2024年第一季度``)."""
    names = "一二三四"
    return [(f"{plan.year}Q{q}", f"{plan.year}年第{names[q - 1]}季度") for q in range(1, 5)]


def default_period(plan: Plan, today: date, quarterly: bool) -> tuple[str, str]:
    """(value, reason key) of the period a bulletin is for by default: the month
    (quarter) holding today inside the plan's year, else the plan's last or first."""
    if today.year > plan.year:
        day, reason = date(plan.year, 12, 31), "pick.period_after"
    elif today.year < plan.year:
        day, reason = date(plan.year, 1, 1), "pick.period_before"
    else:
        day, reason = today, "pick.period_this"
    if quarterly:
        return f"{plan.year}Q{(day.month - 1) // 3 + 1}", reason
    return f"{plan.year}-{day.month:02d}", reason


def period_picker(plan: Plan, today: date, quarterly: bool) -> PickerScreen:
    """A picker of the plan's months (or quarters) for a bulletin: the one holding today
    by default, else the plan's last (first) one when today is after (before) its year."""
    options = quarter_options(plan) if quarterly else month_options(plan)
    value, reason = default_period(plan, today, quarterly)
    label = dict(options)[value]
    title = t("pick.quarter_title" if quarterly else "pick.month_title")
    note = t(reason, today=today.isoformat(), year=plan.year, period=label)
    return PickerScreen(title, options, value, note)


def destination_label(place: Destination) -> str:
    """An area or item as a line of the move picker, indented by level."""
    indent = "　" * (place.level - 1)
    return f"{indent}{place.path} {place.task.title}"


def move_picker(title: str, places: list[Destination]) -> PickerScreen:
    """A picker of the places a task may move under (areas first in tree order)."""
    options = [(place.task.id, destination_label(place)) for place in places]
    return PickerScreen(title, options, note=t("move.note"))
