"""The search bar above the tree."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """The ``/`` search field: every change filters the task list as you type."""
