"""Moving a task to another area or item, and copying a task (domain operations)."""

from __future__ import annotations

from datetime import date

import pytest
from tui_plans import sample_plan

from plan_tui.model import Status
from plan_tui.model.errors import PlanError
from plan_tui.session.operations import CopyTask
from plan_tui.session.operations_extra import destinations, move_under
from plan_tui.session.task_history import COPIED, MOVED

DAY = date(2024, 5, 15)


def test_destinations_keep_the_level_and_leave_out_the_present_parent():
    plan = sample_plan()
    assert [d.path for d in destinations(plan, "i22")] == ["1", "3"]  # an item: other areas
    places = [d.path for d in destinations(plan, "m221")]  # a measure: other items
    assert places == ["1.1", "1.2", "1.3", "2.1", "3.1", "3.2"]
    assert destinations(plan, "a2") == []  # an area goes nowhere


def test_any_level_leaves_out_the_subtree_and_too_deep_places():
    plan = sample_plan()
    # an item with measures may go under another area only (else four levels)
    assert [d.path for d in destinations(plan, "i22", keep_level=False)] == ["1", "3"]
    places = [d.path for d in destinations(plan, "i11", keep_level=False)]
    assert "1" not in places and "1.2" in places and "2" in places  # may become a measure
    assert destinations(plan, "a2", keep_level=False) == []  # it has measures


def test_move_under_another_area_keeps_the_subtree_and_records_the_move():
    plan = sample_plan()
    path = move_under(plan, "i22", "a3", DAY, "张秘书")
    assert path == "3.3"
    moved = plan.find("3.3")[1]
    assert moved.id == "i22" and [c.id for c in moved.children] == ["m221", "m222"]
    assert [c.id for c in plan.areas[1].children] == ["i21"]
    change = moved.changes[-1]
    assert (change.field, change.author, change.date) == (MOVED, "张秘书", DAY)
    assert change.old.startswith("统筹深化") and change.new.startswith("始终坚持")


def test_move_into_its_own_subtree_is_refused_and_changes_nothing():
    plan = sample_plan()
    before = plan.model_copy(deep=True)
    with pytest.raises(PlanError):
        move_under(plan, "i22", "m221", DAY)
    with pytest.raises(PlanError):
        move_under(plan, "i22", "a2", DAY)  # where it already is
    assert plan == before


def copy_task(plan, task_id: str, day: date, author: str = ""):
    """Apply the copy operation to ``plan``; the copy as it is in the plan."""
    operation = CopyTask.of(plan, task_id, day, author)
    operation.apply(plan)
    return plan.find(operation.copy.id)[1]


def test_copy_follows_the_original_with_new_ids_and_no_history():
    plan = sample_plan()
    copy = copy_task(plan, "i22", DAY, "张秘书")
    siblings = plan.areas[1].children
    assert [t.id for t in siblings][:2] == ["i21", "i22"] and siblings[2] is copy
    assert copy.title == "明确发展目标，做好项目谋划" and copy.owner == "李明"
    assert copy.deadline == plan.find("i22")[1].deadline
    assert (copy.status, copy.progress) == (Status.NOT_STARTED, 0)  # the original is 滞后 10%
    ids = {t.id for t in plan.tasks()}
    assert len(ids) == sum(1 for _ in plan.tasks())  # every id is still unique
    assert [c.title for c in copy.children] == ["组织全面调研和评估", "加强与上级部门的沟通协调"]
    assert all((c.status, c.progress, c.log) == (Status.NOT_STARTED, 0, []) for c in copy.walk())
    assert not copy.log and [(c.field, c.old) for c in copy.changes] == [
        (COPIED, "2.2 明确发展目标，做好项目谋划")
    ]
    original = plan.find("i22")[1]
    assert not original.changes


def test_copy_of_a_task_with_a_log_starts_without_it():
    plan = sample_plan()
    copy = copy_task(plan, "i11", DAY)
    assert plan.find("i11")[1].log and not copy.log


def test_a_copy_of_last_years_task_is_this_years_own():
    plan = sample_plan()
    plan.find("i11")[1].carried_from = "2023:i5"
    copy = copy_task(plan, "i11", DAY)
    assert plan.find("i11")[1].carried_from == "2023:i5" and copy.carried_from == ""


def test_copying_the_same_operation_twice_makes_the_same_ids():
    """A change replayed on a reloaded plan inserts the ids the screen selected."""
    plan, again = sample_plan(), sample_plan()
    operation = CopyTask.of(plan, "i22", DAY)
    operation.apply(plan)
    operation.apply(again)
    first = [t.id for t in plan.find(operation.copy.id)[1].walk()]
    assert first == [t.id for t in again.find(operation.copy.id)[1].walk()]
    assert len(set(first)) == 3 and not set(first) & {"i22", "m221", "m222"}
