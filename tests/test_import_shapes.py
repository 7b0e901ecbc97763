"""The plans offices really have: every shape and format of the corpus in tests/data/import/shapes.

Each document was written for these tests (build_corpus.py makes the office formats
from the .txt sources). Each test states the exact tree: area titles and item counts.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cli_plans import run_cli as plan_tui_cli

from plan_tui.importing import import_document, office_source, read_paragraphs
from plan_tui.model import Plan
from plan_tui.model.errors import PlanError

SHAPES = Path(__file__).parent / "data" / "import" / "shapes"
HAS_SOFFICE = office_source.find_soffice() is not None
needs_soffice = pytest.mark.skipif(
    not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)


def tree(plan: Plan) -> list[tuple[str, int]]:
    return [(area.title, len(area.children)) for area in plan.areas]


# name → (rule, plan title, year, areas with their item counts)
EXPECTED: dict[str, tuple[str, str, int, list[tuple[str, int]]]] = {
    "title_plan_2024": (
        "文档标题",
        "YY镇2024年度政府工作计划",
        2024,
        [
            ("聚焦产业发展，壮大镇域经济", 3),
            ("聚焦乡村建设，改善人居环境", 3),
            ("聚焦民生保障，增进群众福祉", 3),
            ("聚焦自身建设，提升治理效能", 2),
        ],
    ),
    "work_points_2025": (
        "标题行",
        "XX镇2025年工作要点",
        2025,
        [
            ("全力抓好项目建设", 2),
            ("持续深化乡村振兴", 3),
            ("不断增进民生福祉", 2),
            ("切实维护安全稳定", 2),
        ],
    ),
    "scheme_2025": (
        "文档标题",
        "XX镇2025年农村人居环境整治提升工作方案",
        2025,
        [("重点任务", 4), ("保障措施", 3)],
    ),
    "target_lines_2025": (
        "文档标题",
        "XX镇2025年经济社会发展工作计划",
        2025,
        [("做优农业", 0), ("做强工业", 0), ("做活服务业", 0)],
    ),
    "explanation_2025": (
        "引导语",
        "XX镇2025年工作安排",
        2025,
        [
            ("坚持项目为王，全力扩大有效投资", 0),
            ("坚持农业强镇，加快发展特色产业", 0),
            ("坚持城乡融合，扎实推进和美乡村建设", 0),
            ("坚持民生优先，持续增进群众福祉", 0),
            ("坚持底线思维，全力维护安全稳定", 0),
        ],
    ),
    "speech_2025": (
        "引导语",
        "2025年工作安排",
        2025,
        [
            ("坚定信心，全力以赴稳增长", 3),
            ("深化改革，激发发展活力", 2),
            ("守牢底线，确保大局稳定", 3),
        ],
    ),
    "this_year_2025": (
        "引导语",
        "XX镇2025年工作安排",
        2025,
        [("抓好产业发展", 3), ("抓好乡村建设", 2), ("抓好民生保障", 0), ("抓好社会治理", 0)],
    ),
    "concentrate_2025": (
        "引导语",
        "XX镇2025年工作安排",
        2025,
        [("着力推动产业升级", 2), ("着力改善城乡面貌", 3), ("着力保障改善民生", 1)],
    ),
    "next_year_choice_2025": (
        "引导语",
        "XX乡2025年工作安排",
        2025,
        [("聚力产业振兴", 2), ("聚力民生改善", 3)],
    ),
}
MARKDOWN = (
    "标题行",
    "XX街道2025年重点工作安排",
    2025,
    [("强化基层治理", 2), ("提升民生服务", 3), ("推进城市更新", 1)],
)


def check(path: Path, expected: tuple[str, str, int, list[tuple[str, int]]]) -> Plan:
    rule, title, year, areas = expected
    result = import_document(path)
    assert result.basis.startswith(rule), result.basis
    assert (result.plan.title, result.plan.year) == (title, year)
    assert tree(result.plan) == areas
    return result.plan


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_document_gives_its_tree(name: str) -> None:
    check(SHAPES / f"{name}.txt", EXPECTED[name])


def test_markdown_key_work_plan() -> None:
    check(SHAPES / "key_work_2025.md", MARKDOWN)


def test_docx_work_points() -> None:
    check(SHAPES / "work_points_2025.docx", EXPECTED["work_points_2025"])


@pytest.mark.parametrize("name", ["title_plan_2024", "speech_2025"])
def test_pdf_gives_the_source_paragraphs_and_tree(name: str) -> None:
    """Lines broken by the page width are joined; header and page numbers are gone."""
    assert read_paragraphs(SHAPES / f"{name}.pdf") == read_paragraphs(SHAPES / f"{name}.txt")
    check(SHAPES / f"{name}.pdf", EXPECTED[name])


def test_scanned_pdf_is_refused_with_the_reason() -> None:
    with pytest.raises(PlanError) as info:
        import_document(SHAPES / "scanned_2025.pdf")
    assert info.value.message == "此PDF没有文字层（可能是扫描件），请先转换为文字或.docx"


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.pdf"
    broken.write_bytes((SHAPES / "speech_2025.pdf").read_bytes()[:3000])
    with pytest.raises(PlanError) as info:
        import_document(broken)
    assert "坏文件.pdf" in info.value.one_line() and "\n" not in info.value.one_line()


@needs_soffice
@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("work_points_2025.doc", "work_points_2025"),
        ("this_year_2025.wps", "this_year_2025"),
        ("explanation_2025.rtf", "explanation_2025"),
        ("concentrate_2025.odt", "concentrate_2025"),
    ],
)
def test_office_formats_convert_through_libreoffice(file: str, name: str) -> None:
    assert read_paragraphs(SHAPES / file) == read_paragraphs(SHAPES / f"{name}.txt")
    check(SHAPES / file, EXPECTED[name])


def test_without_libreoffice_the_message_names_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office_source, "find_soffice", lambda: None)
    with pytest.raises(PlanError) as info:
        import_document(SHAPES / "work_points_2025.doc")
    line = info.value.one_line()
    assert "libreoffice-writer" in line and "work_points_2025.doc" in line and "\n" not in line


def test_whole_document_plan_keeps_targets_and_deadlines() -> None:
    plan = check(SHAPES / "title_plan_2024.txt", EXPECTED["title_plan_2024"])
    assert plan.requirements.startswith("2024年是实施")  # the 会议通过 line is not kept
    assert [(t.name, t.target_text) for t in plan.targets] == [
        ("地区生产总值", "增长8%"),
        ("一般公共预算收入", "增长5%"),
        ("城镇居民人均可支配收入", "增长6%以上"),
        ("农村居民人均可支配收入", "增长9%以上"),
        ("森林覆盖率", "保持在97%以上"),
    ]
    due = {path: (t.deadline_text, t.deadline, t.recurrence) for path, t in plan.walk()}
    assert due["1.2"] == ("3月上旬", date(2024, 3, 10), "none")
    assert due["1.3"] == ("国庆节前", date(2024, 9, 30), "none")
    assert due["2.1"] == ("每周", date(2024, 12, 31), "weekly")
    assert due["2.2"] == ("汛期前", None, "none")
    assert due["3.2"] == ("春节前", date(2024, 2, 9), "none")
    assert due["3.3"] == ("9月下旬", date(2024, 9, 30), "none")
    assert due["4.1"] == ("每半年", date(2024, 12, 31), "half_yearly")
    assert due["4.2"] == ("一季度前", date(2024, 3, 31), "none")


def test_warnings_name_the_undated_and_the_reread_phrases() -> None:
    warnings = import_document(SHAPES / "title_plan_2024.txt").warnings
    assert any(w.startswith("2.2 完成时限“汛期前”没有固定日期") for w in warnings)
    assert any(
        w.startswith("3.2 完成时限“春节前”按2024年春节（2月10日）前一天计") for w in warnings
    )
    assert any(w.startswith("4.2 完成时限“一季度前”按该时段末（2024-03-31）计") for w in warnings)


def test_targets_under_a_heading_inside_the_requirements_area() -> None:
    plan = check(SHAPES / "target_lines_2025.txt", EXPECTED["target_lines_2025"])
    assert plan.requirements == "以推动高质量发展为主题，统筹发展和安全，全力建设富美XX。"
    assert [(t.name, t.target_value, t.target_text) for t in plan.targets] == [
        ("地区生产总值", 8.0, "增长8%"),
        ("规上工业总产值", 10.0, "增长10%"),
        ("税收收入", 8.0, "增长8%"),
        ("粮食播种面积", 1.2, "稳定在1.2万亩以上"),
        ("粮食产量", 5000.0, "达到5000吨，力争达到5200吨"),
    ]


def test_plan_ends_at_an_appendix_a_new_part_and_a_closing() -> None:
    concentrate = import_document(SHAPES / "concentrate_2025.txt")
    assert "项目表" not in str(concentrate.plan.model_dump())
    assert any("附件" in w and "不属于计划" in w for w in concentrate.warnings)
    explanation = import_document(SHAPES / "explanation_2025.txt").plan
    assert "挂图作战" not in str(explanation.model_dump())
    assert explanation.find("1")[1].body == "6月底前完成12个重点项目开工"
    speech = import_document(SHAPES / "speech_2025.txt").plan
    assert "新的一年" not in str(speech.model_dump())


def test_the_next_years_candidate_wins() -> None:
    result = import_document(SHAPES / "next_year_choice_2025.txt")
    assert (
        result.basis
        == "引导语“2025年，重点做好以下工作：”（第6段）及其后的编号事项；另有1处候选未采用"
    )
    assert "脱贫成果" not in str(result.plan.model_dump())
    # Asked for the review year, the review's own list is what there is for it.
    asked = import_document(SHAPES / "next_year_choice_2025.txt", year=2024)
    assert tree(asked.plan) == [("抓好脱贫成果巩固", 0), ("抓好产业发展", 0), ("抓好基层治理", 0)]


def test_lead_in_with_this_year_takes_the_year_of_the_document() -> None:
    result = import_document(SHAPES / "this_year_2025.txt")
    assert result.plan.year == 2025
    assert "计划年度按文中年份推断为2025年；如不对，请用 --year 指定" in result.warnings
    assert [c.title for c in result.plan.find("1")[1].children] == [
        "扩大茶叶种植面积800亩",
        "培育农业龙头企业2家",
        "3月底前建成茶叶交易中心",
    ]


def test_split_sentences_still_splits_items_of_a_lead_in_plan() -> None:
    plain = import_document(SHAPES / "concentrate_2025.txt").plan
    split = import_document(SHAPES / "concentrate_2025.txt", split_sentences=True).plan
    assert plain.find("1.1")[1].children == []
    assert [c.title for c in split.find("1.1")[1].children] == [
        "新增高标准农田2000亩",
        "年内建成冷链仓储中心1个",
    ]


def run_cli(tmp_path: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return plan_tui_cli(tmp_path, "import", str(source), "-o", "out.toml")


def test_cli_summary_names_the_rule(tmp_path: Path) -> None:
    done = run_cli(tmp_path, SHAPES / "title_plan_2024.pdf")
    assert done.returncode == 0, done.stderr
    assert "识别依据：文档标题“YY镇2024年度政府工作计划”（全文即计划）" in done.stdout
    assert "任务：4个方面，11项工作" in done.stdout
    assert "2.2 加固山塘水库：“汛期前” → 未定日期（保留原文）" in done.stdout


def test_cli_refuses_a_scanned_pdf_with_exit_2(tmp_path: Path) -> None:
    done = run_cli(tmp_path, SHAPES / "scanned_2025.pdf")
    assert done.returncode == 2
    assert "此PDF没有文字层（可能是扫描件），请先转换为文字或.docx" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.toml").exists()


@needs_soffice
def test_cli_imports_a_doc_converting_it_live(tmp_path: Path) -> None:
    source = tmp_path / "二〇二五年 工作要点.doc"  # a Chinese name with a space
    shutil.copy(SHAPES / "work_points_2025.doc", source)
    done = run_cli(tmp_path, source)
    assert done.returncode == 0, done.stderr
    assert "识别依据：标题行“XX镇2025年工作要点”（第1段）" in done.stdout
    assert "任务：4个方面，9项工作" in done.stdout


@pytest.mark.parametrize(
    "lead_in",
    [
        "今年要重点抓好以下几项工作：",
        "为此，我们将集中力量做好以下几个方面的工作：",
        "2025年，镇政府将重点做好以下三项工作：",
        "新的一年，主要抓好三个方面工作：",
        "下一步，着力抓好以下重点任务：",
        "下面，我就2025年工作讲几点意见：",
    ],
)
def test_lead_in_sentences_and_their_relatives(tmp_path: Path, lead_in: str) -> None:
    source = tmp_path / "讲话.txt"
    source.write_text(
        "在XX镇2025年工作会议上的讲话\n"
        f"2024年，全镇经济平稳运行。{lead_in}\n"
        "一是抓产业。新建茶园500亩。\n二是抓民生。新增就业200人。\n三是抓治理。化解纠纷50件。\n",
        encoding="utf-8",
    )
    result = import_document(source)
    assert result.basis.startswith(f"引导语“{lead_in.split('。')[-1]}")
    assert (result.plan.year, tree(result.plan)) == (
        2025,
        [("抓产业", 0), ("抓民生", 0), ("抓治理", 0)],
    )


def test_the_import_summary_counts_work_items_as_the_reports_do(tmp_path: Path) -> None:
    source = tmp_path / "讲话.txt"
    source.write_text(
        "在XX镇2025年工作会议上的讲话\n2024年，全镇经济平稳运行。今年要重点抓好以下几项工作：\n"
        "一是抓产业。新建茶园500亩。\n二是抓民生。新增就业200人。\n三是抓治理。化解纠纷50件。\n",
        encoding="utf-8",
    )
    done = run_cli(tmp_path, source)
    assert done.returncode == 0, done.stderr
    # three areas written without items: each is one work item, as the weekly counts them
    assert "任务：3个方面，3项工作" in done.stdout
    weekly = plan_tui_cli(tmp_path, "weekly", str(tmp_path / "out.toml"), "--week", "2025-W10")
    assert weekly.returncode == 0, weekly.stderr
    assert "重点工作3个方面3项。" in weekly.stdout


def test_a_review_of_what_was_done_is_no_plan(tmp_path: Path) -> None:
    source = tmp_path / "总结.txt"
    source.write_text(
        "XX镇2024年工作总结\n2024年，我们重点抓好了以下工作：\n一是抓产业。\n二是抓民生。\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        import_document(source)
    assert "没有找到工作安排部分" in info.value.message


def test_a_horizon_year_inside_a_plan_does_not_take_it_over(tmp_path: Path) -> None:
    source = tmp_path / "计划.txt"
    source.write_text(
        "XX镇2025年工作安排\n一、抓产业\n（一）扩茶园。到2027年，重点抓好以下两项工作：一是扩面；二是提质。\n"
        "（二）育主体。新增市场主体100户。\n二、抓民生\n（一）稳就业。新增就业200人。\n",
        encoding="utf-8",
    )
    result = import_document(source)
    assert result.basis.startswith("标题行“XX镇2025年工作安排”")
    assert (result.plan.year, tree(result.plan)) == (2025, [("抓产业", 2), ("抓民生", 1)])


def test_next_steps_of_a_years_review_are_the_next_years_plan(tmp_path: Path) -> None:
    source = tmp_path / "总结.txt"
    source.write_text(
        "XX乡2024年工作总结\n2024年，全乡经济平稳运行。\n下一步，着力抓好以下重点任务：\n"
        "一是抓产业。新建茶园500亩。\n二是抓民生。新增就业200人。\n",
        encoding="utf-8",
    )
    result = import_document(source)
    assert (result.plan.year, tree(result.plan)) == (2025, [("抓产业", 0), ("抓民生", 0)])
    assert "计划年度按上文推断为2025年；如不对，请用 --year 指定" in result.warnings


def test_libreoffice_that_cannot_start_is_explained_in_chinese(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "计划.rtf"
    shutil.copyfile(SHAPES / "explanation_2025.rtf", source)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(office_source, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(office_source.subprocess, "run", refuse)
    with pytest.raises(PlanError) as caught:
        office_source.office_lines(source)
    assert caught.value.one_line().endswith("无法启动 LibreOffice（没有权限）")
    assert "Permission" not in caught.value.one_line() and "计划.rtf" in caught.value.one_line()
