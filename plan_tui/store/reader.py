"""Building a plan from the store's parsed document, with errors that name the place.

Each ``[[tasks]]`` row is validated on its own so an error names the task by its tree
path (``任务 3.2``), the field and the line; rows are then linked into the tree by
``parent``. Chinese status labels written by hand (``已完成``) are accepted as codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from sys import intern
from typing import Any

from pydantic import ValidationError

from ..model import SCHEMA_VERSION, STATUS_LABELS, LogEntry, Plan, Task
from ..model.errors import PlanError
from .messages import LineIndex, explain, line_text

PLAN_KEYS = ("schema_version", "org", "year", "title", "source", "requirements", "targets_text")
"""Plain top-level keys of a plan file, in the order they are written."""
TASK_KEYS = [k for k in Task.model_fields if k not in ("log", "children")]
"""Keys of a ``[[tasks]]`` row besides ``parent`` and ``log``, in the order written."""
_ROW_KEYS = ["id", "parent", *[k for k in TASK_KEYS if k != "id"], "log"]
_TOP_KEYS = [*PLAN_KEYS, "settings", "roster", "targets", "conflicts", "tasks"]
_LABEL_TO_CODE = {label: status.value for status, label in STATUS_LABELS.items()}


def from_document(
    raw: dict[str, Any], file: str | Path = "<文本>", text: str = "", consume: bool = False
) -> Plan:
    """Build a plan from a parsed TOML (or JSON) document of the store layout.

    ``text`` is the TOML the document came from, used only to name lines in errors.
    With ``consume``, each task row is dropped from the document once its task is
    built, so a document no one else holds is not kept whole beside the plan.
    """
    index = LineIndex(text)
    _check_top(raw, file, index)
    task_rows = raw.get("tasks", [])
    if not isinstance(task_rows, list) or not all(isinstance(t, dict) for t in task_rows):
        where = line_text(index.key_line("tasks")) or line_text(_first(index.blocks("tasks")))
        raise PlanError("tasks 应为一组 [[tasks]] 表", file, where)
    return _plan(raw, _build_tree(task_rows, file, index, consume), file, index)


def from_parts(
    head: dict[str, Any], rows: Iterable[dict[str, Any]], file: str | Path, text: str
) -> Plan:
    """Build a plan from its parts parsed one by one: the document without its tasks,
    and the task rows in file order (each built as it comes, then let go).

    An error may not name its line here; a caller with the whole text reads it again
    as one document for the message.
    """
    index = LineIndex(text)
    _check_top(head, file, index)
    return _plan(head, _build_tree(rows, file, index), file, index)


def _check_top(raw: Any, file: str | Path, index: LineIndex) -> None:
    """Refuse a document that is not a table, has another schema or an unknown key."""
    if not isinstance(raw, dict):
        raise PlanError("内容应为一个表（键值对），不是计划文件的结构", file)
    version = raw.get("schema_version")
    if version is None:
        raise PlanError("缺少 schema_version = 1，这不像是 plan-tui 的计划文件", file)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise PlanError(
            f"不支持的 schema_version = {version!r}，本程序只能读取 {SCHEMA_VERSION}"
            "（文件可能来自更新版本的 plan-tui）",
            file,
            line_text(index.key_line("schema_version")),
        )
    for key in raw:
        if key not in _TOP_KEYS:
            error = {"type": "extra_forbidden", "loc": (key,)}
            headers = [n for n, name in index.headers if name.split(".")[0] == key]
            where = line_text(index.key_line(key)) or line_text(_first(headers))
            raise PlanError(explain(error, _TOP_KEYS), file, where)


def _plan(raw: dict[str, Any], tasks: list[Task], file: str | Path, index: LineIndex) -> Plan:
    """The plan of the document's own fields and the built task tree."""
    fields = {k: v for k, v in raw.items() if k != "tasks"}
    try:
        return Plan.model_validate({**fields, "areas": tasks})
    except ValidationError as exc:
        err = exc.errors()[0]
        place, message = _plan_message(err)
        where = " ".join(w for w in (_plan_where(err["loc"], index), place) if w)
        raise PlanError(message, file, where) from None


def _first(items: list[int]) -> int | None:
    return items[0] if items else None


