"""The rules for progress notes that every report and export shares.

- :func:`is_no_progress`: the one "no progress" rule (``本周无新进展``, ``本周无进展``,
  ``无新进展``, ``暂无进展``… with any punctuation or spacing);
- :func:`note_key` and :func:`unique_notes`: the one duplicate rule (the same words,
  ignoring spaces and punctuation, count once);
- :func:`sentence` and :func:`join_sentences`: the one sentence joiner, which ends each
  note with exactly one ``。`` (whatever marks it ended with: ``!``, ``.``, ``…``), turns half-width punctuation next to Chinese
  text into full-width, joins line breaks, and places a progress clause in one form:
  ``…进展内容（推进中，进度45%）。``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NO_PROGRESS = "本周无新进展"
"""The note the weekly pass writes for "nothing new"."""

_NO_PROGRESS_FORMS = re.compile(
    r"^(?:本周|本月|本季度|近期|目前|当前|暂|暂时)?(?:仍)?(?:无|没有|暂无)(?:新)?(?:的)?(?:进展|进度|变化|更新)?"
    r"(?:情况)?$"
)
_SPACE_AND_MARKS = re.compile(r"[\s\u3000。，、；：！？,.;:!?…·\-—~～\"'“”‘’()（）【】\[\]]+")
_JOINING_MARKS = "。！？；，、：…!?;,:"
_TRAILING = re.compile(r"[\s\u3000。！？；…!?.;，,、：:]+$")
_CJK = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def _bare(text: str) -> str:
    return _SPACE_AND_MARKS.sub("", text)


def is_no_progress(text: str) -> bool:
    """Whether a note says only that nothing happened (or says nothing at all)."""
    bare = _bare(text)
    return not bare or bool(_NO_PROGRESS_FORMS.match(bare))


def note_key(text: str) -> str:
    """The key two notes share when they say the same thing (spacing and marks ignored)."""
    return _bare(text)


def unique_notes(texts: Iterable[str]) -> list[str]:
    """The notes in order with "no progress" notes and repeats left out."""
    seen: set[str] = set()
    kept: list[str] = []
    for text in texts:
        if is_no_progress(text):
            continue
        key = note_key(text)
        if key in seen:
            continue
        seen.add(key)
        kept.append(text)
    return kept


def clean(text: str) -> str:
    """One line of text: line breaks joined, half-width marks next to Chinese made full-width."""
    joined = ""
    for line in text.replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if not joined or joined[-1] in _JOINING_MARKS:
            joined += line
        elif re.match(_CJK, line[0]) or re.match(_CJK, joined[-1]):
            joined += "，" + line
        else:
            joined += " " + line
    for half, full in _HALF_TO_FULL.items():
        joined = re.sub(rf"(?<={_CJK})\s*{re.escape(half)}\s*", full, joined)
        joined = re.sub(rf"\s*{re.escape(half)}(?={_CJK})", full, joined)
    return joined


def body(text: str) -> str:
    """The note without its closing marks (``开展培训2场!`` → ``开展培训2场``)."""
    return _TRAILING.sub("", clean(text))


def sentence(text: str, clause: str = "") -> str:
    """``text`` as one sentence ending in one ``。``; ``clause`` (e.g. ``推进中，进度45%``)
    goes in brackets before it. Empty text gives the clause alone, or ``""``."""
    words = body(text)
    if not words:
        return f"{clause}。" if clause else ""
    bracket = f"（{clause}）" if clause else ""
    return f"{words}{bracket}。"


def join_sentences(texts: Iterable[str]) -> str:
    """The notes as running prose, each a :func:`sentence`."""
    return "".join(s for s in (sentence(t) for t in texts) if s)


def progress_clause(status_label: str = "", progress: int | None = None) -> str:
    """The one form of a progress clause: ``推进中，进度45%`` (either part may be absent)."""
    parts = [status_label] if status_label else []
    if progress is not None:
        parts.append(f"进度{progress}%")
    return "，".join(parts)
