"""The seed document imports to exactly the committed plans/2024.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from plan_tui.importing import import_document
from plan_tui.store import dumps, load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "plans" / "sources" / "2023年工作回顾及2024年工作安排.txt"
COMMITTED = ROOT / "plans" / "2024.toml"

AREAS = [
    ("保持招商引资良好态势，强化服务对接与要素保障", 3),
    ("统筹深化“百县千镇万村高质量发展工程”，助力城乡区域协调发展", 5),
    ("始终坚持以乡村振兴为使命，不断激活农业发展“原动力”", 3),
    ("稳步推进绿美XX生态建设行动，提高可持续发展水平", 3),
    ("瞄准增进民生福祉，多维度优化政务服务水平", 2),
    ("聚力安全稳定亮底色，深化平安建设护航发展", 3),
    ("聚焦政府自身建设，提升引领高质量发展的能力和水平", 3),
]
ITEMS = [
    "瞄准目标，在项目落地上出实招",
    "压实责任，在项目推进上下实劲",
    "竭诚服务，在优化环境上求实效",
    "强化组织领导，落实主体责任",
    "明确发展目标，做好项目谋划",
    "立足资源禀赋，发展特色产业",
    "提升圩镇品质，加大便民力度",
    "强化宣传推广，营造良好氛围",
    "持续发力巩固脱贫攻坚成果",
    "坚决保障粮食安全",
    "切实发挥驻镇帮镇扶村政策优势",
    "积极践行“两山理念”",
    "凝聚合力开展美化绿化工作",
    "筑牢生态文明绿色屏障",
    "织密社会保障安全网",
    "提高政务服务质量",
    "夯实基层治理基础",
    "有效化解社会矛盾纠纷",
    "推动社会治理常态长效",
    "坚持党的全面领导",
    "坚持廉洁务实高效",
    "坚持依法全面履职",
]


def test_seed_tree_is_exactly_the_documents_plan() -> None:
    result = import_document(SEED)
    plan = result.plan
    assert [(a.title, len(a.children)) for a in plan.areas] == AREAS
    assert [i.title for a in plan.areas for i in a.children] == ITEMS
    assert all(not i.children for a in plan.areas for i in a.children)
    assert (plan.org, plan.year, plan.title) == ("XX乡", 2024, "XX乡2024年工作安排")
    assert plan.source == SEED.name
    assert result.warnings == []


def test_seed_bodies_and_fields() -> None:
    plan = import_document(SEED).plan
    first = plan.find("1.1")[1]
    assert first.body.startswith("聚焦产业特色优势，想方设法挖掘招商线索")
    assert first.body.endswith("确保项目和人才招得来、留得下、发展好。")
    assert plan.find("1")[1].body == ""
    assert "总体要求是：坚持以习近平新时代中国特色社会主义思想为指导" in plan.requirements
    assert plan.requirements.startswith("2024年，是中国全面建设社会主义现代化国家")
    assert plan.targets_text.startswith(
        "2024年我乡经济社会发展的主要目标是：全乡农业生产总值增长6％"
    )
    growth = plan.targets[0]
    assert (growth.name, growth.target_value, growth.target_unit, growth.target_text) == (
        "农业生产总值",
        6,
        "％",
        "增长6％",
    )
    assert [t.name for t in plan.targets[1:]] == ["固定资产投资", "社会消费品零售总额", "税收收入"]
    monthly = plan.find("1.2")[1]
    assert (monthly.deadline_text, monthly.recurrence) == ("每月", "monthly")


def test_seed_tree_holds_no_review_lead_in_or_closing() -> None:
    plan = import_document(SEED).plan
    text = "\n".join(t.title + t.body for t in plan.tasks())
    for words in (
        "聚力乡村振兴",
        "突出精细管理",
        "思危方能居安",
        "围绕上述目标任务",
        "征途漫漫",
        "##",
    ):
        assert words not in text
    assert "征途漫漫" not in plan.requirements + plan.targets_text
    assert "围绕上述目标任务" not in plan.requirements + plan.targets_text


def test_reimporting_the_seed_gives_the_committed_file_byte_for_byte(tmp_path: Path) -> None:
    assert dumps(import_document(SEED).plan) == COMMITTED.read_text(encoding="utf-8")
    sources = tmp_path / "plans" / "sources"
    sources.mkdir(parents=True)
    shutil.copy(SEED, sources / SEED.name)
    out = tmp_path / "plans" / "2024.toml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plan_tui",
            "import",
            f"plans/sources/{SEED.name}",
            "-o",
            "plans/2024.toml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == COMMITTED.read_bytes()


def test_committed_plan_loads() -> None:
    plan = load(COMMITTED).plan
    assert sum(1 for _ in plan.tasks()) == 29