def _plan_message(err: Mapping[str, Any]) -> tuple[str, str]:
    """The part of the plan a plan-level error is in (may be empty), and the message."""
    loc = err["loc"]
    if loc and loc[0] == "targets" and len(loc) > 1 and isinstance(loc[1], int):
        keys = ("name", "target_value", "target_unit", "target_text")
        return f"主要目标第{loc[1] + 1}项", explain(err, keys)
    if loc and loc[0] == "settings" and len(loc) > 1:
        return "设置 [settings]", explain(err, ("warn_behind", "red_behind", "near_days"))
    if loc and loc[0] == "roster" and len(loc) > 1:
        return f"名册 [roster] 的 {loc[1]}", explain({**err, "loc": ("roster",)})
    return "", explain(err, _TOP_KEYS)


def _plan_where(loc: tuple[Any, ...], index: LineIndex) -> str:
    """The line of a plan-level field (top-level key, settings, roster or a target)."""
    if not loc:
        return ""
    head = loc[0]
    key = next((p for p in loc[1:] if isinstance(p, str)), None)
    if head == "targets" and len(loc) > 1 and isinstance(loc[1], int):
        blocks = index.blocks("targets")
        if loc[1] < len(blocks):
            start = blocks[loc[1]]
            return line_text(index.key_line(key, start) if key else start) or line_text(start)
    if head in ("settings", "roster"):
        first = _first(index.blocks(head))
        if first is not None:
            found = index.key_line(key, first) if key else None
            return line_text(found if found is not None else first)
    return line_text(index.key_line(str(head)))


def _normalise_status(row: dict[str, Any]) -> None:
    """Accept a Chinese status label written by hand (``已完成``) as its code."""
    status = row.get("status")
    if isinstance(status, str) and status.strip() in _LABEL_TO_CODE:
        row["status"] = _LABEL_TO_CODE[status.strip()]


def _with_status_code(entry: dict[str, Any]) -> dict[str, Any]:
    """A log entry, copied with its status code for a Chinese label and its repeated
    names shared."""
    entry = dict(entry)
    _normalise_status(entry)
    _share_repeated(entry)
    return entry


_REPEATED = ("lead", "unit", "owner", "deadline_text", "author")
"""Fields whose values repeat from task to task (a township's leaders and units)."""


def _share_repeated(row: dict[str, Any]) -> None:
    """Keep one string for each repeated name or phrase, not one per task."""
    for key in _REPEATED:
        value = row.get(key)
        if value.__class__ is str:
            row[key] = intern(value)


def _short(title: Any) -> str:
    if not isinstance(title, str) or not title.strip():
        return ""
    title = title.strip().splitlines()[0]
    return f"（{title[:12]}…）" if len(title) > 12 else f"（{title}）"


def _build_tree(
    rows: Iterable[dict[str, Any]], file: str | Path, index: LineIndex, consume: bool = False
) -> list[Task]:
    """Validate each ``[[tasks]]`` row and link them by ``parent`` into a tree.

    With ``consume`` (``rows`` a list), each row is dropped once its task is built.
    """
    by_id: dict[str, Task] = {}
    paths: dict[str, str] = {}
    roots: list[Task] = []
    validate = Task.model_validate
    count = len(rows) if isinstance(rows, list) else -1  # -1: rows come one by one
    for n, row in enumerate(rows):
        row = dict(row)
        parent = row.pop("parent", "")
        log_rows = row.pop("log", [])
        if not isinstance(parent, str):
            where = _key_where(index, _Start(index, n, count), "parent")
            raise PlanError(f"第{n + 1}个任务的 parent（上级任务）应为文字 id", file, where)
        if parent:
            if parent not in by_id:
                where = _key_where(index, _Start(index, n, count), "parent")
                raise PlanError(
                    f"第{n + 1}个任务{_short(row.get('title'))}的上级任务 parent = “{parent}” "
                    "不存在，或写在了它的后面（上级任务要写在前面）",
                    file,
                    where,
                )
            path = f"{paths[parent]}.{len(by_id[parent].children) + 1}"
        else:
            path = str(len(roots) + 1)
        if "children" in row or "id" not in row:
            _refuse_row(row, file, index, _Start(index, n, count), path)
        _normalise_status(row)
        _share_repeated(row)
        if log_rows:  # validated with the task, in one call; an error is then placed
            if not isinstance(log_rows, list) or not all(isinstance(e, dict) for e in log_rows):
                start = _Start(index, n, count)
                _build_log(log_rows, file, index, start, _label(path, row))
            row["log"] = [_with_status_code(entry) for entry in log_rows]
        try:
            task = validate(row)
        except ValidationError as exc:
            err = exc.errors()[0]
            start, label = _Start(index, n, count), _label(path, row)
            if err["loc"][0] == "log":
                _build_log(log_rows, file, index, start, label)  # names the entry and line
            key = next((p for p in err["loc"] if isinstance(p, str)), "")
            where = " ".join(w for w in (_key_where(index, start, key), label) if w)
            raise PlanError(explain(err, _ROW_KEYS), file, where) from None
        if task.id in by_id:
            start, label = _Start(index, n, count), _label(path, row)
            where = " ".join(w for w in (_key_where(index, start, "id"), label) if w)
            raise PlanError(
                f"编号 id = “{task.id}” 与任务 {paths[task.id]} 重复，每项任务的 id 必须不同",
                file,
                where,
            )
        if parent:
            by_id[parent].children.append(task)
        else:
            roots.append(task)
        by_id[task.id] = task
        paths[task.id] = path
        if consume:
            rows[n] = None  # type: ignore[index]
    return roots


