"""From a plan file's text to a validated plan.

The text is read piece by piece where it can be (:mod:`.pieces`: less memory, same
result), else as one document. Both ways end in the same validation, and every error
is the one the whole-text read gives, with its line and column.
"""

from __future__ import annotations

from pathlib import Path

import tomli

from ..model import Plan
from ..model.errors import PlanError
from . import pieces
from .messages import toml_error
from .reader import from_document, from_parts


def parse_plan(text: str, file: str | Path) -> Plan:
    """Parse and validate ``text``."""
    starts = pieces.task_starts(text)
    if starts:
        try:
            return from_parts(pieces.head(text, starts), pieces.rows(text, starts), file, text)
        except (pieces.NotPieces, tomli.TOMLDecodeError, PlanError, RecursionError):
            pass
    return _whole(text, file)


def _whole(text: str, file: str | Path) -> Plan:
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        reason, where = toml_error(exc, text)
        raise PlanError(reason, file, where) from None
    except RecursionError:
        raise PlanError("TOML 格式错误：列表或内联表嵌套太深", file) from None
    try:
        return from_document(raw, file, text, consume=True)
    except RecursionError:
        raise PlanError("内容嵌套太深，不是计划文件的结构", file) from None
