"""The ledger as an Excel workbook: 重点工作任务分解表, ready to print on A4 landscape.

Written in openpyxl's write-only mode with one shared style object per kind of cell, so
that a ledger of 10,000 tasks is written in a few seconds. The sheet prints at 11 pt:
column widths fit the Chinese text of each column within a budget that keeps the page
scale at or above 9/11 when fitted to the paper's width (long columns wrap more rather
than the font shrinking), and every row is as tall as its longest wrapped cell.
"""

from __future__ import annotations

import io
import math
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..docs.xml_text import dropped_note, xml_text
from ..model import Plan, Status
from ..model.schedule import Health
from ..model.work_items import NO_LIMIT, has_time_limit, reported_status, work_items
from .ledger import COLUMNS, LedgerRow, ledger_rows

LIMITS = {
    "序号": (6, 10),
    "板块": (12, 20),
    "工作任务": (14, 26),
    "具体措施": (16, 50),
    "牵头领导": (9, 20),
    "责任单位": (9, 16),
    "配合单位": (9, 16),
    "责任人": (7, 12),
    "完成时限": (10, 26),
    "状态": (7, 8),
    "序时进度": (10, 26),
    "最新进展": (16, 40),
    "备注": (8, 16),
}
"""(narrowest, widest) column width in Excel units (one Latin digit; a Chinese character
takes two)."""
SHRINKABLE = ("具体措施", "最新进展", "工作任务", "板块", "备注", "序时进度")
"""Columns that wrap more when the sheet would otherwise print below 9 pt."""
FONT_PT = 11
MIN_PRINT_PT = 9
PRINTABLE_MM = 297 - 2 * 0.4 * 25.4
"""A4 landscape width inside the left and right margins."""
LINE_PT = 13.5
"""Height of one wrapped line of 11 pt 仿宋 in points."""

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

LEGEND = (
    ("正常", "green"),
    ("预警", "yellow"),
    ("滞后/逾期", "red"),
    ("临近", "blue"),
    ("暂缓", "grey"),
)
FONT = "仿宋_GB2312"


def ledger_title(plan: Plan) -> str:
    """``XX乡2024年重点工作任务分解表``."""
    return f"{plan.org}{plan.year}年重点工作任务分解表"


def units(text: str) -> float:
    """Width of ``text`` in Excel units: 2 per Chinese character, about 1.1 per Latin one.

    Counted from the UTF-8 length (three bytes for a Chinese character or full-width mark,
    one for ASCII), which is far quicker than looking at each character."""
    wide = (len(text.encode("utf-8")) - len(text)) / 2
    return 2.0 * wide + 1.1 * (len(text) - wide)


def column_widths(rows: list[LedgerRow]) -> list[float]:
    """Widths that fit each column's text within its limits and the 9 pt print budget."""
    widths = []
    for col, name in enumerate(COLUMNS):
        low, high = LIMITS[name]
        longest = max([units(name)] + [units(r.cells[col]) for r in rows])
        widths.append(min(max(longest + 2, low), high))
    budget = _units_for(PRINTABLE_MM / (MIN_PRINT_PT / FONT_PT))
    shrink = [COLUMNS.index(n) for n in SHRINKABLE]
    while sum(widths) > budget:
        over = sum(widths) - budget
        room = {i: widths[i] - LIMITS[COLUMNS[i]][0] for i in shrink}
        total = sum(room.values())
        if total <= 0.5:
            break
        for i in shrink:
            widths[i] -= min(room[i], over * room[i] / total)
    return [round(w, 1) for w in widths]


def _units_for(mm: float) -> float:
    return (mm * 96 / 25.4 - 5 * len(COLUMNS)) / 7


