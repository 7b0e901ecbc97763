"""Every setting of the official-document format (GB/T 9704-2012) in one place.

The .docx writer (:mod:`plan_tui.docs.docx_writer`) reads only these values, so the
year-end review, the weekly report and every other .docx look the same. Sizes are in
points and millimetres as the standard states them: body text 仿宋_GB2312 三号 (16 pt),
22 lines of 28 characters on an A4 page, page numbers ``— 1 —`` in 宋体 四号 (14 pt).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PAGE_WIDTH_MM = 210.0
"""A4 width."""
PAGE_HEIGHT_MM = 297.0
"""A4 height."""
MARGIN_TOP_MM = 37.0
"""天头 (top margin)."""
MARGIN_BOTTOM_MM = 35.0
"""Bottom margin."""
MARGIN_LEFT_MM = 28.0
"""订口 (left margin)."""
MARGIN_RIGHT_MM = 26.0
"""Right margin."""
HEADER_DISTANCE_MM = 15.0
"""Distance of the (empty) header from the page edge."""
FOOTER_DISTANCE_MM = 21.0
"""Footer distance from the bottom edge: 35 mm margin − 7 mm gap − one 20 pt (7 mm) number line,
so that the page number sits 7 mm below the text block."""

LINES_PER_PAGE = 22
"""Lines of body text on a page."""
CHARS_PER_LINE = 28
"""Characters of body text on a line."""
LINE_PITCH_PT = 28.95
"""Fixed line spacing of body text: the 225 mm text block divided into 22 lines."""
BODY_CHAR_SPACING_PT = -0.25
"""Character spacing of 16 pt text: 28 characters of 15.75 pt fill the 156 mm (442 pt) line.

Set on the runs rather than through a character grid, which LibreOffice lays out as two
cells per character when a glyph is wider than its cell."""

BODY_FONT = "仿宋_GB2312"
"""Body font."""
BODY_SIZE_PT = 16.0
"""三号."""

Align = Literal["left", "center", "right", "both"]


@dataclass(frozen=True)
class TextStyle:
    """How one kind of paragraph looks: font (East Asian and Latin alike), size, layout."""

    name: str
    """Style name in the .docx (built-in names keep Word's outline and navigation pane)."""
    font: str
    """Font for every run: East Asian, ascii and hAnsi alike."""
    size_pt: float
    """Font size in points."""
    bold: bool = False
    """Bold or not."""
    align: Align = "both"
    """Paragraph alignment."""
    first_line_chars: float = 0
    """First-line indent in characters (2 for body text and headings)."""
    line_pt: float = LINE_PITCH_PT
    """Fixed line spacing in points."""
    outline_level: int | None = None
    """Outline level (0 = level 1) for headings."""
    char_spacing_pt: float = 0
    """Extra space between characters (negative condenses)."""


TITLE = TextStyle("Title", "方正小标宋简体", 22.0, align="center", line_pt=35.0)
"""公文标题: 方正小标宋简体 二号, centred (two-line titles use a 35 pt pitch)."""
SUBTITLE = TextStyle(
    "Subtitle", "楷体_GB2312", BODY_SIZE_PT, align="center", char_spacing_pt=BODY_CHAR_SPACING_PT
)
"""Lines under the title, e.g. the date range of a weekly report."""
BODY = TextStyle(
    "Normal", BODY_FONT, BODY_SIZE_PT, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT
)
"""正文: 仿宋_GB2312 三号, first line indented two characters."""
HEADINGS: dict[int, TextStyle] = {
    1: TextStyle(
        "Heading 1",
        "黑体",
        BODY_SIZE_PT,
        first_line_chars=2,
        outline_level=0,
        char_spacing_pt=BODY_CHAR_SPACING_PT,
    ),
    2: TextStyle(
        "Heading 2",
        "楷体_GB2312",
        BODY_SIZE_PT,
        first_line_chars=2,
        outline_level=1,
        char_spacing_pt=BODY_CHAR_SPACING_PT,
    ),
    3: TextStyle(
        "Heading 3",
        BODY_FONT,
        BODY_SIZE_PT,
        first_line_chars=2,
        outline_level=2,
        char_spacing_pt=BODY_CHAR_SPACING_PT,
    ),
    4: TextStyle(
        "Heading 4",
        BODY_FONT,
        BODY_SIZE_PT,
        first_line_chars=2,
        outline_level=3,
        char_spacing_pt=BODY_CHAR_SPACING_PT,
    ),
}
"""结构层次: 一、 黑体; （一） 楷体_GB2312; 1. and （1） 仿宋_GB2312; all 三号."""
TABLE_HEADER = TextStyle("Table Header", "黑体", 10.5, align="center", line_pt=16.0)
"""Header row of a table: 黑体 五号 (a portrait page holds seven or eight columns)."""
TABLE_TEXT = TextStyle("Table Text", BODY_FONT, 10.5, align="left", line_pt=16.0)
"""Table cells: 仿宋_GB2312 五号."""
DISTRIBUTION = TextStyle("Distribution", BODY_FONT, 14.0, align="left", line_pt=LINE_PITCH_PT)
"""版记 (抄送, 印发机关和印发日期): 仿宋_GB2312 四号 between thin rules."""
PAGE_NUMBER = TextStyle("Footer", "宋体", 14.0, line_pt=20.0)
"""页码: 宋体 四号 half-width Arabic numerals."""
PAGE_NUMBER_DASHES = ("— ", " —")
"""Text before and after the PAGE field: ``— 1 —``."""
PAGE_NUMBER_INSET_CHARS = 1
"""Odd pages: right-aligned one character in from the right; even pages: from the left."""
TABLE_BORDER_EIGHTHS = 4
"""Table border width in eighths of a point (½ pt single lines)."""


def style_for_level(level: int) -> TextStyle:
    """The heading style for ``一、`` (1), ``（一）`` (2), ``1.`` (3), ``（1）`` (4)."""
    return HEADINGS[min(max(level, 1), 4)]
