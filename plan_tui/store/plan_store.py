"""Reading and writing plans as TOML: readable, deterministic, diff-friendly, atomic.

The file holds the plan's fields, then one ``[[tasks]]`` table per task in tree order,
each naming its ``parent`` by id and followed by its ``[[tasks.log]]`` entries. Editing a
task touches only that task's lines, and a new log entry only adds lines, so two people's
edits to different tasks merge cleanly as text. The layout is written by
:mod:`plan_tui.store.format`; files are read back by :mod:`plan_tui.store.reader`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import time
import tomllib
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..model import Plan, Task
from ..model.errors import ConflictError, PlanError
from .format import HEADER, dumps_document, table_lines
from .messages import toml_error
from .reader import PLAN_KEYS, TASK_KEYS, from_document

__all__ = [
    "Loaded",
    "TaskTexts",
    "disk_fingerprint",
    "dumps",
    "fingerprint",
    "from_document",
    "load",
    "loads",
    "save",
    "to_document",
]


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
    except (FileNotFoundError, NotADirectoryError):
        return None


# --- writing -------------------------------------------------------------------------


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values, which TOML cannot hold; missing keys read back as ``None``."""
    return {k: v for k, v in data.items() if v is not None}


def _task_table(task: Task, parent: str) -> dict[str, Any]:
    data = task.model_dump(mode="python", exclude={"log", "children"})
    table: dict[str, Any] = {"id": data.pop("id"), "parent": parent}
    table.update((k, data[k]) for k in TASK_KEYS if k != "id")
    table = _clean(table)
    if task.log:
        table["log"] = [_clean(e.model_dump(mode="python")) for e in task.log]
    return table


def to_document(plan: Plan) -> dict[str, Any]:
    """The plan as the plain document written to TOML (and JSON): one table per task."""
    doc: dict[str, Any] = {k: getattr(plan, k) for k in PLAN_KEYS}
    doc["settings"] = _clean(plan.settings.model_dump(mode="python"))
    if plan.roster:
        doc["roster"] = {k: list(v) for k, v in sorted(plan.roster.items())}
    doc["targets"] = [_clean(i.model_dump(mode="python")) for i in plan.targets]
    if plan.conflicts:  # before the tasks, where a reader of the file sees them first
        doc["conflicts"] = [_clean(c.model_dump(mode="python")) for c in plan.conflicts]
    tasks: list[dict[str, Any]] = []

    def add(task: Task, parent: str) -> None:
        tasks.append(_task_table(task, parent))
        for child in task.children:
            add(child, task.id)

    for area in plan.areas:
        add(area, "")
    doc["tasks"] = tasks
    plain: dict[str, Any] = _to_plain(doc)
    return plain


def _to_plain(value: Any) -> Any:
    """Turn enums into their codes so the document holds only plain values."""
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def dumps(plan: Plan) -> str:
    """The plan as TOML text; the same plan always gives the same text."""
    return dumps_document(to_document(plan))


_LISTS = ("children", "partners", "tags", "log")
_plain_fields = itemgetter(*[k for k in Task.model_fields if k not in _LISTS])


def _signature(task: Task) -> tuple[Any, ...]:
    """A task's own field values (not its children), copied so later changes show."""
    data = task.__dict__
    log = data["log"]
    return (
        _plain_fields(data),
        tuple(data["partners"]),
        tuple(data["tags"]),
        tuple([tuple(entry.__dict__.values()) for entry in log]) if log else (),
    )


_YIELD_EVERY = 32
"""Tasks between two turns given to other threads while saving from a background one."""


