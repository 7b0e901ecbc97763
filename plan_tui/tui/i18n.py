"""The catalogue for the TUI: :mod:`plan_tui.labels`, plus translated key bindings.

Screens call :func:`t` with a key; binding descriptions are keys too and are translated
when a widget is created (:func:`localize_bindings`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..labels import CATALOGUES, ZH, detect_language, language, set_language, t

__all__ = ["CATALOGUES", "detect_language", "language", "localize_bindings", "set_language", "t"]


def localize_bindings(node: Any) -> None:
    """Translate the binding descriptions of a widget, screen or app (they hold keys)."""
    bindings = node._bindings
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            replace(b, description=t(b.description)) if b.description in ZH else b for b in items
        ]
