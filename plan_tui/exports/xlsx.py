"""The ledger as an Excel workbook: 重点工作任务分解表, ready to print on A4 landscape.

Written with XlsxWriter, one format per kind of cell made once (openpyxl, kept for
reading, spends about ten times as long on each styled cell). The sheet prints at 11 pt:
column widths fit the Chinese text of each column within a budget that keeps the page
scale at or above 9/11 when fitted to the paper's width (long columns wrap more rather
than the font shrinking), and every row is as tall as its longest wrapped cell.
"""

from __future__ import annotations

import io
import math
from datetime import date
from string import ascii_lowercase

import xlsxwriter
from xlsxwriter.format import Format

from ..docs.xml_text import dropped_note, has_unsafe, xml_text
from ..model import Plan, Status
from ..model.schedule import NO_LIMIT, Health
from ..model.work_items import has_time_limit, reported_status, work_items
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


def column_widths(rows: list[LedgerRow], sizes: list[list[float]] | None = None) -> list[float]:
    """Widths that fit each column's text within its limits and the 9 pt print budget;
    ``sizes`` are the cells' :func:`units` when the caller has them already."""
    if sizes is None:
        sizes = [[units(text) for text in row.cells] for row in rows]
    widths = []
    for col, name in enumerate(COLUMNS):
        low, high = LIMITS[name]
        longest = max([units(name)] + [size[col] for size in sizes])
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


def row_height(
    cells: tuple[str, ...], widths: list[float], sizes: list[float] | None = None
) -> float:
    """Points for a row whose every cell shows its whole text wrapped at its width;
    ``sizes`` are the cells' :func:`units` when the caller has them already."""
    lines = 1
    for col, (text, width) in enumerate(zip(cells, widths, strict=True)):
        if not text:
            continue
        per_line = max(width - 1.5, 2.0)
        if "\n" in text:
            wrapped = sum(max(1, math.ceil(units(part) / per_line)) for part in text.split("\n"))
        else:
            size = units(text) if sizes is None else sizes[col]
            wrapped = max(1, math.ceil(size / per_line))
        lines = max(lines, wrapped)
    return round(lines * LINE_PT + 4, 1)


_CELL_KINDS: dict[str, dict[str, object]] = {
    "标题": {"font_name": "方正小标宋简体", "font_size": 18},
    "表头": {"font_name": "黑体", "bold": True, "border": 1},
    "左": {"align": "left", "valign": "vcenter"},
    "右": {"align": "right", "valign": "vcenter"},
    "正文": {"text_wrap": True, "valign": "top", "border": 1},
    "居中": {"text_wrap": True, "valign": "vcenter", "align": "center", "border": 1},
}
_CENTRED = ("标题", "表头")


class _Formats:
    """One XlsxWriter format per kind of cell and fill, made once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.made: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        made = self.made.get(name)
        if made is None:
            kind = name.rstrip(ascii_lowercase)  # 居中green: kind 居中, fill green
            colour = name[len(kind) :]
            spec: dict[str, object] = {"font_name": FONT, "font_size": FONT_PT}
            spec |= _CELL_KINDS[kind]
            if kind in _CENTRED:
                spec |= {"text_wrap": True, "valign": "vcenter", "align": "center"}
            if colour or kind == "表头":
                spec |= {"pattern": 1, "bg_color": "#" + FILLS[colour or "grey"]}
            made = self.made[name] = self.book.add_format(spec)
        return made


def _stored_width(width: float) -> float:
    """The width to give XlsxWriter so that the file stores ``width`` itself: XlsxWriter
    adds the cell padding (5 px of a 7 px digit) to what it is given."""
    return (width * 7 - 5) / 7


def xlsx_bytes(plan: Plan, today: date, notes: list[str] | None = None) -> bytes:
    """The workbook: title, 填报单位/联系人/截至 line, colour legend, the header row frozen
    and repeated on every page, one row per item and measure.

    Every text is a string cell (a title such as ``=1+1`` is not computed); characters
    an .xlsx cannot hold are dropped, with a note appended to ``notes``.
    """
    dropped = 0
    rows = ledger_rows(plan, today)
    sizes = [[units(text) for text in row.cells] for row in rows]
    widths = column_widths(rows, sizes)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    issuer = plan.settings.issuer or plan.org
    title = ledger_title(plan)
    book.set_properties({"title": xml_text(title)[0], "author": xml_text(issuer)[0]})
    sheet = book.add_worksheet("重点工作任务分解表")
    formats = _Formats(book)

    def put(row: int, col: int, text: str, kind: str) -> None:
        nonlocal dropped
        clean, n = xml_text(text)
        dropped += n
        sheet.write_string(row, col, clean, formats[kind])

    last = len(COLUMNS) - 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, _stored_width(width))
    header_row = 3  # zero-based: the fourth row
    sheet.freeze_panes(header_row + 1, 0)

    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, last, "", formats["标题"])
    put(0, 0, title, "标题")

    sheet.set_row(1, 22)
    sheet.merge_range(1, 0, 1, 4, "", formats["左"])
    put(1, 0, f"填报单位：{issuer}（盖章）", "左")
    sheet.merge_range(1, 5, 1, 8, "", formats["左"])
    put(1, 5, "联系人：　　　　　联系电话：", "左")
    sheet.merge_range(1, 9, 1, last, "", formats["右"])
    put(1, 9, f"截至{today.year}年{today.month}月{today.day}日", "右")

    sheet.set_row(2, 20)
    put(2, 0, "图例：", "右")
    for col, (label, colour) in enumerate(LEGEND, 1):
        put(2, col, label, f"居中{colour}")
    timed = sum(1 for _, t in work_items(plan) if not has_time_limit(t) and t.status.is_open)
    note = f"序时进度颜色按截至日计算；{NO_LIMIT}{timed}项不计序时进度。"
    sheet.merge_range(2, len(LEGEND) + 1, 2, last, "", formats["左"])
    put(2, len(LEGEND) + 1, note, "左")

    sheet.set_row(header_row, 24)
    for col, name in enumerate(COLUMNS):
        put(header_row, col, name, "表头")

    status_col = COLUMNS.index("状态")
    schedule_col = COLUMNS.index("序时进度")
    plain = [formats["居中" if col in (0, status_col) else "正文"] for col in range(last + 1)]
    for r, (row, size) in enumerate(zip(rows, sizes, strict=True), header_row + 1):
        sheet.set_row(r, row_height(row.cells, widths, size))
        status = reported_status(row.task)
        looks = plain
        if status in STATUS_COLOURS or isinstance(row.health, Health):
            looks = list(plain)
            if status in STATUS_COLOURS:
                looks[status_col] = formats["居中" + STATUS_COLOURS[status]]
            if isinstance(row.health, Health):
                looks[schedule_col] = formats["正文" + row.health.colour]
        cells = row.cells
        if has_unsafe("".join(cells)):  # rare: look at each cell only then
            cleaned = [xml_text(value) for value in cells]
            dropped += sum(n for _, n in cleaned)
            cells = tuple(text for text, _ in cleaned)
        for col, value in enumerate(cells):
            if value:
                sheet.write_string(r, col, value, looks[col])
            else:
                sheet.write_blank(r, col, None, looks[col])

    sheet.autofilter(header_row, 0, header_row + max(len(rows), 1), last)
    sheet.repeat_rows(header_row)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    sheet.set_header("", {"margin": 0.3})
    sheet.set_footer("&C第 &P 页，共 &N 页", {"margin": 0.3})
    if dropped and notes is not None:
        notes.append(dropped_note(dropped, ".xlsx"))
    book.close()
    return buffer.getvalue()
