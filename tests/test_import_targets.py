"""Main targets (主要目标): every figure kept with its unit, two-valued targets split."""

from __future__ import annotations

import pytest

from plan_tui.importing.targets import looks_like_target, parse_targets


def rows(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(i.name, i.target_value, i.target_unit, i.target_text) for i in parse_targets(text)]


def test_every_target_keeps_its_figure_and_unit() -> None:
    text = (
        "2025年全镇经济社会发展的主要目标是：地区生产总值增长8%，一般公共预算收入增长5%；"
        "城镇和农村居民人均可支配收入分别增长6%、9%以上；粮食播种面积稳定在1.2万亩以上；"
        "森林覆盖率保持在97%以上。"
    )
    assert rows(text) == [
        ("地区生产总值", 8.0, "%", "增长8%"),
        ("一般公共预算收入", 5.0, "%", "增长5%"),
        ("城镇居民人均可支配收入", 6.0, "%", "增长6%以上"),
        ("农村居民人均可支配收入", 9.0, "%", "增长9%以上"),
        ("粮食播种面积", 1.2, "万亩", "稳定在1.2万亩以上"),
        ("森林覆盖率", 97.0, "%", "保持在97%以上"),
    ]


def test_first_target_without_colon_keeps_its_figure() -> None:
    assert rows("2025年主要预期目标是地区生产总值增长8%，财政收入增长5%。") == [
        ("地区生产总值", 8.0, "%", "增长8%"),
        ("财政收入", 5.0, "%", "增长5%"),
    ]


def test_two_full_names_share_the_values_in_order() -> None:
    assert rows("规上工业总产值和税收收入分别增长10%和8%") == [
        ("规上工业总产值", 10.0, "%", "增长10%"),
        ("税收收入", 8.0, "%", "增长8%"),
    ]


def test_a_second_figure_of_one_indicator_stays_in_its_text() -> None:
    assert rows("确保地区生产总值增长8%，力争达到10%；") == [
        ("地区生产总值", 8.0, "%", "增长8%，力争达到10%"),
    ]


def test_figures_without_a_verb_and_verb_first_targets() -> None:
    text = (
        "主要预期目标是：招商引资到位资金3亿元，新增市场主体200户，城镇登记失业率控制在3.5%以内。"
    )
    assert rows(text) == [
        ("招商引资到位资金", 3.0, "亿元", "3亿元"),
        ("市场主体", 200.0, "户", "新增市场主体200户"),
        ("城镇登记失业率", 3.5, "%", "控制在3.5%以内"),
    ]


def test_targets_on_numbered_lines_and_enumerated_with_dun() -> None:
    assert rows(
        "主要目标\n1.地区生产总值增长8%；\n2.固定资产投资增长10%、社会消费品零售总额增长6%"
    ) == [
        ("地区生产总值", 8.0, "%", "增长8%"),
        ("固定资产投资", 10.0, "%", "增长10%"),
        ("社会消费品零售总额", 6.0, "%", "增长6%"),
    ]


def test_listed_indicators_without_figures_keep_their_text() -> None:
    text = "主要目标是：全乡农业生产总值增长6％；固定资产投资、税收收入等经济指标按县下达的目标任务执行。"
    assert rows(text) == [
        ("农业生产总值", 6.0, "％", "增长6％"),
        ("固定资产投资", None, "", "按县下达的目标任务执行"),
        ("税收收入", None, "", "按县下达的目标任务执行"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.地区生产总值增长8%；", True),
        ("（2）森林覆盖率保持在97%以上", True),
        ("（一）抓项目建设。全年新建项目10个，总投资5亿元。", False),
        ("深入推进乡村振兴", False),
    ],
)
def test_looks_like_target(text: str, expected: bool) -> None:
    assert looks_like_target(text) is expected
