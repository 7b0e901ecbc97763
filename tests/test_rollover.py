"""Rolling the fixture year over to 2025."""

from __future__ import annotations

from datetime import date

from review_year import year_plan

from plan_tui.model import Status
from plan_tui.rollover import rollover, shift_year
from plan_tui.store import dumps, loads


def test_same_areas_unfinished_items_carried_with_new_ids():
    old = year_plan()
    new = rollover(old)
    assert new.year == 2025 and new.title == "XX乡2025年工作安排"
    assert [a.title for a in new.areas] == [a.title for a in old.areas]
    assert [[i.title for i in a.children] for a in new.areas] == [
        ["压实责任，在项目推进上下实劲", "竭诚服务，在优化环境上求实效。"],
        ["强化组织领导，落实主体责任", "明确发展目标，做好项目谋划", "强化宣传推广，营造良好氛围"],
    ]
    old_ids = {t.id for t in old.tasks()}
    for task in new.tasks():
        assert task.id not in old_ids
        assert task.carried_from in old_ids
        assert task.status == Status.NOT_STARTED and task.progress == 0 and task.log == []
    carried = new.areas[1].children[0]
    assert carried.carried_from == "i21"
    assert [m.carried_from for m in carried.children] == ["m211"]  # the done measure stays


def test_people_carried_and_roster_suggested():
    new = rollover(year_plan())
    item = new.areas[0].children[0]
    assert (item.lead, item.unit, item.owner) == ("王书记", "经济发展办", "赵六")
    assert new.roster == {
        "lead": ["张乡长", "王书记"],
        "owner": ["李四", "赵六"],
        "unit": ["党政办", "百千万工程指挥部", "经济发展办"],
    }
    assert "张乡长" in new.names_used("lead")  # a finished item's lead is still suggested


def test_deadlines_move_a_year_and_targets_become_placeholders():
    new = rollover(year_plan())
    item = new.areas[0].children[0]
    assert item.deadline == date(2025, 6, 30) and item.deadline_text == "6月底前"
    assert shift_year(date(2024, 2, 29)) == date(2025, 2, 28)
    assert new.requirements == "【待补充：2025年工作总体要求】"
    assert new.targets_text == "【待补充：2025年主要目标】"
    assert [t.name for t in new.targets] == ["农业生产总值", "财政收入", "固定资产投资"]
    assert all(t.target_value is None and t.actual_value is None for t in new.targets)


def test_rolled_plan_saves_and_loads():
    new = rollover(year_plan())
    assert loads(dumps(new)) == new
