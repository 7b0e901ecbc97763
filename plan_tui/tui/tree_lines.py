"""The task tree's list of lines: every node whose ancestors are expanded, or a
filtered view. Mixed into :class:`plan_tui.tui.task_tree.TaskTree`.

A node's line number is looked up in the numbering of the current list (one dict) rather
than kept on each node: numbering a view of thousands of rows, or going back from it to
the whole tree, is then one step instead of a write to every node.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress
from typing import Any, NamedTuple

from textual.geometry import Size
from textual.widgets import Tree
from textual.widgets._tree import TreeNode, _TreeLine


class TaskNode(TreeNode[str]):
    """A tree node holding a task id, numbered by its tree's current line list."""

    @property  # type: ignore[override]
    def _line(self) -> int:
        return self._tree._line_of.get(self.data, -1)  # type: ignore[attr-defined]

    @_line.setter
    def _line(self, value: int) -> None:
        line_of = self._tree._line_of  # type: ignore[attr-defined]
        if value < 0:
            line_of.pop(self.data, None)
        else:
            line_of[self.data] = value


class Whole(NamedTuple):
    """The whole tree with every node shown, for views that hide only a few nodes."""

    ids: frozenset[str]
    index_of: dict[str, int]
    """Each id's place in tree order."""
    ends: list[int]
    """For each place, where its subtree ends (exclusive)."""
    lines: list[_TreeLine[str]]
    """The line of each node when every node is shown."""


