"""The TUI's start spares pydantic its plugin lookup, and validation still works.

Run in fresh interpreters: the test process has long imported pydantic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from plan_tui import store
from plan_tui.model import Plan, Task

PROBE = """
import json, sys
from plan_tui.cli import _without_pydantic_plugins
from plan_tui.model.errors import PlanError
_without_pydantic_plugins()
from plan_tui import store
plan = store.load(sys.argv[1]).plan
text = open(sys.argv[1], encoding="utf-8").read()
try:
    store.loads(text.replace("progress = 50", "progress = 150"), "bad.toml")
    rejected = ""
except PlanError as exc:
    rejected = exc.one_line()
import os
print(json.dumps({
    "titles": [task.title for task in plan.tasks()],
    "rejected": rejected,
    "switch": os.environ["PYDANTIC_DISABLE_PLUGINS"],
}))
"""


def _probe(path: Path, plugins: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout)


def _plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "2024.toml"
    store.save(
        path,
        Plan(year=2024, areas=[Task(title="领域", children=[Task(title="工作", progress=50)])]),
    )
    return path


def test_plugins_off_skips_the_lookup_and_still_validates(tmp_path: Path) -> None:
    result = _probe(_plan_file(tmp_path), None)
    assert result["titles"] == ["领域", "工作"]
    assert "bad.toml" in result["rejected"] and "progress" in result["rejected"]
    assert result["switch"] == "__all__"


def test_a_users_own_plugin_setting_keeps_pydantics_loader(tmp_path: Path) -> None:
    result = _probe(_plan_file(tmp_path), "some_plugin")
    assert result["titles"] == ["领域", "工作"]
    assert result["switch"] == "some_plugin"


def test_the_tuis_start_leaves_search_to_the_first_search() -> None:
    # the search modules and pinyin load in the background after the first frame
    probe = (
        "import json, sys; import plan_tui.tui.app, plan_tui.tui.main_screen; "
        "print(json.dumps(sorted(m for m in ('plan_tui.query', 'plan_tui.search_data', "
        "'plan_tui.pinyin', 'pypinyin') if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
