"""Errors that carry a one-line Chinese message for the person at the keyboard."""

from __future__ import annotations

from pathlib import Path

from .text_rule import visible

MAX_LINE = 200
"""The longest message shown, in characters; a longer one ends with ``…``."""


class PlanError(Exception):
    """A problem the user can fix, with a one-line Chinese message.

    ``file`` names the file concerned and ``where`` the place in it (line/column,
    task path and field), so the message reads ``文件 第3行：说明``.
    """

    def __init__(self, message: str, file: str | Path | None = None, where: str = "") -> None:
        self.message = message
        self.file = str(file) if file is not None else ""
        self.where = where
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message on one line: file, place, explanation; control characters written out."""
        head = " ".join(part for part in (self.file, self.where) if part)
        text = f"{head}：{self.message}" if head else self.message
        text = visible(" ".join(text.split()))
        return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


class ConflictError(PlanError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""
