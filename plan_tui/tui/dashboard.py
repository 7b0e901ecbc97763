"""The dashboard (看板), reached with ``d``: a progress bar per area and counts by colour.

Choosing a count dismisses with a :class:`plan_tui.query.TaskFilter` for that colour,
which the app applies to the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar, Static
from textual.widgets.button import ButtonVariant

from ..model import Plan, Status, Task
from ..model.numerals import to_cn
from ..model.schedule import Health
from ..model.text_rule import visible
from ..model.work_items import area_items, tally
from ..query import TaskFilter
from .i18n import t

HEALTH_ORDER = (Health.NORMAL, Health.WARNING, Health.BEHIND, Health.OVERDUE, Health.NEAR)
_VARIANTS: dict[Health, ButtonVariant] = {
    Health.NORMAL: "success",
    Health.WARNING: "warning",
    Health.BEHIND: "error",
    Health.OVERDUE: "error",
    Health.NEAR: "primary",
}


@dataclass(frozen=True)
class AreaProgress:
    """One area's line on the dashboard, over its work items."""

    title: str
    done: int
    total: int
    progress: int
    """Average progress of the work items, 0–100."""


def area_progress(area: Task) -> AreaProgress:
    """Done count and average progress of the work items of ``area``."""
    items = area_items(area)
    done = sum(1 for task in items if task.status is Status.DONE)
    average = round(sum(task.progress for task in items) / len(items))
    return AreaProgress(area.title, done, len(items), average)


def health_counts(plan: Plan, today: date) -> dict[Health, int]:
    """How many open work items with a time limit have each colour on ``today``."""
    return dict(tally(plan, today).by_health)


class DashboardScreen(ModalScreen[TaskFilter | None]):
    """Progress by area and open tasks by colour; a chosen colour becomes the filter."""

    DEFAULT_CSS = """
    DashboardScreen { align: center middle; }
    DashboardScreen #dash-box {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    DashboardScreen .dash-heading { text-style: bold; margin-top: 1; }
    DashboardScreen .dash-area { height: 1; }
    DashboardScreen .dash-area-title { width: 28; }
    DashboardScreen .dash-area ProgressBar { width: 1fr; max-width: 34; }
    DashboardScreen .dash-area ProgressBar Bar { width: 1fr; }
    DashboardScreen .dash-area-line { margin-left: 1; width: auto; }
    DashboardScreen .dash-area-line { color: $text-muted; }
    DashboardScreen #dash-counts { height: auto; margin-top: 1; }
    DashboardScreen #dash-counts Button { margin-right: 1; min-width: 10; }
    DashboardScreen #dash-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "bind.cancel", id="dash_close"),
        Binding("right", "app.focus_next", show=False),
        Binding("left", "app.focus_previous", show=False),
    ]

    def __init__(self, plan: Plan, today: date) -> None:
        super().__init__()
        self.plan = plan
        self.today = today
        figures = tally(plan, today)
        self.counts = dict(figures.by_health)
        self.no_limit = figures.no_limit

    def compose(self) -> ComposeResult:
        with Vertical(id="dash-box"):
            yield Static(t("dash.title", day=self.today.isoformat()), id="dash-title")
            yield Label(t("dash.areas"), classes="dash-heading")
            for index, area in enumerate(self.plan.areas, 1):
                line = area_progress(area)
                with Horizontal(classes="dash-area"):
                    yield Label(
                        f"{to_cn(index)}、{visible(line.title)}",
                        classes="dash-area-title",
                        markup=False,
                    )
                    bar = ProgressBar(
                        total=100, show_eta=False, show_percentage=False, id=f"dash-bar-{index}"
                    )
                    bar.progress = line.progress
                    yield bar
                    yield Label(
                        t(
                            "dash.area_line",
                            done=line.done,
                            total=line.total,
                            progress=line.progress,
                        ),
                        classes="dash-area-line",
                    )
            yield Label(t("dash.colours"), classes="dash-heading")
            with Horizontal(id="dash-counts"):
                for health in HEALTH_ORDER:
                    yield Button(
                        t("dash.count", label=t(f"health.{health.value}"), n=self.counts[health]),
                        variant=_VARIANTS[health],
                        id=f"dash-{health.value}",
                    )
            yield Static(t("dash.no_limit", n=self.no_limit), id="dash-no-limit")
            yield Static(t("dash.keys"), id="dash-keys")

    def on_mount(self) -> None:
        self.query_one("#dash-counts Button", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        health = Health((event.button.id or "").removeprefix("dash-"))
        self.dismiss(TaskFilter(healths=frozenset({health})))

    def action_close(self) -> None:
        """Back to the tree without a filter."""
        self.dismiss(None)
