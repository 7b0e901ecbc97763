"""From a plan file's text (or its cached parse) to a validated plan.

The text is read piece by piece where it can be (:mod:`.pieces`: less memory, same
result), else as one document; a plan whose bytes were parsed before is built from the
cached parse (:mod:`.read_cache`). Every way ends in the same validation, and every
error is the one the whole-text read gives, with its line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

import tomli

from ..model import Plan
from ..model.errors import PlanError
from . import pieces, read_cache
from .messages import toml_error
from .reader import from_document, from_parts

UNREAD = (pieces.NotPieces, tomli.TOMLDecodeError, PlanError, RecursionError, UnicodeDecodeError)
"""What makes a read by pieces give up; the whole text is then read for the outcome."""


def parse_plan(
    text: str,
    file: str | Path,
    filling: read_cache.Filling | None = None,
    by_pieces: bool = True,
) -> Plan:
    """Parse and validate ``text``; with ``filling``, hand the parse to the cache.
    Without ``by_pieces`` the text is read as one document straight away."""
    starts = pieces.task_starts(text) if by_pieces else []
    if starts:
        try:
            return _by_pieces(text, starts, file, filling)
        except UNREAD:
            if filling is not None:
                filling.restart()
    return _whole(text, file, filling)


def parse_chunks(
    chunks: Iterable[bytes], file: str | Path, filling: read_cache.Filling | None = None
) -> Plan:
    """Parse and validate a plan file read in chunks (of at least 3 bytes), task by
    task, never holding its whole text; with ``filling``, hand the parse to the cache.

    Raises one of :data:`UNREAD` when the file cannot be read this way or the plan is
    not valid: the caller then reads the whole text, whose error names the line.
    """
    cut = pieces.byte_pieces(chunks)
    head_bytes, first = next(cut), next(cut, None)
    head = pieces.head_document(head_bytes.decode("utf-8"), alone=first is None)
    cut = chain([first], cut) if first is not None else iter(())
    rows = (row for piece in cut for row in pieces.task_rows(piece[2:].decode("utf-8")))
    return _built(head, rows, file, "", filling)


def _by_pieces(
    text: str, starts: list[int], file: str | Path, filling: read_cache.Filling | None
) -> Plan:
    return _built(pieces.head(text, starts), pieces.rows(text, starts), file, text, filling)


def _built(
    head: dict[str, Any],
    rows: Iterator[dict[str, Any]],
    file: str | Path,
    text: str,
    filling: read_cache.Filling | None,
) -> Plan:
    """The plan of a head and its task rows; with ``filling``, each goes to the cache."""
    if filling is not None:
        filling.head(head)
        rows = _noted(rows, filling)
    plan = from_parts(head, rows, file, text)
    if filling is not None:
        filling.store()
    return plan


def _noted(rows: Iterator[dict[str, Any]], filling: read_cache.Filling) -> Iterator[dict[str, Any]]:
    for row in rows:
        filling.row(row)
        yield row


def _whole(text: str, file: str | Path, filling: read_cache.Filling | None = None) -> Plan:
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        reason, where = toml_error(exc, text)
        raise PlanError(reason, file, where) from None
    except RecursionError:
        raise PlanError("TOML 格式错误：列表或内联表嵌套太深", file) from None
    if filling is not None:
        filling.head(raw)
        rows = raw.get("tasks", [])
        for row in rows if isinstance(rows, list) else [None]:
            filling.row(row)
    try:
        plan = from_document(raw, file, text, consume=True)
    except RecursionError:
        raise PlanError("内容嵌套太深，不是计划文件的结构", file) from None
    if filling is not None:
        filling.store()
    return plan


def cached_plan(digest: str, text: str, file: str | Path) -> Plan | None:
    """The plan built from the cached parse of these bytes; ``None`` when there is none
    or it does not make a valid plan (the text is then read as usual, so that an error
    names its line)."""
    found = read_cache.fetch(digest)
    if found is None:
        return None
    try:
        return from_parts(*found, file, text)
    except (PlanError, RecursionError, read_cache.Unreadable):
        return None
