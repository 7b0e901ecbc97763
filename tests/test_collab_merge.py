"""The three-way merge of plans by task id and field, without git."""

from __future__ import annotations

from datetime import date

from collab_plans import entry, small_plan
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_tui.collab import merge_plans, resolve
from plan_tui.model import Task
from plan_tui.store import dumps, loads


def three():
    base = small_plan()
    return base, base.model_copy(deep=True), base.model_copy(deep=True)


def task(plan, tid):
    return plan.find(tid)[1]


def test_different_fields_of_one_task_merge_cleanly():
    base, ours, theirs = three()
    task(ours, "i11").owner = "王五"
    task(theirs, "i11").deadline = date(2024, 9, 30)
    result = merge_plans(base, ours, theirs)
    merged = task(result.plan, "i11")
    assert (merged.owner, merged.deadline) == ("王五", date(2024, 9, 30))
    assert result.plan.conflicts == []


def test_different_tasks_merge_cleanly():
    base, ours, theirs = three()
    task(ours, "i11").progress = 40
    task(theirs, "i21").notes = "已开班"
    plan = merge_plans(base, ours, theirs).plan
    assert task(plan, "i11").progress == 40 and task(plan, "i21").notes == "已开班"


def test_log_entries_are_the_union_in_date_order_without_duplicates():
    base, ours, theirs = three()
    shared = entry(1, "同一条", "甲")
    task(base, "i11").log = [shared]
    task(ours, "i11").log = [shared, entry(5, "甲的记录", "甲"), entry(2, "同时写的", "丙")]
    task(theirs, "i11").log = [shared, entry(3, "乙的记录", "乙"), entry(2, "同时写的", "丙")]
    log = task(merge_plans(base, ours, theirs).plan, "i11").log
    assert [e.text for e in log] == ["同一条", "同时写的", "乙的记录", "甲的记录"]


def test_an_entry_removed_on_one_side_stays_removed():
    base, ours, theirs = three()
    for plan in (base, ours, theirs):
        task(plan, "i12").log = [entry(1, "写错了"), entry(2, "保留")]
    task(ours, "i12").log = [entry(2, "保留")]
    task(theirs, "i12").log.append(entry(4, "新的"))
    log = task(merge_plans(base, ours, theirs).plan, "i12").log
    assert [e.text for e in log] == ["保留", "新的"]


def test_added_tasks_on_both_sides_are_kept_in_place():
    base, ours, theirs = three()
    task(ours, "a1").children.append(Task(id="n_ours", title="甲新增"))
    task(theirs, "a1").children.insert(1, Task(id="n_theirs", title="乙新增"))
    plan = merge_plans(base, ours, theirs).plan
    assert [c.id for c in task(plan, "a1").children] == ["i11", "n_theirs", "i12", "n_ours"]


def test_a_task_deleted_on_one_side_and_untouched_on_the_other_is_deleted():
    base, ours, theirs = three()
    task(theirs, "a1").children = [task(theirs, "i11")]
    task(ours, "i11").owner = "王五"
    plan = merge_plans(base, ours, theirs).plan
    assert plan.find("i12") is None and task(plan, "i11").owner == "王五"
    assert plan.conflicts == []


def test_delete_against_edit_is_a_conflict_that_keeps_the_task():
    base, ours, theirs = three()
    task(ours, "a1").children = [task(ours, "i11")]  # ours deletes i12
    task(theirs, "i12").log.append(entry(4, "乙写了进展"))
    plan = merge_plans(base, ours, theirs).plan
    assert task(plan, "i12").log[-1].text == "乙写了进展"
    (conflict,) = plan.conflicts
    assert (conflict.task, conflict.field, conflict.ours, conflict.theirs) == (
        "i12",
        "deleted",
        "deleted",
        "edited",
    )
    resolve(plan, "i12", "deleted", take="ours")
    assert plan.find("i12") is None and plan.conflicts == []


