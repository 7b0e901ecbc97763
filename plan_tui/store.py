"""Reading and writing plans as TOML: readable, deterministic, diff-friendly, atomic.

The file holds the plan's fields, then one ``[[tasks]]`` table per task in tree order,
each naming its ``parent`` by id and followed by its ``[[tasks.log]]`` entries. Editing a
task touches only that task's lines, and a new log entry only adds lines.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .errors import ConflictError, PlanError
from .model import SCHEMA_VERSION, Indicator, LogEntry, Plan, Settings, Task

_PLAN_KEYS = ("schema_version", "org", "year", "title", "source", "requirements", "targets_text")
_TASK_KEYS = [k for k in Task.model_fields if k not in ("log", "children")]


@dataclass(frozen=True)
class Loaded:
    """A plan together with the fingerprint of the bytes it was read from."""

    plan: Plan
    fingerprint: str


def fingerprint(data: bytes) -> str:
    """Content hash used to notice changes made on disk by another writer."""
    return hashlib.sha256(data).hexdigest()


def disk_fingerprint(path: str | Path) -> str | None:
    """Fingerprint of the file as it is on disk now; ``None`` when it does not exist."""
    try:
        return fingerprint(Path(path).read_bytes())
    except FileNotFoundError:
        return None


# --- writing -------------------------------------------------------------------------


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values, which TOML cannot hold; missing keys read back as ``None``."""
    return {k: v for k, v in data.items() if v is not None}


def _task_table(task: Task, parent: str) -> dict[str, Any]:
    data = task.model_dump(mode="python", exclude={"log", "children"})
    table: dict[str, Any] = {"id": data.pop("id"), "parent": parent}
    table.update((k, data[k]) for k in _TASK_KEYS if k != "id")
    table = _clean(table)
    if task.log:
        table["log"] = [_clean(e.model_dump(mode="python")) for e in task.log]
    return table


def to_document(plan: Plan) -> dict[str, Any]:
    """The plan as the plain document written to TOML (and JSON): one table per task."""
    doc: dict[str, Any] = {k: getattr(plan, k) for k in _PLAN_KEYS}
    doc["settings"] = _clean(plan.settings.model_dump(mode="python"))
    if plan.roster:
        doc["roster"] = {k: list(v) for k, v in sorted(plan.roster.items())}
    doc["targets"] = [_clean(i.model_dump(mode="python")) for i in plan.targets]
    tasks: list[dict[str, Any]] = []

    def add(task: Task, parent: str) -> None:
        tasks.append(_task_table(task, parent))
        for child in task.children:
            add(child, task.id)

    for area in plan.areas:
        add(area, "")
    doc["tasks"] = tasks
    return _to_plain(doc)


def _to_plain(value: Any) -> Any:
    """Turn enums into their codes so tomli-w can write them."""
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def dumps(plan: Plan) -> str:
    """The plan as TOML text; the same plan always gives the same text."""
    return tomli_w.dumps(to_document(plan), multiline_strings=True)


# --- reading -------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "string_type": "应为文字（加引号）",
    "list_type": "应为列表",
    "dict_type": "应为表",
    "model_type": "应为表",
    "date_type": "应为日期（如 2024-06-30）",
    "date_parsing": "应为日期（如 2024-06-30）",
    "date_from_datetime_parsing": "应为日期（如 2024-06-30）",
    "date_from_datetime_inexact": "应为日期，不带时间",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "bool_type": "应为 true 或 false",
}


def _explain(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    text = _PYDANTIC_MESSAGES.get(kind, error.get("msg", "取值无效"))
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        text = f"不能小于 {ctx.get('ge')}"
    elif kind == "less_than_equal":
        text = f"不能大于 {ctx.get('le')}"
    elif kind in ("enum", "literal_error") and "expected" in ctx:
        text = f"取值应为 {ctx['expected']}"
    if kind != "missing" and "input" in error:
        text += f"（现为 {error['input']!r}）"
    return text


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p if not isinstance(p, int) else p + 1) for p in loc)


def _header_lines(text: str, header: str) -> list[int]:
    """Line numbers (1-based) of every ``[[header]]`` in the text."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == f"[[{header}]]"]


def _line_where(lines: list[int], index: int) -> str:
    return f"第{lines[index]}行" if index < len(lines) else ""


_TOML_REASONS = {
    "Cannot overwrite a value": "同一个键写了两次",
    "Cannot declare": "表被重复声明",
    "Invalid value": "值无效（文字要加引号）",
    "Expected '=' after a key in a key/value pair": "键后面缺少等号",
    "Invalid statement": "无法识别的语句",
    "Unterminated string": "字符串缺少结尾引号",
    "Illegal character": "含有不允许的字符",
    "Invalid date or datetime": "日期无效",
    "Expected newline or end of document after a statement": "一行只能写一个键值",
    "Invalid initial character for a key part": "键名无效",
}


def _toml_error(exc: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """A Chinese reason and the line/column of a TOML syntax error."""
    text = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    where = f"第{match.group(1)}行第{match.group(2)}列" if match else ""
    if match is None and "end of document" in text:
        where = "文件末尾"
    raw = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    reason = next((zh for en, zh in _TOML_REASONS.items() if raw.startswith(en)), raw)
    return f"TOML 格式错误：{reason}", where


def loads(text: str, file: str | Path = "<文本>") -> Plan:
    """Parse and validate TOML text; raise :class:`PlanError` naming the place on failure."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason, where = _toml_error(exc)
        raise PlanError(reason, file, where) from None
    return from_document(raw, file, text)


