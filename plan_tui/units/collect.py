"""Filled sheets back in (反馈): each filled row of a unit's sheet becomes an update entry.

Reading (:func:`read_sheet`) knows .xlsx and the .csv a unit may save from it (UTF-8
with or without BOM, or GB18030). Checking (:func:`check_sheet`) works on the plan as it
is now and decides row by row: applied, unchanged (already collected), or refused with
the reason; :func:`apply_rows` then adds the entries, through the one status rule.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import LogEntry, Plan, Status, Task, parse_status
from ..model.errors import PlanError
from ..model.status_rule import settle
from ..model.text_rule import forbidden_chars
from .period import Period
from .roster import belongs_to
from .sheet import HEADERS, META, META_KEYS, PARTNER_MARK, SHEET


@dataclass
class SheetRow:
    """One data row of a returned sheet, as the unit left it."""

    number: int
    """The row's number in the sheet (as Excel and WPS show it)."""
    values: dict[str, str]
    """Cell text by header."""


@dataclass
class Sheet:
    """A returned feedback sheet."""

    file: str
    """The file's name, used in every message."""
    meta: dict[str, str]
    """What dispatch stored: org, year, title, unit, week (empty for a bare .csv)."""
    rows: list[SheetRow]
    """Its data rows."""


@dataclass
class RowResult:
    """What collecting did with one row."""

    row: SheetRow
    outcome: str
    """``applied``, ``unchanged`` or ``refused``."""
    reason: str = ""
    """Why it was refused (Chinese, one line)."""
    task_id: str = ""
    entry: LogEntry | None = None
    status: Status | None = None


@dataclass
class SheetResult:
    """What collecting did with one sheet."""

    sheet: Sheet
    unit: str
    period: Period | None
    rows: list[RowResult] = field(default_factory=list)
    refused: str = ""
    """Why the whole sheet was refused, if it was."""

    def count(self, outcome: str) -> int:
        """How many rows had ``outcome``."""
        return sum(1 for r in self.rows if r.outcome == outcome)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _rows_from(table: list[list[object]], file: str) -> list[SheetRow]:
    for index, line in enumerate(table):
        if [_text(v) for v in line[: len(HEADERS)]] == HEADERS:
            start = index
            break
    else:
        raise PlanError(f"没有找到表头（{'、'.join(HEADERS[:3])}…），不是反馈表", file)
    rows = []
    for offset, line in enumerate(table[start + 1 :], start + 2):
        cells = [_text(v) for v in line] + [""] * len(HEADERS)
        if not any(cells) or cells[0].startswith(PARTNER_MARK):
            continue
        rows.append(SheetRow(offset, dict(zip(HEADERS, cells, strict=False))))
    return rows


def _read_csv(data: bytes, file: str) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise PlanError("无法识别的 CSV 编码（应为 UTF-8 或 GB18030）", file)


def read_sheet(path: Path) -> Sheet:
    """Read a returned sheet (.xlsx or .csv); ``PlanError`` when it is not one."""
    file = path.name
    if not path.is_file():
        raise PlanError("不是普通文件或不存在", path)
    data = path.read_bytes()
    if path.suffix.lower() == ".csv":
        return Sheet(file, {}, _rows_from(_read_csv(data, file), file))
    if path.suffix.lower() != ".xlsx":
        raise PlanError("反馈表应为 .xlsx 或 .csv 文件", path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise PlanError(f"无法读取的 .xlsx 文件（{type(exc).__name__}）", path) from None
    meta: dict[str, str] = {}
    if META in book.sheetnames:
        for key, value, *_ in book[META].iter_rows(values_only=True):
            if key in META_KEYS:
                meta[str(key)] = _text(value)
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    table = [list(line) for line in sheet.iter_rows(values_only=True)]
    book.close()
    return Sheet(file, meta, _rows_from(table, file))


def _check_row(plan: Plan, tasks: dict[str, Task], row: SheetRow, unit: str) -> RowResult:
    v = row.values
    note, status_text, progress_text = v["本期进展"], v["状态"], v["完成进度"]
    problem, author = v["存在问题"], v["填报人"]
    if not (note or status_text or progress_text or problem):
        return RowResult(row, "empty")
    task = tasks.get(v["任务编号"])
    if task is None:
        return RowResult(row, "refused", f"任务编号 {v['任务编号'] or '（空）'} 不在计划中")
    path, _, title = v["工作任务"].partition(" ")
    if (title or path) != task.title:
        return RowResult(row, "refused", f"工作任务“{title or path}”与计划中的标题不一致")
    if unit and not belongs_to(task, unit):
        return RowResult(
            row, "refused", f"该任务不是{unit}的任务（责任单位：{task.unit or '未填'}）"
        )
    for label, text in (("本期进展", note), ("存在问题", problem), ("填报人", author)):
        if forbidden_chars(text):
            return RowResult(row, "refused", f"{label}含有控制字符")
    status = None
    if status_text:
        try:
            status = parse_status(status_text)
        except ValueError:
            return RowResult(row, "refused", f"状态“{status_text}”无法识别")
    progress = None
    if progress_text:
        number = progress_text.rstrip("%％").strip()
        if not number.isdigit() or not 0 <= int(number) <= 100:
            return RowResult(row, "refused", f"完成进度“{progress_text}”应为 0–100 的整数")
        progress = int(number)
    return RowResult(
        row,
        "applied",
        task_id=task.id,
        status=status,
        entry=LogEntry(
            date=date.min,  # set by check_sheet from the period
            text=note,
            status=status,
            progress=progress,
            author=author or unit,
            problem=problem,
            unit=unit,
        ),
    )


def _same(a: LogEntry, b: LogEntry) -> bool:
    keys = ("date", "text", "author", "status", "progress", "problem", "unit")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def check_sheet(plan: Plan, sheet: Sheet, week: str | None = None) -> SheetResult:
    """Decide, row by row, what collecting ``sheet`` into ``plan`` would do."""
    meta = sheet.meta
    unit = meta.get("unit", "")
    result = SheetResult(sheet, unit, None)
    if meta and (meta.get("org") != plan.org or meta.get("year") != str(plan.year)):
        result.refused = f"这是{meta.get('org')}{meta.get('year')}年计划的反馈表，不是本计划的"
        return result
    try:
        period = Period.of_week(meta.get("week") or week or "")
        period.check_in_year(plan.year)
    except PlanError as exc:
        result.refused = exc.message if meta.get("week") or week else "没有周期：请用 --week 指定"
        return result
    result.period = period
    tasks = {task.id: task for _, task in plan.walk()}
    for row in sheet.rows:
        checked = _check_row(plan, tasks, row, unit)
        if checked.entry is not None:
            checked.entry = checked.entry.model_copy(update={"date": period.last})
            task = tasks[checked.task_id]
            if any(_same(checked.entry, old) for old in task.log):
                checked.outcome = "unchanged"
        result.rows.append(checked)
    return result


def apply_rows(plan: Plan, result: SheetResult) -> int:
    """Add the entries of the rows ``check_sheet`` found applicable; returns how many."""
    tasks = {task.id: task for _, task in plan.walk()}
    added = 0
    for row in result.rows:
        if row.outcome != "applied" or row.entry is None:
            continue
        task = tasks[row.task_id]
        settled = settle(
            task.status,
            task.progress,
            new_status=row.entry.status,
            new_progress=row.entry.progress,
            noted=bool(row.entry.text),
        )
        task.log.append(row.entry)
        task.status, task.progress = settled.status, settled.progress
        added += 1
    return added
