"""Filters and search shared by the command line and the TUI."""

from __future__ import annotations

from datetime import date

import pytest

from plan_tui.model import Plan, Status, Task
from plan_tui.model.schedule import Health
from plan_tui.query import SearchIndex, TaskFilter, filter_tasks, matches, walk

TODAY = date(2024, 6, 1)


def make_plan() -> Plan:
    return Plan(
        year=2024,
        areas=[
            Task(
                id="a1",
                title="瞄准目标，在项目落地上出实招",
                children=[
                    Task(
                        id="i1",
                        title="持续招商引资",
                        body="全年引进项目5个。",
                        lead="王明",
                        unit="经发办",
                        owner="张三",
                        deadline=date(2024, 5, 31),
                        status=Status.IN_PROGRESS,
                        progress=40,
                    ),
                    Task(
                        id="i2",
                        title="优化营商环境",
                        lead="李书记",
                        unit="党政办",
                        owner="李四",
                        partners=["司法所"],
                        deadline=date(2024, 6, 5),
                        status=Status.IN_PROGRESS,
                        progress=95,
                        notes="重庆客商来访",
                    ),
                ],
            ),
            Task(
                id="a2",
                title="推进乡村振兴",
                body="发展文旅融合，打造Logistics园区。",
                children=[
                    Task(
                        id="i3",
                        title="改善人居环境",
                        unit="农业农村办",
                        owner="张小明",
                        deadline=date(2024, 12, 31),
                        status=Status.DONE,
                        progress=100,
                        tags=["重点"],
                    ),
                ],
            ),
        ],
    )


def ids(pairs) -> list[str]:
    return [task.id for _, task in pairs]


@pytest.fixture
def plan() -> Plan:
    return make_plan()


@pytest.mark.parametrize("query", ["zsyz", "zhaoshang", "zhao shang", "ZSYZ", "招商", "yinzi"])
def test_pinyin_and_text_find_zhaoshang(plan: Plan, query: str) -> None:
    assert ids(SearchIndex(plan).search(query)) == ["i1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("经发办", ["i1"]),  # unit
        ("wangming", ["i1"]),  # lead in pinyin
        ("lsj", ["i2"]),  # lead initials
        ("司法所", ["i2"]),  # partner
        ("sfs", ["i2"]),  # partner initials
        ("chongqing", ["i2"]),  # notes, full pinyin, 重 read as chong
        ("logistics", ["a2"]),  # Latin text in a body, any case
        ("wenlu", ["a2"]),  # body pinyin, ü written as u
        ("wenlv", ["a2"]),  # ... or as v
        ("重点", ["i3"]),  # tag
        ("wlrh", ["a2"]),  # body initials (文旅融合), four letters or more
        ("wl", []),  # ... but not shorter ones, which most paragraphs would contain
        ("张 经发", ["i1"]),  # every term must match
        ("zhao shang", ["i1"]),  # not 招 in one title and 上 elsewhere
        ("xyzzy", []),
        ("", ["a1", "i1", "i2", "a2", "i3"]),
    ],
)
def test_search_fields(plan: Plan, query: str, expected: list[str]) -> None:
    index = SearchIndex(plan)
    assert ids(index.search(query)) == expected
    index.warm()
    assert ids(index.search(query)) == expected
    assert [t.id for t in index.select(plan.tasks(), query)] == expected


def test_initials_do_not_cross_fields(plan: Plan) -> None:
    # 持续招商引资 (cxzsyz) and 王明 (wm): "yzw" would only match across the two fields
    assert SearchIndex(plan).search("yzw") == []


def test_edits_are_searched_without_rebuilding(plan: Plan) -> None:
    index = SearchIndex(plan)
    index.warm()
    task = plan.find("1.2")[1]
    assert not index.matches(task, "xczx")
    task.title = "乡村振兴示范点"
    assert index.matches(task, "xczx")
    assert index.matches(task, "xiangcun")
    task.partners = ["文化站"]
    assert index.matches(task, "wenhuazhan")


def test_warm_forgets_old_texts(plan: Plan) -> None:
    index = SearchIndex(plan)
    index.warm()
    task = plan.find("1.1")[1]
    task.title = "新标题"
    index.warm()
    assert len(index._entries) == 5


