"""Render a :class:`~plan_tui.docs.document.Document` as a .docx in the official format.

Every setting comes from :mod:`plan_tui.docs.gbt9704`. Fonts are written on the styles
*and* on every run, East Asian (``w:eastAsia``) as well as ``ascii``/``hAnsi``, because
Word and WPS otherwise show Chinese text in a Latin fallback font.
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from . import gbt9704 as fmt
from .document import Document, Heading, Paragraph, Table

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_PPR_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_CELL_MARGIN_TWIPS = 57  # 1 mm left and right in every cell
_CELL_PADDING_MM = 2 * _CELL_MARGIN_TWIPS / 1440 * 25.4
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_char_spacing(rpr, points: float) -> None:
    """``w:spacing`` in a run's or style's properties (twentieths of a point)."""
    old = rpr.find(qn("w:spacing"))
    if old is not None:
        rpr.remove(old)
    if points:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round(points * 20)))
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def _set_fonts(rpr, font: str) -> None:
    """Name ``font`` for every script of a run or style and drop theme-font overrides."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _format_paragraph(pf, style: fmt.TextStyle) -> None:
    pf.alignment = _ALIGN[style.align]
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(style.line_pt)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    pf.first_line_indent = Pt(style.first_line_chars * style.size_pt)


def _no_grid(ppr) -> None:
    """``w:snapToGrid w:val="0"``: keep a style's own line pitch off the page's line grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)


def _define_style(document, style: fmt.TextStyle) -> None:
    """Create or reset a paragraph style so that it holds exactly ``style``'s settings."""
    try:
        target = document.styles[style.name]
    except KeyError:
        target = document.styles.add_style(style.name, WD_STYLE_TYPE.PARAGRAPH)
        target.base_style = document.styles["Normal"]
    element = target.element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    _format_paragraph(target.paragraph_format, style)
    if style.first_line_chars:
        target.element.get_or_add_pPr().get_or_add_ind().set(
            qn("w:firstLineChars"), str(round(style.first_line_chars * 100))
        )
    if style.line_pt != fmt.LINE_PITCH_PT:
        _no_grid(target.element.get_or_add_pPr())
    if style.outline_level is not None:
        ppr = target.element.get_or_add_pPr()
        ppr.get_or_add_outlineLvl().val = style.outline_level
        target.paragraph_format.keep_with_next = True
    _set_fonts(element.get_or_add_rPr(), style.font)
    _set_char_spacing(element.get_or_add_rPr(), style.char_spacing_pt)
    target.font.size = Pt(style.size_pt)
    target.font.bold = style.bold
    target.font.italic = False


def _set_defaults(document) -> None:
    """Document defaults: body font and size, Chinese language, no paragraph spacing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, fmt.BODY_FONT)
    size = str(round(fmt.BODY_SIZE_PT * 2))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), size)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(fmt.LINE_PITCH_PT * 20)))
    spacing.set(qn("w:lineRule"), "exact")


def _set_page(document) -> None:
    section = document.sections[0]
    section.page_width = Mm(fmt.PAGE_WIDTH_MM)
    section.page_height = Mm(fmt.PAGE_HEIGHT_MM)
    section.top_margin = Mm(fmt.MARGIN_TOP_MM)
    section.bottom_margin = Mm(fmt.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(fmt.MARGIN_LEFT_MM)
    section.right_margin = Mm(fmt.MARGIN_RIGHT_MM)
    section.header_distance = Mm(fmt.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(fmt.FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(fmt.LINE_PITCH_PT * 20)))


def _run(paragraph: DocxParagraph, text: str, style: fmt.TextStyle):
    """Add a run with the style's fonts, size and weight written on the run itself."""
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), style.font)
    run.font.size = Pt(style.size_pt)
    run.font.bold = style.bold
    _set_char_spacing(run._r.get_or_add_rPr(), style.char_spacing_pt)
    return run


def _page_field(paragraph: DocxParagraph) -> None:
    """``— PAGE —``: a PAGE field between two dashes, every run in the page-number font."""
    style = fmt.PAGE_NUMBER
    before, after = fmt.PAGE_NUMBER_DASHES
    _run(paragraph, before, style)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = _run(paragraph, "", style)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = _run(paragraph, "", style)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    _run(paragraph, after, style)


