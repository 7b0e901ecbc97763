"""A cache of parsed plan files, keyed by a hash of each file's whole bytes.

Parsing the TOML is the largest part of reading a big plan. The parsed document is a
function of the file's bytes alone, so it is kept under the user's cache folder in a
file named by the SHA-256 of those bytes; a file with the same bytes is read from
there, and an edited file (other bytes, another hash) never is. The plan is still
validated from the document on every read, so the rules of the running program always
apply; only the TOML parse is saved.

- A document is stored the second time the same bytes are read (the first read leaves
  an empty marker): a plan read once, e.g. just before it is changed, costs nothing more.
- Entries are plain data written with :mod:`marshal` (no code, no pickle), dates tagged
  as tuples (TOML gives no tuples). An entry is read only if it is a regular file owned
  by the user and not writable by others (on POSIX), and only if its header names this
  format, this Python's marshal version and the same hash, and the checksum of its
  content matches. The rows are records read one at a time (so the entry is never held
  whole) and the checksum is checked after the last: a plan built from an entry that
  fails it is thrown away and the file parsed.
- The folder is capped (:data:`LIMIT_BYTES`, :data:`LIMIT_FILES`); the least recently
  used files go first.
- Any problem (no folder, unwritable, corrupt or foreign entry) is ignored silently: the
  file is then parsed as without a cache. ``PLAN_TUI_CACHE_DIR`` names another folder;
  ``PLAN_TUI_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

HEADER = f"plan-tui parsed plan 2 marshal {marshal.version} py {sys.version_info[:2]}\n".encode()
"""First line of every entry: entries of another format or Python are ignored."""
LIMIT_BYTES = 256 * 1024 * 1024
"""The cache folder is pruned to this many bytes (entries are about the plan's size)."""
LIMIT_FILES = 200
"""…and to this many files (entries and markers)."""
_ENTRY, _SEEN = ".plan", ".seen"
_SUM = 64  # hex digits of an entry's checksum
_LAST = 0xFFFFFFFF  # the size that marks the end of an entry's records
_END = object()
_BUFFER = 1 << 16


def cache_dir() -> Path | None:
    """The folder of the cache; ``None`` when the cache is turned off."""
    if os.environ.get("PLAN_TUI_NO_CACHE"):
        return None
    chosen = os.environ.get("PLAN_TUI_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("plan-tui", appauthor=False)) / "parsed"


def fetch(digest: str) -> tuple[dict[str, Any], Iterator[dict[str, Any]]] | None:
    """The parsed document of the bytes with hash ``digest``, as its head (the document
    without tasks) and its task rows, each read from the entry when it is reached;
    ``None`` when the bytes are not in the cache.

    The rows' iterator raises :class:`Unreadable` when a row does not read or, at the
    end, when the entry's checksum does not match: the caller then parses the file.
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{digest}{_ENTRY}"
    handle = _open_own(path)
    if handle is None:
        return None
    try:
        expected = HEADER + digest.encode() + b"\n"
        if handle.read(len(expected)) != expected:
            raise Unreadable
        checksum = handle.read(_SUM + 1)[:_SUM]
        hasher = hashlib.sha256()
        head = _record(handle, hasher)
        if not isinstance(head, dict):
            raise Unreadable
        os.utime(path)  # recently used: pruned last
    except (OSError, Unreadable):
        handle.close()
        return None
    return head, _rows(handle, hasher, checksum)


def _record(handle: BinaryIO, hasher: Any) -> Any:
    """The next record of an entry (its dates untagged), ``_END`` after the last one."""
    size_bytes = handle.read(4)
    if len(size_bytes) < 4:
        raise Unreadable
    size = int.from_bytes(size_bytes, "little")
    if size == _LAST:
        return _END
    blob = handle.read(size)
    if len(blob) != size:
        raise Unreadable
    hasher.update(size_bytes)
    hasher.update(blob)
    try:
        found = marshal.loads(blob)
        _untag(found)
    except (EOFError, ValueError, TypeError, IndexError, RecursionError, AttributeError):
        raise Unreadable from None
    return found


def _rows(handle: BinaryIO, hasher: Any, checksum: bytes) -> Iterator[dict[str, Any]]:
    with handle:
        while True:
            try:
                row = _record(handle, hasher)
            except OSError:
                raise Unreadable from None
            if row is _END:
                break
            if not isinstance(row, dict):
                raise Unreadable
            yield row
        if hasher.hexdigest().encode() != checksum:
            raise Unreadable


class Unreadable(Exception):
    """A cached entry that cannot be read: the file is then parsed instead."""


def _open_own(path: Path) -> BinaryIO | None:
    """``path`` opened for reading if it is a regular file only the user can have
    written (never waiting on a FIFO put in its place)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    handle = os.fdopen(fd, "rb", buffering=_BUFFER)
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode) or not _own(info):
        handle.close()
        return None
    return handle


def _own(info: os.stat_result) -> bool:
    if not hasattr(os, "getuid"):  # Windows: the cache folder is the user's own
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class Filling:
    """What a parse of bytes not in the cache does for the cache.

    When the same bytes were read before, the parsed head and each task row are packed
    as they come (:meth:`head`, :meth:`row`) and written once the plan proved valid
    (:meth:`store`); otherwise the bytes are only noted as seen.
    """

    def __init__(self, digest: str) -> None:
        self.digest = digest
        self.folder = cache_dir()
        self.packed: tuple[bytes, list[bytes]] | None = None
        if self.folder is None:
            return
        seen = self.folder / f"{digest}{_SEEN}"
        try:
            if seen.exists():
                self.packed = (b"", [])
            else:
                _write(self.folder, seen.name, [])
                prune(self.folder)  # markers of files read only once must not pile up
        except OSError:
            self.packed = None

    def head(self, doc: dict[str, Any]) -> None:
        """Pack the document's head (its tasks, if any, are left out)."""
        if self.packed is not None:
            head = {k: v for k, v in doc.items() if k != "tasks"}
            self.packed = (self._pack(head), self.packed[1])

    def row(self, row: Any) -> None:
        """Pack one task row (anything but a table: the plan is not cached)."""
        if self.packed is not None:
            if isinstance(row, dict):
                self.packed[1].append(self._pack(row))
            else:
                self.packed = None

    def restart(self) -> None:
        """Forget what was packed: the same bytes are being parsed again."""
        if self.packed is not None:
            self.packed = (b"", [])

    def _pack(self, doc: dict[str, Any]) -> bytes:
        try:
            return _pack(doc)
        except (ValueError, TypeError, RecursionError):
            self.packed = None  # a value the cache does not keep: the plan is not cached
            return b""

    def store(self) -> None:
        """Write the packed entry (the plan was valid), then prune the folder."""
        if self.folder is None or self.packed is None:
            return
        try:
            packed_head, rows = self.packed
            self.packed = None
            records = [_sized(packed_head), *map(_sized, rows)]
            del rows
            hasher = hashlib.sha256()
            for record in records:
                hasher.update(record)
            records.append(_LAST.to_bytes(4, "little"))
            header = HEADER + self.digest.encode() + b"\n" + hasher.hexdigest().encode() + b"\n"
            _write(self.folder, f"{self.digest}{_ENTRY}", [header, *records])
            (self.folder / f"{self.digest}{_SEEN}").unlink(missing_ok=True)
            prune(self.folder)
        except (OSError, ValueError, OverflowError):
            pass
        finally:
            self.packed = None


def _sized(blob: bytes) -> bytes:
    """A record: the blob's length (4 bytes, little-endian), then the blob."""
    if len(blob) >= _LAST:
        raise ValueError("a record too large for the cache")
    return len(blob).to_bytes(4, "little") + blob


def _pack(doc: dict[str, Any]) -> bytes:
    """The document as marshal bytes, dates tagged (the document is left as it was)."""
    spots: list[tuple[Any, Any, date]] = []
    try:
        _tag(doc, spots)
        return marshal.dumps(doc)
    finally:
        for holder, key, day in spots:
            holder[key] = day


def _tag(node: Any, spots: list[tuple[Any, Any, date]]) -> None:
    """Replace each date with ``(ordinal,)``, noting where; refuse other TOML times."""
    items = node.items() if node.__class__ is dict else enumerate(node)
    for key, value in items:  # values are replaced, never added: iterating stays valid
        kind = value.__class__
        if kind is dict or kind is list:
            _tag(value, spots)
        elif kind is date:
            spots.append((node, key, value))
            node[key] = (value.toordinal(),)
        elif kind not in (str, int, float, bool):
            raise ValueError("a value the cache does not keep")  # datetime, time


def _untag(node: Any) -> None:
    """Turn every ``(ordinal,)`` back into its date."""
    to_date = date.fromordinal
    items = node.items() if node.__class__ is dict else enumerate(node)
    for key, value in items:
        kind = value.__class__
        if kind is tuple:
            node[key] = to_date(value[0])
        elif kind is dict or kind is list:
            _untag(value)


def _write(folder: Path, name: str, parts: list[bytes]) -> None:
    """Write a file of the cache atomically (readable and writable by the user only)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = folder / f".{name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(parts)
        os.replace(temp, folder / name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def prune(folder: Path) -> None:
    """Remove the least recently used files until the folder is within its limits."""
    found = []
    for entry in os.scandir(folder):
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((info.st_mtime, info.st_size, entry.path))
    found.sort()
    total = sum(size for _, size, _ in found)
    for count, (_, size, path) in enumerate(found):
        if total <= LIMIT_BYTES and len(found) - count <= LIMIT_FILES:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
