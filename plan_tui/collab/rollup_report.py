"""The roll-up as a document (Markdown, text, GB/T 9704 .docx) and as a workbook."""

from __future__ import annotations

import io
import math
from datetime import date

from ..docs.document import Document
from ..model.numerals import to_cn
from ..textwidth import width
from .rollup import STALE_DAYS, Rollup, Tally

TOWN_HEADERS = ["乡镇", "工作事项", "已完成", "推进中", "滞后", "逾期", "序时达标率", "最近更新"]
AREA_HEADERS = ["领域", "工作事项", "已完成", "推进中", "滞后", "逾期", "序时达标率"]
CALL_HEADERS = ["乡镇", "事项", "牵头领导", "责任单位", "完成时限", "逾期天数"]


def cn_day(day: date) -> str:
    """``2024年3月8日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def short_day(day: date, year: int) -> str:
    """``3月1日``, with the year only when it is not the roll-up's."""
    return f"{day.month}月{day.day}日" if day.year == year else cn_day(day)


def rate_text(tally: Tally) -> str:
    """``71%``, or ``—`` when no item has a deadline."""
    return "—" if tally.rate is None else f"{tally.rate}%"


def _figures(tally: Tally) -> list[str]:
    return [
        str(tally.items),
        str(tally.done),
        str(tally.in_progress),
        str(tally.behind),
        str(tally.overdue),
        rate_text(tally),
    ]


def town_rows(rollup: Rollup) -> list[list[str]]:
    """One row per township, then the county's total."""
    rows = []
    for town in rollup.townships:
        last = cn_day(town.last_update) if town.last_update else "无记录"
        if town.stale(rollup.as_of):
            last += f"（超过{STALE_DAYS}天未更新）"
        rows.append([town.org, *_figures(town.tally), last])
    rows.append(["合计", *_figures(rollup.total), ""])
    return rows


def title_of(rollup: Rollup) -> str:
    """``2024年各乡镇重点工作推进情况汇总``."""
    return f"{rollup.year}年各乡镇重点工作推进情况汇总"


def build_document(rollup: Rollup) -> Document:
    """The roll-up for the county office: townships, common areas, 点名, skipped files."""
    doc = Document(title_of(rollup), [f"（截至{cn_day(rollup.as_of)}）"])
    total = rollup.total
    stale = [t.org for t in rollup.townships if t.stale(rollup.as_of)]
    summary = (
        f"截至{cn_day(rollup.as_of)}，共汇总{len(rollup.townships)}个乡镇的重点工作"
        f"{total.items}项（不含领域标题），已完成{total.done}项，推进中{total.in_progress}项，"
        f"滞后{total.behind}项，逾期{total.overdue}项，序时达标率{rate_text(total)}。"
    )
    if stale:
        summary += f"{'、'.join(stale)}已超过{STALE_DAYS}天未更新台账。"
    n = 1
    doc.heading(1, f"{to_cn(n)}、总体情况")
    doc.paragraph(summary)
    doc.table(TOWN_HEADERS, town_rows(rollup))
    doc.paragraph(
        "说明：工作事项指各领域下的（一）级事项及其具体措施，领域标题不计；序时达标率="
        "（已完成+未完成中达到序时进度的）÷（已完成+未完成中设了时限的），未设时限和暂缓的不计。"
    )
    n += 1
    doc.heading(1, f"{to_cn(n)}、分领域情况")
    if rollup.common_areas:
        rows = [[title, *_figures(rollup.area_tally(title))] for title in rollup.common_areas]
        doc.table(AREA_HEADERS, rows)
    else:
        doc.paragraph("各乡镇的工作领域设置不同，本次仅按乡镇汇总。")
    n += 1
    doc.heading(1, f"{to_cn(n)}、逾期事项点名")
    if rollup.overdue:
        doc.paragraph(f"以下{len(rollup.overdue)}项工作已超过完成时限仍未完成，按逾期天数排列：")
        doc.table(
            CALL_HEADERS,
            [
                [
                    o.org,
                    f"{o.path} {o.title}",
                    o.lead or "—",
                    o.unit or "—",
                    short_day(o.deadline, rollup.year),
                    str(o.days),
                ]
                for o in rollup.overdue
            ],
        )
    else:
        doc.paragraph("没有逾期事项。")
    if rollup.skipped:
        n += 1
        doc.heading(1, f"{to_cn(n)}、未纳入汇总的文件")
        for path, reason in rollup.skipped:
            doc.paragraph(f"{path.name}：{reason}")
    return doc


LINE_HEIGHT = 15
"""Points per line of 11 pt text in a row (row heights are set, as LibreOffice and WPS
print a row one line high otherwise and cut wrapped text)."""
MAX_LINES = 12


def wrapped_lines(text: str, column_width: float) -> int:
    """Lines a text takes when wrapped in a column of ``column_width`` characters
    (a Chinese character is two of them)."""
    room = max(1, int(column_width) - 1)
    return sum(max(1, math.ceil(width(part) / room)) for part in text.split("\n"))


