"""The baseline for the benchmarks: a bare Textual app showing a ``Tree`` of the plan's titles.

``python bench/baseline_app.py PLAN.toml`` shows every task title of the plan as a node
of a stock :class:`textual.widgets.Tree`, areas and items expanded as plan-tui opens
them, and nothing else. It reads the plan file with the standard library's ``tomllib``
only (no pydantic, no plan_tui import), so it costs what any app must pay to show those
titles from that file: Python, Textual, parsing the TOML and one tree node per task.

``python bench/baseline_app.py OUTLINE.json`` reads the titles from a JSON outline
(``[[title, [children…]], …]``, see :func:`outline_json`) instead, which leaves out the
TOML parsing as well: the floor of a Textual tree of that many nodes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Tree
from textual.widgets._tree import TreeNode

Outline = list[tuple[str, list]]
"""Titles as a tree: ``(title, children)`` pairs in document order."""


def outline_from_toml(path: Path) -> Outline:
    """The titles of a plan file in tree order, linked by each row's ``parent`` id."""
    import tomllib

    with path.open("rb") as handle:
        rows = tomllib.load(handle).get("tasks", [])
    children: dict[str, Outline] = {}
    for row in rows:
        kids: Outline = []
        children[row["id"]] = kids
        children.setdefault(row.get("parent", ""), []).append((row.get("title", ""), kids))
    return children.get("", [])


def outline_json(outline: Outline) -> str:
    """The outline as JSON, for :func:`load_outline` without a TOML parser."""
    return json.dumps(outline, ensure_ascii=False)


def load_outline(path: Path) -> Outline:
    """Titles from a plan ``.toml`` or a ``.json`` outline."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return outline_from_toml(path)


class BaselineApp(App[int]):
    """A stock ``Tree`` with one node per task: areas and items expanded, measures shown."""

    def __init__(self, outline: Outline) -> None:
        super().__init__()
        self.outline = outline

    def compose(self) -> ComposeResult:
        tree: Tree[None] = Tree("plan")
        tree.show_root = False
        yield tree

    def on_mount(self) -> None:
        tree = self.query_one(Tree)

        def add(parent: TreeNode[None], items: Outline, depth: int) -> None:
            for title, kids in items:
                if kids:
                    node = parent.add(Text(title), expand=depth < 2)
                    add(node, kids, depth + 1)
                else:
                    parent.add_leaf(Text(title))

        add(tree.root, self.outline, 0)
        tree.root.expand()
        tree.focus()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python bench/baseline_app.py PLAN.toml|OUTLINE.json", file=sys.stderr)
        return 2
    app = BaselineApp(load_outline(Path(args[0])))
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
