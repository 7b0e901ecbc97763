"""The ledger as an Excel workbook: 重点工作任务分解表, ready to print on A4 landscape."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..docs.xml_text import dropped_note, xml_text
from ..model import Plan, Status
from ..model.schedule import Health
from .ledger import COLUMNS, ledger_rows

WIDTHS = {
    "序号": 7,
    "板块": 18,
    "工作任务": 24,
    "具体措施": 48,
    "牵头领导": 10,
    "责任单位": 14,
    "配合单位": 14,
    "责任人": 9,
    "完成时限": 14,
    "状态": 8,
    "序时进度": 14,
    "最新进展": 36,
    "备注": 14,
}
"""Column widths in characters of the default font."""

FILLS = {
    "green": "C6EFCE",
    "yellow": "FFEB9C",
    "red": "FFC7CE",
    "blue": "BDD7EE",
    "grey": "E7E6E6",
}
"""Light fills for the colour names shared with the TUI (:attr:`Health.colour`)."""

STATUS_COLOURS = {
    Status.IN_PROGRESS: "blue",
    Status.DONE: "green",
    Status.DELAYED: "red",
    Status.SUSPENDED: "grey",
}
"""Status cells with a colour, as the TUI marks them (推进中 blue, 已完成 green, 滞后 red,
暂缓 grey; 未启动 stays plain so that the sheet is not all grey)."""

FONT = "仿宋_GB2312"
TITLE_ROW = 1
HEADER_ROW = 2


def ledger_title(plan: Plan) -> str:
    """``XX乡2024年重点工作任务分解表``."""
    return f"{plan.org}{plan.year}年重点工作任务分解表"


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=FILLS[colour], end_color=FILLS[colour])


def _put(sheet: Worksheet, row: int, col: int, text: str) -> tuple[Cell, int]:
    """Write ``text`` as a string cell, never a formula; XML-illegal characters dropped.

    openpyxl reads a text starting with ``=`` as a formula; the type is set back to
    string so that ``=HYPERLINK(…)`` is shown, not run. Returns the cell and how many
    characters were dropped.
    """
    text, dropped = xml_text(text)
    cell = sheet.cell(row, col, text)
    cell.data_type = "s"
    return cell, dropped


def xlsx_bytes(plan: Plan, today: date, notes: list[str] | None = None) -> bytes:
    """The workbook: title row, frozen header row, one row per item and measure.

    Every text is a string cell (a title such as ``=1+1`` is not computed); characters
    an .xlsx cannot hold are dropped, with a note appended to ``notes``.
    """
    dropped = 0
    book = Workbook()
    sheet = book.active
    sheet.title = "重点工作任务分解表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    last = get_column_letter(len(COLUMNS))
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    title, dropped = _put(sheet, TITLE_ROW, 1, ledger_title(plan))
    title.font = Font(name="方正小标宋简体", size=18)
    title.alignment = centre
    sheet.row_dimensions[TITLE_ROW].height = 36

    for col, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, col, name)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment = centre
        cell.border = border
        cell.fill = _fill("grey")
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS[name]

    status_col = COLUMNS.index("状态") + 1
    schedule_col = COLUMNS.index("序时进度") + 1
    for r, row in enumerate(ledger_rows(plan, today), HEADER_ROW + 1):
        for col, value in enumerate(row.cells, 1):
            cell, n = _put(sheet, r, col, value)
            dropped += n
            cell.font = Font(name=FONT, size=11)
            cell.alignment = centre if col in (1, status_col) else wrap
            cell.border = border
        colour = STATUS_COLOURS.get(row.task.status)
        if colour:
            sheet.cell(r, status_col).fill = _fill(colour)
        if isinstance(row.health, Health):
            sheet.cell(r, schedule_col).fill = _fill(row.health.colour)

    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"
    sheet.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    if dropped and notes is not None:
        notes.append(dropped_note(dropped, ".xlsx"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
