"""Tables of the official-format .docx: column widths by content, rows written as
WordprocessingML text.

Rows are many and alike, so each table is built as one string from per-column cell
templates and parsed in one go (see :class:`TableWriter`).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from . import gbt9704 as fmt
from .document import Table

_CELL_MARGIN_TWIPS = 57  # 1 mm left and right in every cell
_CELL_PADDING_MM = 2 * _CELL_MARGIN_TWIPS / 1440 * 25.4


def display_len(text: str) -> float:
    """Width of ``text`` in Chinese characters (a Latin letter or digit counts 0.6).

    Counted from the UTF-8 length: three bytes for a Chinese character or full-width
    mark, one for ASCII."""
    wide = (len(text.encode("utf-8")) - len(text)) / 2
    return wide + 0.6 * (len(text) - wide)


NARROW_CHARS = 7
"""A column whose longest text is at most this wide keeps it on one line (dates, names,
percentages, numbers); wider columns share the rest of the line."""


def column_widths(block: Table, total_mm: float) -> list[float]:
    """Column widths in mm by content: short columns (编号, 完成时限, 进度, names) get the
    width of their longest text so that ``9月30日`` never breaks; long ones (事项, 情况,
    原因) share what is left by how much text they hold, each at least four characters.
    """
    char_mm = fmt.TABLE_TEXT.size_pt * 25.4 / 72
    longest = []
    for col, header in enumerate(block.headers):
        cells = [row[col] for row in block.rows if col < len(row)]
        longest.append(max([display_len(c) for c in cells] + [display_len(header), 1.0]))
    # one character of slack: fonts set digits and Latin letters wider than estimated
    natural = [(n + 1) * char_mm + _CELL_PADDING_MM for n in longest]
    narrow = [i for i, n in enumerate(longest) if n <= NARROW_CHARS]
    wide = [i for i in range(len(longest)) if i not in narrow]
    if not wide:
        scale = total_mm / sum(natural)
        return [w * scale for w in natural]
    floor = 4 * char_mm + _CELL_PADDING_MM
    fixed = sum(natural[i] for i in narrow)
    spare = total_mm - fixed - floor * len(wide)
    if spare < 0:  # even the short columns do not fit: every column shrinks alike
        widths = {i: natural[i] for i in narrow} | {i: floor for i in wide}
        scale = total_mm / sum(widths.values())
        return [widths[i] * scale for i in range(len(longest))]
    weights = {i: min(longest[i], 60.0) ** 0.5 for i in wide}
    whole = sum(weights.values())
    widths = {i: natural[i] for i in narrow}
    widths |= {i: floor + spare * weights[i] / whole for i in wide}
    # a wide column never gets more than it needs; what it leaves goes to the others
    extra = sum(max(0.0, widths[i] - natural[i]) for i in wide)
    roomy = [i for i in wide if widths[i] < natural[i]]
    for i in wide:
        widths[i] = min(widths[i], natural[i])
    if roomy:
        need = sum(natural[i] - widths[i] for i in roomy)
        for i in roomy:
            widths[i] += extra * (natural[i] - widths[i]) / need
    else:
        for i in range(len(longest)):
            widths[i] += extra / len(longest)
    return [widths[i] for i in range(len(longest))]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_WIDTH_MM = fmt.PAGE_WIDTH_MM - fmt.MARGIN_LEFT_MM - fmt.MARGIN_RIGHT_MM


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


class TableWriter:
    """Tables written as WordprocessingML text and parsed once each.

    Rows are many and alike, so each table is built as one string from per-column cell
    templates and parsed in one go; building it cell by cell through python-docx's table
    API takes time that grows with the square of the rows. The table is ruled with
    explicit single-line borders (so that it is ruled even without its style), laid out
    fixed at widths by content, every row ``cantSplit``, the header row repeated.
    """

    def __init__(self, document, runs: dict[str, tuple[str, str]]) -> None:
        """``runs``: per table style, the XML of a run in its fonts, split where its
        text goes."""
        self.document = document
        self.body = document.element.body
        self.style_id = document.styles["Table Grid"].style_id
        self.runs = runs
        self.ids = {
            style.name: document.styles[style.name].style_id
            for style in (fmt.TABLE_HEADER, fmt.TABLE_TEXT)
        }

    def _cells(self, style: fmt.TextStyle, widths: list[int], fill: str) -> list[tuple[str, str]]:
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        out = []
        for width in widths:
            head = (
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{self.ids[style.name]}"/></w:pPr>'
            )
            out.append((head, "</w:p></w:tc>"))
        return out

    def _rows(
        self, style: fmt.TextStyle, widths: list[int], rows, fill: str, header: bool, keep=False
    ):
        cells = self._cells(style, widths, fill)
        if keep:  # every cell's paragraph kept with what follows the table
            cells = [(h.replace("</w:pPr>", "<w:keepNext/></w:pPr>"), t) for h, t in cells]
        run_head, run_tail = self.runs[style.name]
        props = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        out = []
        for texts in rows:
            out.append("<w:tr>" + props)
            for (head, tail), text in zip(cells, texts, strict=True):
                run = run_head + escape(text) + run_tail if text else ""
                out.append(head + run + tail)
            out.append("</w:tr>")
        return out

    def add(self, block: Table, keep_last: bool = False) -> None:
        """Append ``block`` as a table before the section properties; ``keep_last`` keeps
        its last row on the page of what follows."""
        widths = [_twips(w) for w in column_widths(block, _TEXT_WIDTH_MM)]
        edges = "".join(
            f'<w:{e} w:val="single" w:sz="{fmt.TABLE_BORDER_EIGHTHS}" w:space="0" w:color="auto"/>'
            for e in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        margin = "".join(
            f'<w:{e} w:w="{_CELL_MARGIN_TWIPS}" w:type="dxa"/>' for e in ("left", "right")
        )
        count = len(block.headers)
        rows = [list(r[:count]) + [""] * (count - len(r)) for r in block.rows]
        out = [
            f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="{self.style_id}"/>',
            f'<w:tblW w:type="dxa" w:w="{_twips(_TEXT_WIDTH_MM)}"/>',
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>',
            f"<w:tblCellMar>{margin}</w:tblCellMar>",
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
            ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
            *self._rows(fmt.TABLE_HEADER, widths, [list(block.headers)], "F2F2F2", True),
            *self._rows(fmt.TABLE_TEXT, widths, rows[:-1] if keep_last else rows, "", False),
            *(self._rows(fmt.TABLE_TEXT, widths, rows[-1:], "", False, True) if keep_last else []),
            "</w:tbl>",
        ]
        self.body.sectPr.addprevious(parse_xml("".join(out)))
