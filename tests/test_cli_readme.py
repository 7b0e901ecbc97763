"""The README's command-line examples (section ``## 命令行``) print what they show.

Every ``$ plan-tui …`` line of that section runs in order in a fresh folder holding a
copy of ``plans/sources``, and its output must equal the lines below it.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from plan_tui.cli import main

REPO = Path(__file__).resolve().parent.parent


def examples() -> list[tuple[list[str], str]]:
    """``(argv, expected output)`` for each example of the section, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## 命令行\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ plan-tui "), command
        found.append((shlex.split(command[2:])[1:], output))
    return found


def test_the_section_has_the_examples() -> None:
    commands = [argv[0] for argv, _ in examples()]
    for name in ("import", "list", "show", "set", "log", "check"):
        assert name in commands


def test_readme_examples_print_what_they_show(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(REPO / "plans" / "sources", tmp_path / "plans" / "sources")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for argv, expected in examples():
        code = main(argv)
        captured = capsys.readouterr()
        shown = "\n".join(p for p in (captured.out.rstrip("\n"), captured.err.rstrip("\n")) if p)
        assert shown + "\n" == expected, " ".join(argv)
        assert code == (2 if captured.err else 0), " ".join(argv)


def test_readme_and_ci_run_the_same_single_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    (test_command,) = [line for line in ci.splitlines() if "-m pytest" in line]
    assert test_command.startswith("python3 -m venv .venv && ")
    assert "--require-hashes -r packaging/requirements-test.txt" in test_command
    assert readme.count(test_command) == 1
    assert readme.count("-m pytest") == 1
    lines = ci.splitlines()
    assert test_command in lines
    assert "rm -rf .venv" in ci  # a fresh virtual environment every run
    checks = [".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"]
    assert all(lines.index(c) < lines.index(test_command) for c in checks)  # checks first
