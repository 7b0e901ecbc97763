"""A task's history: field changes recorded on edits, merged with the update log."""

from __future__ import annotations

from datetime import date

from tui_plans import sample_plan

from plan_tui import store
from plan_tui.model import LogEntry, Status
from plan_tui.session.task_history import (
    changes_between,
    diff_fields,
    record_changes,
    task_history,
)

DAY = date(2024, 5, 15)


def _task(plan, ref):
    return plan.find(ref)[1]


def test_each_changed_field_is_recorded_with_date_author_and_readable_values():
    plan = sample_plan()
    before = _task(plan, "i11")
    after = before.model_copy(deep=True)
    after.owner = "王芳"
    after.deadline = date(2024, 9, 30)
    after.deadline_text = "9月底前"
    after.partners = ["农业办"]
    after.status = Status.DONE
    assert record_changes(before, after, DAY, "张秘书") == 4
    shown = [(c.field, c.old, c.new, c.author, c.date) for c in after.changes]
    assert shown == [
        ("owner", "李明", "王芳", "张秘书", DAY),
        ("partners", "农业办、财政所", "农业办", "张秘书", DAY),
        ("deadline", "2024-06-30（6月底前）", "2024-09-30（9月底前）", "张秘书", DAY),
        ("status", "推进中", "已完成", "张秘书", DAY),
    ]
    assert before.changes == []  # the plan before the edit is left as it was


def test_no_change_records_nothing():
    plan = sample_plan()
    task = _task(plan, "i11")
    assert diff_fields(task, task.model_copy(deep=True)) == []
    assert record_changes(task, task.model_copy(deep=True), DAY) == 0


def test_progress_set_by_a_new_log_entry_is_not_recorded_twice():
    plan = sample_plan()
    before = _task(plan, "i11")
    after = before.model_copy(deep=True)
    after.log = [*after.log, LogEntry(date=DAY, text="签约", progress=60)]
    after.progress = 60
    assert record_changes(before, after, DAY, "张秘书") == 0


def test_history_merges_changes_and_log_newest_first():
    plan = sample_plan()
    before = _task(plan, "i11")
    after = before.model_copy(deep=True)
    after.owner = "王芳"
    record_changes(before, after, date(2024, 4, 20), "张秘书")
    events = task_history(after)
    assert [(e.date.isoformat(), e.kind) for e in events] == [
        ("2024-05-08", "log"),
        ("2024-04-20", "change"),
        ("2024-04-10", "log"),
    ]


def test_changes_between_lists_only_tasks_changed_in_the_period():
    plan = sample_plan()
    before = _task(plan, "i13")
    after = before.model_copy(deep=True)
    after.unit = "财政所"
    record_changes(before, after, DAY, "张秘书")
    plan.areas[0].children[2] = after
    found = changes_between(plan, date(2024, 5, 13), date(2024, 5, 19))
    assert [(f.path, len(f.events)) for f in found] == [("1.3", 1)]
    found = changes_between(plan, date(2024, 5, 6), date(2024, 5, 12))
    assert [(f.path, [e.kind for e in f.events]) for f in found] == [("1.1", ["log"])]


def test_changes_are_saved_and_read_back_and_absent_when_empty(tmp_path):
    plan = sample_plan()
    before = _task(plan, "i11")
    after = before.model_copy(deep=True)
    after.owner = "王芳"
    record_changes(before, after, DAY, "张秘书")
    plan.areas[0].children[0] = after
    text = store.dumps(plan)
    assert text.count("[[tasks.changes]]") == 1
    assert "changes = []" not in text
    assert store.loads(text) == plan


def test_a_git_merge_unites_both_sides_change_records_without_a_conflict():
    from plan_tui.collab.merge import merge_plans

    base = sample_plan()
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    for plan, field, value, who in (
        (ours, "owner", "王芳", "张秘书"),
        (theirs, "unit", "财政所", "李秘书"),
    ):
        task = _task(plan, "i11")
        before = task.model_copy(deep=True)
        setattr(task, field, value)
        record_changes(before, task, DAY, who)
    result = merge_plans(base, ours, theirs)
    merged = _task(result.plan, "i11")
    assert not result.new_conflicts
    assert (merged.owner, merged.unit) == ("王芳", "财政所")
    assert sorted((c.field, c.author) for c in merged.changes) == [
        ("owner", "张秘书"),
        ("unit", "李秘书"),
    ]