def from_document(raw: dict[str, Any], file: str | Path = "<文本>", text: str = "") -> Plan:
    """Build a plan from a parsed TOML (or JSON) document of the store layout."""
    version = raw.get("schema_version")
    if version is None:
        raise PlanError("缺少 schema_version，这不像是 plan-tui 的计划文件", file)
    if version != SCHEMA_VERSION:
        raise PlanError(
            f"不支持的 schema_version = {version!r}，本程序只能读取 {SCHEMA_VERSION}",
            file,
            "schema_version",
        )
    task_rows = raw.get("tasks", [])
    if not isinstance(task_rows, list) or not all(isinstance(t, dict) for t in task_rows):
        raise PlanError("tasks 应为 [[tasks]] 表的列表", file, "tasks")
    task_lines = _header_lines(text, "tasks")
    tasks = _build_tree(task_rows, file, task_lines)
    fields = {k: v for k, v in raw.items() if k not in ("tasks",)}
    try:
        if "settings" in fields:
            Settings.model_validate(fields["settings"])
        for n, indicator in enumerate(fields.get("targets", []) or []):
            try:
                Indicator.model_validate(indicator)
            except ValidationError as exc:
                err = exc.errors()[0]
                where = _line_where(_header_lines(text, "targets"), n)
                field = _field_name(err["loc"])
                raise PlanError(
                    f"主要目标第{n + 1}项字段 {field}：{_explain(err)}", file, where
                ) from None
        return Plan.model_validate({**fields, "areas": tasks})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if p != "areas")
        raise PlanError(f"字段 {_field_name(loc)}：{_explain(err)}", file) from None


def _build_tree(rows: list[dict[str, Any]], file: str | Path, lines: list[int]) -> list[Task]:
    """Validate each ``[[tasks]]`` row and link them by ``parent`` into a tree."""
    by_id: dict[str, Task] = {}
    roots: list[Task] = []
    for n, row in enumerate(rows):
        where = _line_where(lines, n)
        row = dict(row)
        parent = row.pop("parent", "")
        log_rows = row.pop("log", [])
        label = f"第{n + 1}个任务（id={row.get('id', '?')}）"
        if "children" in row:
            raise PlanError(f"{label}不应有 children 字段，层级由 parent 表示", file, where)
        try:
            task = Task.model_validate(row)
            log = [LogEntry.model_validate(e) for e in log_rows]
        except ValidationError as exc:
            err = exc.errors()[0]
            field = _field_name(err["loc"])
            if log_rows and err["loc"] and err["loc"][0] in LogEntry.model_fields:
                field = f"log.{field}"
            raise PlanError(f"{label}字段 {field}：{_explain(err)}", file, where) from None
        except TypeError:
            raise PlanError(f"{label}的 log 应为 [[tasks.log]] 表的列表", file, where) from None
        if task.id in by_id:
            raise PlanError(f"{label}的 id 与前面的任务重复", file, where)
        if not isinstance(parent, str):
            raise PlanError(f"{label}的 parent 应为文字", file, where)
        if parent:
            if parent not in by_id:
                raise PlanError(f"{label}的 parent={parent!r} 不存在或不在它前面", file, where)
            by_id[parent].children.append(task)
        else:
            roots.append(task)
        task.log = log
        by_id[task.id] = task
    return roots


def load(path: str | Path) -> Loaded:
    """Read a plan file; raise :class:`PlanError` with a one-line Chinese message."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanError("文件不存在", path) from None
    except IsADirectoryError:
        raise PlanError("这是一个文件夹，不是计划文件", path) from None
    except OSError as exc:
        raise PlanError(f"无法读取（{exc.strerror}）", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError(f"不是 UTF-8 编码（第{exc.start}字节）", path) from None
    return Loaded(loads(text, path), fingerprint(data))


# --- saving --------------------------------------------------------------------------


def save(path: str | Path, plan: Plan, expected: str | None = None, force: bool = False) -> str:
    """Write the plan atomically and return the new fingerprint.

    ``expected`` is the fingerprint the caller loaded; when the file on disk differs,
    :class:`ConflictError` is raised instead of overwriting, unless ``force`` is set.
    The text goes to a temp file in the same folder, is fsynced, validated, and then
    replaces the target, so a writer killed at any moment leaves the old or new file.
    """
    path = Path(path)
    if not force and expected is not None:
        current = disk_fingerprint(path)
        if current is not None and current != expected:
            raise ConflictError(
                "文件在打开后已被其他程序或同事修改，为免覆盖未保存；请重新载入，或确认后强制保存",
                path,
            )
    data = dumps(plan).encode("utf-8")
    loads(data.decode("utf-8"), path)  # never write what we could not read back
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp_name, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    written = path.read_bytes()
    if written != data:
        raise PlanError("写入后读回的内容与预期不一致", path)
    return fingerprint(written)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
