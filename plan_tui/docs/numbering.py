"""The one numbering service of generated documents: 一、 → （一） → 1. → （1）.

:class:`Outline` hands out the next marker for a level and restarts the deeper levels,
so that a document never repeats or skips a level. :func:`order_problems` reads a
document's headings back and names every place where the order breaks; the tests run
it over every generated document.
"""

from __future__ import annotations

import re

from ..model.numerals import marker, to_cn

LEVELS = 4
_PATTERNS = (
    re.compile(r"^([一二三四五六七八九十百]+)、"),
    re.compile(r"^（([一二三四五六七八九十百]+)）"),
    re.compile(r"^(\d+)\.(?!\d)"),
    re.compile(r"^（(\d+)）"),
)


class Outline:
    """Counters for the four heading levels of one document part."""

    def __init__(self) -> None:
        self.counts = [0] * LEVELS

    def next(self, level: int) -> str:
        """The marker for the next heading at ``level`` (1–4); deeper levels restart."""
        if not 1 <= level <= LEVELS:
            raise ValueError(f"标题层级应为 1–{LEVELS}，得到 {level}")
        self.counts[level - 1] += 1
        for deeper in range(level, LEVELS):
            self.counts[deeper] = 0
        return marker(level, self.counts[level - 1])

    def restart(self) -> None:
        """Start numbering afresh (a new part of the document)."""
        self.counts = [0] * LEVELS


def level_of(text: str) -> tuple[int, int] | None:
    """(level, number) of a heading's marker, or ``None`` for an unnumbered heading."""
    for level, pattern in enumerate(_PATTERNS, 1):
        match = pattern.match(text)
        if match:
            value = match.group(1)
            if level <= 2:
                numbers = {to_cn(n): n for n in range(1, 100)}
                return level, numbers.get(value, 0)
            return level, int(value)
    return None


def order_problems(headings: list[tuple[int, str]]) -> list[str]:
    """Every break in the order of ``(level, text)`` headings; empty when the order is right.

    The marker must match the heading's level, the first heading under a parent is
    number 1, each next one adds 1, and a level is never entered without its parent.
    An unnumbered heading starts a new part.
    """
    problems: list[str] = []
    counts = [0] * LEVELS
    for level, text in headings:
        found = level_of(text)
        if found is None:
            counts = [0] * LEVELS
            continue
        marked, number = found
        if marked != level:
            problems.append(f"“{text}”：标记为第{marked}级，却排在第{level}级")
        if marked > 1 and counts[marked - 2] == 0:
            problems.append(f"“{text}”：跳过了上一级标题")
        if number != counts[marked - 1] + 1:
            problems.append(f"“{text}”：序号应为 {counts[marked - 1] + 1}")
        counts[marked - 1] = number
        for deeper in range(marked, LEVELS):
            counts[deeper] = 0
    return problems
