"""The one catalogue of every text shown to people, in Chinese (default) and English.

The texts live in :mod:`plan_tui.labels.zh` and :mod:`plan_tui.labels.en`; add new keys
to both. The TUI, the editing session and the CLI ask :func:`t` with a key.
"""

from __future__ import annotations

import os
from typing import Any

from .en import EN
from .zh import ZH

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
