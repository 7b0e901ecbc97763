"""The whole plan as JSON in the store's document layout (read back by ``plan-tui import``)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..model import Plan
from ..model.text_rule import json_escaped
from ..store import to_document


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_text(plan: Plan) -> str:
    """``store.to_document(plan)`` with dates as ISO strings, readable Chinese, indented.

    Characters the text rule forbids are written as ``\\uXXXX`` escapes (json leaves
    C1 controls and bidi overrides raw), so the file is safe to show on a terminal and
    still reads back the same.
    """
    text = json.dumps(to_document(plan), ensure_ascii=False, indent=2, default=_iso)
    return json_escaped(text) + "\n"


def json_bytes(plan: Plan) -> bytes:
    """:func:`json_text` as UTF-8 bytes."""
    return json_text(plan).encode("utf-8")
