"""Numbering marks of Chinese official documents: ``一、`` ``（一）`` ``1.`` ``（1）`` ``一是`` …

:func:`detect_marker` reads the mark at the start of a paragraph; :func:`split_inline`
splits ``一是…；二是…`` (and ``（1）…（2）…`` and the like) written inside one paragraph.
Full-width digits and traditional numerals (``壹貳參``) count as their plain forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..model.numerals import normalize_digits, parse_cn

_CN = "一二三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾"
_N = rf"[{_CN}]{{1,3}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Canonical order, outermost first; used only to name styles in messages.
STYLE_NAMES = {
    "cn": "一、",
    "cn_paren": "（一）",
    "di": "第一，",
    "shi": "一是",
    "num": "1.",
    "num_paren": "（1）",
    "circled": "①",
}

_LEADING: list[tuple[str, re.Pattern[str], bool]] = [
    ("cn_paren", re.compile(rf"^[（(]\s*(?P<n>{_N})\s*[）)]\s*[、.，,]?\s*"), True),
    ("num_paren", re.compile(r"^(?:[（(]\s*(?P<n>\d{1,2})\s*[）)]|(?P<n2>\d{1,2})[）)])\s*"), True),
    ("cn", re.compile(rf"^(?P<n>{_N})\s*[、.，,]\s*"), True),
    ("di", re.compile(rf"^第(?P<n>{_N})[，,、：:]\s*"), True),
    ("shi", re.compile(rf"^(?P<n>{_N})是\s*[，,：:]?\s*"), True),
    ("num", re.compile(r"^(?P<n>\d{1,2})\s*[.、](?![0-9])\s*"), True),
    ("circled", re.compile(rf"^(?P<c>[{_CIRCLED}])\s*"), True),
    # 一、 whose 、 was lost: only a candidate, confirmed by the caller from context.
    (
        "cn",
        re.compile(
            rf"^(?P<n>{_N})(?:\s+|(?=[^\s{_CN}是方把些起直定旦般样批系体致项条部个次年月日村镇乡户人季号]))"
        ),
        False,
    ),
]


@dataclass(frozen=True)
class Marker:
    """A numbering mark at the start of a paragraph."""

    style: str
    """Which family of marks (``cn`` for 一、, ``cn_paren`` for （一） …)."""
    value: int
    """The number it stands for (``三`` → 3)."""
    end: int
    """Index in the paragraph where the text after the mark starts."""
    strong: bool = True
    """False for a bare numeral without 、, which needs context to be trusted."""


def _value(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("c"):
        return _CIRCLED.index(groups["c"]) + 1
    raw = groups.get("n") or groups.get("n2") or ""
    return parse_cn(raw)


def detect_marker(text: str) -> Marker | None:
    """The numbering mark that starts ``text``, or ``None``."""
    norm = normalize_digits(text)
    for style, pattern, strong in _LEADING:
        m = pattern.match(norm)
        if m is None:
            continue
        value = _value(m)
        if value is None or value <= 0:
            continue
        if m.end() >= len(norm.rstrip("。；;，, ")):
            continue  # a bare number is not a numbered paragraph
        return Marker(style, value, m.end(), strong)
    return None


# --- inline sub-points -----------------------------------------------------------------

_BOUNDARY = r"(?:^|(?<=[。；;：:，,！!？?\s]))"
_INLINE: list[tuple[str, re.Pattern[str]]] = [
    ("shi", re.compile(rf"{_BOUNDARY}(?P<n>{_N})是(?:[，,：:])?")),
    ("di", re.compile(rf"{_BOUNDARY}第(?P<n>{_N})[，,、：:]")),
    ("num_paren", re.compile(r"(?:[（(](?P<n>\d{1,2})[）)])")),
    ("cn_paren", re.compile(rf"(?:[（(](?P<n>{_N})[）)])")),
    ("circled", re.compile(rf"(?P<c>[{_CIRCLED}])")),
    ("num", re.compile(rf"{_BOUNDARY}(?P<n>\d{{1,2}})[.、](?![0-9])")),
]


def _inline_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each inline mark of the earliest family that runs 1, 2, 3 …"""
    norm = normalize_digits(text)
    best: tuple[int, list[tuple[int, int]]] | None = None
    for _style, pattern in _INLINE:
        spans: list[tuple[int, int]] = []
        want = 1
        for m in pattern.finditer(norm):
            value = _value(m)
            if value == want:
                spans.append((m.start(), m.end()))
                want += 1
        if len(spans) >= 2 and (best is None or spans[0][0] < best[0]):
            best = (spans[0][0], spans)
    return best[1] if best else []


def inline_segments(text: str) -> tuple[str, list[str]]:
    """Like :func:`split_inline`, but each point keeps its mark (``一是A；``, ``二是B``)."""
    spans = _inline_spans(text)
    if not spans:
        return text, []
    starts = [start for start, _ in spans] + [len(text)]
    segments = [text[a:b].strip() for a, b in pairwise(starts)]
    return text[: spans[0][0]].strip(), [s for s in segments if s]


def split_inline(text: str) -> tuple[str, list[str]]:
    """Split ``intro一是A；二是B`` into ``("intro", ["A；", "B"])``.

    A family of marks counts only when it runs 1, 2, 3 … in order with at least two
    points; of several families, the one starting earliest wins. Returns the text
    unchanged with no points when there are none.
    """
    spans = _inline_spans(text)
    if not spans:
        return text, []
    intro = text[: spans[0][0]].strip()
    points = []
    for i, (_, end) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        point = text[end:stop].strip()
        if point:
            points.append(point)
    return intro, points