def test_empty_filter_keeps_everything(plan: Plan) -> None:
    flt = TaskFilter()
    assert flt.is_empty()
    assert flt.describe() == "全部任务"
    assert ids(filter_tasks(plan, flt, TODAY)) == ["a1", "i1", "i2", "a2", "i3"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (TaskFilter(statuses=frozenset({Status.IN_PROGRESS})), ["i1", "i2"]),
        (TaskFilter(statuses=frozenset({Status.DONE, Status.NOT_STARTED})), ["a1", "a2", "i3"]),
        (TaskFilter(owner="张"), ["i1", "i3"]),
        (TaskFilter(unit="党政"), ["i2"]),
        (TaskFilter(lead="王"), ["i1"]),
        (TaskFilter(overdue=True), ["i1"]),
        (TaskFilter(due_within=7), ["i2"]),  # i1 is already overdue, i3 far away
        (TaskFilter(due_within=0), []),
        (TaskFilter(due_before=date(2024, 6, 5)), ["i1", "i2"]),  # the day itself counts
        (TaskFilter(due_before=date(2024, 6, 4)), ["i1"]),
        (TaskFilter(healths=frozenset({Health.OVERDUE})), ["i1"]),
        (TaskFilter(healths=frozenset({Health.NEAR})), ["i2"]),
        (TaskFilter(text="zsyz"), ["i1"]),
        (TaskFilter(owner="张", statuses=frozenset({Status.DONE})), ["i3"]),
        (TaskFilter(owner="张", overdue=True, text="营商"), []),
    ],
)
def test_filters_combine(plan: Plan, flt: TaskFilter, expected: list[str]) -> None:
    assert not flt.is_empty()
    assert ids(filter_tasks(plan, flt, TODAY)) == expected
    assert ids(filter_tasks(plan, flt, TODAY, SearchIndex(plan))) == expected


def test_filter_results_carry_paths(plan: Plan) -> None:
    pairs = filter_tasks(plan, TaskFilter(owner="张"), TODAY)
    assert [path for path, _ in pairs] == ["1.1", "2.1"]


def test_matches_uses_today(plan: Plan) -> None:
    task = plan.find("1.1")[1]
    flt = TaskFilter(overdue=True)
    assert matches(task, plan, flt, date(2024, 6, 1))
    assert not matches(task, plan, flt, date(2024, 5, 31))


def test_describe_in_chinese() -> None:
    flt = TaskFilter(
        statuses=frozenset({Status.DELAYED, Status.IN_PROGRESS}),
        owner="张",
        overdue=True,
        due_within=7,
        due_before=date(2024, 6, 30),
        healths=frozenset({Health.WARNING}),
        text=" zsyz ",
    )
    assert flt.describe() == (
        "状态：推进中、滞后 · 责任人：张 · 逾期 · 7天内到期 · 2024-06-30前到期"
        " · 序时：预警 · 搜索：zsyz"
    )
    assert TaskFilter(lead="王", unit="党政办").describe() == "牵头领导：王 · 责任单位：党政办"


def test_long_bodies_are_searched_in_pinyin() -> None:
    body = "持续优化营商环境，" * 20 + "推进招商引资。"
    plan = Plan(year=2024, areas=[Task(id="x", title="一", body=body)])
    assert ids(SearchIndex(plan).search("zhaoshangyinzi")) == ["x"]


def test_walk_is_the_plans_tree_order(plan: Plan) -> None:
    plan.find("1.1")[1].children.append(Task(id="m1", children=[Task(id="d1")]))
    assert walk(plan) == list(plan.walk())
    assert [p for p, _ in walk(plan)] == ["1", "1.1", "1.1.1", "1.1.1.1", "1.2", "2", "2.1"]


@pytest.mark.parametrize(
    "flt",
    [
        TaskFilter(owner="张", text="zsyz"),
        TaskFilter(statuses=frozenset({Status.IN_PROGRESS}), due_within=10),
        TaskFilter(healths=frozenset({Health.NEAR, Health.OVERDUE}), lead="王"),
    ],
)
def test_filter_tasks_agrees_with_matches(plan: Plan, flt: TaskFilter) -> None:
    one_by_one = [(p, t) for p, t in plan.walk() if matches(t, plan, flt, TODAY)]
    assert filter_tasks(plan, flt, TODAY) == one_by_one


def test_typing_on_narrows_only_where_the_result_can_only_shrink():
    """Narrowing the previous result while typing must give what a full search gives."""
    plan = Plan(
        year=2024,
        areas=[
            Task(id="a", title="抓项目促发展"),
            Task(id="b", title="优化营商环境", body="开展文旅融合招商引资"),
            Task(id="c", title="招商引资"),
        ],
    )
    index = SearchIndex(plan)
    everything = list(plan.tasks())
    for query in ("zsyz", "zhaoshang", "zhao shang", "招商引资"):
        shown = everything
        for end in range(1, len(query) + 1):
            previous, current = query[: end - 1], query[:end]
            base = shown if previous and index.refines(previous, current) else everything
            shown = index.select(base, current)
            assert shown == index.select(everything, current), current
    # the body match of 招商引资 appears only once four initials are typed
    assert [t.id for t in index.select(everything, "zsyz")] == ["b", "c"]
    assert not SearchIndex.refines("zsy", "zsyz")
    assert SearchIndex.refines("zsyz", "zsyzx")


def test_paths_number_the_tree_and_leave_no_cycle_behind() -> None:
    import gc

    leaf = Task(title="叶")
    plan = Plan(
        year=2024,
        areas=[
            Task(title="一", children=[Task(title="甲", children=[leaf]), Task(title="乙")]),
            Task(title="二"),
        ],
    )
    gc.collect()
    gc.disable()
    try:
        pairs = plan.paths()
        assert [p for p, _ in pairs] == ["1", "1.1", "1.1.1", "1.2", "2"]
        assert pairs[2][1] is leaf
        del pairs
        assert gc.collect() == 0  # the list was freed when let go, not left to the collector
    finally:
        gc.enable()
