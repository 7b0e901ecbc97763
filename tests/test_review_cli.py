"""``plan-tui review``, ``export`` and ``rollover`` run as a user would, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from review_year import year_plan

from plan_tui.store import load, save


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plan_tui", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    save(tmp_path / "plans" / "2024.toml", year_plan())
    return tmp_path


def test_review_prints_markdown_and_writes_docx_md_txt(folder):
    shown = run(folder, "review", "--as-of", "2024-11-30")
    assert shown.returncode == 0, shown.stderr
    expected = (Path(__file__).parent / "data" / "review" / "expected_2024.md").read_text("utf-8")
    assert shown.stdout == expected
    for name in ("回顾.docx", "回顾.md", "回顾.txt"):
        done = run(
            folder, "review", "plans/2024.toml", "-o", f"out/{name}", "--as-of", "2024-11-30"
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"已生成年度工作回顾草稿：out/{name}"
    paragraphs = [p.text for p in docx.Document(str(folder / "out" / "回顾.docx")).paragraphs]
    assert paragraphs[0] == "XX乡2024年工作回顾及2025年工作安排"
    assert "一、保持招商引资良好态势，强化服务对接与要素保障" in paragraphs
    assert (folder / "out" / "回顾.md").read_text("utf-8") == expected


@pytest.mark.parametrize(
    "args",
    [
        ("review", "-o", "out/回顾.pdf"),
        ("review", "--as-of", "2024-13-40", "-o", "out/回顾.docx"),
        ("review", "missing.toml", "-o", "out/回顾.docx"),
        ("export", "-o", "out/台账.pdf"),
        ("export", "missing.toml", "-o", "out/台账.xlsx"),
        ("export", "--as-of", "明天", "-o", "out/台账.xlsx"),
        ("rollover", "plans/2024.toml", "-o", "out/2025.txt"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line_and_writes_nothing(folder, args):
    done = run(folder, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert "Traceback" not in done.stderr
    assert not (folder / "out").exists()


def test_export_every_format(folder):
    for suffix in ("xlsx", "csv", "ics", "json"):
        done = run(folder, "export", "-o", f"out/台账.{suffix}")
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert f"out/台账.{suffix}" in lines[0]
        # the calendar also says how many items without a deadline were left out
        assert len(lines) == (2 if suffix == "ics" else 1)
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "台账.csv", "台账.ics", "台账.json", "台账.xlsx",
    ]  # fmt: skip


def test_rollover_writes_next_year_and_refuses_to_overwrite(folder):
    done = run(folder, "rollover", "plans/2024.toml", "-o", "plans/2025.toml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "已生成2025年计划：plans/2025.toml（2个板块，延续未完成事项6项）"
    new = load(folder / "plans" / "2025.toml").plan
    assert new.year == 2025
    before = (folder / "plans" / "2025.toml").read_bytes()
    again = run(folder, "rollover", "plans/2024.toml", "-o", "plans/2025.toml")
    assert again.returncode == 2 and "--force" in again.stderr
    assert (folder / "plans" / "2025.toml").read_bytes() == before
    forced = run(folder, "rollover", "plans/2024.toml", "-o", "plans/2025.toml", "--force")
    assert forced.returncode == 0, forced.stderr
