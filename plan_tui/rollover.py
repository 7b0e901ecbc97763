"""Rolling a plan over to the next year.

The new plan keeps the same areas. Unfinished items and measures (anything not done,
including 滞后 and 暂缓) are carried over with new ids, ``carried_from`` set to last
year's id, and status, progress and update log reset; finished ones stay behind. The
overall requirements and targets become placeholders (the indicator names are kept as
suggestions), and every lead, unit and owner used this year goes into ``plan.roster``.

Deadlines move forward by one year (29 February becomes 28 February) and keep their
phrase (``6月底前`` means the same in any year), so that carried work keeps a due date the
secretary can confirm or change; start dates are cleared, so that 序时进度 runs from the
new year's start.
"""

from __future__ import annotations

from datetime import date

from .model import Indicator, Plan, Status, Task, new_id
from .reports.review import todo


def shift_year(day: date | None) -> date | None:
    """``day`` one year later; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _carry(task: Task) -> Task:
    """A fresh copy of an unfinished task for next year, with its unfinished children."""
    return Task(
        id=new_id(),
        title=task.title,
        body=task.body,
        lead=task.lead,
        unit=task.unit,
        owner=task.owner,
        partners=list(task.partners),
        deadline=shift_year(task.deadline),
        deadline_text=task.deadline_text,
        recurrence=task.recurrence,
        status=Status.NOT_STARTED,
        progress=0,
        tags=list(task.tags),
        notes=task.notes,
        carried_from=task.id,
        children=[_carry(c) for c in task.children if c.status != Status.DONE],
    )


def _area(area: Task) -> Task:
    """An area of the new plan: same title and people, only its unfinished items."""
    carried = _carry(area)
    carried.deadline = None
    carried.deadline_text = ""
    return carried


def rollover(plan: Plan) -> Plan:
    """Next year's plan from ``plan`` (see the module docstring for what carries over)."""
    year = plan.year + 1
    roster = {role: plan.names_used(role) for role in ("lead", "unit", "owner")}
    settings = plan.settings.model_copy(update={"start_date": None})
    return Plan(
        org=plan.org,
        year=year,
        title=f"{plan.org}{year}年工作安排",
        source=f"由{plan.title or f'{plan.org}{plan.year}年工作安排'}滚动生成",
        requirements=todo(f"{year}年工作总体要求"),
        targets_text=todo(f"{year}年主要目标"),
        targets=[
            Indicator(name=ind.name, target_unit=ind.target_unit, target_text=todo("目标值"))
            for ind in plan.targets
        ],
        roster={role: names for role, names in roster.items() if names},
        settings=settings,
        areas=[_area(area) for area in plan.areas],
    )
