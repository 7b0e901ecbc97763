"""Where a line of Chinese text may break when it is wrapped to a width.

Chinese text may break between any two characters, with the rule every Chinese
typesetter applies (避头尾): a line never starts with closing punctuation (，。、）》”
and the like) and never ends with opening punctuation (（《“). Latin words and numbers
break only at spaces. A line that would start with a closing mark takes the character
before it along instead, so no line is wider than the width.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_LINE_START = frozenset("，。、；：？！）」』】》〉〕｝”’…‥—–·・～％,.;:?!)]}%")
"""Closing punctuation: never the first character of a line."""
NO_LINE_END = frozenset("（「『【《〈〔｛“‘([{")
"""Opening punctuation: never the last character of a line."""


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between ``before`` and ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END or after.isspace():
        return False
    if before.isspace():
        return True
    return get_character_cell_size(before) > 1 or get_character_cell_size(after) > 1


def break_offsets(line: str, width: int) -> list[int]:
    """The offsets at which ``line`` (no newline in it) is cut to fit ``width`` columns.

    Each cut is at the last place a line may break; a run with no such place (a long
    Latin word) is cut where it overflows, never before closing punctuation.
    """
    offsets: list[int] = []
    start, used = 0, 0
    for i, char in enumerate(line):
        size = get_character_cell_size(char)
        if used + size > width and i > start:
            cut = _last_break(line, start, i)
            offsets.append(cut)
            start = cut
            used = sum(get_character_cell_size(c) for c in line[cut:i])
        used += size
    return offsets


def _last_break(line: str, start: int, end: int) -> int:
    """The last place in ``line[start:end + 1]`` a line may break (after ``start``)."""
    for j in range(end, start, -1):
        if _may_break(line[j - 1], line[j]):
            return j
    if line[end] in NO_LINE_START and end - 1 > start:
        return end - 1  # the mark takes the character before it along
    return end


def wrap(text: Text, width: int) -> Text:
    """``text`` with its long lines broken where :func:`break_offsets` says, styles kept,
    and the spaces at a break dropped."""
    if width <= 0:
        return text
    pieces: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        offsets = break_offsets(line.plain, width)
        if not offsets:
            pieces.append(line)
            continue
        for piece in line.divide(offsets):
            piece.rstrip()
            pieces.append(piece)
    return Text("\n").join(pieces)


class ChineseLines:
    """A Rich renderable of ``text`` broken into lines by :func:`wrap` at the width it
    is given, for widgets (``Static``) that show Chinese text."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
