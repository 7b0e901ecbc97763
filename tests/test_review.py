"""The year-end review draft: exact text for the fixture year, and the seed as a yardstick."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from review_year import AS_OF, entry, year_plan

from plan_tui.docs.document import Heading, Paragraph, to_markdown
from plan_tui.model import Plan, Status, Task
from plan_tui.model.numerals import marker, ordinal_shi, to_cn
from plan_tui.reports.review import build_review, notes_of

DATA = Path(__file__).parent / "data" / "review"
SEED = Path(__file__).parent.parent / "plans" / "sources" / "2023年工作回顾及2024年工作安排.txt"


def test_fixture_year_review_is_exactly_the_expected_markdown():
    expected = (DATA / "expected_2024.md").read_text(encoding="utf-8")
    assert to_markdown(build_review(year_plan(), AS_OF)) == expected


def test_missing_actual_values_are_visible_placeholders_and_known_ones_are_stated():
    opening = build_review(year_plan(), AS_OF).blocks[0].text
    assert "农业生产总值目标增长6％，实际【待补充：农业生产总值实际增幅】" in opening
    assert "财政收入目标2000万元，实际2105.3万元" in opening
    assert "【待补充：固定资产投资实际完成值】" in opening


def test_notes_are_in_date_order_without_empty_repeated_or_later_notes():
    item = year_plan().areas[0].children[0]
    assert notes_of(item, AS_OF) == [
        "洽谈项目3个，计划总投资10.51亿元。",
        "新签约项目2个，其中已开工1个。",
    ]
    delayed = year_plan().areas[0].children[1]
    assert all("12月" not in note for note in notes_of(delayed, AS_OF))
    assert any("12月" in note for note in notes_of(delayed, date(2024, 12, 31)))


def test_measure_notes_join_their_item_in_date_order():
    item = year_plan().areas[1].children[0]
    assert notes_of(item, AS_OF) == ["印发七个专班任务分工方案。", "召开指挥部会议4次。"]


def test_item_without_notes_gets_a_placeholder_and_no_invented_text():
    doc = build_review(year_plan(), AS_OF)
    paragraph = next(b.text for b in doc.blocks if b.text.startswith("三是竭诚服务"))
    assert paragraph == "三是竭诚服务，在优化环境上求实效。【待补充】目前该项工作尚未启动。"


def test_delayed_item_says_why_with_its_last_note():
    doc = build_review(year_plan(), AS_OF)
    paragraph = next(b.text for b in doc.blocks if b.text.startswith("二是明确发展目标"))
    assert "进度滞后" in paragraph
    assert paragraph.endswith("最新情况：完成7个项目前期调研；受台风影响，可研报告推迟。")


def test_as_of_rebuilds_status_from_the_log():
    plan = year_plan()
    doc = build_review(plan, date(2024, 5, 1))
    first = next(b.text for b in doc.blocks if b.text.startswith("一是瞄准目标"))
    assert "已完成" not in first  # marked done only on 14 June
    assert "新签约项目2个" not in first


def test_problems_paragraph_groups_unfinished_items_by_area():
    doc = build_review(year_plan(), AS_OF)
    text = next(b.text for b in doc.blocks if b.text.startswith("思危方能居安"))
    assert "主要表现在：一是保持招商引资良好态势方面" in text
    assert "二是统筹深化“百县千镇万村高质量发展工程”方面" in text
    assert "瞄准目标" not in text  # done items are not problems
    assert "“明确发展目标，做好项目谋划”超过完成时限（三季度）仍未完成" in text


def test_next_year_part_carries_unfinished_items_in_official_numbering():
    doc = build_review(year_plan(), AS_OF)
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    start = next(i for i, h in enumerate(headings) if h.text == "2025年工作安排")
    plan_part = [(h.level, h.text) for h in headings[start + 1 :]]
    assert plan_part[0] == (1, "一、保持招商引资良好态势，强化服务对接与要素保障")
    assert (2, "（一）压实责任，在项目推进上下实劲【延续】") in plan_part
    assert (3, "1.完善指挥部工作机制【延续】") in plan_part
    assert not any("瞄准目标" in text for _, text in plan_part)
    assert not any("细化任务分工" in text for _, text in plan_part)  # a done measure


def test_numerals():
    assert [to_cn(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九",
    ]  # fmt: skip
    assert [marker(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert ordinal_shi(12) == "十二是"
    assert marker(2, 142) == "（142）"  # a long generated plan keeps its numbering


# --- the seed's own 2023 review as a yardstick ------------------------------------------


def _seed_review() -> list[tuple[str, list[tuple[str, str]]]]:
    """The seed's review part as areas of (item title, item text) pairs."""
    text = SEED.read_text(encoding="utf-8").replace("##paidbegin##", "")
    lines = text.splitlines()
    body = lines[2 : next(i for i, line in enumerate(lines) if line.startswith("思危方能居安"))]
    areas: list[tuple[str, list[tuple[str, str]]]] = []
    for line in body:
        if m := re.match(r"^[一二三四五六七八九十]+、(.+)$", line):
            areas.append((m.group(1), []))
        elif m := re.match(r"^[一二三四五六七八九十]+是(.+?)。(.+)$", line):
            areas[-1][1].append((m.group(1), m.group(2)))
    return areas