class LineLists:
    """Mixin for the task tree: builds its line list, whole or for a view."""

    root: Any
    parents: dict[str, str]
    view_ids: set[str] | None
    cursor_line: int
    virtual_size: Size
    size: Size
    _order: list[TreeNode[str]]
    _view_order: list[str] | None
    _full_lines: list[_TreeLine[str]] | None
    _line_pairs: tuple[dict[str, _TreeLine[str]], dict[str, _TreeLine[str]]] | None
    _whole: Whole | None
    _hidden_from: tuple[list[str], set[str]] | None  # the nodes a view of most hides
    _order_ids: list[str]
    _line_of: dict[str, int]
    _view_kept: tuple | None  # the lines of the last view built (see _view_lines)
    _view_for: tuple | None  # the last view worked out (see view_of)
    _full_line_of: dict[str, int]
    _tree_lines_cached: list[_TreeLine[str]] | None
    _tree_nodes: dict[int, TreeNode[str]]
    _updates: int

    def _add_node(
        self,
        parent: TreeNode[str] | None,
        label: Any,
        data: str | None,
        expand: bool = False,
    ) -> TreeNode[str]:
        node = TaskNode(self, parent, self._new_id(), label, data, expanded=expand)  # type: ignore[arg-type, attr-defined]
        self._tree_nodes[node._id] = node
        self._updates += 1
        return node

    def _build(self) -> None:
        """Like :meth:`Tree._build`, but skipping nodes hidden by the view."""
        if self._view_order is not None:
            lines, self._line_of = self._view_lines(self._view_order)
        else:
            if self._full_lines is None:
                self._full_lines = self._expanded_lines()
            lines = self._full_lines  # (back from a view: the same lines as before it)
            self._line_of = self._full_line_of
        self._tree_lines_cached = lines
        self._set_line_count(len(lines))
        if self.cursor_line != -1:
            cursor_node = self.cursor_node  # type: ignore[attr-defined]
            if cursor_node is not None:
                self.cursor_line = cursor_node._line
            if self.cursor_line >= len(lines):
                self.cursor_line = -1

    def _expanded_lines(self) -> list[_TreeLine[str]]:
        """The lines of every node whose ancestors are all expanded."""
        lines: list[_TreeLine[str]] = []
        add_line = lines.append
        ids: list[str] = []
        add_id = ids.append

        def add_node(path: list[TreeNode[str]], node: TreeNode[str], last: bool) -> None:
            child_path = [*path, node]
            add_id(node.data)  # type: ignore[arg-type]
            add_line(_TreeLine(child_path, last))
            children = node._children
            if not children or not node._expanded:
                return
            end = len(children) - 1
            for n, child in enumerate(children):
                add_node(child_path, child, n == end)

        roots = self.root._children
        end = len(roots) - 1
        for n, node in enumerate(roots):
            add_node([], node, n == end)
        self._full_line_of = dict(zip(ids, range(len(ids)), strict=True))
        return lines

    def _with_ancestors(self, matched: list[str]) -> tuple[list[str], set[str], set[str]]:
        """The ids to show for ``matched`` (in tree order): the matches and their
        ancestors, in tree order. Returns them in order, as a set, and the ancestors
        that did not match."""
        if len(matched) * 4 < len(self._order_ids):
            return self._ancestors_walk(matched)
        if _nearly_all(len(matched), len(self._order_ids)):
            return self._ancestors_of_most(matched)  # the first letters of a search
        return self._ancestors_by_level(matched)

    def _ancestors_walk(self, matched: list[str]) -> tuple[list[str], set[str], set[str]]:
        """For a few matches: each is preceded by those of its ancestors not shown yet
        (an ancestor of a later match that is not one of an earlier match comes after
        that earlier match)."""
        parents = self.parents
        order: list[str] = []
        add = order.append
        shown = set(matched)
        dimmed: set[str] = set()
        for task_id in matched:
            parent = parents[task_id]
            if parent and parent not in shown:
                chain = [parent]
                parent = parents[parent]
                while parent and parent not in shown:
                    chain.append(parent)
                    parent = parents[parent]
                chain.reverse()
                order += chain
                shown.update(chain)
                dimmed.update(chain)
            add(task_id)
        return order, shown, dimmed

    def _ancestors_by_level(self, matched: list[str]) -> tuple[list[str], set[str], set[str]]:
        """For many matches: the ancestors a level at a time, then every node in tree
        order kept if shown (set operations rather than a step per match)."""
        parents = self.parents
        shown = set(matched)
        dimmed: set[str] = set()
        level = set(map(parents.__getitem__, matched))
        while True:
            level.discard("")
            level -= shown
            if not level:
                break
            shown |= level
            dimmed |= level
            level = set(map(parents.__getitem__, level))
        if not dimmed:
            return list(matched), shown, dimmed
        ids = self._order_ids
        return list(compress(ids, map(shown.__contains__, ids))), shown, dimmed

    def _ancestors_of_most(self, matched: list[str]) -> tuple[list[str], set[str], set[str]]:
        """For most of the tree matching: from the few that do not match, those with no
        match below them are hidden; the others are shown as ancestors."""
        whole = self._whole_tree()
        missing = whole.ids.difference(matched)
        spots = sorted(map(whole.index_of.__getitem__, missing))
        ends = whole.ends
        hidden: list[int] = []
        for k, spot in enumerate(spots, 1):
            end = ends[spot]
            # hidden when every node below it is missing too (they follow it in spots)
            if bisect_left(spots, end, k) - k == end - spot - 1:
                hidden.append(spot)
        ids = self._order_ids
        order = _without(ids, hidden)
        hidden_ids = {ids[spot] for spot in hidden}
        self._hidden_from = (order, hidden_ids)  # for the view's lines (_lines_of_most)
        return order, set(order), set(missing) - hidden_ids

    def _view_lines(self, order: list[str]) -> tuple[list[_TreeLine[str]], dict[str, int]]:
        """The lines of the ids in ``order`` (the view, ancestors included, in tree order)
        and their numbering.

        A node's path does not depend on the view (its ancestors are always shown), so
        its two possible lines (last child of its parent or not) are made once and
        reused; this runs on each search key. The result is kept for the same ``order``
        (a view prepared ahead, or the same view built again after a repaint).
        """
        pairs = self._pairs()
        kept = self._view_kept
        if kept is not None and kept[0] is order and kept[1] is pairs:
            return kept[2], kept[3]
        if _nearly_all(len(order), len(self._order_ids)):
            lines, line_of = self._lines_of_most(order)
        else:
            lines, line_of = _lines_in_order(order, pairs, self.parents)
        self._view_kept = (order, pairs, lines, line_of)
        return lines, line_of

    def _lines_of_most(self, order: list[str]) -> tuple[list[_TreeLine[str]], dict[str, int]]:
        """:meth:`_view_lines` of a view that hides only a few nodes: the whole tree's
        lines without theirs, and a new last child where a parent's last one is hidden."""
        whole = self._whole_tree()
        kept = self._hidden_from
        hidden = kept[1] if kept is not None and kept[0] is order else whole.ids.difference(order)
        lines = _without(whole.lines, list(map(whole.index_of.__getitem__, hidden)))
        line_of = dict(zip(order, range(len(order)), strict=True))
        _, last = self._pairs()
        nodes = self.nodes_by_id  # type: ignore[attr-defined]
        parents = self.parents
        for task_id in hidden:
            parent = parents[task_id]
            if not whole.lines[whole.index_of[task_id]].last or (parent and parent in hidden):
                continue
            children = nodes[parent]._children if parent else self.root._children
            for child in reversed(children):
                if child.data in line_of:
                    lines[line_of[child.data]] = last[child.data]
                    break
        return lines, line_of

    def view_of(self, matched: list[str]) -> tuple[list[str], set[str], set[str]]:
        """The view of ``matched`` as :meth:`_with_ancestors` makes it, kept for the
        same matches: a view prepared ahead (see ``TaskTree.prepare``) is then shown
        without working it out again."""
        kept = self._view_for
        if kept is not None and kept[0] == matched:
            return kept[1]
        view = self._with_ancestors(matched)
        self._view_for = (matched, view)
        return view

    def prepare_views(self) -> None:
        """Make the lines that views pick from now, rather than on the first search key."""
        self._whole_tree()

    def _pairs(self) -> tuple[dict[str, _TreeLine[str]], dict[str, _TreeLine[str]]]:
        """The lines views pick from (see :meth:`_make_line_pairs`), made once per shape."""
        if self._line_pairs is None:
            self._line_pairs = self._make_line_pairs()
            self._whole = None  # made from them
        return self._line_pairs

    def _whole_tree(self) -> Whole:
        """The whole tree shown (see :class:`Whole`), made once per shape of the tree."""
        pairs = self._pairs()
        if self._whole is None:
            ids = self._order_ids
            index_of = dict(zip(ids, range(len(ids)), strict=True))
            ends = list(range(1, len(ids) + 1))
            parents = self.parents
            for spot in range(len(ids) - 1, -1, -1):  # children before their parents
                parent = parents[ids[spot]]
                if parent and ends[spot] > ends[index_of[parent]]:
                    ends[index_of[parent]] = ends[spot]
            lines, _ = _lines_in_order(ids, pairs, parents)
            self._whole = Whole(frozenset(ids), index_of, ends, lines)
        return self._whole

    def _make_line_pairs(self) -> tuple[dict[str, _TreeLine[str]], dict[str, _TreeLine[str]]]:
        """Each node's line when it is not the last child shown of its parent, and when
        it is (the guide drawn before it differs)."""
        root = self.root
        paths: dict[TreeNode[str], list[TreeNode[str]]] = {}
        not_last: dict[str, _TreeLine[str]] = {}
        last: dict[str, _TreeLine[str]] = {}
        for node in self._order:
            parent = node._parent
            path = [node] if parent is root else [*paths[parent], node]
            if node._children:
                paths[node] = path
            not_last[node.data] = _TreeLine(path, False)  # type: ignore[index]
            last[node.data] = _TreeLine(path, True)  # type: ignore[index]
        return not_last, last

    def _set_line_count(self, count: int) -> None:
        """Set the virtual height without a layout of the whole screen.

        The tree fills its container whatever its number of lines, so a new count only
        changes the scrollbar (whose own reactive still asks for a layout when the
        scrollbar must appear or go). Setting ``virtual_size`` would lay out the whole
        screen on every search key.
        """
        size = Size(0, count)
        if size == self.virtual_size:
            return
        if not self.size:
            self.virtual_size = size
            return
        self.set_reactive(Tree.virtual_size, size)  # type: ignore[attr-defined]
        self._scroll_update(size)  # type: ignore[attr-defined]


