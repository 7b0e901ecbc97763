"""plan-tui uses Textual through its public API only, checked by reading the source.

What counts as a touch of Textual's internals:

- importing a Textual module or name that starts with ``_`` (``textual._dispatch_key``,
  ``from textual.widgets._tree import TreeNode``);
- a class derived from a Textual class defining a method whose name starts with ``_``
  and that Textual itself defines (an override of a private method, ``_on_key``,
  ``_render_line``);
- reading or writing ``obj._name`` where ``_name`` is a private name of Textual's
  (defined anywhere in its source), or, on another object than ``self``/``cls``, a
  private name that no class of plan-tui defines;
- ``super(Parent, self)``, which skips a parent's own method.

Textual's private names are gathered from its installed source, so the check follows
the version in use.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import textual

ROOT = Path(__file__).resolve().parent.parent / "plan_tui"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _defined_private_names(trees: list[ast.AST]) -> set[str]:
    """Every private name a body of source defines: methods, class attributes, and
    attributes assigned on ``self``/``cls``."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    targets = []
                    if isinstance(item, ast.Assign):
                        targets = item.targets
                    elif isinstance(item, ast.AnnAssign):
                        targets = [item.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and _private(target.id):
                            names.add(target.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
                and _private(node.attr)
            ):
                names.add(node.attr)
    return names


def _class_private_names(node: ast.ClassDef) -> set[str]:
    """The private names one class defines: its methods and class attributes, and the
    attributes its methods assign on ``self``/``cls``."""
    return _defined_private_names([node])


@cache
def textual_classes() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each class of Textual's installed source by name: the private names it defines
    and the names of its bases."""
    source = Path(textual.__file__).parent
    classes: dict[str, tuple[set[str], list[str]]] = {}
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names, bases = classes.setdefault(node.name, (set(), []))
                names |= _class_private_names(node)
                bases.extend(_base_names(node))
    return {name: (frozenset(n), tuple(b)) for name, (n, b) in classes.items()}


@cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual's source defines, in any class."""
    return frozenset().union(*(names for names, _ in textual_classes().values()))


def _textual_chain(names: list[str]) -> frozenset[str]:
    """The private names defined by the Textual classes ``names`` and their ancestors."""
    classes = textual_classes()
    seen: set[str] = set()
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or name not in classes:
            continue
        seen.add(name)
        own, bases = classes[name]
        found |= own
        todo.extend(bases)
    return frozenset(found)


def _textual_names(tree: ast.AST) -> set[str]:
    """The names a module binds to something imported from Textual."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "textual":
                    names.add((alias.asname or alias.name).split(".")[0])
    return names


def _base_names(node: ast.ClassDef) -> list[str]:
    names = []
    for base in node.bases:
        while isinstance(base, ast.Subscript):
            base = base.value
        while isinstance(base, ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name):
            names.append(base.id)
    return names


def find_touches(sources: dict[str, str]) -> list[str]:
    """Every touch of Textual's internals in ``sources`` (file name → source), as
    ``file:line: what``."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    textual_private = textual_private_names()
    ours = _defined_private_names(list(trees.values()))

    # the Textual classes each class derives from, followed through our own classes
    bases: dict[str, list[str]] = {}
    imported: set[str] = set()
    for tree in trees.values():
        imported |= _textual_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, []).extend(_base_names(node))

    @cache
    def textual_bases(name: str) -> frozenset[str]:
        if name in imported:
            return frozenset([name])
        found: frozenset[str] = frozenset()
        for base in bases.get(name, []):
            if base != name:
                found |= textual_bases(base)
        return found

    found: list[str] = []
    for file, tree in trees.items():
        uses_textual = bool(_textual_names(tree))
        for node in ast.walk(tree):
            where = f"{file}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
                if any(_private(part) for part in node.module.split(".")):
                    found.append(f"{where}: imports the private module {node.module}")
                for alias in node.names:
                    if _private(alias.name):
                        found.append(f"{where}: imports the private name {alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "textual" and any(_private(part) for part in parts):
                        found.append(f"{where}: imports the private module {alias.name}")
            elif isinstance(node, ast.ClassDef):
                parents = frozenset().union(*map(textual_bases, _base_names(node)))
                if not parents:
                    continue
                theirs = _textual_chain(list(parents))
                for item in ast.walk(node):
                    if (
                        isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and item in node.body
                        and item.name in theirs
                    ):
                        found.append(
                            f"{file}:{item.lineno}: {node.name} overrides Textual's {item.name}"
                        )
                    elif (
                        isinstance(item, ast.Attribute)
                        and isinstance(item.value, ast.Name)
                        and item.value.id in ("self", "cls")
                        and item.attr in theirs
                    ):
                        found.append(
                            f"{file}:{item.lineno}: {node.name} uses Textual's private {item.attr}"
                        )
            elif isinstance(node, ast.Attribute) and _private(node.attr) and uses_textual:
                on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                if on_self:
                    continue  # judged with its class, above
                if node.attr not in ours:
                    found.append(f"{where}: uses {node.attr}, which no class of ours defines")
                elif node.attr in textual_private:
                    found.append(f"{where}: uses {node.attr}, a private name of Textual's too")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "super"
                and node.args
            ):
                found.append(f"{where}: super(...) with arguments skips a parent")
    return sorted(set(found))


def project_sources() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT.parent)): path.read_text(encoding="utf-8")
        for path in sorted(ROOT.rglob("*.py"))
    }


def test_plan_tui_touches_no_private_part_of_textual():
    touches = find_touches(project_sources())
    assert touches == [], "\n".join(touches)


BAD = """
from textual._dispatch_key import dispatch_key
import textual._compositor
from textual.widgets._tree import TreeNode, _TreeLine
from textual.widgets import Tree, Input
from textual.app import App


class Mine(Tree):
    def _render_line(self, y, x1, x2, style):
        return super(Tree, self).render_line(y)

    def own_helper(self):
        self._kept = 1
        return self._kept


class Field(Input):
    async def _on_key(self, event):
        self.screen._compositor.render_update()


class Later(Mine):
    def _build(self):
        return self._tree_lines_cached


def elsewhere(app: App, node):
    app._start_widget(app, node)
    return node._undefined_anywhere
"""


def test_the_check_finds_each_kind_of_touch():
    found = find_touches({"bad.py": BAD})
    text = "\n".join(found)
    for expected in (
        "private module textual._dispatch_key",
        "private module textual._compositor",
        "private module textual.widgets._tree",
        "private name _TreeLine",
        "Mine overrides Textual's _render_line",
        "super(...) with arguments",
        "Field overrides Textual's _on_key",
        "_compositor, which no class of ours defines",
        "Later overrides Textual's _build",  # derived from Tree through Mine
        "Later uses Textual's private _tree_lines_cached",
        "_start_widget, which no class of ours defines",
        "_undefined_anywhere, which no class of ours defines",
    ):
        assert expected in text, expected
    # a private attribute of our own, on self, is no touch
    assert not any("_kept" in line for line in found)