def row_height(cells: tuple[str, ...], widths: list[float]) -> float:
    """Points for a row whose every cell shows its whole text wrapped at its width."""
    lines = 1
    for text, width in zip(cells, widths, strict=True):
        if not text:
            continue
        per_line = max(width - 1.5, 2.0)
        wrapped = sum(max(1, math.ceil(units(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, wrapped)
    return round(lines * LINE_PT + 4, 1)


class _Styles:
    """Named styles registered once in the workbook; every cell names one of them, so
    writing a cell costs a look-up rather than hashing a font, border, fill and alignment."""

    def __init__(self, book: Workbook) -> None:
        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        body = Font(name=FONT, size=FONT_PT)
        wrap = Alignment(wrap_text=True, vertical="top")
        centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
        fills = {c: PatternFill("solid", start_color=v, end_color=v) for c, v in FILLS.items()}
        kinds = {
            "台账标题": (Font(name="方正小标宋简体", size=18), centre, None, None),
            "台账表头": (Font(name="黑体", size=FONT_PT, bold=True), centre, border, fills["grey"]),
            "台账左": (body, Alignment(vertical="center", horizontal="left"), None, None),
            "台账右": (body, Alignment(vertical="center", horizontal="right"), None, None),
            "台账正文": (body, wrap, border, None),
            "台账居中": (body, centre, border, None),
        }
        for colour, fill in fills.items():
            kinds[f"台账正文{colour}"] = (body, wrap, border, fill)
            kinds[f"台账居中{colour}"] = (body, centre, border, fill)
        for name, (font, align, edge, fill) in kinds.items():
            style = NamedStyle(name=name, font=font, alignment=align)
            if edge is not None:
                style.border = edge
            if fill is not None:
                style.fill = fill
            book.add_named_style(style)


def _cell(sheet, value: str, style: str):
    cell = WriteOnlyCell(sheet)
    cell.style = style
    _fill_text(cell, value)
    return cell


def _fill_text(cell: WriteOnlyCell, text: str) -> int:
    """Put ``text`` in ``cell`` as a string, never a formula, without the characters an
    .xlsx cannot hold; how many were dropped.

    openpyxl reads a text starting with ``=`` as a formula; the type is set back to
    string so that ``=HYPERLINK(…)`` is shown, not run.
    """
    text, dropped = xml_text(text)
    cell.value = text
    cell.data_type = "s"
    return dropped


def xlsx_bytes(plan: Plan, today: date, notes: list[str] | None = None) -> bytes:
    """The workbook: title, 填报单位/联系人/截至 line, colour legend, the header row frozen
    and repeated on every page, one row per item and measure.

    Every text is a string cell (a title such as ``=1+1`` is not computed); characters
    an .xlsx cannot hold are dropped, with a note appended to ``notes``.
    """
    dropped = 0
    rows = ledger_rows(plan, today)
    widths = column_widths(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("重点工作任务分解表")
    _Styles(book)
    last = get_column_letter(len(COLUMNS))
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    # the sheet's head (view, properties, columns) is written with the first row
    header_row = 4
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    sheet.row_dimensions[1].height = 36
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.append([_cell(sheet, ledger_title(plan), "台账标题")])

    issuer = plan.settings.issuer or plan.org
    sheet.row_dimensions[2].height = 22
    sheet.merged_cells.add("A2:E2")
    sheet.merged_cells.add("F2:I2")
    sheet.merged_cells.add(f"J2:{last}2")
    line = [_cell(sheet, f"填报单位：{issuer}（盖章）", "台账左")]
    line += [None] * 4 + [_cell(sheet, "联系人：　　　　　联系电话：", "台账左")]
    line += [None] * 3
    line.append(_cell(sheet, f"截至{today.year}年{today.month}月{today.day}日", "台账右"))
    sheet.append(line)

    sheet.row_dimensions[3].height = 20
    legend = [_cell(sheet, "图例：", "台账右")]
    for label, colour in LEGEND:
        legend.append(_cell(sheet, label, f"台账居中{colour}"))
    timed = sum(1 for _, t in work_items(plan) if not has_time_limit(t) and t.status.is_open)
    note = f"序时进度颜色按截至日计算；{NO_LIMIT}{timed}项不计序时进度。"
    sheet.merged_cells.add(f"G3:{last}3")
    legend.append(_cell(sheet, note, "台账左"))
    sheet.append(legend)

    sheet.row_dimensions[header_row].height = 24
    sheet.append([_cell(sheet, name, "台账表头") for name in COLUMNS])

    status_col = COLUMNS.index("状态")
    schedule_col = COLUMNS.index("序时进度")
    # One cell object per column and style, filled with each row's value: a row is
    # written out as soon as it is appended, so its cells can be used again.
    cells: dict[tuple[int, str], WriteOnlyCell] = {}
    for r, row in enumerate(rows, header_row + 1):
        sheet.row_dimensions[r].height = row_height(row.cells, widths)
        status = reported_status(row.task)
        out = []
        for col, value in enumerate(row.cells):
            style = "台账居中" if col in (0, status_col) else "台账正文"
            if col == status_col and status in STATUS_COLOURS:
                style += STATUS_COLOURS[status]
            elif col == schedule_col and isinstance(row.health, Health):
                style += row.health.colour
            cell = cells.get((col, style))
            if cell is None:
                cell = cells[col, style] = _cell(sheet, "", style)
            dropped += _fill_text(cell, value)
            out.append(cell)
        sheet.append(out)

    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = "9"  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    if dropped and notes is not None:
        notes.append(dropped_note(dropped, ".xlsx"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
