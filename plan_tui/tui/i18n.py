"""The one catalogue of every string the TUI shows, in Chinese (default) and English.

The texts live in :mod:`plan_tui.tui.strings_zh` and :mod:`plan_tui.tui.strings_en`.

Screens call :func:`t` with a key; binding descriptions are keys too, translated where
they are shown (the key bar, the help, the palette), so that switching the language
(:func:`set_language`) changes them all. Add new keys to both languages.
"""

from __future__ import annotations

import os
from typing import Any

from .strings_en import EN
from .strings_zh import ZH

CATALOGUES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
_language = "zh"


def detect_language(lang: str | None = None) -> str:
    """``lang`` when given, else ``en`` if the locale (LC_ALL, LANG) is English, else ``zh``."""
    if lang in CATALOGUES:
        return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(lang: str) -> None:
    """Switch the catalogue used by :func:`t`."""
    global _language
    _language = lang if lang in CATALOGUES else "zh"


def language() -> str:
    """The current language code."""
    return _language


def t(key: str, **values: Any) -> str:
    """The text for ``key`` in the current language, formatted with ``values``."""
    text = CATALOGUES[_language].get(key) or ZH.get(key, key)
    return text.format(**values) if values else text
