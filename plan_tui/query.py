"""Filtering and searching tasks, shared by the command line and the TUI.

:class:`TaskFilter` says which tasks to keep (status, people, deadlines, schedule
colour, search text); :func:`filter_tasks` applies it to a plan in tree order.
:class:`SearchIndex` matches a search text against a task's words and also against
the pinyin of its Chinese text, so ``zsyz``, ``zhaoshang`` and ``zhao shang`` all find
招商引资. Pinyin is computed lazily per text and cached by the text itself, so an edited
task is simply looked up again; :meth:`SearchIndex.warm` precomputes it for a plan.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Plan, Status, Task
from .model.schedule import Health, classify
from .pinyin import long_pinyin, short_pinyin
from .search_data import SEP, SearchEntry, entry_matches, parse_query, select_places

# --- search ---------------------------------------------------------------------------


_KEY_FIELDS = operator.attrgetter("title", "body", "lead", "unit", "owner", "notes")
_LATIN_RUN = re.compile(r"[0-9a-z]+")


def _task_key(task: Task) -> tuple:
    """The texts a task is searched by; partners and tags only when there are any,
    because this runs for every task on every search."""
    key = _KEY_FIELDS(task)
    if task.partners or task.tags:
        key += (tuple(task.partners), tuple(task.tags))
    return key


class SearchIndex:
    """Case-insensitive search over a task's words, with pinyin for its Chinese text.

    Words: title, body, lead, unit, owner, partners, notes and tags. Pinyin (full and
    initials): title, lead, unit, owner and partners; body and notes by full pinyin, and
    by initials only for queries of four letters or more.
    Each task's data is cached by the text it was made from, so edits invalidate it.
    """

    def __init__(self, plan: Plan | None = None) -> None:
        self.plan = plan
        self._short: dict[str, tuple[str, str]] = {}
        self._entries: dict[tuple, SearchEntry] = {}

    def _short_pinyin(self, text: str) -> tuple[str, str]:
        """(full pinyin, initials) of a short field, cached by its text."""
        found = self._short.get(text)
        if found is None:
            found = self._short[text] = short_pinyin(text)
        return found

    def _build(self, key: tuple) -> SearchEntry:
        title, body, lead, unit, owner, notes = key[:6]
        partners, tags = key[6:] if len(key) > 6 else ((), ())
        words = SEP.join((title, body, lead, unit, owner, *partners, notes, *tags)).casefold()
        short = [self._short_pinyin(t) for t in (title, lead, unit, owner, *partners)]
        long = [long_pinyin(body), long_pinyin(notes)]
        pinyin = SEP.join([f for f, _ in short] + [i for _, i in short] + [f for f, _ in long])
        return SearchEntry(
            words,
            SEP.join(_LATIN_RUN.findall(words)),
            pinyin,
            SEP.join(i for _, i in long),
        )

    def _entry(self, task: Task) -> SearchEntry:
        key = _task_key(task)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = self._build(key)
        return entry

    def warm(self, tasks: Iterable[Task] | None = None) -> None:
        """Compute the search data of ``tasks`` (default: the plan's) now, not on first search.

        Also forgets the data of texts no longer in use, so the cache does not grow with edits.
        """
        if tasks is None:
            tasks = self.plan.tasks() if self.plan is not None else ()
        old, self._entries = self._entries, {}
        for task in tasks:
            key = _task_key(task)
            self._entries[key] = old.get(key) or self._build(key)

    def matches(self, task: Task, query: str) -> bool:
        """Whether ``task`` matches ``query``: every space-separated term is found in its
        words, or the whole query (spaces removed) is found in its pinyin.
        An empty query matches every task."""
        q = parse_query(query)
        return not q.terms or entry_matches(self._entry(task), q)

    @staticmethod
    def refines(previous: str, current: str) -> bool:
        """Whether every task matching ``current`` also matches ``previous``, so that a
        search typed on may narrow the previous result instead of scanning every task.

        Typing on narrows, except where the query just grew long enough for body
        initials to count (a longer query can then match a task the shorter did not).
        """
        if not current.startswith(previous):
            return False
        return parse_query(previous).long or not parse_query(current).long

    def select(self, tasks: Iterable[Task], query: str) -> list[Task]:
        """The tasks among ``tasks`` that match ``query``, in the order given (the same
        test as :meth:`matches`, run as one pass over the tasks' search data; see
        :class:`~plan_tui.search_data.SearchData` for searching the same tasks again and
        again)."""
        tasks = list(tasks)
        q = parse_query(query)
        if not q.terms:
            return tasks
        return [tasks[p] for p in select_places(self.entries(tasks), q)]

    def entries(self, tasks: Iterable[Task]) -> list[SearchEntry]:
        """The search data of each of ``tasks``, in order, for :class:`SearchData`.

        For a caller that searches the same unchanging tasks on every key press (the
        TUI's plans are never changed in place): looking each task's data up by its
        texts costs more than the test itself.
        """
        entries, build, key_of = self._entries, self._build, _KEY_FIELDS
        found: list[SearchEntry] = []
        for task in tasks:
            key = key_of(task)
            if task.partners or task.tags:
                key += (tuple(task.partners), tuple(task.tags))
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = build(key)
            found.append(entry)
        return found

    def search(self, query: str, plan: Plan | None = None) -> list[tuple[str, Task]]:
        """Every ``(path, task)`` of the plan that matches ``query``, in tree order."""
        plan = plan or self.plan
        if plan is None:
            return []
        pairs = walk(plan)
        keep = {id(t) for t in self.select((t for _, t in pairs), query)}
        return [(path, task) for path, task in pairs if id(task) in keep]


_SHARED_INDEX = SearchIndex()


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks to show. Empty fields do not filter; the fields set must all hold."""

    statuses: frozenset[Status] = frozenset()
    """Keep tasks with one of these statuses."""
    owner: str = ""
    """Part of the owner's name (责任人)."""
    unit: str = ""
    """Part of the responsible unit's name (责任单位)."""
    lead: str = ""
    """Part of the lead official's name (牵头领导)."""
    overdue: bool = False
    """Only tasks past their deadline and still open."""
    due_within: int | None = None
    """Only open tasks due from today to this many days from today."""
    due_before: date | None = None
    """Only tasks with a deadline on or before this day."""
    healths: frozenset[Health] = frozenset()
    """Keep open tasks with one of these schedule colours (序时进度)."""
    text: str = ""
    """Search text, see :class:`SearchIndex`."""

    def is_empty(self) -> bool:
        """Whether this filter keeps every task."""
        return self == TaskFilter()

    def describe(self) -> str:
        """A one-line summary in the UI language, e.g. ``状态：推进中 · 责任人：张 · 逾期``
        (the CLI's list heading and the TUI's filter bar)."""
        from .labels import t

        parts: list[str] = []
        if self.statuses:
            labels = [t(f"status.{s.value}") for s in Status if s in self.statuses]
            parts.append(f"{t('filter.statuses')}：" + "、".join(labels))
        for role in ("lead", "unit", "owner"):
            value = getattr(self, role)
            if value:
                parts.append(f"{t(f'detail.{role}')}：{value}")
        if self.overdue:
            parts.append(t("filter.is_overdue"))
        if self.due_within is not None:
            parts.append(t("filter.is_due_within", n=self.due_within))
        if self.due_before is not None:
            parts.append(t("filter.is_due_before", day=self.due_before.isoformat()))
        if self.healths:
            labels = [t(f"health.{h.value}") for h in Health if h in self.healths]
            parts.append(f"{t('filter.healths')}：" + "、".join(labels))
        if self.text.strip():
            parts.append(f"{t('filter.search')}：{self.text.strip()}")
        return " · ".join(parts) if parts else t("filter.everything")


Condition = Callable[[Task], bool]


def _contains(get: Callable[[Task], str], part: str) -> Condition:
    return lambda task: part in get(task).casefold()


def _conditions(plan: Plan, flt: TaskFilter, today: date) -> list[Condition]:
    """The filter's tests other than the search text, cheapest first.

    Built once per filtering so that the loop over thousands of tasks does no more
    than it must.
    """
    tests: list[Condition] = []
    if flt.statuses:
        statuses = flt.statuses
        tests.append(lambda t: t.status in statuses)
    for field, wanted in (("owner", flt.owner), ("unit", flt.unit), ("lead", flt.lead)):
        if wanted:
            tests.append(_contains(operator.attrgetter(field), wanted.casefold()))
    if flt.overdue:
        tests.append(lambda t: t.deadline is not None and t.deadline < today and t.status.is_open)
    if flt.due_within is not None:
        last = today + timedelta(days=flt.due_within)
        tests.append(
            lambda t: t.deadline is not None and today <= t.deadline <= last and t.status.is_open
        )
    if flt.due_before is not None:
        before = flt.due_before
        tests.append(lambda t: t.deadline is not None and t.deadline <= before)
    if flt.healths:
        healths = flt.healths
        tests.append(lambda t: t.status.is_open and classify(t, plan, today) in healths)
    return tests


def matches(
    task: Task, plan: Plan, flt: TaskFilter, today: date, index: SearchIndex | None = None
) -> bool:
    """Whether ``task`` passes every condition of ``flt`` on ``today``."""
    if not all(test(task) for test in _conditions(plan, flt, today)):
        return False
    return not flt.text.strip() or (index or _SHARED_INDEX).matches(task, flt.text)


def walk(plan: Plan) -> list[tuple[str, Task]]:
    """Every ``(path, task)`` of ``plan`` in tree order (:meth:`Plan.paths`)."""
    return plan.paths()


def keep_passing(tasks: list[Task], plan: Plan, flt: TaskFilter, today: date) -> list[Task]:
    """The tasks among ``tasks`` that pass ``flt``'s tests other than the search text,
    in the order given (for a caller that has the tasks at hand and needs no paths)."""
    for test in _conditions(plan, flt, today):
        tasks = [task for task in tasks if test(task)]
    return tasks


def filter_tasks(
    plan: Plan, flt: TaskFilter, today: date, index: SearchIndex | None = None
) -> list[tuple[str, Task]]:
    """Every ``(path, task)`` of ``plan`` that passes ``flt``, in tree order."""
    pairs = walk(plan)
    for test in _conditions(plan, flt, today):
        pairs = [pair for pair in pairs if test(pair[1])]
    if flt.text.strip():
        keep = {id(t) for t in (index or _SHARED_INDEX).select((t for _, t in pairs), flt.text)}
        pairs = [pair for pair in pairs if id(pair[1]) in keep]
    return pairs
