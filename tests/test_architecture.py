"""Domain below, UI on top: nothing outside ``plan_tui/tui/`` imports textual or the TUI.

Two checks. The source of every module is read with :mod:`ast`, so an import anywhere
(inside a function, under ``if TYPE_CHECKING``) is seen, and relative imports are
resolved: no domain module may name textual or ``plan_tui.tui``, ``plan_tui.model``
imports nothing else of the project, and the editing session only what is below it.
Then every domain module is imported in a fresh interpreter, which sees what the
source cannot (an import made by a library on our behalf).
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import plan_tui
from plan_tui import store
from plan_tui.model import Plan, Task

PROBE = """
import importlib, json, sys
failed = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "textual" in sys.modules:
        failed[name] = True
        break
print(json.dumps(sorted(failed)))
"""


PACKAGE = Path(plan_tui.__file__).parent
ENTRY_POINT = "plan_tui.cli"
"""Starts the TUI for ``plan-tui [PLAN]``, importing it inside that one branch."""


def module_name(path: Path) -> str:
    """``plan_tui/session/delta.py`` → ``plan_tui.session.delta``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str, module: str, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """Every module a source imports, anywhere in it, with relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            yield prefix, node.lineno
            for alias in node.names:  # ``from . import tui`` names a module too
                yield f"{prefix}.{alias.name}", node.lineno


def source_imports() -> dict[str, list[tuple[str, int]]]:
    """Every module of the package and what it imports."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        found[name] = list(
            imported_names(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        )
    return found


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def forbidden_imports(
    imports: dict[str, list[tuple[str, int]]],
) -> list[str]:
    """The imports that break the layers, as ``module:line imports name``."""
    wrong = []
    for module, names in imports.items():
        if _inside(module, "plan_tui.tui"):
            continue
        for name, line in names:
            problem = (
                _inside(name, "textual")
                or (_inside(name, "plan_tui.tui") and module != ENTRY_POINT)
                or (
                    _inside(module, "plan_tui.model")
                    and _inside(name, "plan_tui")
                    and not _inside(name, "plan_tui.model")
                )
                or (
                    _inside(module, "plan_tui.session")
                    and _inside(name, "plan_tui")
                    and not any(
                        _inside(name, f"plan_tui.{below}")
                        for below in ("session", "model", "store", "labels", "weekly")
                    )
                    and name != "plan_tui"
                )
            )
            if problem:
                wrong.append(f"{module}:{line} imports {name}")
    return wrong


def test_no_domain_module_names_textual_or_the_tui_anywhere_in_its_source() -> None:
    imports = source_imports()
    assert "plan_tui.session.plan_session" in imports and "plan_tui.tui.app" in imports
    assert forbidden_imports(imports) == []


@pytest.mark.parametrize(
    ("module", "source", "culprit"),
    [
        ("plan_tui.reports.weekly", "def f():\n    import textual\n", "textual"),
        ("plan_tui.reports.weekly", "def f():\n    from textual.app import App\n", "textual.app"),
        ("plan_tui.reports.weekly", "from ..tui import app\n", "plan_tui.tui"),
        ("plan_tui.commands.week", "from ..tui.app import run_app\n", "plan_tui.tui.app"),
        ("plan_tui.query", "import plan_tui.tui.app\n", "plan_tui.tui.app"),
        ("plan_tui.session.delta", "from ..commands import week\n", "plan_tui.commands"),
        ("plan_tui.model.plan", "from .. import store\n", "plan_tui.store"),
        ("plan_tui.model", "from ..store import load\n", "plan_tui.store"),
    ],
)
def test_the_source_check_sees_a_forbidden_import(module: str, source: str, culprit: str) -> None:
    """The counter-check: the rule fails on each kind of import it forbids."""
    is_package = module == "plan_tui.model"
    wrong = forbidden_imports({module: list(imported_names(source, module, is_package))})
    assert any(line.endswith(f"imports {culprit}") for line in wrong), wrong


def test_the_source_check_lets_the_tui_and_the_entry_point_import_it() -> None:
    allowed = {
        "plan_tui.tui.app": list(imported_names("import textual\n", "plan_tui.tui.app")),
        ENTRY_POINT: list(
            imported_names("def f():\n    from .tui.app import run_app\n", ENTRY_POINT)
        ),
    }
    assert forbidden_imports(allowed) == []


def domain_modules() -> list[str]:
    """Every module of the package except the TUI's."""
    names = [plan_tui.__name__]
    for info in pkgutil.walk_packages(plan_tui.__path__, prefix="plan_tui."):
        if info.name == "plan_tui.tui" or info.name.startswith("plan_tui.tui."):
            continue
        if info.name == "plan_tui.__main__":  # runs the CLI on import; tested below
            continue
        names.append(info.name)
    return sorted(names)


def test_the_module_list_is_discovered() -> None:
    names = domain_modules()
    for expected in ("plan_tui.model", "plan_tui.store", "plan_tui.cli", "plan_tui.commands.check"):
        assert expected in names
    assert not any(n.startswith("plan_tui.tui") for n in names)


def _imports_textual(names: list[str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *names],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_no_domain_module_imports_textual() -> None:
    names = domain_modules()
    # One interpreter per module would be slow. Importing all of them together only adds
    # modules, so if textual is absent then, it is absent for each alone; only when it
    # shows up are the modules tried one by one to name the culprits.
    if _imports_textual(names):
        culprits = [n for n in names if _imports_textual([n])]
        raise AssertionError(f"these domain modules import textual: {culprits}")


def test_the_probe_notices_textual() -> None:
    """The counter-check: the probe does see textual when something imports it."""
    assert _imports_textual(["json", "textual", "plan_tui.model"]) == ["textual"]


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    plan = Plan(year=2024, title="XX乡2024年工作安排")
    plan.areas = [Task(title="领域", children=[Task(title="工作", owner="王五")])]
    store.save(path, plan)
    script = (
        "import sys\n"
        "from plan_tui.cli import main\n"
        "codes = [main(['check', sys.argv[1]]), main(['list', sys.argv[1]]),"
        " main(['list', sys.argv[1], '--json']), main(['show', sys.argv[1], '1.1'])]\n"
        "assert codes == [0, 0, 0, 0], codes\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "CLEAN"


def test_python_m_plan_tui_check_does_not_import_textual(tmp_path: Path) -> None:
    """The real entry point, watched through the interpreter's import log."""
    path = tmp_path / "2024.toml"
    store.save(path, Plan(year=2024, areas=[Task(title="领域")]))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "plan_tui", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "校验通过" in done.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "plan_tui.cli" in imported and "plan_tui.store" in imported
    assert not [name for name in imported if name.split(".")[0] == "textual"]
