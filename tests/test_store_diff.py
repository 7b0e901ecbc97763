"""The TOML layout is diff-friendly: local edits give local diffs that merge as text."""

from __future__ import annotations

import difflib
import subprocess
from datetime import date
from pathlib import Path

import pytest

from plan_tui import store
from plan_tui.model import LogEntry, Plan, Status, Task


def ledger() -> Plan:
    """Three areas of four items each, every item filled in like a real ledger."""
    plan = Plan(year=2024, title="XX乡2024年工作安排", requirements="总体要求……")
    for a in range(1, 4):
        area = Task(id=f"a{a}", title=f"第{a}个领域")
        for i in range(1, 5):
            area.children.append(
                Task(
                    id=f"a{a}i{i}",
                    title=f"工作 {a}.{i}",
                    body="具体内容。",
                    lead="李乡长",
                    unit="经发办",
                    owner="王五",
                    partners=["财政所", "农办"],
                    deadline=date(2024, 6, 30),
                    deadline_text="6月底前",
                    status=Status.IN_PROGRESS,
                    progress=30,
                    tags=["重点"],
                    log=[LogEntry(date=date(2024, 3, 1), text="已启动", progress=30)],
                )
            )
        plan.areas.append(area)
    return plan


def task_span(lines: list[str], task_id: str) -> range:
    """Line numbers of one task's block: its [[tasks]] header to the next one."""
    start = lines.index(f'id = "{task_id}"') - 1
    assert lines[start] == "[[tasks]]"
    end = next((n for n in range(start + 1, len(lines)) if lines[n] == "[[tasks]]"), len(lines))
    return range(start, end)


def changes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """The non-equal opcodes of a line diff."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: setattr(t, "status", Status.DONE),
        lambda t: setattr(t, "progress", 100),
        lambda t: setattr(t, "owner", "赵六"),
        lambda t: setattr(t, "title", "新的标题"),
        lambda t: setattr(t, "body", "第一段。\n第二段。"),
        lambda t: setattr(t, "deadline", None),
        lambda t: setattr(t, "partners", ["财政所", "农办", "派出所"]),
        lambda t: t.log.pop(),
    ],
)
def test_editing_one_task_changes_only_its_lines(edit) -> None:
    plan = ledger()
    before = store.dumps(plan)
    edit(plan.find("2.3")[1])
    after = store.dumps(plan)
    ops = changes(before, after)
    assert ops, "the edit must show in the file"
    span = task_span(before.splitlines(), "a2i3")
    for _, a_start, a_end, _, _ in ops:
        assert a_start in span and max(a_start, a_end - 1) in span


def test_a_new_log_entry_only_adds_lines() -> None:
    plan = ledger()
    before = store.dumps(plan)
    task = plan.find("1.2")[1]
    task.log.append(LogEntry(date=date(2024, 3, 8), text="签约 2 个项目", progress=45))
    task.progress = 45  # a weekly update also moves progress: one changed line
    after = store.dumps(plan)
    ops = changes(before, after)
    inserts = [op for op in ops if op[0] == "insert"]
    others = [op for op in ops if op[0] != "insert"]
    assert len(inserts) == 1
    added = after.splitlines()[inserts[0][3] : inserts[0][4]]
    assert "[[tasks.log]]" in added and 'text = "签约 2 个项目"' in added
    assert [(op[0], op[2] - op[1]) for op in others] == [("replace", 1)]

    # the first log entry of a task without one also only adds lines
    plan = ledger()
    plan.find("3.4")[1].log.clear()
    before = store.dumps(plan)
    plan.find("3.4")[1].log.append(LogEntry(date=date(2024, 4, 1), text="开始"))
    assert [op[0] for op in changes(before, store.dumps(plan))] == ["insert"]


def merge(tmp_path: Path, base: str, ours: str, theirs: str) -> tuple[int, str]:
    files = {}
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        files[name] = tmp_path / f"{name}.toml"
        files[name].write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["git", "merge-file", "-p", str(files["ours"]), str(files["base"]), str(files["theirs"])],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout


def test_two_secretaries_edits_to_neighbouring_tasks_merge_cleanly(tmp_path: Path) -> None:
    base_plan = ledger()
    base = store.dumps(base_plan)

    ours_plan = ledger()
    mine = ours_plan.find("2.2")[1]
    mine.status, mine.progress = Status.DONE, 100
    mine.log.append(LogEntry(date=date(2024, 5, 6), text="已完成验收", status=Status.DONE))
    ours_plan.find("1.1")[1].title = "我改的标题"

    theirs_plan = ledger()
    # the very next task, and the first item of the next area
    theirs_plan.find("2.3")[1].owner = "赵六"
    theirs_plan.find("2.3")[1].log.append(LogEntry(date=date(2024, 5, 7), text="已对接"))
    theirs_plan.find("3.1")[1].deadline = date(2024, 9, 30)

    code, merged = merge(tmp_path, base, store.dumps(ours_plan), store.dumps(theirs_plan))
    assert code == 0, merged
    result = store.loads(merged)

    expected = ours_plan.model_copy(deep=True)
    expected.find("2.3")[1].owner = "赵六"
    expected.find("2.3")[1].log.append(LogEntry(date=date(2024, 5, 7), text="已对接"))
    expected.find("3.1")[1].deadline = date(2024, 9, 30)
    assert result == expected
    assert store.dumps(result) == merged


def test_edits_to_the_same_task_are_reported_as_a_conflict(tmp_path: Path) -> None:
    """The counter-check: the merge test above could not pass by ignoring changes."""
    base = store.dumps(ledger())
    ours, theirs = ledger(), ledger()
    ours.find("2.2")[1].owner = "甲"
    theirs.find("2.2")[1].owner = "乙"
    code, _ = merge(tmp_path, base, store.dumps(ours), store.dumps(theirs))
    assert code > 0


def test_a_new_task_and_an_edit_of_the_next_task_merge_cleanly(tmp_path: Path) -> None:
    base = store.dumps(ledger())
    ours = ledger()
    ours.areas[0].children.append(Task(id="new1", title="新增的工作", owner="钱七"))
    theirs = ledger()
    theirs.areas[1].title = "第2个领域（改）"  # the block right after the new task
    code, merged = merge(tmp_path, base, store.dumps(ours), store.dumps(theirs))
    assert code == 0, merged
    expected = ours.model_copy(deep=True)
    expected.areas[1].title = "第2个领域（改）"
    assert store.loads(merged) == expected