def _set_footers(document) -> None:
    """Odd pages: number on the right; even pages: on the left; one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    inset = Pt(fmt.PAGE_NUMBER_INSET_CHARS * fmt.PAGE_NUMBER.size_pt)
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[fmt.PAGE_NUMBER.name]
        pf = paragraph.paragraph_format
        pf.alignment = _ALIGN[align]
        if align == "right":
            pf.right_indent = inset
        else:
            pf.left_indent = inset
        _page_field(paragraph)


def _paragraph(document, text: str, style: fmt.TextStyle) -> DocxParagraph:
    """Append a paragraph in ``style``, named by its id: assigning a style object makes
    python-docx look the default style up among all styles, each time."""
    paragraph = document.add_paragraph()
    paragraph._p.get_or_add_pPr().style = document.styles[style.name].style_id
    if text:
        _run(paragraph, text, style)
    return paragraph


class _Stamps:
    """One finished paragraph per style, copied for each body paragraph: setting a style
    through python-docx looks the default style up among all styles each time, which
    makes a long report slow."""

    def __init__(self, document) -> None:
        self.document = document
        self.body = document.element.body
        self.templates: dict[str, Any] = {}

    def add(self, text: str, style: fmt.TextStyle, keep_next: bool = False) -> None:
        """Append a paragraph of ``text`` in ``style`` before the section properties;
        ``keep_next`` keeps it on the page of what follows (a table it introduces)."""
        template = self.templates.get(style.name)
        if template is None:
            paragraph = _paragraph(self.document, "", style)
            _run(paragraph, "", style)
            template = paragraph._p
            template.getparent().remove(template)
            self.templates[style.name] = template
        p = deepcopy(template)
        run = p.find(qn("w:r"))
        if text:
            t = OxmlElement("w:t")
            t.text = text
            if text != text.strip():
                t.set(qn("xml:space"), "preserve")
            run.append(t)
        else:
            p.remove(run)
        if keep_next:
            p.get_or_add_pPr().keepNext_val = True
        self.body.sectPr.addprevious(p)


def _display_len(text: str) -> float:
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
        longest.append(max([_display_len(c) for c in cells] + [_display_len(header), 1.0]))
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


class _TableWriter:
    """Tables written as WordprocessingML text and parsed once each.

    Rows are many and alike, so each table is built as one string from per-column cell
    templates and parsed in one go; building it cell by cell through python-docx's table
    API takes time that grows with the square of the rows. The table is ruled with
    explicit single-line borders (so that it is ruled even without its style), laid out
    fixed at widths by content, every row ``cantSplit``, the header row repeated.
    """

    def __init__(self, document) -> None:
        self.document = document
        self.body = document.element.body
        self.style_id = document.styles["Table Grid"].style_id
        self.runs = {
            style.name: self._run_xml(style) for style in (fmt.TABLE_HEADER, fmt.TABLE_TEXT)
        }
        self.ids = {
            style.name: document.styles[style.name].style_id
            for style in (fmt.TABLE_HEADER, fmt.TABLE_TEXT)
        }

    def _run_xml(self, style: fmt.TextStyle) -> tuple[str, str]:
        """A run in ``style``'s fonts as text, split where its text goes."""
        paragraph = _paragraph(self.document, "", style)
        run = _run(paragraph, "", style)._r
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = "\ue000"
        run.append(t)
        # namespaces are declared once on the table, not on every run: thousands of
        # declarations make the text large and the move into the document slow
        xml = re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(run, encoding="unicode"))
        paragraph._p.getparent().remove(paragraph._p)
        head, tail = xml.split("\ue000")
        return head, tail

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

    def _rows(self, style: fmt.TextStyle, widths: list[int], rows, fill: str, header: bool):
        cells = self._cells(style, widths, fill)
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

    def add(self, block: Table) -> None:
        """Append ``block`` as a table before the section properties."""
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
            *self._rows(fmt.TABLE_TEXT, widths, rows, "", False),
            "</w:tbl>",
        ]
        self.body.sectPr.addprevious(parse_xml("".join(out)))


