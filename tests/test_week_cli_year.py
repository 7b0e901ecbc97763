"""``plan-tui week`` on a plan of a past year: it says so and keeps entries in the year."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from plan_tui import store
from plan_tui.model import Plan, Task
from plan_tui.session.author import save_author


def test_week_on_a_past_plan_warns_and_dates_entries_in_its_last_week(tmp_path, monkeypatch):
    path = tmp_path / "2020.toml"
    store.save(path, Plan(year=2020, areas=[Task(id="a1", title="招商引资")]))
    monkeypatch.setenv("PLAN_TUI_CONFIG_DIR", str(tmp_path / "config"))
    save_author("张秘书")  # the author setting signs the entries
    answers = tmp_path / "答复.txt"
    answers.write_text("1 | 完成签约\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "week", str(path), "--from", str(answers)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"今天（{date.today().isoformat()}）不在计划年度2020年内，记到2020年第53周" in done.stderr
    )
    entry = store.load(path).plan.areas[0].log[-1]
    assert entry.date == date(2020, 12, 31)  # Thursday of 2020-W53; its Friday is in 2021
    assert (entry.text, entry.author) == ("完成签约", "张秘书")


def test_weekly_report_of_a_past_plan_is_for_its_last_week_and_says_so(tmp_path):
    path = tmp_path / "2020.toml"
    store.save(path, Plan(year=2020, areas=[Task(id="a1", title="招商引资")]))
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "weekly", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "今天不在计划年度2020年内，生成2020年第53周的周报" in done.stderr
    assert done.stdout.startswith("# XX乡重点工作推进情况周报（2020年第53周）")