def _seed_plan() -> Plan:
    """A 2023-style plan whose update notes are the sentences of the seed's review.

    Sentences alternate between the item and one of its measures, a week apart, so that
    the review has to merge them back in date order.
    """
    plan = Plan(org="XX乡", year=2023)
    day = date(2023, 1, 6)
    for area_title, items in _seed_review():
        area = Task(title=area_title)
        for title, text in items:
            item = Task(title=title, status=Status.DONE, progress=100)
            measure = Task(title="具体措施")
            item.children.append(measure)
            for n, sentence in enumerate(re.findall(r"[^。]+。", text)):
                (item if n % 2 == 0 else measure).log.append(entry(day.isoformat(), sentence))
                day += timedelta(days=7)
            area.children.append(item)
        plan.areas.append(area)
    return plan


def test_seed_review_has_the_expected_shape():
    areas = _seed_review()
    assert [len(items) for _, items in areas] == [4, 2, 2, 3, 2]


def test_seed_sentences_come_back_under_the_right_area_and_item_in_order():
    doc = build_review(_seed_plan(), date(2023, 12, 31))
    blocks = doc.blocks
    for a, (area_title, items) in enumerate(_seed_review(), 1):
        start = blocks.index(Heading(1, f"{to_cn(a)}、{area_title}"))
        for i, (title, text) in enumerate(items, 1):
            paragraph = blocks[start + i]
            assert isinstance(paragraph, Paragraph)
            assert paragraph.text == f"{ordinal_shi(i)}{title}。{text}目前该项工作已完成。"
    joined = to_markdown(doc)
    assert "组织市县农业种植专业技术人员深入各村开展13场技能培训，覆盖34名脱贫户" in joined
    assert "处理率97.37％" in joined


def test_problems_list_not_started_items_together_and_nest_quotes():
    area = Task(
        title="稳步推进绿美XX生态建设行动，提高可持续发展水平",
        children=[
            Task(title="积极践行“两山理念”"),
            Task(title="凝聚合力开展美化绿化工作"),
            Task(title="筑牢生态文明绿色屏障"),
        ],
    )
    plan = Plan(year=2024, areas=[area])
    doc = build_review(plan, date(2024, 12, 31))
    text = next(b.text for b in doc.blocks if b.text.startswith("思危方能居安"))
    assert text.endswith(
        "主要表现在：一是稳步推进绿美XX生态建设行动方面，“积极践行‘两山理念’”、"
        "“凝聚合力开展美化绿化工作”、“筑牢生态文明绿色屏障”3项工作尚未启动。"
        "二是【待补充：经济社会发展中的其他困难和问题】。"
    )
