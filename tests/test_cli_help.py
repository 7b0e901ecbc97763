"""The top-level help a newcomer reads first: Chinese throughout, every command legible."""

from __future__ import annotations

import re
import subprocess
import sys

from plan_tui.cli import COMMANDS


def test_help_lists_every_command_apart_from_its_description() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    listed = {}
    for line in done.stdout.splitlines():
        match = re.fullmatch(r"  (\S+) {2,}(\S.*)", line)
        if match and match[1] in COMMANDS:
            listed[match[1]] = match[2]
    assert listed == {name: text for name, (_, text) in COMMANDS.items()}
    assert "program" not in done.stdout and "version number" not in done.stdout
