"""The loop with the responsible units: sheets out, filled sheets in, reminders."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan_tui import store
from plan_tui.cli import main
from plan_tui.model import LogEntry, Plan, Status, Task
from plan_tui.units.sheet import HEADERS

W10 = "2024-W10"


def unit_plan() -> Plan:
    """Two areas; 经发办 leads two items and supports one, 农业办 leads one, one is done."""
    return Plan(
        year=2024,
        org="XX乡",
        title="XX乡2024年工作安排",
        areas=[
            Task(
                id="a1",
                title="招商引资",
                children=[
                    Task(id="t11", title="瞄准目标", unit="经发办", owner="李明",
                         deadline=date(2024, 3, 1)),
                    Task(id="t12", title="压实责任", unit="经发办、招商办",
                         deadline=date(2024, 3, 12), log=[LogEntry(date=date(2024, 3, 1),
                                                                   text="召开调度会")]),
                    Task(id="t13", title="竭诚服务", unit="招商办", partners=["经发办"],
                         deadline=date(2024, 12, 31)),
                    Task(id="t14", title="已办结事项", unit="经发办", status=Status.DONE,
                         progress=100),
                ],
            ),
            Task(id="a2", title="乡村振兴",
                 children=[Task(id="t21", title="粮食安全", unit="农业办",
                                deadline=date(2024, 6, 30))]),
        ],
    )  # fmt: skip


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "2024.toml"
    store.save(path, unit_plan())
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def dispatch(capsys, plan_file: Path, *extra: str) -> Path:
    out = plan_file.parent / "out"
    code, _, err = run(
        capsys, "dispatch", str(plan_file), "--week", W10, "--out-dir", str(out), *extra
    )
    assert code == 0, err
    return out


def rows_of(path: Path) -> dict[str, int]:
    sheet = load_workbook(path)["反馈表"]
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(min_row=4) if row[0].value}


def fill(path: Path, values: dict[str, dict[str, object]]) -> None:
    book = load_workbook(path)
    sheet = book["反馈表"]
    where = rows_of(path)
    for task_id, cells in values.items():
        for header, value in cells.items():
            sheet.cell(where[task_id], HEADERS.index(header) + 1, value)
    book.save(path)


def test_dispatch_writes_one_sheet_per_unit_with_its_open_tasks(capsys, plan_file: Path) -> None:
    out = dispatch(capsys, plan_file)
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "农业办-2024年第10周.xlsx",
        "招商办-2024年第10周.xlsx",
        "经发办-2024年第10周.xlsx",
    ]
    book = load_workbook(out / "经发办-2024年第10周.xlsx")
    sheet = book["反馈表"]
    assert [c.value for c in sheet[3]] == HEADERS
    assert "请于3月8日前填报" in sheet["A2"].value
    assert "经发办" in sheet["A1"].value and "2024年第10周" in sheet["A1"].value
    ids = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert ids == ["t11", "t12", "（配合）以下为本单位作为配合单位的任务", "t13"]  # t14 is done
    assert sheet.cell(5, 5).value == "3月1日：召开调度会"  # 上期进展
    assert sheet.protection.sheet and not sheet.protection.password
    assert all(sheet.cell(4, c).protection.locked for c in range(1, 6))
    assert not any(sheet.cell(4, c).protection.locked for c in range(6, 11))
    rules = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert rules["list"].formula1 == '"未启动,推进中,已完成,滞后,暂缓"'
    assert (rules["whole"].formula1, rules["whole"].formula2) == ("0", "100")
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$3:$3"
    meta = book["plan-tui"]
    assert meta.sheet_state == "hidden"
    assert {r[0].value: r[1].value for r in meta.iter_rows()}["week"] == W10


def test_dispatch_never_replaces_a_sheet_without_force(capsys, plan_file: Path) -> None:
    out = dispatch(capsys, plan_file, "--unit", "农业办")
    sheet = out / "农业办-2024年第10周.xlsx"
    before = sheet.read_bytes()
    code, _, err = run(
        capsys, "dispatch", str(plan_file), "--week", W10, "--out-dir", str(out), "--unit", "农业办"
    )
    assert code == 2 and "--force" in err and sheet.read_bytes() == before
    dispatch(capsys, plan_file, "--unit", "农业办", "--force")


def test_collect_applies_good_rows_skips_empty_ones_and_refuses_bad_ones(
    capsys, plan_file: Path
) -> None:
    out = dispatch(capsys, plan_file)
    sheet = out / "经发办-2024年第10周.xlsx"
    fill(sheet, {
        "t11": {"本期进展": "对接客商3家", "状态": "推进中", "完成进度": 40, "填报人": "李明"},
        "t12": {"本期进展": "项目调度2次", "完成进度": 100, "存在问题": "用地指标紧张"},
    })  # fmt: skip
    code, stdout, err = run(capsys, "collect", str(plan_file), str(sheet))
    assert code == 0, err
    assert "经发办：已登记2行，已登记过0行，未登记0行" in stdout
    plan = store.load(plan_file).plan
    tasks = {t.id: t for _, t in plan.walk()}
    (entry,) = tasks["t11"].log
    assert (entry.date, entry.text, entry.author, entry.unit) == (
        date(2024, 3, 10),
        "对接客商3家",
        "李明",
        "经发办",
    )
    assert (tasks["t11"].status, tasks["t11"].progress) == (Status.IN_PROGRESS, 40)
    last = tasks["t12"].log[-1]
    assert (last.text, last.author, last.problem) == ("项目调度2次", "经发办", "用地指标紧张")
    assert (tasks["t12"].status, tasks["t12"].progress) == (Status.DONE, 100)  # the status rule
    assert tasks["t13"].log == []  # left empty by the unit
    assert "尚未报送反馈表的单位：招商办、农业办" in stdout

    again_code, again, _ = run(capsys, "collect", str(plan_file), str(sheet))
    assert again_code == 0 and "已登记0行，已登记过2行" in again and "没有新增内容" in again
    assert store.load(plan_file).plan == plan


def test_every_kind_of_bad_row_is_refused_on_its_line(capsys, plan_file: Path) -> None:
    out = dispatch(capsys, plan_file)
    sheet = out / "经发办-2024年第10周.xlsx"
    fill(sheet, {
        "t11": {"本期进展": "好", "状态": "差不多"},
        "t12": {"本期进展": "好", "完成进度": "150"},
        "t13": {"本期进展": "配合走访企业5家"},
    })  # fmt: skip
    book = load_workbook(sheet)
    ws = book["反馈表"]
    ws.append(["t404", "招商引资", "1.9 不存在的任务", "", "", "进展", "", None, "", ""])
    ws.append(["t21", "乡村振兴", "2.1 粮食安全", "", "", "越权填报", "", None, "", ""])
    ws.append(["t13", "招商引资", "1.3 改过的标题", "", "", "进展", "", None, "", ""])
    book.save(sheet)
    before = store.load(plan_file).plan
    code, stdout, err = run(capsys, "collect", str(plan_file), str(sheet))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 5
    assert "第4行：状态“差不多”无法识别" in lines[0]
    assert "第5行：完成进度“150”应为 0–100 的整数" in lines[1]
    assert "任务编号 t404 不在计划中" in lines[2]
    assert "不是经发办的任务" in lines[3]
    assert "与计划中的标题不一致" in lines[4]
    assert all(line.startswith("经发办-2024年第10周.xlsx 第") for line in lines)
    assert "已登记1行，已登记过0行，未登记5行" in stdout
    after = {t.id: t for _, t in store.load(plan_file).plan.walk()}
    assert [e.text for e in after["t13"].log] == ["配合走访企业5家"]
    untouched = {t.id: t for _, t in before.walk()}
    for task_id in ("t11", "t12", "t21"):
        assert after[task_id] == untouched[task_id]


def test_a_sheet_of_another_plan_or_year_is_refused_whole(
    capsys, plan_file: Path, tmp_path
) -> None:
    other = unit_plan().model_copy(update={"org": "YY镇"})
    other_file = tmp_path / "other.toml"
    store.save(other_file, other)
    out = dispatch(capsys, other_file)
    sheet = out / "经发办-2024年第10周.xlsx"
    fill(sheet, {"t11": {"本期进展": "对接客商3家"}})
    before = plan_file.read_bytes()
    code, _, err = run(capsys, "collect", str(plan_file), str(sheet))
    assert code == 2 and "YY镇2024年计划的反馈表" in err and plan_file.read_bytes() == before

    csv_path = tmp_path / "经发办.csv"
    with open(csv_path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerow(["t11", "招商引资", "1.1 瞄准目标", "", "", "进展", "", "", "", "李明"])
    code, _, err = run(capsys, "collect", str(plan_file), str(csv_path), "--week", "2025-W10")
    assert code == 2 and "不在计划年度 2024 年内" in err and plan_file.read_bytes() == before


def test_a_csv_saved_from_the_sheet_is_collected(capsys, plan_file: Path, tmp_path) -> None:
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"反馈-{encoding}.csv"
        with open(path, "w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["经发办 2024年第10周重点工作进展反馈表"])
            writer.writerow(HEADERS)
            writer.writerow(["t11", "招商引资", "1.1 瞄准目标", "", "", f"进展{encoding}", "滞后",
                             "30%", "", "李明"])  # fmt: skip
        code, _, err = run(capsys, "collect", str(plan_file), str(path), "--week", W10)
        assert code == 0, err
    task = next(t for _, t in store.load(plan_file).plan.walk() if t.id == "t11")
    assert [e.text for e in task.log] == ["进展utf-8-sig", "进展gb18030"]
    assert (task.status, task.progress) == (Status.DELAYED, 30)


def test_dry_run_prints_what_would_be_applied_and_changes_nothing(capsys, plan_file: Path) -> None:
    out = dispatch(capsys, plan_file)
    sheet = out / "经发办-2024年第10周.xlsx"
    fill(sheet, {"t11": {"本期进展": "对接客商3家"}})
    before = plan_file.read_bytes()
    code, stdout, _ = run(capsys, "collect", str(plan_file), str(sheet), "--dry-run")
    assert code == 0 and "将登记 1.1 瞄准目标：对接客商3家" in stdout
    assert plan_file.read_bytes() == before


def test_round_trip_dispatch_fill_collect_weekly(plan_file: Path) -> None:
    """As a secretary would, through the installed command in separate processes."""
    out = plan_file.parent / "out"
    command = [sys.executable, "-m", "plan_tui"]

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *argv], capture_output=True, text=True, check=False)

    assert cli("dispatch", str(plan_file), "--week", W10, "--out-dir", str(out)).returncode == 0
    fill(out / "经发办-2024年第10周.xlsx", {"t11": {"本期进展": "对接客商3家", "完成进度": 40}})
    fill(out / "农业办-2024年第10周.xlsx", {"t21": {"本期进展": "完成春播备耕", "状态": "推进中"}})
    done = cli("collect", str(plan_file), *(str(p) for p in sorted(out.iterdir())))
    assert done.returncode == 0, done.stderr
    assert "尚未报送反馈表的单位：招商办" in done.stdout
    weekly = cli("weekly", str(plan_file), "--week", W10)
    assert weekly.returncode == 0, weekly.stderr
    text = weekly.stdout
    assert text.index("瞄准目标") < text.index("对接客商3家") < text.index("粮食安全")
    assert text.index("粮食安全") < text.index("完成春播备耕")


def test_remind_groups_per_unit_and_names_the_missing_sheet(capsys, plan_file: Path) -> None:
    code, stdout, _ = run(capsys, "remind", str(plan_file), "--as-of", "2024-03-08")
    assert code == 0
    blocks = stdout.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "【督办提醒】经发办：",
        "【督办提醒】招商办：",
        "【督办提醒】农业办：",
    ]
    first = blocks[0]
    assert "已逾期1项：1.1 瞄准目标（时限3月1日，已逾期7天，责任人：李明）" in first
    assert "7日内到期1项：1.2 压实责任（时限3月12日，还有4天）" in first
    assert "2024年第10周进展反馈表尚未报送" in first
    assert "请于3月10日前反馈进展情况" in first
    assert "1.3" not in first  # 经发办 only supports 1.3


def test_remind_writes_a_notice_per_unit(capsys, plan_file: Path, tmp_path: Path) -> None:
    from docx import Document as Docx

    folder = tmp_path / "notices"
    code, _, err = run(
        capsys,
        "remind",
        str(plan_file),
        "--as-of",
        "2024-03-08",
        "--docx-dir",
        str(folder),
        "-o",
        str(tmp_path / "提醒.txt"),
    )
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["督办通知单-农业办.docx", "督办通知单-招商办.docx", "督办通知单-经发办.docx"]
    doc = Docx(str(folder / "督办通知单-经发办.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "经发办：" in text and "2024年第10周重点工作进展反馈表尚未报送" in text
    cells = [c.text for c in doc.tables[0].rows[1].cells]
    assert cells[:4] == ["1", "1.1 瞄准目标", "2024-03-01", "已逾期"]
    assert (tmp_path / "提醒.txt").read_text(encoding="utf-8").startswith("【督办提醒】经发办：")
    code, _, err = run(
        capsys, "remind", str(plan_file), "--as-of", "2024-03-08", "-o", str(tmp_path / "提醒.txt")
    )
    assert code == 2 and "--force" in err
