"""The county roll-up: the plans of several townships summed up on one day.

Counted are *work items*: the level a plan numbers （一） under an area, plus the
measures below it; areas are headings and never counted. On the day ``as_of``:

- 已完成: status done; 推进中: status in progress;
- 滞后: open and more than ``red_behind`` points behind 序时进度 (red), or a recurring
  period missed; 逾期: past the deadline and not done (:func:`plan_tui.model.schedule.assess`);
- 序时达标率: (done + open items on schedule) / (done + open items with a deadline or a
  cadence); an open item is on schedule when it is neither 滞后 nor 逾期 and less than
  ``warn_behind`` points behind. Items without a deadline (未设时限) and suspended ones
  are left out of the rate;
- 最近更新: the newest update-log entry up to ``as_of``; none for 14 days is flagged.

A file that is not a plan, or a plan of another year, is reported and skipped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Plan, Status, Task
from ..model.errors import PlanError
from ..model.schedule import Health, assess
from ..store import load

STALE_DAYS = 14
"""A township whose newest update is this many days old (or older) is flagged."""


def work_items(plan: Plan) -> list[tuple[str, Task, Task]]:
    """Every work item: ``(path, task, area)`` for items and measures, never areas."""
    out = []
    for path, task in plan.walk():
        if "." in path:
            out.append((path, task, plan.areas[int(path.split(".")[0]) - 1]))
    return out


@dataclass
class Tally:
    """Counts of work items on one day (a township, an area, or the county)."""

    items: int = 0
    done: int = 0
    in_progress: int = 0
    behind: int = 0
    overdue: int = 0
    rated: int = 0
    """Items in the rate's denominator (done, or open with a deadline or cadence)."""
    on_schedule: int = 0
    """Items in the rate's numerator (done, or open and on schedule)."""

    def add(self, task: Task, plan: Plan, day: date) -> Health | None:
        """Count one work item; returns its 序时 colour (``None`` when closed)."""
        self.items += 1
        if task.status == Status.DONE:
            self.done += 1
            self.rated += 1
            self.on_schedule += 1
            return None
        if task.status == Status.IN_PROGRESS:
            self.in_progress += 1
        state = assess(task, plan, day)
        if state.health is Health.OVERDUE:
            self.overdue += 1
        elif state.health is Health.BEHIND:
            self.behind += 1
        if state.health is None or (task.deadline is None and task.recurrence == "none"):
            return state.health
        self.rated += 1
        if state.health not in (Health.OVERDUE, Health.BEHIND) and (
            state.behind < plan.settings.warn_behind
        ):
            self.on_schedule += 1
        return state.health

    def merge(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def rate(self) -> int | None:
        """序时达标率 in percent, ``None`` when no item has a deadline."""
        return round(100 * self.on_schedule / self.rated) if self.rated else None


@dataclass(frozen=True)
class Overdue:
    """One overdue item for the 点名 table."""

    org: str
    path: str
    title: str
    lead: str
    unit: str
    deadline: date
    days: int


@dataclass
class Township:
    """One township's plan and its figures."""

    org: str
    file: Path
    plan: Plan
    tally: Tally
    areas: dict[str, Tally]
    last_update: date | None

    def stale(self, day: date) -> bool:
        """No update for :data:`STALE_DAYS` days (or never)."""
        return self.last_update is None or (day - self.last_update).days >= STALE_DAYS


@dataclass
class Rollup:
    """The county's figures: per township, per common area, the 点名 list, skipped files."""

    year: int
    as_of: date
    townships: list[Township] = field(default_factory=list)
    common_areas: list[str] = field(default_factory=list)
    """Area titles every township shares, in the first township's order (may be empty)."""
    overdue: list[Overdue] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        """The county's tally."""
        total = Tally()
        for town in self.townships:
            total.merge(town.tally)
        return total

    def area_tally(self, title: str) -> Tally:
        """One common area summed over the townships."""
        total = Tally()
        for town in self.townships:
            total.merge(town.areas.get(area_key(title), Tally()))
        return total


def area_key(title: str) -> str:
    """An area title compared across townships: spaces and punctuation ignored."""
    return "".join(ch for ch in title if ch.isalnum())


def _inherited(task: Task, chain: list[Task], role: str) -> str:
    for node in (task, *chain):
        value = getattr(node, role)
        if value:
            return value
    return ""


def township(path: Path, plan: Plan, day: date) -> tuple[Township, list[Overdue]]:
    """The figures of one plan on ``day``."""
    tally, areas = Tally(), dict[str, Tally]()
    overdue: list[Overdue] = []
    chain: dict[str, list[Task]] = {}
    for p, task in plan.walk():
        parent = p.rpartition(".")[0]
        chain[p] = [task, *chain.get(parent, [])]
        if not parent:
            areas.setdefault(area_key(task.title), Tally())
            continue
        health = tally.add(task, plan, day)
        areas[area_key(chain[p][-1].title)].add(task, plan, day)
        if health is Health.OVERDUE and task.deadline is not None:
            ancestors = chain[parent]
            overdue.append(
                Overdue(
                    plan.org,
                    p,
                    task.title,
                    _inherited(task, ancestors, "lead"),
                    _inherited(task, ancestors, "unit"),
                    task.deadline,
                    (day - task.deadline).days,
                )
            )
    dates = [e.date for t in plan.tasks() for e in t.log if e.date <= day]
    return Township(plan.org, path, plan, tally, areas, max(dates, default=None)), overdue


def plan_files(targets: list[Path]) -> list[Path]:
    """The plan files named, and those in the folders named: ``*.toml`` in a folder,
    and ``plans/*.toml`` in each clone inside it."""
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            found = sorted(target.glob("*.toml")) + sorted(target.glob("plans/*.toml"))
            found += sorted(target.glob("*/plans/*.toml"))
            files.extend(found)
        else:
            files.append(target)
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def build_rollup(targets: list[Path], as_of: date | None = None) -> Rollup:
    """Read every plan, skip (and report) what is not one of this year's, sum up."""
    loaded: list[tuple[Path, Plan]] = []
    skipped: list[tuple[Path, str]] = []
    for path in plan_files(targets):
        try:
            loaded.append((path, load(path).plan))
        except PlanError as exc:
            skipped.append((path, exc.message + (f"（{exc.where}）" if exc.where else "")))
    if as_of is not None:
        year = as_of.year
    else:
        years = Counter(plan.year for _, plan in loaded)
        year = years.most_common(1)[0][0] if years else date.today().year
    day = as_of or min(date.today(), date(year, 12, 31))
    result = Rollup(year, day, skipped=skipped)
    orgs: dict[str, Path] = {}
    for path, plan in loaded:
        if plan.year != year:
            skipped.append((path, f"是{plan.year}年的计划，本次汇总{year}年"))
            continue
        if plan.org in orgs:
            skipped.append((path, f"与 {orgs[plan.org]} 同为{plan.org}的计划，只汇总前一份"))
            continue
        orgs[plan.org] = path
        town, overdue = township(path, plan, day)
        result.townships.append(town)
        result.overdue.extend(overdue)
    result.overdue.sort(key=lambda o: (-o.days, o.org, [int(x) for x in o.path.split(".")]))
    result.common_areas = common_areas(result.townships)
    return result


def common_areas(towns: list[Township]) -> list[str]:
    """Titles of the areas every township has (two townships at least)."""
    if len(towns) < 2:
        return []
    shared = set.intersection(*(set(t.areas) for t in towns))
    first = towns[0].plan
    return [a.title for a in first.areas if area_key(a.title) in shared]