def test_deleting_an_area_while_the_other_side_adds_an_item_keeps_the_area():
    base, ours, theirs = three()
    ours.areas = [ours.areas[0]]
    task(theirs, "a2").children.append(Task(id="n", title="新项"))
    plan = merge_plans(base, ours, theirs).plan
    assert [c.id for c in task(plan, "a2").children] == ["i21", "n"]
    assert [(c.task, c.field) for c in plan.conflicts] == [("a2", "deleted")]


def test_a_task_moved_on_one_side_moves_and_keeps_the_other_sides_edit():
    base, ours, theirs = three()
    moved = task(ours, "i12")
    task(ours, "a1").children = [task(ours, "i11")]
    task(ours, "a2").children.append(moved)
    task(theirs, "i12").owner = "李四"
    plan = merge_plans(base, ours, theirs).plan
    assert plan.find("i12")[0] == "2.2" and task(plan, "i12").owner == "李四"


def test_two_different_moves_are_a_conflict():
    base, ours, theirs = three()
    for plan, area in ((ours, "a2"), (theirs, "i11")):
        node = task(plan, "i12")
        task(plan, "a1").children = [c for c in task(plan, "a1").children if c.id != "i12"]
        task(plan, area).children.append(node)
    plan = merge_plans(base, ours, theirs).plan
    assert [(c.field, c.ours, c.theirs) for c in plan.conflicts] == [("parent", "a2", "i11")]
    resolve(plan, "i12", "parent", take="theirs")
    assert plan.find("i12")[0] == "1.1.1"


def test_moves_that_would_make_a_loop_do_not():
    base, ours, theirs = three()
    for plan, (child, parent) in ((ours, ("a2", "a1")), (theirs, ("a1", "a2"))):
        node = task(plan, child)
        plan.areas = [a for a in plan.areas if a.id != child]
        task(plan, parent).children.append(node)
    plan = merge_plans(base, ours, theirs).plan
    assert sorted(t.id for t in plan.tasks()) == ["a1", "a2", "i11", "i12", "i21"]
    loads(dumps(plan))


def test_reordered_areas_keep_the_new_order_and_the_other_sides_edits():
    base, ours, theirs = three()
    theirs.areas = list(reversed(theirs.areas))
    task(ours, "a1").title = "抓项目"
    plan = merge_plans(base, ours, theirs).plan
    assert [a.id for a in plan.areas] == ["a2", "a1"] and plan.areas[1].title == "抓项目"


def test_same_field_different_values_is_recorded_not_marked():
    base, ours, theirs = three()
    task(ours, "i11").deadline = date(2024, 7, 31)
    task(theirs, "i11").deadline = date(2024, 8, 31)
    result = merge_plans(base, ours, theirs)
    text = dumps(result.plan)
    assert "<<<<<<<" not in text and "[[conflicts]]" in text
    again = loads(text)
    (conflict,) = again.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        date(2024, 6, 30),
        date(2024, 7, 31),
        date(2024, 8, 31),
    )
    assert task(again, "i11").deadline == date(2024, 7, 31)
    resolve(again, "i11", "deadline", take="theirs")
    assert task(again, "i11").deadline == date(2024, 8, 31) and again.conflicts == []


def test_same_change_on_both_sides_is_no_conflict():
    base, ours, theirs = three()
    task(ours, "i11").owner = task(theirs, "i11").owner = "王五"
    assert merge_plans(base, ours, theirs).plan.conflicts == []


def test_a_conflict_settled_on_one_side_stays_settled():
    base, ours, theirs = three()
    task(ours, "i11").owner, task(theirs, "i11").owner = "甲", "乙"
    conflicted = merge_plans(base, ours, theirs).plan
    settled = conflicted.model_copy(deep=True)
    resolve(settled, "i11", "owner", value="丙")
    untouched = conflicted.model_copy(deep=True)
    plan = merge_plans(conflicted, settled, untouched).plan
    assert plan.conflicts == [] and task(plan, "i11").owner == "丙"


