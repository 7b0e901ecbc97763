"""Writing the store's plain document as TOML text, with a fixed, diff-friendly layout.

tomli-w decides between inline tables and ``[[array]]`` blocks by line length and folds
``\\r\\n`` inside multi-line strings, so one long log entry would rewrite a task's whole
log and some texts would not round-trip. This writer always uses the same shape:

- plain ``key = value`` lines in the order given;
- every non-empty list on its own lines, one item per line;
- every list of tables as ``[[name]]`` blocks (``[[tasks]]``, ``[[tasks.log]]``);
- strings with a newline as multi-line strings, every other control character escaped.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

HEADER = """\
# plan-tui 计划文件（工作台账）。可以用文本编辑器修改，改后运行 plan-tui check 校验。
# 每个 [[tasks]] 是一项任务，parent 是上级任务的 id（空表示领域）；其后的 [[tasks.log]] 是进展记录。
# status 取值：not_started 未启动、in_progress 推进中、done 已完成、delayed 滞后、suspended 暂缓。
"""

_ESCAPES = {
    "\b": "\\b",
    "\t": "\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_LINE = {c: f"\\u{c:04x}" for c in [*range(0x20), 0x7F]}
_LINE.update({ord(k): v for k, v in _ESCAPES.items()})
_ONE_LINE = str.maketrans(_LINE)
"""Escapes for a one-line basic string: quotes, backslashes, every control character."""
_MULTI_LINE = str.maketrans({**_LINE, ord("\n"): "\n"})
"""The same for a multi-line string, whose line breaks stay as they are."""
_NEEDS_ESCAPE = frozenset(chr(c) for c in _LINE)


def format_string(text: str) -> str:
    """A TOML basic string; multi-line (``\"\"\"``) when the text has a line break."""
    if "\n" in text:
        # The newline right after the opening quotes is dropped by TOML readers.
        return f'"""\n{text.translate(_MULTI_LINE)}"""'
    if _NEEDS_ESCAPE.isdisjoint(text):
        return f'"{text}"'
    return f'"{text.translate(_ONE_LINE)}"'


def _quoted(key: str) -> str:
    """A bare key when possible, else a quoted one."""
    if key and key.isascii() and key.replace("-", "a").replace("_", "a").isalnum():
        return key
    return f'"{key.translate(_ONE_LINE)}"'


def format_value(value: Any) -> str:
    """One TOML value: bool, int, float, date, string or list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return format_string(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + "".join(f"    {format_value(v)},\n" for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def table_lines(table: dict[str, Any], name: str, array: bool, out: list[str]) -> None:
    """Append a table: its header (unless top level), key lines, then nested tables."""
    if name:
        if out:
            out.append("")
        out.append(f"[[{name}]]" if array else f"[{name}]")
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_list(value):
            nested.append((key, value))
        else:
            out.append(f"{_quoted(key)} = {format_value(value)}")
    for key, value in nested:
        child = f"{name}.{_quoted(key)}" if name else _quoted(key)
        if isinstance(value, dict):
            table_lines(value, child, False, out)
        else:
            for row in value:
                table_lines(row, child, True, out)


def dumps_document(document: dict[str, Any], header: str = HEADER) -> str:
    """The document as TOML text; the same document always gives the same text."""
    out: list[str] = []
    table_lines(document, "", False, out)
    return header + "\n".join(out) + "\n"