def title_lines(title: str) -> list[str]:
    """The title broken where it reads well: a bracketed tail such as ``（2024年第10周）`` goes
    whole onto the second line when the title does not fit on one."""
    width = fmt.PAGE_WIDTH_MM - fmt.MARGIN_LEFT_MM - fmt.MARGIN_RIGHT_MM
    per_line = width / (fmt.TITLE.size_pt * 25.4 / 72)
    cut = title.rfind("（")
    if _display_len(title) <= per_line or cut <= 0:
        return [title]
    return [title[:cut], title[cut:]]


def _set_properties(document, doc: Document) -> None:
    """Core properties that speak of the document and its issuer, never of the writer."""
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author
    props.last_modified_by = doc.author
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.language = "zh-CN"
    props.revision = 1
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now


def _border(paragraph: DocxParagraph, edge: str) -> None:
    """A thin rule above (``top``) or below (``bottom``) a paragraph, as in the 版记."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "4")
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "auto")
    borders.append(line)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", *_PPR_AFTER_SNAP)


def _sign_off(document, doc: Document) -> None:
    """Issuer and date right-aligned four characters in, then the 抄送/印发 block."""
    if doc.closing:
        _paragraph(document, "", fmt.BODY)
    for line in doc.closing:
        paragraph = _paragraph(document, line, fmt.BODY)
        paragraph.paragraph_format.alignment = _ALIGN["right"]
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(4 * fmt.BODY_SIZE_PT)
        paragraph.paragraph_format.keep_with_next = True
    last = len(doc.distribution) - 1
    for index, line in enumerate(doc.distribution):
        paragraph = _paragraph(document, line, fmt.DISTRIBUTION)
        paragraph.paragraph_format.keep_with_next = index < last
        if index == 0:
            _paragraph_spacing_before(paragraph)
            _border(paragraph, "top")
        if index == last:
            _border(paragraph, "bottom")


def _paragraph_spacing_before(paragraph: DocxParagraph) -> None:
    paragraph.paragraph_format.space_before = Pt(fmt.LINE_PITCH_PT)


@cache
def _blank() -> bytes:
    """An empty document with the official styles, page and footers, made once."""
    document = docx.Document()
    _set_defaults(document)
    for style in (
        fmt.BODY,
        fmt.TITLE,
        fmt.SUBTITLE,
        *fmt.HEADINGS.values(),
        fmt.TABLE_HEADER,
        fmt.TABLE_TEXT,
        fmt.PAGE_NUMBER,
        fmt.DISTRIBUTION,
    ):
        _define_style(document, style)
    _set_page(document)
    _set_footers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_docx(doc: Document):
    """The python-docx document for ``doc`` (see :func:`docx_bytes`)."""
    document = docx.Document(io.BytesIO(_blank()))
    _set_properties(document, doc)
    title = _paragraph(document, "", fmt.TITLE)
    for index, line in enumerate(title_lines(doc.title)):
        run = _run(title, line, fmt.TITLE)
        if index:
            run._r.addprevious(_line_break())
    for line in doc.subtitle:
        _paragraph(document, line, fmt.SUBTITLE)
    _paragraph(document, "", fmt.BODY)  # one blank line between title and text
    stamps = _Stamps(document)
    tables = _TableWriter(document)
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            stamps.add(block.text, fmt.style_for_level(block.level))
        elif isinstance(block, Paragraph):
            before_table = index + 1 < len(doc.blocks) and isinstance(doc.blocks[index + 1], Table)
            stamps.add(block.text, fmt.BODY, keep_next=before_table)
        else:
            tables.add(block)
            stamps.add("", fmt.BODY)
    _sign_off(document, doc)
    return document


def _line_break():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def docx_bytes(doc: Document) -> bytes:
    """The document as .docx bytes in the GB/T 9704 official-document format."""
    buffer = io.BytesIO()
    build_docx(doc).save(buffer)
    return buffer.getvalue()