def xlsx_bytes(rollup: Rollup) -> bytes:
    """A summary sheet (townships, areas, 点名) and one ledger sheet per township."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from ..exports.ledger import COLUMNS, ledger_rows
    from ..exports.xlsx import FILLS, FONT, column_widths, ledger_title

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    grey = PatternFill("solid", start_color=FILLS["grey"], end_color=FILLS["grey"])
    red = PatternFill("solid", start_color=FILLS["red"], end_color=FILLS["red"])

    def page(sheet, columns: int) -> None:
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"

    def title(sheet, text: str, width: int, row: int = 1) -> None:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name="方正小标宋简体", size=16)
        cell.alignment = centre
        sheet.row_dimensions[row].height = 32

    def table(sheet, row: int, headers: list[str], rows: list[list[str]]) -> int:
        for col, name in enumerate(headers, 1):
            sheet.cell(row, col, name).style = "rollup-head"
        sheet.row_dimensions[row].height = LINE_HEIGHT * 1.4
        widths = [
            sheet.column_dimensions[get_column_letter(c)].width or 9
            for c in range(1, len(headers) + 1)
        ]
        for r, values in enumerate(rows, row + 1):
            lines = 1
            for col, value in enumerate(values, 1):
                cell = sheet.cell(r, col, int(value) if value.isdigit() else value)
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                    cell.data_type = "s"  # text typed by people is never a formula
                cell.style = "rollup-centre" if col > 1 and len(value) < 12 else "rollup-body"
                lines = max(lines, wrapped_lines(value, widths[col - 1]))
            sheet.row_dimensions[r].height = LINE_HEIGHT * min(lines, MAX_LINES) + 4
        return row + len(rows) + 2

    book = Workbook()
    # Named styles are shared by every cell: styling 100,000 cells one by one with new
    # Font and Border objects costs most of the time of writing the workbook.
    for name, font, align, fill in (
        ("rollup-head", Font(name="黑体", size=11, bold=True), centre, grey),
        ("rollup-body", Font(name=FONT, size=11), wrap, None),
        ("rollup-centre", Font(name=FONT, size=11), centre, None),
    ):
        style = NamedStyle(name=name, font=font, alignment=align, border=border)
        if fill is not None:
            style.fill = fill
        book.add_named_style(style)
    summary = book.active
    summary.title = "汇总"
    title(summary, f"{title_of(rollup)}（截至{cn_day(rollup.as_of)}）", len(TOWN_HEADERS))
    widths = [30 if rollup.common_areas else 16, 10, 9, 9, 8, 8, 12, 24]
    for col, w in enumerate(widths, 1):
        summary.column_dimensions[get_column_letter(col)].width = w
    row = table(summary, 2, TOWN_HEADERS, town_rows(rollup))
    for r in range(3, 3 + len(rollup.townships)):
        if "未更新" in str(summary.cell(r, 8).value):
            summary.cell(r, 8).fill = red
    if rollup.common_areas:
        rows = [[t, *_figures(rollup.area_tally(t))] for t in rollup.common_areas]
        row = table(summary, row, AREA_HEADERS, rows)
    for path, reason in rollup.skipped:
        summary.cell(row, 1, f"未纳入：{path.name}：{reason}").font = Font(name=FONT, size=10)
        row += 1
    if rollup.overdue:
        calls = book.create_sheet("逾期点名")
        title(calls, f"逾期事项点名（截至{cn_day(rollup.as_of)}）", len(CALL_HEADERS))
        for col, w in enumerate([14, 44, 18, 16, 12, 10], 1):
            calls.column_dimensions[get_column_letter(col)].width = w
        rows = [
            [
                o.org,
                f"{o.path} {o.title}",
                o.lead or "—",
                o.unit or "—",
                o.deadline.isoformat(),
                str(o.days),
            ]
            for o in rollup.overdue
        ]
        table(calls, 2, CALL_HEADERS, rows)
        calls.freeze_panes = "A3"
        calls.print_title_rows = "1:2"
        page(calls, len(CALL_HEADERS))
    page(summary, len(TOWN_HEADERS))

    used: set[str] = {"汇总", "逾期点名"}
    for town in rollup.townships:
        name = "".join(c for c in town.org if c not in "[]:*?/\\")[:28] or "乡镇"
        while name in used:
            name += "'"
        used.add(name)
        sheet = book.create_sheet(name)
        title(sheet, ledger_title(town.plan), len(COLUMNS))
        ledger = ledger_rows(town.plan, rollup.as_of)
        for col, fitted in enumerate(column_widths(ledger), 1):
            sheet.column_dimensions[get_column_letter(col)].width = fitted
        table(sheet, 2, list(COLUMNS), [list(r.cells) for r in ledger])
        for r, ledger_row in enumerate(ledger, 3):
            if ledger_row.health is not None:
                colour = FILLS.get(ledger_row.health.colour)
                if colour:
                    fill = PatternFill("solid", start_color=colour, end_color=colour)
                    sheet.cell(r, COLUMNS.index("序时进度") + 1).fill = fill
        sheet.freeze_panes = "A3"
        sheet.print_title_rows = "1:2"
        page(sheet, len(COLUMNS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
