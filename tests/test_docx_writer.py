"""The official-format .docx read back with python-docx: page, fonts of every run, footers."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from review_year import AS_OF, year_plan

from plan_tui.docs import gbt9704 as fmt
from plan_tui.docs.document import Document, Heading, Paragraph
from plan_tui.docs.docx_writer import docx_bytes, run_in
from plan_tui.reports.review import build_review


@pytest.fixture(scope="module")
def review_doc() -> Document:
    doc = build_review(year_plan(), AS_OF)
    doc.table(["序号", "工作任务", "牵头领导"], [["1", "招商引资", "张乡长"], ["2", "", "王书记"]])
    doc.heading(4, "（1）第四级标题")
    return doc


@pytest.fixture(scope="module")
def written(review_doc):
    return docx.Document(io.BytesIO(docx_bytes(review_doc)))


def _fonts(run) -> dict[str, str | None]:
    rfonts = run._r.rPr.rFonts
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi")}


def _expect(run, style: fmt.TextStyle) -> None:
    assert _fonts(run) == {"eastAsia": style.font, "ascii": style.font, "hAnsi": style.font}
    assert run.font.size.pt == style.size_pt


def test_page_is_a4_with_official_margins(written):
    section = written.sections[0]
    for value, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(value.mm - mm) < 0.05


def _layout(doc: Document) -> list[tuple[fmt.TextStyle, list[fmt.TextStyle], str]]:
    """Each written paragraph: its style, the styles of its runs, its text. A heading below
    一、 followed by a paragraph is run in: the start of that paragraph, in its own font."""
    out = [(fmt.TITLE, [fmt.TITLE], doc.title), (fmt.BODY, [], "")]  # title, blank line
    blocks = doc.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Heading) and block.level > 1 and isinstance(following, Paragraph):
            style = fmt.style_for_level(block.level)
            out.append((fmt.BODY, [style, fmt.BODY], run_in(block.text) + following.text))
            index += 2
            continue
        if isinstance(block, Heading):
            style = fmt.style_for_level(block.level)
            out.append((style, [style], block.text))
        elif isinstance(block, Paragraph):
            out.append((fmt.BODY, [fmt.BODY], block.text))
        else:
            out.append((fmt.BODY, [], ""))  # blank line after a table
        index += 1
    return out


def test_every_body_run_has_its_fonts_including_east_asian(written, review_doc):
    expected = _layout(review_doc)
    paragraphs = written.paragraphs
    assert len(paragraphs) == len(expected)
    runs = 0
    for paragraph, (style, run_styles, text) in zip(paragraphs, expected, strict=True):
        assert paragraph.style.name == style.name
        assert paragraph.text == text.replace("\n", "")
        assert len(paragraph.runs) == len(run_styles)
        for run, run_style in zip(paragraph.runs, run_styles, strict=True):
            _expect(run, run_style)
            runs += 1
    assert runs > 20


def test_title_is_centred_and_headings_keep_their_order(written, review_doc):
    title = written.paragraphs[0]
    assert title.text == "XX乡2024年工作回顾及2025年工作安排"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22
    headings = [
        (p.style.name, p.text) for p in written.paragraphs if p.style.name.startswith("Heading")
    ]
    expected = [(s.name, t) for s, _, t in _layout(review_doc) if s.name.startswith("Heading")]
    assert headings == expected
    assert headings[0] == ("Heading 1", "一、保持招商引资良好态势，强化服务对接与要素保障")
    fonts = {
        name: written.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
    }
    assert fonts == {
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
        "Heading 4": "仿宋_GB2312",
    }
    run_in_texts = [t for s, runs, t in _layout(review_doc) if len(runs) == 2]
    assert (
        "（二）竭诚服务，在优化环境上求实效【延续】。2024年未启动。【待补充：2025年工作措施及完成时限】"
        in run_in_texts
    )


def test_body_has_fixed_line_spacing_and_two_character_indent(written):
    body = written.styles["Normal"]
    pf = body.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert 28 <= pf.line_spacing.pt <= 29
    assert pf.first_line_indent.pt == 32
    assert body.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert _fonts_of_style(body) == "仿宋_GB2312"
    assert body.font.size.pt == 16
    # 22 lines of 28.95 pt fill the 225 mm text block
    section = written.sections[0]
    block = section.page_height.pt - section.top_margin.pt - section.bottom_margin.pt
    assert int(block // pf.line_spacing.pt) == fmt.LINES_PER_PAGE


def _fonts_of_style(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_table_has_header_row_borders_and_fangsong_text(written):
    table = written.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "工作任务", "牵头领导"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert len(borders) == 6
    for r, row in enumerate(table.rows):
        style = fmt.TABLE_HEADER if r == 0 else fmt.TABLE_TEXT
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert paragraph.style.name == style.name
                for run in paragraph.runs:
                    _expect(run, style)
    assert (
        table.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == 10.5
    )  # 五号: seven or eight columns on a portrait page


def test_page_numbers_odd_right_even_left_with_page_field(written):
    settings = written.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = written.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        xml = paragraph._p.xml
        assert "<w:instrText" in xml and " PAGE " in xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text == "— 1 —"
        for run in paragraph.runs:
            _expect(run, fmt.PAGE_NUMBER)


def test_docx_of_a_weekly_style_document_with_subtitle():
    doc = Document("XX乡重点工作推进情况周报（2024年第10周）", ["（2024年3月4日—3月10日）"])
    doc.heading(1, "一、总体情况")
    doc.paragraph("共22项。")
    written = docx.Document(io.BytesIO(docx_bytes(doc)))
    subtitle = written.paragraphs[1]
    assert subtitle.text == "（2024年3月4日—3月10日）"
    assert subtitle.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    _expect(subtitle.runs[0], fmt.SUBTITLE)


def test_table_columns_fill_the_line_and_short_columns_fit_their_headers():
    from plan_tui.docs.document import Table
    from plan_tui.docs.docx_tables import column_widths

    block = Table(
        ["编号", "事项", "牵头领导", "情况"],
        [
            [
                "1.2",
                "压实责任，在项目推进上下实劲" * 2,
                "王书记",
                "漏报5期（2024年1月、2月、3月）" * 2,
            ]
        ],
    )
    widths = column_widths(block, 156)
    assert abs(sum(widths) - 156) < 0.01
    char = 12 * 25.4 / 72
    assert widths[2] >= 4 * char  # 牵头领导 on one line
    assert widths[1] > widths[2] and widths[3] > widths[2]
    written = docx.Document(io.BytesIO(docx_bytes(Document("表", blocks=[block]))))
    cells = written.tables[0].rows[0].cells
    assert [round(c.width.mm) for c in cells] == [round(w) for w in widths]
