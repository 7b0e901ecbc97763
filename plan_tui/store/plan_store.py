"""Reading and writing plans as TOML: readable, deterministic, diff-friendly, atomic.

Every write holds the plan's lock (:mod:`.lock`) from reading the file on disk to
replacing it, so writers take turns and none loses another's work:

- :func:`update` is how a command changes a plan: under the lock it loads the file as it
  is now, applies the change, and writes only the changed tasks' text into the file's
  own (:mod:`.splice`), so a write costs about one read.
- :func:`save` writes a whole plan; with ``expected`` it refuses (``ConflictError``) when
  the file is no longer the one the caller loaded.

The file keeps what it was: its line endings (LF or CRLF) and byte-order mark, its
permission bits, owner and group (:mod:`.files`), and a symlink stays a symlink.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..model import Plan
from ..model.errors import ConflictError, PlanError
from . import files, read_cache
from .document import dumps, to_document
from .lock import plan_lock
from .parsing import UNREAD, cached_plan, parse_chunks, parse_plan
from .pieces import BOM
from .reader import from_document
from .splice import snapshot, splice
from .task_texts import TaskTexts

__all__ = [
    "CONFLICT_MESSAGE",
    "Loaded",
    "TaskTexts",
    "disk_fingerprint",
    "dumps",
    "fingerprint",
    "from_document",
    "load",
    "loads",
    "read_file",
    "save",
    "to_document",
    "update",
]


@dataclass(frozen=True)
class Loaded:
    """A plan together with the fingerprint of the bytes it was read from."""

    plan: Plan
    fingerprint: str
    result: Any = None
    """What the change given to :func:`update` returned."""
    text: str = field(default="", repr=False, compare=False)
    """The text the plan was read from (line endings as ``\\n``, no byte-order mark),
    kept by :func:`update`, which writes into it; empty after :func:`load`."""
    bom: bool = False
    """Whether the file starts with a UTF-8 byte-order mark (kept when saving)."""
    crlf: bool = False
    """Whether the file's lines end with ``\\r\\n`` (kept when saving)."""


def fingerprint(data: bytes) -> str:
    """Content hash used to notice changes made on disk by another writer."""
    return hashlib.sha256(data).hexdigest()


def disk_fingerprint(path: str | Path) -> str | None:
    """Fingerprint of the file as it is on disk now; ``None`` when it does not exist
    (or is not a regular file, which is never opened)."""
    try:
        if files.refuse_unless_regular(Path(path)) is None:
            return None
        return fingerprint(Path(path).read_bytes())
    except (FileNotFoundError, NotADirectoryError, PlanError):
        return None


# --- reading -------------------------------------------------------------------------


def loads(text: str, file: str | Path = "<文本>") -> Plan:
    """Parse and validate TOML text; raise :class:`PlanError` naming the place on failure."""
    if not text.strip():
        raise PlanError("文件是空的，不是计划文件（应以 schema_version = 1 开头）", file)
    return parse_plan(text, file)


def read_file(path: str | Path) -> bytes:
    """The bytes of a plan file; a one-line Chinese :class:`PlanError` when unreadable.

    A folder, FIFO, socket or device is refused before it is opened.
    """
    return files.read_regular(path)


def _decode(data: bytes, path: Path) -> tuple[str, bool, bool]:
    """The text with ``\\n`` line endings, whether it had a BOM, whether it used CRLF."""
    bom = data.startswith(BOM)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "，可能是 GBK 编码" if _is_gbk(data) else ""
        raise PlanError(
            f"不是 UTF-8 编码{hint}，请用 UTF-8 编码另存后再试", path, f"第{line}行"
        ) from None
    first = text.find("\n")
    crlf = first > 0 and text[first - 1] == "\r"
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text, bom, crlf


def load(path: str | Path) -> Loaded:
    """Read a plan file; raise :class:`PlanError` with a one-line Chinese message.

    The file is read in chunks and built task by task, so its whole text is never
    held (the result's ``text`` is empty). The parse of bytes read before may come
    from :mod:`.read_cache`; the plan is validated all the same. A file that cannot be
    read that way, or holds an error, is read whole, which names the error's line.
    """
    path = Path(path)
    # when the chunked read gives up, cutting the whole text would give up the same way
    return _load_by_chunks(path) or _load(path, read_cache.Filling, by_pieces=False)


_CHUNK = 1 << 20


def _load_by_chunks(path: Path) -> Loaded | None:
    """:func:`load` without holding the whole text; ``None`` when the file must be read
    whole (not a plain regular file, changed while read, not cut into tasks, or with an
    error in it)."""
    try:
        if files.refuse_unless_regular(path) is None:
            return None
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 (closed below, on every way out)
    except (OSError, PlanError):
        return None
    with handle:
        before = os.fstat(handle.fileno())
        hasher, first = hashlib.sha256(), b""
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            first = first or chunk
            hasher.update(chunk)
        if b"\n" not in first or not stat.S_ISREG(before.st_mode):
            return None  # a first line longer than a chunk: read whole
        digest = hasher.hexdigest()
        plan = cached_plan(digest, "", path)
        if plan is None:
            handle.seek(0)
            filling = read_cache.Filling(digest)
            try:
                plan = parse_chunks(iter(lambda: handle.read(_CHUNK), b""), path, filling)
            except UNREAD:
                return None
        after = os.fstat(handle.fileno())
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        return None
    return Loaded(plan, digest, bom=first.startswith(BOM), crlf=_first_line_crlf(first))


