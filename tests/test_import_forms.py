"""The importer on varied documents: every numbering form, encodings, .docx, artefacts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from plan_tui.importing import import_document
from plan_tui.importing.numbering import detect_marker, split_inline
from plan_tui.model import Plan
from plan_tui.model.errors import PlanError

DATA = Path(__file__).parent / "data" / "import"


def outline(plan: Plan) -> list[tuple[str, str]]:
    return [(path, task.title) for path, task in plan.walk()]


def deadlines(plan: Plan) -> dict[str, tuple[str, date | None, str]]:
    return {
        path: (t.deadline_text, t.deadline, t.recurrence)
        for path, t in plan.walk()
        if t.deadline_text
    }


def test_summary_report_takes_only_the_plan_chapter() -> None:
    """工作总结及工作计划: the plan is chapter 三、; its （一） level gives the areas."""
    result = import_document(DATA / "summary_plan_2025.txt")
    plan = result.plan
    assert (plan.org, plan.year, plan.title) == ("XX镇", 2025, "XX镇2025年工作计划")
    assert plan.source == "summary_plan_2025.txt"
    assert outline(plan) == [
        ("1", "全力抓好项目建设"),
        ("1.1", "加快项目签约"),
        ("1.2", "推进项目开工"),
        ("2", "巩固脱贫攻坚成果"),
        ("2.1", "开展动态监测"),
        ("2.2", "落实帮扶政策"),
        ("2.3", "加强技能培训"),
        ("3", "提升基层治理水平"),
        ("3.1", "化解矛盾纠纷"),
    ]
    assert plan.find("1")[1].body == "围绕产业链招商，突出重点项目。"
    assert plan.requirements == "2025年工作的总体要求是：坚持稳中求进，推动高质量发展。"
    assert plan.targets_text.startswith("2025年全镇经济社会发展的主要目标是")
    assert [(t.name, t.target_value, t.target_unit, t.target_text) for t in plan.targets] == [
        ("地区生产总值", 5.5, "％", "增长5.5％"),
        ("财政收入", 2300, "万元", "达到2300万元"),
    ]
    assert deadlines(plan) == {
        "1.1": ("6月底前", date(2025, 6, 30), "none"),
        "1.2": ("年底前", date(2025, 12, 31), "none"),
        "2.1": ("每季度", date(2025, 12, 31), "quarterly"),
        "2.2": ("上半年", date(2025, 6, 30), "none"),
        "2.3": ("三季度", date(2025, 9, 30), "none"),
        "3.1": ("每月", date(2025, 12, 31), "monthly"),
    }
    texts = " ".join(t.title + t.body for t in plan.tasks())
    assert "让我们" not in texts and "人民政府" not in texts and "经济运行" not in texts
    assert result.warnings == []


def test_yi_shi_paragraphs_with_inline_parenthesised_points() -> None:
    """Top level 一是 gives areas; inline （1）（2） inside them give items."""
    result = import_document(DATA / "shi_paragraphs.txt")
    plan = result.plan
    assert plan.year == 2025  # 下一步工作打算 after a 2024 review
    assert any("2025" in w and "--year" in w for w in result.warnings)
    assert outline(plan) == [
        ("1", "抓好产业发展"),
        ("1.1", "扩大茶叶种植面积，年内新增种植500亩"),
        ("1.2", "培育苦笋加工企业"),
        ("2", "抓好人居环境整治"),
        ("2.1", "开展“三清三拆”行动"),
        ("2.2", "完善垃圾收运体系，6月底前建成收集点10个"),
        ("2.3", "推进污水治理"),
        ("3", "抓好平安建设"),
    ]
    assert plan.find("3")[1].body == "持续开展矛盾纠纷排查。"
    assert deadlines(plan)["2.2"] == ("6月底前", date(2025, 6, 30), "none")
    assert import_document(DATA / "shi_paragraphs.txt", year=2026).plan.year == 2026


def test_inline_yi_shi_gives_measures() -> None:
    plan = import_document(DATA / "inline_shi.txt").plan
    assert outline(plan) == [
        ("1", "稳经济促发展"),
        ("1.1", "强化招商引资"),
        ("1.1.1", "完善招商机制，建立项目库"),
        ("1.1.2", "开展精准招商，二季度前赴珠三角招商"),
        ("1.1.3", "优化营商环境，年底前实现手续全程代办"),
        ("1.2", "加快项目建设"),
        ("2", "抓民生保底线"),
        ("2.1", "办好民生实事"),
        ("2.1.1", "推进道路硬化，三季度末完工"),
        ("2.1.2", "做好低保动态管理"),
    ]
    assert plan.find("1.2")[1].body == "坚持项目为王，全力推进项目落地。"
    assert deadlines(plan)["1.1.2"] == ("二季度前", date(2024, 3, 31), "none")
    assert deadlines(plan)["2.1.1"] == ("三季度末", date(2024, 9, 30), "none")


def test_di_yi_areas_with_arabic_items() -> None:
    plan = import_document(DATA / "di_form.txt").plan
    assert plan.title == "XX乡2024年工作要点"
    assert [(p, t) for p, t in outline(plan) if "." not in p] == [
        ("1", "聚焦产业发展"),
        ("2", "聚焦乡村建设"),
        ("3", "聚焦基层治理"),
    ]
    assert [len(a.children) for a in plan.areas] == [2, 1, 2]
    assert plan.find("3.2")[1].recurrence == "quarterly"


def test_half_width_parentheses() -> None:
    plan = import_document(DATA / "halfwidth.txt").plan
    assert outline(plan) == [
        ("1", "发展产业"),
        ("1.1", "壮大特色产业"),
        ("1.1.1", "扩大种植，新增500亩"),
        ("1.1.2", "建设加工厂，9月底前投产"),
        ("1.2", "培育新业态"),
        ("2", "改善民生"),
        ("2.1", "完善公共服务"),
    ]
    assert "经济发展" not in {t.title for t in plan.tasks()}  # the review's (一)


def test_level_one_numeral_without_dun() -> None:
    plan = import_document(DATA / "missing_dun.txt").plan
    assert [a.title for a in plan.areas] == [
        "保持招商引资良好态势",
        "统筹推进乡村振兴",
        "加强自身建设",
    ]
    assert [len(a.children) for a in plan.areas] == [2, 1, 1]
    # 一村一品 starts with 一 but is text, not a fourth area.
    assert plan.find("3.1")[1].body.endswith("一村一品的经验值得推广。")


def test_arabic_numbering_running_on_across_areas() -> None:
    result = import_document(DATA / "runon.txt")
    plan = result.plan
    assert [[i.title for i in a.children] for a in plan.areas] == [
        ["抓好招商引资，年内引进项目3个", "抓好项目建设"],
        ["织密社会保障网", "提升教育水平", "加强医疗服务"],
        ["加强理论学习"],
    ]
    assert not any("不连续" in w for w in result.warnings)


def test_numbering_gap_is_warned(tmp_path: Path) -> None:
    source = tmp_path / "gap.txt"
    source.write_text("2024年工作安排\n一、甲\n（一）子一。\n（三）子三。\n", encoding="utf-8")
    result = import_document(source)
    assert any("（三）" in w and "不连续" in w for w in result.warnings)


def test_full_width_digits_and_traditional_characters() -> None:
    result = import_document(DATA / "traditional.txt")
    plan = result.plan
    assert plan.year == 2024
    assert outline(plan) == [
        ("1", "保持招商引資良好態勢"),
        ("1.1", "壓實責任，在項目推進上下實勁"),
        ("1.2", "竭誠服務，在優化環境上求實效"),
        ("2", "鞏固脫貧攻堅成果"),
        ("2.1", "完善監測機制"),
        ("2.1.1", "開展動態監測，每季度排查一次"),
        ("2.1.2", "落實幫扶政策"),
    ]
    assert plan.requirements == "２０２４年工作的總體要求是：堅持穩中求進。"
    assert deadlines(plan)["1.1"] == ("６月底前", date(2024, 6, 30), "none")
    assert "工作回顧" not in {t.title for t in plan.tasks()}


def test_markdown_headings_and_sections() -> None:
    plan = import_document(DATA / "plan.md").plan
    assert plan.title == "XX乡2024年工作安排"
    assert plan.requirements == "坚持稳中求进工作总基调。"
    assert plan.targets_text == "全乡农业生产总值增长6％；新增就业200人。"
    assert [(t.name, t.target_value, t.target_unit) for t in plan.targets] == [
        ("农业生产总值", 6, "％"),
        ("就业", 200, "人"),
    ]
    assert outline(plan) == [
        ("1", "发展特色产业"),
        ("1.1", "壮大茶叶产业"),
        ("1.2", "发展乡村旅游"),
        ("2", "改善人居环境"),
        ("2.1", "推进垃圾分类"),
    ]
    assert plan.find("1.1")[1].body == "扩大种植面积，年底前新增500亩。"


def test_requirements_and_targets_as_numbered_chapters() -> None:
    """一、总体要求 二、主要目标 三、重点任务（一）…: the tasks are the （一） items."""
    plan = import_document(DATA / "meta_areas.txt").plan
    assert plan.org == "XX街道"
    assert plan.requirements == "坚持以人民为中心，推动街道各项工作高质量发展。"
    assert [t.name for t in plan.targets] == ["辖区生产总值", "市场主体"]
    assert [a.title for a in plan.areas] == ["推动经济高质量发展", "提升城市管理水平"]
    assert [len(a.children) for a in plan.areas] == [2, 1]


def test_scraping_artefacts_never_reach_the_plan() -> None:
    plan = import_document(DATA / "artefacts.txt").plan
    assert outline(plan) == [("1", "发展产业"), ("1.1", "壮大茶叶产业"), ("1.2", "发展乡村旅游")]
    assert plan.find("1.1")[1].body == "扩大种植面积，年底前新增500亩。"
    from plan_tui.store import dumps

    assert "##" not in dumps(plan)


def test_split_sentences_only_when_asked() -> None:
    plain = import_document(DATA / "split_sentences.txt").plan
    assert all(not item.children for area in plain.areas for item in area.children)
    split = import_document(DATA / "split_sentences.txt", split_sentences=True).plan
    assert outline(split) == [
        ("1", "发展产业"),
        ("1.1", "壮大茶叶产业"),
        ("1.1.1", "扩大种植面积，年底前新增500亩"),
        ("1.1.2", "建设茶叶加工厂"),
        ("1.1.3", "培育龙头企业"),
        ("1.2", "发展乡村旅游"),
        ("1.2.1", "上半年举办文化节"),
    ]
    assert split.find("1.1.1")[1].deadline == date(2024, 12, 31)


def test_org_and_year_can_be_given() -> None:
    plan = import_document(DATA / "inline_shi.txt", year=2024, org="YY镇").plan
    assert (plan.org, plan.title) == ("YY镇", "YY镇2024年工作安排")


# --- encodings and line ends ---------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8", "\r\n"),
        ("utf-8-sig", "\n"),
        ("utf-8-sig", "\r\n"),
        ("gb18030", "\n"),
        ("gbk", "\r\n"),
        ("utf-16", "\r\n"),
    ],
)
def test_encodings_and_line_ends(tmp_path: Path, encoding: str, newline: str) -> None:
    text = (DATA / "summary_plan_2025.txt").read_text(encoding="utf-8")
    source = tmp_path / "plan.txt"
    source.write_bytes(text.replace("\n", newline).encode(encoding))
    expected = import_document(DATA / "summary_plan_2025.txt").plan
    plan = import_document(source).plan
    assert outline(plan) == outline(expected)
    assert plan.requirements == expected.requirements
    assert all("\r" not in t.body and "\ufeff" not in t.title for t in plan.tasks())


def test_ids_are_deterministic_and_unique() -> None:
    first = import_document(DATA / "summary_plan_2025.txt").plan
    again = import_document(DATA / "summary_plan_2025.txt").plan
    ids = [t.id for t in first.tasks()]
    assert ids == [t.id for t in again.tasks()]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("t") and len(i) == 9 for i in ids)


# --- .docx ---------------------------------------------------------------------------


def _docx(path: Path, lines: list[str], table: list[list[str]] | None = None) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    source = _docx(
        tmp_path / "安排.docx",
        [
            "XX乡2023年工作回顾及2024年工作安排",
            "一、工作回顾",
            "（一）招商引资。全年引进项目3个。",
            "2024年工作安排",
            "2024年工作的总体要求是：坚持稳中求进。",
            "一、发展产业##paidend##",
            "（一）壮大茶叶产业。年底前新增种植500亩。",
        ],
        table=[["二、改善民生", ""], ["（一）完善公共服务。上半年建成服务中心。", ""]],
    )
    plan = import_document(source).plan
    assert plan.source == "安排.docx"
    assert plan.requirements == "2024年工作的总体要求是：坚持稳中求进。"
    assert outline(plan) == [
        ("1", "发展产业"),
        ("1.1", "壮大茶叶产业"),
        ("2", "改善民生"),
        ("2.1", "完善公共服务"),
    ]
    assert deadlines(plan)["2.1"] == ("上半年", date(2024, 6, 30), "none")


# --- refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "空"),
        ("blank.txt", b"  \r\n\n \n", "空"),
        ("binary.txt", bytes(range(256)) * 4, "二进制"),
        ("broken.docx", b"PK\x03\x04 this is not a zip", ".docx"),
        ("text.docx", "一、发展产业".encode(), ".docx"),
        ("old.doc", b"\xd0\xcf\x11\xe0", ".docx"),
        ("zip.txt", b"PK\x03\x04\x14\x00", ".docx"),
    ],
)
def test_unreadable_input_is_refused(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(PlanError) as info:
        import_document(source)
    message = info.value.one_line()
    assert name in message and words in message and "\n" not in message


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="不存在"):
        import_document(tmp_path / "none.txt")


def test_document_without_plan_section_is_refused() -> None:
    with pytest.raises(PlanError) as info:
        import_document(DATA / "no_section.txt")
    assert "2024年工作安排" in info.value.one_line()
    assert "no_section.txt" in info.value.one_line()


def test_plan_section_without_numbered_items_is_refused() -> None:
    with pytest.raises(PlanError, match="编号"):
        import_document(DATA / "no_items.txt")


# --- numbering primitives -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "style", "value"),
    [
        ("一、保持", "cn", 1),
        ("十二、保持", "cn", 12),
        ("叁、保持", "cn", 3),
        ("（三）瞄准", "cn_paren", 3),
        ("(三)瞄准", "cn_paren", 3),
        ("（三)瞄准", "cn_paren", 3),
        ("3.瞄准", "num", 3),
        ("３．瞄准", "num", 3),
        ("3、瞄准", "num", 3),
        ("（3）瞄准", "num_paren", 3),
        ("(3)瞄准", "num_paren", 3),
        ("3）瞄准", "num_paren", 3),
        ("三是瞄准", "shi", 3),
        ("第三，瞄准", "di", 3),
        ("③瞄准", "circled", 3),
    ],
)
def test_detect_marker(text: str, style: str, value: int) -> None:
    marker = detect_marker(text)
    assert marker is not None and (marker.style, marker.value) == (style, value)
    assert text[marker.end :] == "保持" if style == "cn" else text[marker.end :] == "瞄准"


@pytest.mark.parametrize(
    "text", ["1.24万亩土地", "2024年工作", "一方面，开展", "一把手工程", "（一）"]
)
def test_no_marker_on_plain_text(text: str) -> None:
    marker = detect_marker(text)
    assert marker is None or not marker.strong


def test_split_inline_requires_a_run() -> None:
    assert split_inline("引言。一是甲；二是乙；三是丙。") == ("引言。", ["甲；", "乙；", "丙。"])
    assert split_inline("统一是关键，二是") == ("统一是关键，二是", [])
    assert split_inline("（1）甲；（2）乙")[1] == ["甲；", "乙"]
    assert split_inline("第一，甲；第二，乙。")[1] == ["甲；", "乙。"]


def _auto_number(paragraph, ilvl: int, num_id: str = "1") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    paragraph._p.get_or_add_pPr().append(num_pr)


def test_docx_with_word_automatic_numbering(tmp_path: Path) -> None:
    """Word keeps list numbers out of the text; their list levels still give the tree."""
    document = docx.Document()
    document.add_paragraph("XX乡2024年工作安排")
    for ilvl, text in [
        (0, "发展产业"),
        (1, "壮大茶叶产业。年底前新增500亩。"),
        (1, "发展乡村旅游。"),
        (0, "改善民生"),
        (1, "完善公共服务。"),
    ]:
        _auto_number(document.add_paragraph(text), ilvl)
    typed = document.add_paragraph("（二）健全社会保障。")
    _auto_number(typed, 1)  # the number typed in the text wins over the list
    document.save(str(tmp_path / "auto.docx"))
    result = import_document(tmp_path / "auto.docx")
    assert outline(result.plan) == [
        ("1", "发展产业"),
        ("1.1", "壮大茶叶产业"),
        ("1.2", "发展乡村旅游"),
        ("2", "改善民生"),
        ("2.1", "完善公共服务"),
        ("2.2", "健全社会保障"),
    ]
    assert not any("不连续" in w for w in result.warnings)


def test_headings_on_their_own_line_take_following_paragraphs_as_body(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "\n".join(
            [
                "XX乡2024年工作安排",
                "围绕上述目标任务，重点抓好以下工作：",
                "一、发展产业",
                "今年重点做好以下三项工作：",
                "（一）壮大茶叶产业",
                "扩大种植面积。",
                "建设加工厂，9月底前投产。",
                "（二）发展乡村旅游：上半年举办文化节。",
                "征途漫漫，惟有奋斗。让我们携手前行！",
                "（三）这一段在结束语之后，不是任务。",
            ]
        ),
        encoding="utf-8",
    )
    plan = import_document(source).plan
    assert outline(plan) == [("1", "发展产业"), ("1.1", "壮大茶叶产业"), ("1.2", "发展乡村旅游")]
    assert plan.areas[0].body == "今年重点做好以下三项工作："
    item = plan.find("1.1")[1]
    assert item.body == "扩大种植面积。\n建设加工厂，9月底前投产。"
    assert item.deadline == date(2024, 9, 30)
    assert plan.find("1.2")[1].body == "上半年举办文化节。"
    assert plan.requirements == ""
