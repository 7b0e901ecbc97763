"""Reading a plan's text piece by piece: the part before the first task, then each task.

In the text :func:`~plan_tui.store.document.dumps` writes, every task's table follows a
blank line and a ``[[tasks]]`` header. Parsed one task at a time, each task's table is
built into its task and let go, so the parsed document is never held whole beside the
plan (a read then needs less memory than parsing the file alone).

The pieces must mean what the whole text means. A piece holding anything but task
tables, or a head holding tasks, is refused (:class:`NotPieces`). A cut inside a
multi-line string leaves that string unclosed in its piece, which does not parse. In
every such case, and on any error in the plan, the caller reads the whole text as one
document instead, which also gives an error its line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tomli

from .document import TASK_SEPARATOR


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
    doc = tomli.loads(text[: starts[0]])
    if "tasks" in doc:
        raise NotPieces
    return doc


def rows(text: str, starts: list[int]) -> Iterator[dict[str, Any]]:
    """Each task's table, parsed from its own piece of the text, in file order."""
    ends = [*starts[1:], len(text)]
    for start, end in zip(starts, ends, strict=True):
        part = tomli.loads(text[start + 2 : end])
        if len(part) != 1 or not isinstance(part.get("tasks"), list):
            raise NotPieces
        yield from part["tasks"]