def _nearly_all(some: int, every: int) -> bool:
    """Whether ``some`` of ``every`` nodes leave out so few that working from those left
    out is quicker (their steps are Python's, the others' mostly C's: about even at a
    tenth left out)."""
    return some * 10 > every * 9


def _lines_in_order(
    order: list[str],
    pairs: tuple[dict[str, _TreeLine[str]], dict[str, _TreeLine[str]]],
    parents: dict[str, str],
) -> tuple[list[_TreeLine[str]], dict[str, int]]:
    """The lines of the ids in ``order`` (tree order, ancestors included) and their
    numbering: each node's "not last" line, or its "last" one if no later node of the
    order has the same parent."""
    not_last, last = pairs
    lines = list(map(not_last.__getitem__, order))
    line_of = dict(zip(order, range(len(order)), strict=True))
    # the last child shown of each parent shown: a later child replaces an earlier
    last_children = dict(zip(map(parents.__getitem__, order), order, strict=True))
    for task_id in last_children.values():
        lines[line_of[task_id]] = last[task_id]
    return lines, line_of


def _without(items: list, spots: list[int]) -> list:
    """``items`` without those at ``spots``, in order."""
    if not spots:
        return list(items)
    keep = bytearray(b"\x01") * len(items)
    for spot in spots:
        keep[spot] = 0
    return list(compress(items, keep))
