"""``plan-tui week``, ``weekly`` and ``bulletin`` run as a user runs them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from plan_tui.model import Status
from plan_tui.store import dumps, load

DATA = Path(__file__).parent / "data" / "weekly"


def _script():
    spec = importlib.util.spec_from_file_location("scripted_year", DATA / "scripted_year.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plan_tui", *args],
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "2024.toml"
    path.write_text(dumps(_script().base_plan()), encoding="utf-8")
    return path


@pytest.fixture
def year_file(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "2024.toml"
    path.write_text(dumps(_script().build_year()), encoding="utf-8")
    return path


def test_week_from_file(tmp_path: Path, plan_file: Path) -> None:
    (tmp_path / "答复.txt").write_text(
        "# 任务 | 进展说明 | 状态 | 进度 | 日期\n"
        "1.1 | 接待客商考察2批次\n"
        "1.2 | 本周无新进展\n"
        "1.2.1 | 完成房屋评估 | 推进中 | 70 | 2024-03-05\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "week", "--week", "2024-W10", "--from", "答复.txt", "--author", "小王")
    assert result.returncode == 0, result.stderr
    assert (
        "共记录 3 项：本周无新进展 1 项，新进展 1 项，更新状态或进度 1 项；跳过 0 项。"
        in result.stdout
    )
    plan = load(plan_file).plan
    t11, t12, t121 = (plan.find(p)[1] for p in ("1.1", "1.2", "1.2.1"))
    assert [(e.date.isoformat(), e.text, e.author) for e in t11.log] == [
        ("2024-03-08", "接待客商考察2批次", "小王")
    ]
    assert t12.log[0].text == "本周无新进展" and t12.status is Status.NOT_STARTED
    assert (t121.status, t121.progress, t121.log[0].date.isoformat()) == (
        Status.IN_PROGRESS,
        70,
        "2024-03-05",
    )


def test_week_from_bad_file_leaves_plan_untouched(tmp_path: Path, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    (tmp_path / "答复.txt").write_text("1.1 | 好\n1.2 | x | 完工了\n", encoding="utf-8")
    result = run(tmp_path, "week", "--week", "2024-W10", "--from", "答复.txt")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "错误：答复.txt 第2行：无法识别的状态“完工了”，可用：not_started/未启动、"
        "in_progress/推进中、done/已完成、delayed/滞后、suspended/暂缓"
    )
    assert "Traceback" not in result.stderr
    assert plan_file.read_bytes() == before


def test_week_interactive_keys_and_eof(tmp_path: Path, plan_file: Path) -> None:
    # 1 keep(回车), 1.1 note, 1.2 skip(空格), 1.2.1 status+progress, back, 1.2.1 again with k,
    # 1.2.2 an invalid key then j, then the input ends
    keys = "\nn\n召开部署会\n \ns\n推进中\n40\n完成摸底\nb\nk\nx\nj\n"
    result = run(tmp_path, "week", "--week", "2024-W10", stdin=keys)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[2/13] 1.1 招商引资" in out
    assert "牵头领导：王建国　责任单位：经济发展办　责任人：李明" in out
    assert "完成时限：2024-06-30（6月底前）" in out
    assert "（已答：设置状态和进度，重新选择）" in out
    assert "无效输入“x”" in out
    assert "（输入结束）" in out
    assert "共记录 3 项：本周无新进展 2 项，新进展 1 项，更新状态或进度 0 项；跳过 2 项。" in out
    plan = load(plan_file).plan
    assert [e.text for e in plan.find("1.1")[1].log] == ["召开部署会"]
    assert plan.find("1.2")[1].log == []
    t121 = plan.find("1.2.1")[1]
    assert [e.text for e in t121.log] == ["本周无新进展"] and t121.progress == 0


def test_week_shows_last_note_and_quits(tmp_path: Path, plan_file: Path) -> None:
    (tmp_path / "a.txt").write_text("1.1 | 上周的进展\n", encoding="utf-8")
    assert run(tmp_path, "week", "--week", "2024-W09", "--from", "a.txt").returncode == 0
    result = run(tmp_path, "week", "--week", "2024-W10", stdin="j\nq\n")
    assert "上次记录：2024-03-01 上周的进展" in result.stdout
    assert "没有改动，未保存。" in result.stdout


def test_weekly_report_stdout_and_files(tmp_path: Path, year_file: Path) -> None:
    result = run(tmp_path, "weekly", "--week", "2024-W10")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DATA / "expected" / "2024-W10.md").read_text(encoding="utf-8")
    for suffix in (".md", ".txt", ".docx"):
        out = run(
            tmp_path, "weekly", "plans/2024.toml", "--week", "2024-W52", "-o", f"周报{suffix}"
        )
        assert out.returncode == 0, out.stderr
        assert (tmp_path / f"周报{suffix}").stat().st_size > 0
    from docx import Document

    docx = Document(str(tmp_path / "周报.docx"))
    assert docx.paragraphs[0].text == "XX乡重点工作推进情况周报\n（2024年第52周）"
    assert len(docx.tables) == 7  # 2 breakdowns, 完成, 滞后, 点名, 7日内到期, 工作安排
    txt = (tmp_path / "周报.txt").read_text(encoding="utf-8")
    assert txt.startswith("XX乡重点工作推进情况周报（2024年第52周）\n")


def test_bulletin(tmp_path: Path, year_file: Path) -> None:
    result = run(tmp_path, "bulletin", "--quarter", "2024Q3")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DATA / "expected" / "bulletin-2024Q3.md").read_text(encoding="utf-8")
    out = run(tmp_path, "bulletin", "--month", "2024-03", "-o", "三月.md")
    assert out.returncode == 0
    assert (tmp_path / "三月.md").read_text(encoding="utf-8") == (
        DATA / "expected" / "bulletin-2024-03.md"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weekly", "--week", "2024-W60"], "错误：2024年没有第60周（周次“2024-W60”）"),
        (["bulletin"], "错误：请指定 --month（如 2024-03）或 --quarter（如 2024Q1）中的一个"),
        (["bulletin", "--month", "2024-3x"], "错误：无法识别的月份“2024-3x”，格式如 2024-03"),
        (["weekly", "-o", "周报.pdf"], "错误：周报.pdf：不支持的输出格式，可用：.md、.txt、.docx"),
    ],
)
def test_report_errors(tmp_path: Path, year_file: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, *args)
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]
