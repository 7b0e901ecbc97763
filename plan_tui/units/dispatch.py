"""Task sheets out (交办): one .xlsx per responsible unit, to fill in and send back."""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import STATUS_LABELS, Plan
from ..model.text_rule import visible
from ..textwidth import width as text_width
from .period import Period, md
from .roster import UnitTask, tasks_of
from .sheet import HEADER_ROW, HEADERS, LOCKED, META, NOTE_ROW, PARTNER_MARK, SHEET, TITLE_ROW

WIDTHS = [11, 16, 26, 11, 24, 30, 8, 7, 18, 8]
"""Column widths, in characters of the default font."""

FILL_IN = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
"""Light yellow: the cells the unit fills in."""

FONT = "仿宋_GB2312"


def _cell_text(text: str) -> str:
    """Text for a cell: control characters written out, never a formula."""
    return visible(text)


def _lines(value: object, width: float) -> int:
    """How many wrapped lines a cell's text takes in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    return max(1, math.ceil(text_width(value) / max(width - 1.5, 1)))


def _last_note(entry: UnitTask) -> str:
    last = entry.task.last_entry()
    return f"{md(last.date)}：{last.text}" if last and last.text else ""


def _deadline(entry: UnitTask) -> str:
    task = entry.task
    if task.deadline is None:
        return task.deadline_text or "未设时限"
    return task.deadline.isoformat()


def _rows(sheet: Worksheet, entries: list[UnitTask], start: int, style: dict) -> int:
    row = start
    for entry in entries:
        values = [
            entry.task.id,
            entry.area.title,
            f"{entry.path} {entry.task.title}",
            _deadline(entry),
            _last_note(entry),
            "",
            "",
            None,
            "",
            "",
        ]
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row, column)
            cell.value = _cell_text(value) if isinstance(value, str) else value
            cell.data_type = "s" if isinstance(value, str) else cell.data_type
            cell.font, cell.border, cell.alignment = style["font"], style["border"], style["wrap"]
            if column > LOCKED:
                cell.protection = Protection(locked=False)
                cell.fill = FILL_IN
        lines = max(_lines(value, WIDTHS[i]) for i, value in enumerate(values))
        sheet.row_dimensions[row].height = 15 * lines + 4
        row += 1
    return row


def dispatch_workbook(plan: Plan, unit: str, period: Period) -> bytes:
    """The feedback workbook of one unit for one period."""
    leads, supports = tasks_of(plan, unit)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    thin = Side(style="thin", color="000000")
    style = {
        "font": Font(name=FONT, size=11),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }
    last_column = get_column_letter(len(HEADERS))
    sheet.merge_cells(f"A{TITLE_ROW}:{last_column}{TITLE_ROW}")
    title = sheet.cell(TITLE_ROW, 1, _cell_text(f"{unit} {period.label}重点工作进展反馈表"))
    title.font = Font(name="方正小标宋简体", size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 30
    sheet.merge_cells(f"A{NOTE_ROW}:{last_column}{NOTE_ROW}")
    note = sheet.cell(
        NOTE_ROW,
        1,
        _cell_text(
            f"{plan.org}{plan.year}年重点工作台账　请于{md(period.reply_by)}前填报黄色单元格"
            f"（本期进展、状态、完成进度、存在问题、填报人）后发回。"
        ),
    )
    note.font = Font(name=FONT, size=11)
    for column, header in enumerate(HEADERS, 1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.border = style["border"]
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    row = _rows(sheet, leads, HEADER_ROW + 1, style)
    if supports:
        sheet.merge_cells(f"A{row}:{last_column}{row}")
        mark = sheet.cell(row, 1, f"{PARTNER_MARK}以下为本单位作为配合单位的任务")
        mark.font = Font(name="黑体", size=11)
        row = _rows(sheet, supports, row + 1, style)
    last_row = max(row - 1, HEADER_ROW + 1)

    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从下拉列表中选择状态",
    )
    statuses.add(f"G{HEADER_ROW + 1}:G{last_row}")
    progress = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成进度",
        error="请填写 0–100 的整数",
    )
    progress.add(f"H{HEADER_ROW + 1}:H{last_row}")
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(progress)

    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    # Sheet protection without a password: WPS and Excel open it, the office's columns stay.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False

    meta = book.create_sheet(META)
    values = {"org": plan.org, "year": plan.year, "title": plan.title, "unit": unit}
    values["week"] = period.week
    for number, (key, value) in enumerate(values.items(), 1):
        meta.cell(number, 1, key)
        meta.cell(number, 2, value).data_type = "s" if isinstance(value, str) else "n"
    meta.sheet_state = "hidden"

    book.properties.creator = plan.org
    book.properties.title = f"{unit} {period.label}重点工作进展反馈表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
