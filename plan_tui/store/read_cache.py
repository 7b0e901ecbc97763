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
  content matches.
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
from typing import Any

HEADER = f"plan-tui parsed plan 1 marshal {marshal.version} py {sys.version_info[:2]}\n".encode()
"""First line of every entry: entries of another format or Python are ignored."""
LIMIT_BYTES = 256 * 1024 * 1024
"""The cache folder is pruned to this many bytes (entries are about the plan's size)."""
LIMIT_FILES = 200
"""…and to this many files (entries and markers)."""
_ENTRY, _SEEN = ".plan", ".seen"
_SUM = 64  # hex digits of an entry's checksum


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
    without tasks) and its task rows, each unpacked when it is reached; ``None`` when
    the bytes are not in the cache."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{digest}{_ENTRY}"
    try:
        data = _read_own(path)
        if data is None:
            return None
        start = len(HEADER) + len(digest) + 1
        header, checksum = data[:start], data[start : start + _SUM]
        payload = memoryview(data)[start + _SUM + 1 :]
        if header != HEADER + digest.encode() + b"\n" or checksum != _checksum(payload):
            return None
        found = marshal.loads(payload)
        del data, payload
        packed_head, packed = found
        head = marshal.loads(packed_head)
        if not isinstance(head, dict) or not isinstance(packed, list):
            return None
        _untag(head)
        os.utime(path)  # recently used: pruned last
    except (OSError, EOFError, ValueError, TypeError, IndexError, RecursionError):
        return None
    return head, _unpacked(packed)


def _unpacked(packed: list[bytes]) -> Iterator[dict[str, Any]]:
    for n, blob in enumerate(packed):
        packed[n] = b""  # let each row's bytes go once it is read
        try:
            row = marshal.loads(blob)
            _untag(row)
        except (EOFError, ValueError, TypeError, IndexError, RecursionError):
            raise Unreadable from None
        if not isinstance(row, dict):
            raise Unreadable
        yield row


class Unreadable(Exception):
    """A cached row that cannot be read: the file is then parsed instead."""


def _checksum(payload: bytes | memoryview) -> bytes:
    """Catches an entry damaged on disk (a changed byte could still unmarshal)."""
    return hashlib.sha256(payload).hexdigest().encode()


def _read_own(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file only the user can have written
    (never waiting on a FIFO put in its place)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _own(info):
            return None
        return f.read()


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
                _write(self.folder, seen.name, b"")
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
            payload = marshal.dumps(self.packed)
            header = HEADER + self.digest.encode() + b"\n" + _checksum(payload) + b"\n"
            _write(self.folder, f"{self.digest}{_ENTRY}", header + payload)
            (self.folder / f"{self.digest}{_SEEN}").unlink(missing_ok=True)
            prune(self.folder)
        except (OSError, ValueError):
            pass
        finally:
            self.packed = None


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


def _write(folder: Path, name: str, data: bytes) -> None:
    """Write a file of the cache atomically (readable and writable by the user only)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = folder / f".{name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
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
