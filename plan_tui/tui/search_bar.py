"""The search bar above the tree."""

from __future__ import annotations

from .steady_widgets import FixedInput


class SearchBar(FixedInput):
    """The ``/`` search field: typing in it lays out nothing (see :class:`FixedInput`)."""
