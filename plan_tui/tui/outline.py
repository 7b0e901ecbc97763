"""The task list's rows, worked out from the plan alone: which tasks show, in which
order, and the guides drawn before each (no Textual here; the widget only draws them).

:class:`Outline` is the plan's tree in order, made once per shape of the plan.
:func:`folded_rows` lists the tasks whose ancestors are all unfolded, :func:`view_rows`
the tasks of a filtered view (matches and their ancestors, all unfolded). Each gives a
:class:`Rows`, from which :func:`guides` draws the tree lines of a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress

from ..model import Plan, Task

GUIDE_SPACE = "  "
GUIDE_VERTICAL = "│ "
GUIDE_LAST = "└ "
GUIDE_CROSS = "├ "
GUIDE_WIDTH = 2
"""Cells each level of depth takes (the guides above, and the fold mark)."""
FOLDED_MARK = "▶ "
UNFOLDED_MARK = "▼ "
LEAF_MARK = "  "


def iter_tasks(plan: Plan) -> Iterator[Task]:
    """Every task in tree order: the plan's one tree walk (:meth:`Plan.tasks`)."""
    return plan.tasks()


class Outline:
    """The plan's tasks in tree order, with what the rows need to know of each."""

    def __init__(self, plan: Plan) -> None:
        order: list[str] = []
        ends: list[int] = []
        tasks: dict[str, Task] = {}
        paths: dict[str, str] = {}
        parents: dict[str, str] = {}
        depths: dict[str, int] = {}
        parents_set: set[str] = set()

        def add(task: Task, path: str, parent: str, depth: int) -> None:
            task_id = task.id
            spot = len(order)
            order.append(task_id)
            ends.append(0)
            tasks[task_id] = task
            paths[task_id] = path
            parents[task_id] = parent
            depths[task_id] = depth
            if task.children:
                parents_set.add(task_id)
                for i, child in enumerate(task.children, 1):
                    add(child, f"{path}.{i}", task_id, depth + 1)
            ends[spot] = len(order)

        for i, area in enumerate(plan.areas, 1):
            add(area, str(i), "", 0)
        self.order = order
        """Every task id in tree order."""
        self.ends = ends
        """For each place in :attr:`order`, where its subtree ends (exclusive)."""
        self.tasks = tasks
        """Each task by id."""
        self.paths = paths
        """Each task's place as ``3.2.1`` (area 3, item 2, measure 1)."""
        self.parents = parents
        """Each task's parent id (``""`` for an area)."""
        self.depths = depths
        """Each task's depth (0 for an area)."""
        self.with_children = frozenset(parents_set)
        """The ids of the tasks that have children (and so can fold)."""

    def shape(self) -> tuple[tuple[str, int], ...]:
        """What the rows depend on: ids, order and nesting."""
        ends, order = self.ends, self.order
        return tuple((task_id, ends[spot] - spot) for spot, task_id in enumerate(order))


@dataclass
class Rows:
    """The rows shown, top to bottom."""

    ids: list[str]
    """The task id of each row."""
    last: frozenset[str]
    """The ids whose row is the last shown child of its parent (the guide bends there)."""
    unfolded: frozenset[str] | None
    """The ids shown unfolded; ``None``: every one (a filtered view)."""
    line_of: dict[str, int] = field(default_factory=dict)
    """The row of each id shown."""

    def __post_init__(self) -> None:
        if not self.line_of:
            self.line_of = dict(zip(self.ids, range(len(self.ids)), strict=True))

    def __len__(self) -> int:
        return len(self.ids)


def _last_children(ids: list[str], parents: dict[str, str]) -> frozenset[str]:
    """The last of each parent's children among ``ids`` (in tree order): a later
    child of the same parent replaces an earlier one."""
    return frozenset(dict(zip(map(parents.__getitem__, ids), ids, strict=True)).values())


def folded_rows(outline: Outline, unfolded: Iterable[str]) -> Rows:
    """The rows of every task whose ancestors are all in ``unfolded``."""
    order, ends, parents_of = outline.order, outline.ends, outline.with_children
    opened = frozenset(unfolded) & parents_of
    ids: list[str] = []
    add = ids.append
    spot, count = 0, len(order)
    while spot < count:
        task_id = order[spot]
        add(task_id)
        if task_id in parents_of and task_id not in opened:
            spot = ends[spot]  # folded: skip what is below it
        else:
            spot += 1
    return Rows(ids, _last_children(ids, outline.parents), opened)


def view_of(outline: Outline, matched: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The ids a view of ``matched`` shows (the matches and their ancestors) and, among
    them, the ancestors that did not match (drawn dimmed)."""
    parents = outline.parents
    matches = frozenset(matched)
    shown = set(matches)
    level = set(map(parents.__getitem__, matches))
    while True:
        level.discard("")
        level -= shown
        if not level:
            break
        shown |= level
        level = set(map(parents.__getitem__, level))
    return frozenset(shown), frozenset(shown - matches)


def view_rows(outline: Outline, shown: frozenset[str]) -> Rows:
    """The rows of a view showing ``shown`` (ancestors included), in tree order."""
    order = outline.order
    ids = list(compress(order, map(shown.__contains__, order)))
    return Rows(ids, _last_children(ids, outline.parents), None)


def guides(outline: Outline, rows: Rows, task_id: str) -> str:
    """The tree lines before a row: a vertical line for each ancestor (below the
    area) that has a later sibling shown, then the bend to the row itself."""
    parents, last = outline.parents, rows.last
    parent = parents[task_id]
    if not parent:
        return ""
    parts = [GUIDE_LAST if task_id in last else GUIDE_CROSS]
    while True:
        grand = parents[parent]
        if not grand:
            break
        parts.append(GUIDE_SPACE if parent in last else GUIDE_VERTICAL)
        parent = grand
    parts.reverse()
    return "".join(parts)


def fold_mark(outline: Outline, rows: Rows, task_id: str) -> str:
    """``▼`` unfolded, ``▶`` folded, or blank for a task without children."""
    if task_id not in outline.with_children:
        return LEAF_MARK
    if rows.unfolded is None or task_id in rows.unfolded:
        return UNFOLDED_MARK
    return FOLDED_MARK