def _load(
    path: Path,
    filling: Callable[[str], read_cache.Filling] | None = None,
    by_pieces: bool = True,
) -> Loaded:
    """The plan and the whole text it was read from; ``filling`` makes the cache's
    :class:`~.read_cache.Filling` for the bytes (``None``: the cache is not told);
    ``by_pieces`` as for :func:`~.parsing.parse_plan`."""
    data = read_file(path)
    digest = fingerprint(data)
    text, bom, crlf = _decode(data, path)
    del data  # the bytes are not needed while the plan is built
    plan = cached_plan(digest, text, path)
    if plan is None:
        if not text.strip():
            loads(text, path)  # the message for an empty file
        plan = parse_plan(text, path, filling(digest) if filling else None, by_pieces)
    return Loaded(plan, digest, text=text, bom=bom, crlf=crlf)


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


# --- writing -------------------------------------------------------------------------

CONFLICT_MESSAGE = (
    "文件在载入后已被其他程序或同事修改，为免覆盖对方的修改，本次没有保存；"
    "请重新载入后再改，或确认后强制保存"
)


def _encode(text: str, bom: bool, crlf: bool, path: Path) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError("内容里有无法用 UTF-8 保存的字符，未保存", path) from None
    return BOM + data if bom else data


def _write(path: Path, data: bytes) -> str:
    """Replace the plan with ``data`` (the lock is held) and return the new fingerprint."""
    target = files.real_target(path)
    info = files.refuse_unless_regular(target)
    if info is not None:
        files.refuse_if_read_only(target, info, path)
        files.refuse_if_hard_linked(info, path)
    files.remove_stale_temps(target)
    try:
        files.atomic_write(target, data, info)
    except OSError as exc:
        raise PlanError(f"无法保存（{files.os_reason(exc)}），原文件未改动", path) from None
    try:
        written = target.read_bytes()
    except OSError as exc:
        raise PlanError(f"保存后无法读回（{files.os_reason(exc)}）", path) from None
    if written != data:
        raise PlanError(
            "保存后读回的内容与刚写入的不同：可能有不经本程序加锁的程序同时改写了这个文件，"
            "请重新载入核对",
            path,
        )
    return fingerprint(written)


def save(
    path: str | Path,
    plan: Plan,
    expected: str | None = None,
    force: bool = False,
    texts: TaskTexts | None = None,
) -> str:
    """Write the plan atomically under the plan's lock and return the new fingerprint.

    ``expected`` is the fingerprint the caller loaded; when the file on disk differs,
    :class:`ConflictError` is raised instead of overwriting, unless ``force`` is set (or
    the caller uses :func:`update`, which applies a change to the file as it is now). The
    text is validated before anything is written (``texts`` checks only what changed),
    the file keeps its line endings and byte-order mark, and it is read back after the
    replace and compared with what was written.
    """
    path = Path(path)
    with plan_lock(path):
        target = files.real_target(path)
        info = files.refuse_unless_regular(target)
        current = files.read_regular(target) if info is not None else None
        changed = current is not None and fingerprint(current) != expected
        if changed and expected is not None and not force:
            raise ConflictError(CONFLICT_MESSAGE, path)
        if texts is None:
            text = dumps(plan)
            loads(text, path)  # never write what could not be read back
        else:
            text = texts.dumps(plan, path)
        bom = current is not None and current.startswith(BOM)
        crlf = current is not None and _first_line_crlf(current)
        return _write(path, _encode(text, bom, crlf, path))


def _first_line_crlf(data: bytes) -> bool:
    first = data.find(b"\n")
    return first > 0 and data[first - 1 : first] == b"\r"


def update(path: str | Path, change: Callable[[Plan], Any]) -> Loaded:
    """Apply ``change`` to the plan as it is on disk now, under the plan's lock.

    ``change(plan)`` edits the plan in place and may return a value, kept as the result's
    ``result``; if it raises, nothing is written. Only the tasks the change touched are
    formatted anew (see :mod:`.splice`); when nothing changed, nothing is written.
    Returns the plan as saved.
    """
    path = Path(path)
    with plan_lock(path):
        loaded = _load(path)  # about to change: not worth caching
        plan = loaded.plan
        before = snapshot(plan)
        result = change(plan)
        text = splice(loaded.text, before, plan, path)
        if text is None:
            text = dumps(plan)
            loads(text, path)
        if text == loaded.text:
            return replace(loaded, result=result)
        new = _write(path, _encode(text, loaded.bom, loaded.crlf, path))
        return Loaded(plan, new, result, text=text, bom=loaded.bom, crlf=loaded.crlf)
