"""Domain below, UI on top: nothing outside ``plan_tui/tui/`` imports textual.

Every domain module is found with pkgutil, so a new module is covered without editing
this test. Each is imported in a fresh interpreter, since an import anywhere in the
test process would hide the problem.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

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
