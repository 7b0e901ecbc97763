"""Reading a plan's text piece by piece: the part before the first task, then each task.

In the text :func:`~plan_tui.store.document.dumps` writes, every task's table follows a
blank line and a ``[[tasks]]`` header. Parsed one task at a time, each task's table is
built into its task and let go, so the parsed document is never held whole beside the
plan (a read then needs less memory than parsing the file alone). A file can be cut
the same way while it is read (:func:`byte_pieces`), so that not even its whole text
is held.

The pieces must mean what the whole text means. A piece holding anything but task
tables, or a head holding tasks, is refused (:class:`NotPieces`). A cut inside a
multi-line string leaves that string unclosed in its piece, which does not parse. In
every such case, and on any error in the plan, the caller reads the whole text as one
document instead, which also gives an error its line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import tomli

from .document import TASK_SEPARATOR

_SEPARATOR = TASK_SEPARATOR.encode()
BOM = b"\xef\xbb\xbf"


class NotPieces(Exception):
    """The text cannot be read piece by piece; read it whole."""


def task_starts(text: str) -> list[int]:
    """Where each task's separator starts (empty when the text has no such task)."""
    starts = []
    at = text.find(TASK_SEPARATOR)
    while at != -1:
        starts.append(at)
        at = text.find(TASK_SEPARATOR, at + 1)
    return starts


def head(text: str, starts: list[int]) -> dict[str, Any]:
    """The document of the text before the first task."""
    return head_document(text[: starts[0]])


def head_document(text: str, alone: bool = False) -> dict[str, Any]:
    """The document of a head (the text before the first task), which holds no task;
    ``alone``, when no task follows, it may say ``tasks = []`` (a plan without tasks)."""
    doc = tomli.loads(text)
    if "tasks" in doc and not (alone and doc["tasks"] == []):
        raise NotPieces
    return doc


def rows(text: str, starts: list[int]) -> Iterator[dict[str, Any]]:
    """Each task's table, parsed from its own piece of the text, in file order."""
    ends = [*starts[1:], len(text)]
    for start, end in zip(starts, ends, strict=True):
        yield from task_rows(text[start + 2 : end])


def task_rows(piece: str) -> list[dict[str, Any]]:
    """The task table of one piece (its text from the ``[[tasks]]`` header on)."""
    part = tomli.loads(piece)
    if len(part) != 1 or not isinstance(part.get("tasks"), list):
        raise NotPieces
    tasks: list[dict[str, Any]] = part["tasks"]
    return tasks


def byte_pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A file's bytes, read in ``chunks``, cut where :func:`task_starts` cuts its text.

    The byte-order mark is dropped and ``\\r\\n`` read as ``\\n``, as when the text is
    decoded whole. Yields the head first, then each task's piece starting with its
    separator. The separator is ASCII, so each piece is whole UTF-8 on its own.
    """
    rest, carry, head_done, first = b"", b"", False, True
    for chunk in chunks:
        data = carry + chunk
        if first:
            data, first = data.removeprefix(BOM), False
        carry = b"\r" if data.endswith(b"\r") else b""
        buffer = rest + data[: len(data) - len(carry)].replace(b"\r\n", b"\n")
        start = 0
        at = buffer.find(_SEPARATOR, start if not head_done else start + 1)
        while at != -1:
            yield buffer[start:at]
            head_done, start = True, at
            at = buffer.find(_SEPARATOR, start + 1)
        rest = buffer[start:]
    yield rest + carry
