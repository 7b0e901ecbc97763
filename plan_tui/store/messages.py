"""Chinese explanations for bad plan files, and finding the line a problem sits on.

The store reports every problem as one line naming the file, the place (line, task path
like ``任务 3.2``) and the field, with the allowed values where that helps.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from ..labels.fields import FIELD_LABELS
from ..model import Status
from ..model.text_rule import refusal

RECURRENCE_LABELS = {
    "none": "不重复",
    "weekly": "每周",
    "monthly": "每月",
    "quarterly": "每季度",
    "half_yearly": "每半年",
}

_TYPE_MESSAGES = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "string_type": "应为文字（加英文双引号）",
    "list_type": '应为列表，如 ["甲", "乙"]',
    "dict_type": "应为表",
    "model_type": "应为表",
    "model_attributes_type": "应为表",
    "date_type": "应为日期，如 2024-06-30",
    "date_parsing": "应为日期，如 2024-06-30",
    "date_from_datetime_parsing": "应为日期，如 2024-06-30",
    "date_from_datetime_inexact": "应为日期，不带时间，如 2024-06-30",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "bool_type": "应为 true 或 false",
    "finite_number": "应为有限的数字",
}


def field_label(key: str) -> str:
    """``progress（进度）``: the key as written in the file, with its Chinese name."""
    label = FIELD_LABELS.get(key)
    return f"{key}（{label}）" if label else key


def allowed_statuses() -> str:
    """``not_started（未启动）、in_progress（推进中）…``."""
    return "、".join(f"{s.value}（{s.label}）" for s in Status)


def explain(error: Mapping[str, Any], allowed_keys: list[str] | tuple[str, ...] = ()) -> str:
    """One pydantic error as a Chinese sentence naming the field."""
    kind = error.get("type", "")
    loc = [p for p in error.get("loc", ()) if isinstance(p, str)]
    key = loc[-1] if loc else ""
    where = f"字段 {field_label(key)}" if key else "取值"
    sep = "" if where.endswith("）") else " "
    got = error.get("input")
    shown = f"，现为 {_show(got)}" if "input" in error else ""
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"缺少字段 {field_label(key)}"
    if kind == "string_pattern_mismatch" and isinstance(got, str) and refusal(got):
        return f"{where}{sep}{refusal(got)}"
    if kind == "string_unicode":
        return f"{where}{sep}含有无效的字符（单独的代理码位），请删去"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(key, list(allowed_keys), n=1, cutoff=0.6)
        hint = f"，是否想写 {guess[0]}？" if guess else ""
        if allowed_keys and not guess:
            hint = f"，可用的字段：{'、'.join(allowed_keys)}"
        return f"不认识的字段 {key}{hint}"
    if key == "status" and kind in ("enum", "literal_error"):
        return f"{where}{sep}应为以下之一：{allowed_statuses()}{shown}"
    if kind == "literal_error" and key == "recurrence":
        codes = "、".join(f"{k}（{v}）" for k, v in RECURRENCE_LABELS.items())
        return f"{where}{sep}应为以下之一：{codes}{shown}"
    if kind in ("enum", "literal_error"):
        return f"{where}{sep}应为以下之一：{ctx.get('expected', '允许的值')}{shown}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}{sep}不能小于 {ctx.get('ge', ctx.get('gt'))}{shown}"
    if kind in ("less_than_equal", "less_than"):
        return f"{where}{sep}不能大于 {ctx.get('le', ctx.get('lt'))}{shown}"
    if kind == "string_pattern_mismatch" and key == "id":
        return (
            f"{where}{sep}应以英文字母或 _ 开头，只含字母、数字、_ 和 -，"
            f"至多 64 个字符（不能有空格、换行等控制字符）{shown}"
        )
    if kind == "value_error":
        reason = str(ctx.get("error", "")) or error.get("msg", "")
        return f"{where}：{reason}" if key else reason
    text = _TYPE_MESSAGES.get(kind, "取值无效")
    return f"{where}{sep}{text}{shown}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 20 else value[:20] + "…"
        return f"“{text}”"
    if isinstance(value, dict):
        return "一个表"
    if isinstance(value, list):
        return "一个列表"
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


# --- TOML syntax errors ------------------------------------------------------------

_TOML_REASONS = (
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表声明了两次"),
    ("Duplicate inline table key", "同一个键写了两次"),
    ("Cannot mutate immutable namespace", "不能往已写完的内联表里再加键"),
    ("Cannot redefine namespace", "表名与已有的值冲突"),
    ("Invalid value", "值无效（文字要加英文双引号，日期写成 2024-06-30）"),
    ("Expected '=' after a key in a key/value pair", "键后面缺少等号"),
    ("Invalid statement", "无法识别的语句"),
    ("Unterminated string", "文字缺少结尾的引号"),
    ("Illegal character", "文字里有不允许的字符（换行要用三引号，或写作 \\n）"),
    ("Unescaped '\\' in a string", "文字里的反斜杠要写成 \\\\"),
    ("Invalid hex value", "\\u 转义无效"),
    ("Invalid date or datetime", "日期无效，应为存在的日期，如 2024-06-30"),
    (
        "Expected newline or end of document after a statement",
        "值后面有多余的内容（文字要加英文双引号，一行只写一个键值）",
    ),
    ("Invalid initial character for a key part", "键名无效"),
    ("Unclosed array", "列表缺少结尾的 ]"),
    ("Unclosed inline table", "内联表缺少结尾的 }"),
    ("Expected ']' at the end of a table declaration", "表头缺少结尾的 ]"),
    ("Expected ']]' at the end of an array declaration", "表头缺少结尾的 ]]"),
    ("Found invalid character", "有不允许的字符"),
)


def toml_error(exc: ValueError, text: str = "") -> tuple[str, str]:
    """A Chinese reason and the line/column of a TOML syntax error in ``text``."""
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    where = f"第{match.group(1)}行第{match.group(2)}列" if match else ""
    if match is None and "end of document" in message:
        where = "文件末尾"
    raw = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    reason = next((zh for en, zh in _TOML_REASONS if raw.startswith(en)), raw)
    lines = text.splitlines()
    line = int(match.group(1)) - 1 if match else -1
    if raw == "Illegal character '\\n'":
        reason = "文字缺少结尾的引号（文字要在同一行里用英文双引号括起来，多行文字用三引号）"
    elif raw.startswith("Invalid date"):
        pass
    elif 0 <= line < len(lines) and _odd_date(lines[line]):
        reason = "日期要写成 2024-06-30 的样子（月、日各两位，不加引号）"
    elif raw.startswith("Invalid value") and _char_at(lines, match) in "“”‘’":
        reason = '文字要用英文双引号 "…" 括起来，不能用中文引号 “…”'
    elif raw.startswith("Cannot overwrite a value") and 0 <= line < len(lines):
        key = re.match(r"\s*([^=\s]+)\s*=", lines[line])
        if key:
            reason = f"键 {key.group(1)} 写了两次（同一个表里每个键只能写一次）"
    elif raw.startswith("Invalid value") and 0 < line <= len(lines):
        before = next((t.strip() for t in reversed(lines[:line]) if t.strip()), "")
        if before.endswith(("[", ",")):
            reason = "列表缺少结尾的 ]（应写在这一行之前）"
    return f"TOML 格式错误：{reason}", where


def _odd_date(line: str) -> bool:
    """Whether a line sets a date written some other way than ``2024-06-30``."""
    value = line.partition("=")[2].strip()
    looks_like_date = re.match(r"\d{4}[-/.年]\d{1,2}[-/.月]", value)
    return bool(looks_like_date) and not re.match(r"\d{4}-\d{2}-\d{2}(\s|#|$)", value)


def _char_at(lines: list[str], match: re.Match[str] | None) -> str:
    """The character a TOML error points at, or a space when unknown."""
    if match is None:
        return " "
    line, column = int(match.group(1)) - 1, int(match.group(2)) - 1
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return " "


# --- finding lines -----------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


class LineIndex:
    """Where each ``[table]`` header and ``key =`` line of a TOML text is.

    Only used to point at a line in error messages, so it is built lazily; when the text does not match the
    parsed document (e.g. a header inside a multi-line string), lines are left out.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines."""
        return self.text.splitlines()

    @cached_property
    def headers(self) -> list[tuple[int, str]]:
        """``(0-based line, table name)`` of every table header."""
        found = []
        for n, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                found.append((n, match.group(1).replace(" ", "")))
        return found

    def blocks(self, name: str) -> list[int]:
        """0-based lines of every ``[[name]]`` / ``[name]`` header."""
        return [n for n, header in self.headers if header == name]

    def block_end(self, start: int) -> int:
        """The line after the block starting at ``start`` (the next header or the end)."""
        later = [n for n, _ in self.headers if n > start]
        return later[0] if later else len(self.lines)

    def key_line(self, key: str, start: int = -1) -> int | None:
        """0-based line of ``key =`` in the block whose header is at ``start``.

        ``start=-1`` means the top-level keys before the first header.
        """
        end = self.block_end(start) if start >= 0 else self._first_header()
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start + 1, end):
            if pattern.match(self.lines[n]):
                return n
        return None

    def _first_header(self) -> int:
        return self.headers[0][0] if self.headers else len(self.lines)

    def log_blocks(self, task_start: int) -> list[int]:
        """0-based lines of the ``[[tasks.log]]`` headers belonging to one task."""
        ends = [n for n, header in self.headers if n > task_start and header == "tasks"]
        end = ends[0] if ends else len(self.lines)
        return [n for n in self.blocks("tasks.log") if task_start < n < end]


def line_text(n: int | None) -> str:
    """``第12行`` for a 0-based line number, or nothing."""
    return f"第{n + 1}行" if n is not None else ""
