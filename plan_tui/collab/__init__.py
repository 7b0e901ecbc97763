"""Working together: the git merge driver for plans, git set-up and sync, the county roll-up.

What the rest of the program may use: :func:`merge_plans` (three-way merge by task and
field), :func:`resolve` (settle one conflict), :func:`describe_changes` (what changed,
in words). Sync and the roll-up are imported from their modules by their commands.
"""

from .changes import describe_changes, summary
from .merge import MergeResult, merge_plans
from .resolve import field_label, find_conflict, parse_value, resolve

__all__ = [
    "MergeResult",
    "describe_changes",
    "field_label",
    "find_conflict",
    "merge_plans",
    "parse_value",
    "resolve",
    "summary",
]
