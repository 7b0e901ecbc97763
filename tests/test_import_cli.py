"""``plan-tui import`` as a user runs it: summary, refusals, --force, JSON input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from plan_tui.store import load, to_document

DATA = Path(__file__).parent / "data" / "import"
SEED = (
    Path(__file__).resolve().parent.parent
    / "plans"
    / "sources"
    / "2023年工作回顾及2024年工作安排.txt"
)


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plan_tui", "import", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_summary_of_the_seed(tmp_path: Path) -> None:
    done = run(tmp_path, str(SEED), "-o", "out.toml")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "已导入：XX乡2024年工作安排" in out
    assert "任务：7个方面，22项工作" in out
    assert "  一、保持招商引资良好态势，强化服务对接与要素保障（3项）" in out
    assert "      （一）瞄准目标，在项目落地上出实招" in out
    assert "  五、瞄准增进民生福祉，多维度优化政务服务水平（2项）" in out
    assert "主要目标：4项指标（农业生产总值 增长6％" in out
    assert "识别到的完成时限：1处" in out
    assert "1.2 压实责任，在项目推进上下实劲：“每月”" in out
    assert "提示：无" in out
    assert "已写入：out.toml" in out
    assert load(tmp_path / "out.toml").plan.year == 2024


def test_summary_lists_deadlines_and_warnings(tmp_path: Path) -> None:
    done = run(tmp_path, str(DATA / "shi_paragraphs.txt"), "-o", "p.toml")
    assert done.returncode == 0, done.stderr
    assert "2.2 完善垃圾收运体系，6月底前建成收集点10个：“6月底前” → 2025-06-30" in done.stdout
    assert "! 计划年度按上文推断为2025年" in done.stdout
    assert "措施" not in done.stdout.split("任务：")[1].splitlines()[0]


def test_default_output_is_plans_year(tmp_path: Path) -> None:
    done = run(tmp_path, str(DATA / "summary_plan_2025.txt"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "plans" / "2025.toml").is_file()
    assert "任务：3个方面，6项工作" in done.stdout


def test_year_org_and_split_sentences_flags(tmp_path: Path) -> None:
    done = run(
        tmp_path,
        str(DATA / "split_sentences.txt"),
        "-o",
        "p.toml",
        "--year",
        "2026",
        "--org",
        "YY镇",
        "--split-sentences",
    )
    assert done.returncode == 0, done.stderr
    plan = load(tmp_path / "p.toml").plan
    assert (plan.year, plan.org, plan.title) == (2026, "YY镇", "YY镇2026年工作安排")
    assert plan.find("1.1.1")[1].deadline == date(2026, 12, 31)
    assert "3项措施" in done.stdout


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "p.toml"
    out.write_text("别人的文件\n", encoding="utf-8")
    done = run(tmp_path, str(DATA / "inline_shi.txt"), "-o", "p.toml")
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "--force" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert out.read_text(encoding="utf-8") == "别人的文件\n"
    forced = run(tmp_path, str(DATA / "inline_shi.txt"), "-o", "p.toml", "--force")
    assert forced.returncode == 0, forced.stderr
    assert load(out).plan.areas[0].title == "稳经济促发展"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "空"),
        ("binary.txt", bytes(range(256)) * 8, "二进制"),
        ("broken.docx", b"PK\x03\x04garbage", ".docx"),
        ("review.txt", (DATA / "no_section.txt").read_bytes(), "工作安排"),
        ("noitems.txt", (DATA / "no_items.txt").read_bytes(), "编号"),
        ("bad.json", b'{"schema_version": 1, "year": 2024,', "JSON"),
        ("list.json", b"[1, 2]", "JSON"),
        ("invalid.json", '{"schema_version": 1, "year": "明年"}'.encode(), "year"),
    ],
)
def test_unusable_input_exits_2_without_output(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    (tmp_path / name).write_bytes(content)
    done = run(tmp_path, name, "-o", "out.toml")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert name in lines[0] and words in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.toml").exists()
    assert list(tmp_path.iterdir()) == [tmp_path / name]


def test_missing_source_and_bad_output(tmp_path: Path) -> None:
    missing = run(tmp_path, "none.txt", "-o", "out.toml")
    assert missing.returncode == 2 and "不存在" in missing.stderr
    wrong = run(tmp_path, str(DATA / "inline_shi.txt"), "-o", "out.xlsx")
    assert wrong.returncode == 2 and ".toml" in wrong.stderr
    assert not (tmp_path / "out.xlsx").exists()
    year = run(tmp_path, str(DATA / "inline_shi.txt"), "--year", "24")
    assert year.returncode == 2 and "年份" in year.stderr


def test_json_source_round_trips(tmp_path: Path) -> None:
    first = run(tmp_path, str(DATA / "summary_plan_2025.txt"), "-o", "a.toml")
    assert first.returncode == 0, first.stderr
    plan = load(tmp_path / "a.toml").plan
    plan.areas[0].owner = "张三"
    plan.areas[0].children[0].log = []
    document = to_document(plan)
    (tmp_path / "plan.json").write_text(
        json.dumps(document, ensure_ascii=False, default=lambda d: d.isoformat()), encoding="utf-8"
    )
    done = run(tmp_path, "plan.json", "-o", "b.toml")
    assert done.returncode == 0, done.stderr
    again = load(tmp_path / "b.toml").plan
    assert again == plan
    assert again.find("1.1")[1].deadline == date(2025, 6, 30)


def test_help_is_chinese(tmp_path: Path) -> None:
    done = run(tmp_path, "-h")
    assert done.returncode == 0
    assert "用法" in done.stdout and "--split-sentences" in done.stdout and "--force" in done.stdout