class TaskTexts:
    """The TOML of each task as last written, for a writer that saves the same plan often.

    A task whose fields (log entries included) and parent are what they were at the last
    save gives the same text again, so :meth:`dumps` formats and checks only the tasks that
    are new or changed, comparing plain values rather than formatting every task: each
    new text is parsed back and must give exactly the table it was written from, the
    plan's own fields are validated as :func:`loads` would, and task ids must be unique.
    The result is byte for byte the text of :func:`dumps`.
    """

    def __init__(self) -> None:
        self._texts: dict[str, tuple[tuple[Any, ...], str, str]] = {}

    def dumps(self, plan: Plan, file: str | Path = "<文本>") -> str:
        """The plan as TOML text, checked; :class:`PlanError` if it would not read back."""
        if not plan.areas:  # written as ``tasks = []`` among the plan's fields
            self._texts = {}
            text = dumps(plan)
            loads(text, file)
            return text
        fields = to_document(plan.model_copy(update={"areas": []}))
        del fields["tasks"]
        top: list[str] = []
        table_lines(fields, "", False, top)
        head = HEADER + "\n".join(top)
        loads(head, file)  # the plan's own fields, checked as in a whole file
        old, texts = self._texts, {}
        parts = [head]
        stack = [(area, "") for area in reversed(plan.areas)]
        while stack:
            if len(parts) % _YIELD_EVERY == 0:
                time.sleep(0)  # from a background thread: let the UI thread have its turn
            task, parent = stack.pop()
            known = old.get(task.id)
            if task.id in texts:
                raise PlanError(f"任务编号重复：{task.id}", file)
            signature = _signature(task)
            if known is not None and known[0] == signature and known[1] == parent:
                text = known[2]
            else:
                text = self._checked_text(task, parent, file)
            texts[task.id] = (signature, parent, text)
            parts.append(text)
            stack.extend((child, task.id) for child in reversed(task.children))
        self._texts = texts
        return "\n\n".join(parts) + "\n"

    @staticmethod
    def _checked_text(task: Task, parent: str, file: str | Path) -> str:
        table = _to_plain(_task_table(task, parent))
        lines: list[str] = []
        table_lines(table, "tasks", True, lines)
        text = "\n".join(lines)
        try:
            same = tomllib.loads(text) == {"tasks": [table]}
        except tomllib.TOMLDecodeError:
            same = False
        if not same:
            raise PlanError(f"任务 {task.id} 写出后读回不一致，未保存", file)
        return text


# --- reading -------------------------------------------------------------------------


def loads(text: str, file: str | Path = "<文本>") -> Plan:
    """Parse and validate TOML text; raise :class:`PlanError` naming the place on failure."""
    if not text.strip():
        raise PlanError("文件是空的，不是计划文件（应以 schema_version = 1 开头）", file)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason, where = toml_error(exc, text)
        raise PlanError(reason, file, where) from None
    return from_document(raw, file, text)


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在磁盘只读",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
}


def _os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def read_file(path: str | Path) -> bytes:
    """The bytes of a plan file; a one-line Chinese :class:`PlanError` when unreadable."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PlanError("文件不存在", path) from None
    except IsADirectoryError:
        raise PlanError("这是一个文件夹，不是计划文件", path) from None
    except OSError as exc:
        raise PlanError(f"无法读取（{_os_reason(exc)}）", path) from None


def load(path: str | Path) -> Loaded:
    """Read a plan file; raise :class:`PlanError` with a one-line Chinese message."""
    path = Path(path)
    data = read_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "，可能是 GBK 编码" if _is_gbk(data) else ""
        raise PlanError(
            f"不是 UTF-8 编码{hint}，请用 UTF-8 编码另存后再试", path, f"第{line}行"
        ) from None
    return Loaded(loads(text, path), fingerprint(data))


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


# --- saving --------------------------------------------------------------------------

CONFLICT_MESSAGE = (
    "文件在载入后已被其他程序或同事修改，为免覆盖对方的修改，本次没有保存；"
    "请重新载入后再改，或确认后强制保存"
)


def save(
    path: str | Path,
    plan: Plan,
    expected: str | None = None,
    force: bool = False,
    texts: TaskTexts | None = None,
) -> str:
    """Write the plan atomically and return the new fingerprint.

    ``expected`` is the fingerprint the caller loaded; when the file on disk differs,
    :class:`ConflictError` is raised instead of overwriting, unless ``force`` is set (or
    the caller reloads with :func:`load` and applies the change again). The text is
    validated, written to a temp file in the same folder, fsynced, and then replaces the
    target, so a writer killed at any moment leaves the old or the new file; finally the
    file is read back and compared with what was validated.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    check = expected is not None and not force
    if check:
        _refuse_if_changed(target, expected, path)
    try:
        if texts is None:
            data = dumps(plan).encode("utf-8")
            loads(data.decode("utf-8"), path)  # never write what could not be read back
        else:  # checks what it formats anew (see TaskTexts)
            data = texts.dumps(plan, path).encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError("内容里有无法用 UTF-8 保存的字符，未保存", path) from None
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PlanError(f"无法保存（{_os_reason(exc)}）", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))
        if check:
            _refuse_if_changed(target, expected, path)  # narrow the window before replacing
        os.replace(tmp_name, target)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PlanError(f"无法保存（{_os_reason(exc)}），原文件未改动", path) from None
        raise
    _fsync_dir(folder)
    written = target.read_bytes()
    if written != data:
        raise PlanError("写入后读回的内容与预期不一致，请检查磁盘", path)
    return fingerprint(written)


def _refuse_if_changed(target: Path, expected: str | None, path: Path) -> None:
    current = disk_fingerprint(target)
    if current is not None and current != expected:
        raise ConflictError(CONFLICT_MESSAGE, path)


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; new files get ``rw-r--r--``."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


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
