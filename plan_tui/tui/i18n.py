"""The catalogue for the TUI: :mod:`plan_tui.labels`.

Screens call :func:`t` with a key; binding descriptions are keys too, translated where
they are shown (the key bar, the help, the palette), so that switching the language
(:func:`set_language`) changes them all. Add new keys to both languages.
"""

from __future__ import annotations

from ..labels import CATALOGUES, ZH, detect_language, language, set_language, t

__all__ = ["CATALOGUES", "ZH", "detect_language", "language", "set_language", "t"]
