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

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from . import gbt9704 as fmt
from .document import Document, Heading, Paragraph, Table
from .docx_tables import TableWriter, display_len

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

    def _template(self, style: fmt.TextStyle):
        template = self.templates.get(style.name)
        if template is None:
            paragraph = _paragraph(self.document, "", style)
            _run(paragraph, "", style)
            template = paragraph._p
            template.getparent().remove(template)
            self.templates[style.name] = template
        return template

    def add(self, text: str, style: fmt.TextStyle, keep_next: bool | None = None):
        """Append a paragraph of ``text`` in ``style`` before the section properties;
        ``keep_next`` keeps it on the page of what follows (a table it introduces) or,
        when ``False``, lets it part from what follows whatever its style says."""
        p = deepcopy(self._template(style))
        run = p.find(qn("w:r"))
        if text:
            _set_text(run, text)
        else:
            p.remove(run)
        if keep_next is not None:
            p.get_or_add_pPr().keepNext_val = keep_next
        self.body.sectPr.addprevious(p)
        return p

    def add_run_in(self, heading: str, style: fmt.TextStyle, text: str, keep_next: bool = False):
        """Append a body paragraph that starts with ``heading`` in the heading's font
        (``（一）…。``, ``1.…。``): the heading cannot be parted from its text."""
        p = self.add(text, fmt.BODY, keep_next)
        run = deepcopy(self._template(style).find(qn("w:r")))
        _set_text(run, run_in(heading))
        p.find(qn("w:r")).addprevious(run)
        return p


RUN_IN_END = "。！？：；…"
"""A run-in heading ending in one of these is not given a full stop of its own."""


def run_in(heading: str) -> str:
    """A heading as the start of its paragraph: ``1.招商引资`` → ``1.招商引资。``."""
    heading = heading.rstrip()
    return heading if heading.endswith(tuple(RUN_IN_END)) else heading + "。"


def _set_text(run, text: str) -> None:
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    run.append(t)


def _run_xml(document, style: fmt.TextStyle) -> tuple[str, str]:
    """A run in ``style``'s fonts as text, split where its text goes."""
    paragraph = _paragraph(document, "", style)
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


def title_lines(title: str) -> list[str]:
    """The title broken where it reads well: a bracketed tail such as ``（2024年第10周）`` goes
    whole onto the second line when the title does not fit on one."""
    width = fmt.PAGE_WIDTH_MM - fmt.MARGIN_LEFT_MM - fmt.MARGIN_RIGHT_MM
    per_line = width / (fmt.TITLE.size_pt * 25.4 / 72)
    cut = title.rfind("（")
    if display_len(title) <= per_line or cut <= 0:
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
        _paragraph(document, "", fmt.BODY).paragraph_format.keep_with_next = True
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
    runs = {style.name: _run_xml(document, style) for style in (fmt.TABLE_HEADER, fmt.TABLE_TEXT)}
    tables = TableWriter(document, runs)
    blocks = doc.blocks
    signed = bool(doc.closing or doc.distribution)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        last = index + 1 == len(blocks) or (
            index + 2 == len(blocks) and isinstance(block, Heading) and following is not None
        )
        # the text's last paragraph stays on the page of the sign-off
        keep = signed and last
        if isinstance(block, Heading) and block.level > 1 and isinstance(following, Paragraph):
            style = fmt.style_for_level(block.level)
            stamps.add_run_in(block.text, style, following.text, keep_next=keep)
            index += 2
            continue
        if isinstance(block, Heading):
            # a heading is kept with its own text only: one followed by a heading of its
            # level or above (a placeholder, an empty part) would chain pages together
            child = isinstance(following, (Paragraph, Table)) or (
                isinstance(following, Heading) and following.level > block.level
            )
            stamps.add(block.text, fmt.style_for_level(block.level), None if child else False)
        elif isinstance(block, Paragraph):
            stamps.add(block.text, fmt.BODY, keep_next=isinstance(following, Table) or keep)
        else:
            tables.add(block, keep_last=keep)
            stamps.add("", fmt.BODY, keep_next=keep)
        index += 1
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
