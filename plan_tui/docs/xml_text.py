"""Text an XML file (.docx, .xlsx) can hold: characters XML 1.0 forbids are dropped.

python-docx raises ``ValueError`` and openpyxl ``IllegalCharacterError`` on such a
character; the text rule keeps them out of a plan, and this is the second line for
text that arrived another way. Whoever drops characters says so (:func:`dropped_note`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.text_rule import FORBIDDEN
from .document import Document, Heading, Paragraph, Table

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, even escaped."""

_DROPPED = re.compile(f"{XML_ILLEGAL.pattern}|{FORBIDDEN.pattern}")


def xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML cannot hold, and how many were dropped.

    What the text rule forbids goes too (C1 controls, bidi overrides): XML could hold
    them, but Word and Excel would obey them.
    """
    return _DROPPED.subn("", text)


def has_unsafe(text: str) -> bool:
    """Whether :func:`xml_text` would drop anything from ``text``."""
    return _DROPPED.search(text) is not None


def dropped_note(count: int, kind: str) -> str:
    """The warning shown when ``count`` characters were dropped from a ``kind`` file."""
    return f"已删去 {count} 个 {kind} 文件不能保存的控制字符"


def xml_document(doc: Document) -> tuple[Document, int]:
    """``doc`` with every text made XML-safe, and the number of characters dropped."""
    dropped = 0

    def clean(text: str) -> str:
        nonlocal dropped
        text, n = xml_text(text)
        dropped += n
        return text

    blocks = []
    for block in doc.blocks:
        if isinstance(block, Table):
            block = Table(
                [clean(h) for h in block.headers], [[clean(c) for c in r] for r in block.rows]
            )
        elif isinstance(block, (Heading, Paragraph)):
            block = replace(block, text=clean(block.text))
        blocks.append(block)
    cleaned = replace(
        doc,
        title=clean(doc.title),
        subtitle=[clean(s) for s in doc.subtitle],
        blocks=blocks,
        closing=[clean(s) for s in doc.closing],
        distribution=[clean(s) for s in doc.distribution],
        author=clean(doc.author),
    )
    return cleaned, dropped
