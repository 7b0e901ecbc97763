"""The one rule for text: what a text field may hold, and how to show text that breaks it.

Text fields hold printable text plus newline and tab. C0/C1 control characters, lone
surrogates and bidirectional override characters are refused on input; text that
reached the program another way (an old file, a pasted document) is shown through
:func:`visible`, which never lets a control character reach a terminal.
"""

from __future__ import annotations

import re

BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional embedding, override and isolate characters (refused, shown escaped)."""

_CLASS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[{_CLASS}\ud800-\udfff]")
"""One character a text field may not hold."""

TEXT_PATTERN = rf"^[^{_CLASS}]*$"
"""The rule as a pattern a whole text field must match, written with escapes only
(named in validation errors; fields are checked with :data:`FORBIDDEN`, which also
refuses lone surrogates)."""


def forbidden_chars(text: str) -> list[str]:
    """The characters of ``text`` that a text field may not hold, in order of appearance."""
    return FORBIDDEN.findall(text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every forbidden character written out (``\\x1b``), safe for a terminal."""
    return FORBIDDEN.sub(_escape, text)


def strip_forbidden(text: str) -> str:
    """``text`` without the characters a text field may not hold (for imported documents)."""
    return FORBIDDEN.sub("", text)


def refusal(text: str) -> str:
    """Why ``text`` may not be stored, in Chinese; empty when it may.

    Names the first offending characters written out (``\\x1b``), never raw.
    """
    found = forbidden_chars(text)
    if not found:
        return ""
    shown = " ".join(dict.fromkeys(visible(c) for c in found[:5]))
    return f"含有不允许的控制字符 {shown}（只能是可见文字、换行和制表符）"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_escaped(text: str) -> str:
    """JSON text with every forbidden character written as a ``\\uXXXX`` escape.

    ``json.dumps`` escapes C0 controls but leaves C1 controls, bidi overrides and (with
    ``ensure_ascii=False``) lone surrogates raw. In JSON such characters can only stand
    inside strings, where the escape means the same character: the text reads back the
    same and is safe to show.
    """
    return FORBIDDEN.sub(_json_escape, text)
