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

_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def forbidden_chars(text: str) -> list[str]:
    """The characters of ``text`` that a text field may not hold, in order of appearance."""
    return _FORBIDDEN.findall(text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every forbidden character written out (``\\x1b``), safe for a terminal."""
    return _FORBIDDEN.sub(_escape, text)