def test_plan_fields_merge_and_conflict():
    base, ours, theirs = three()
    ours.requirements = "甲写的要求"
    theirs.settings.warn_behind = 15
    plan = merge_plans(base, ours, theirs).plan
    assert (plan.requirements, plan.settings.warn_behind) == ("甲写的要求", 15)
    ours.title, theirs.title = "甲", "乙"
    plan = merge_plans(base, ours, theirs).plan
    assert [(c.task, c.field) for c in plan.conflicts] == [("", "title")]


texts = st.text(alphabet="甲乙丙进展完成签约", min_size=1, max_size=4)
edits = st.lists(
    st.tuples(st.sampled_from(["i11", "i12", "i21"]), st.integers(1, 28), texts), max_size=5
)


@given(edits, edits, st.sampled_from(["owner", "notes", "unit"]), texts, texts)
@settings(max_examples=60, deadline=None)
def test_any_two_sides_merge_to_a_valid_plan_holding_every_entry(
    ours_logs, theirs_logs, field, ours_value, theirs_value
):
    base, ours, theirs = three()
    for plan, logs, value in ((ours, ours_logs, ours_value), (theirs, theirs_logs, theirs_value)):
        for tid, day, text in logs:
            task(plan, tid).log.append(entry(day, text))
        setattr(task(plan, "i12"), field, value)
    plan = loads(dumps(merge_plans(base, ours, theirs).plan))
    for tid, day, text in [*ours_logs, *theirs_logs]:
        assert entry(day, text) in task(plan, tid).log
    for t in plan.tasks():
        keys = [(e.date, e.text, e.author) for e in t.log]
        assert len(keys) == len(set(keys)) and keys == sorted(keys, key=lambda k: k[0])
    clash = ours_value != theirs_value
    assert bool(plan.conflicts) == clash


def test_conflict_lines_never_pass_control_characters_to_a_terminal():
    from plan_tui.collab.sync import conflict_lines
    from plan_tui.model import Conflict

    plan = small_plan()  # a [[conflicts]] table edited by hand may hold anything
    plan.conflicts = [Conflict(task="i11", field="notes", ours="甲\x1b[2J", theirs="乙\n第二行")]
    (line,) = conflict_lines(loads(dumps(plan)))
    assert "\x1b" not in line and "\\x1b[2J" in line and "\n" not in line


def test_changes_are_named_by_task_path_for_commit_messages():
    from plan_tui.collab import describe_changes, summary

    old = small_plan()
    new = old.model_copy(deep=True)
    task(new, "i11").log.append(entry(3, "进展"))
    task(new, "i11").deadline = date(2024, 7, 31)
    moved = task(new, "i12")
    task(new, "a1").children = [task(new, "i11")]
    task(new, "a2").children.append(moved)
    task(new, "a2").children = [task(new, "i12")]  # i21 deleted
    task(new, "a2").children.append(Task(id="n", title="新项"))
    changes = describe_changes(old, new)
    assert changes == [
        "1.1 添加进展、修改完成时限",
        "2.1 移动",
        "2.2 新增任务",
        "删除 2.1 就业培训",
    ]
    assert summary(changes * 3).endswith("；等12处修改")


def test_settings_that_would_disagree_once_merged_are_a_conflict():
    base, ours, theirs = three()
    ours.settings.red_behind = 15  # each side alone keeps warn_behind < red_behind
    theirs.settings.warn_behind = 20
    plan = loads(dumps(merge_plans(base, ours, theirs).plan))
    settings = (plan.settings.warn_behind, plan.settings.red_behind)
    if plan.conflicts:  # the model refuses warn_behind >= red_behind: ours kept, recorded
        assert settings == (10, 15)
        assert [(c.field, c.ours, c.theirs) for c in plan.conflicts] == [
            ("settings.warn_behind", 10, 20)
        ]
    else:
        assert settings == (20, 15)
