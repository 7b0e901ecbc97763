"""The one place command output meets the terminal: every character shown, none obeyed.

Task text may hold escape sequences written before the text rule or pasted in some
other way; :func:`visible_output` writes every control character out (``\\x1b``) on
standard output and standard error while a command runs, on a terminal or a pipe.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ..model.text_rule import visible


class VisibleStream:
    """A text stream that passes everything through :func:`visible` to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters written out."""
        self.stream.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        """Write each line through :meth:`write`."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def styled_stdout() -> TextIO:
    """Standard output without :class:`VisibleStream`, for the program's own colours.

    Whatever is written there must have passed :func:`visible` already.
    """
    out = sys.stdout
    return out.stream if isinstance(out, VisibleStream) else out


@contextmanager
def visible_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`VisibleStream` for a while."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:  # None without a console (pythonw on Windows)
        sys.stdout = VisibleStream(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = VisibleStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