def _label(path: str, row: dict[str, Any]) -> str:
    """``任务 3.2（标题…）``: how an error names the task (built only for an error)."""
    return f"任务 {path}{_short(row.get('title'))}"


def _refuse_row(
    row: dict[str, Any], file: str | Path, index: LineIndex, start: _Start, path: str
) -> None:
    """Refuse a row with a ``children`` key or without an ``id``."""
    label = _label(path, row)
    if "children" in row:
        where = " ".join(w for w in (_key_where(index, start, "children"), label) if w)
        raise PlanError("不应有 children 字段，层级由 parent 表示", file, where)
    where = " ".join(w for w in (_key_where(index, start, ""), label) if w)
    raise PlanError(
        "缺少字段 id（编号）：每项任务要有固定的编号，其他任务用它指明上级", file, where
    )


def _build_log(
    log_rows: Any, file: str | Path, index: LineIndex, start: _Start, label: str
) -> list[LogEntry]:
    """Validate a task's ``[[tasks.log]]`` entries."""
    if not isinstance(log_rows, list) or not all(isinstance(e, dict) for e in log_rows):
        where = " ".join(w for w in (_key_where(index, start, "log"), label) if w)
        raise PlanError("进展记录 log 应为一组 [[tasks.log]] 表", file, where)
    entries: list[LogEntry] = []
    for k, entry in enumerate(log_rows):
        entry = dict(entry)
        _normalise_status(entry)
        try:
            entries.append(LogEntry.model_validate(entry))
        except ValidationError as exc:
            err = exc.errors()[0]
            key = next((p for p in err["loc"] if isinstance(p, str)), "")
            task_start = start.line()
            blocks = index.log_blocks(task_start) if task_start is not None else []
            if len(blocks) == len(log_rows):
                found = index.key_line(key, blocks[k]) if key else None
                line = line_text(found if found is not None else blocks[k])
            else:
                line = _key_where(index, start, "log")
            where = " ".join(w for w in (line, f"{label} 第{k + 1}条进展记录") if w)
            raise PlanError(explain(err, list(LogEntry.model_fields)), file, where) from None
    return entries


class _Start:
    """The header line of the n-th ``[[tasks]]`` block, looked up only for an error.

    ``None`` when the text does not match the rows (e.g. a JSON document) or the number
    of rows is not known (``count`` is -1).
    """

    def __init__(self, index: LineIndex, n: int, count: int) -> None:
        self.index, self.n, self.count = index, n, count

    def line(self) -> int | None:
        blocks = self.index.blocks("tasks")
        return blocks[self.n] if len(blocks) == self.count else None


def _key_where(index: LineIndex, task: _Start, key: str) -> str:
    """``第N行`` of ``key`` in the task's block, else of the block header."""
    start = task.line()
    if start is None:
        return ""
    found = index.key_line(key, start) if key else None
    return line_text(found if found is not None else start)
