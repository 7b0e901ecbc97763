"""Reading a source document (.txt/.md/.docx/.pdf/.doc/.wps/.rtf/.odt) into clean paragraphs.

Any file may arrive: too large, a zip bomb, a package without a body, binary data,
control characters pasted from elsewhere. Each gives one :class:`PlanError` line, or
(control characters) is cleaned with a warning, never a traceback.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ..model.errors import PlanError
from ..model.text_rule import forbidden_chars, strip_forbidden, visible
from ..store.files import os_reason, refuse_unless_regular
from .office_source import OFFICE_SUFFIXES, office_lines
from .pdf_source import pdf_lines

MAX_TEXT_BYTES = 16 * 1024 * 1024
"""Largest .txt/.md source read: a year's plan is some 100 KB; this is 100 times more."""
MAX_DOCX_BYTES = 64 * 1024 * 1024
"""Largest .docx (pictures included), .pdf or .doc/.wps/.rtf/.odt file read."""
MAX_DOCX_UNPACKED = 256 * 1024 * 1024
"""Largest total size of a .docx's parts once unpacked; more is refused as a zip bomb."""

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
_ARTEFACT = re.compile(r"##\s*[A-Za-z_][A-Za-z0-9_]*\s*##")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def clean_line(line: str, markdown: bool = False) -> str:
    """One line without scraping artefacts (``##paidend##``), Markdown marks or edge spaces."""
    line = _ARTEFACT.sub("", line)
    if markdown:
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line.strip(" \t\u3000\ufeff\u00a0\r\n")


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanError("无法按 UTF-16 解码，文件可能已损坏", path) from None
    if b"\x00" in data:
        raise PlanError("这是二进制文件，不是文本文档；请提供 .txt、.md 或 .docx", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise PlanError("无法识别文字编码（应为 UTF-8 或 GB18030/GBK）", path) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(2, len(text) // 100):
        raise PlanError("这是二进制文件，不是文本文档；请提供 .txt、.md 或 .docx", path)
    return text


def docx_lines(path: Path) -> list[str]:
    """Paragraph and table-cell texts of a .docx, in document order."""
    return _docx_lines(path)


def _docx_lines(path: Path) -> list[str]:
    """Paragraph and table-cell texts of a .docx, in document order."""
    import docx  # python-docx; imported here so that text imports stay light

    _check_package(path)
    try:
        document = docx.Document(str(path))
        return _document_lines(document)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanError(
            f"不是有效的 .docx 文件（{type(exc).__name__}），文件可能已损坏", path
        ) from None
    except RecursionError:
        raise PlanError("不是有效的 .docx 文件（结构嵌套过深）", path) from None
    except Exception:  # python-docx and lxml raise many kinds on a broken package
        raise PlanError("不是有效的 .docx 文件，文件可能已损坏（如缺少正文）", path) from None


def _check_package(path: Path) -> None:
    """Refuse a .docx that is not a zip, is too large, or unpacks to too much (a zip bomb).

    The sizes in the zip directory bound what is read: Python's zip reader stops at the
    declared size of each member.
    """
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise PlanError(f"文件过大（{_mb(size)}），不像是工作安排文档", path)
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise PlanError("不是有效的 .docx 文件（不是 zip 压缩包），文件可能已损坏", path) from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise PlanError(
            f"解压后有 {_mb(unpacked)}，超过 {_mb(MAX_DOCX_UNPACKED)}，可能是压缩炸弹，未导入", path
        )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _document_lines(document: Any) -> list[str]:
    lines: list[str] = []
    numbering = _ListNumbers()
    seen_cells: set[object] = set()  # holding the elements keeps their identity stable
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen_cells:  # merged cells repeat
                        continue
                    seen_cells.add(cell._tc)
                    lines.extend(cell.text.splitlines())
        else:
            text = block.text
            level = _list_level(block)
            if level is not None and text.strip():
                text = numbering.mark(level) + text.strip()
            lines.extend(text.splitlines())
    return lines


class _ListNumbers:
    """Word's automatic list numbers, which are not part of the paragraph text."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}

    def mark(self, key: tuple[str, int]) -> str:
        num_id, level = key
        for other in [k for k in self.counts if k[0] == num_id and k[1] > level]:
            del self.counts[other]  # a new parent restarts its children
        n = self.counts[key] = self.counts.get(key, 0) + 1
        return _MARKS[min(level, len(_MARKS) - 1)](n)


def _cn(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[ones - 1] if ones else "")


_MARKS = (
    lambda n: f"{_cn(n)}、",
    lambda n: f"（{_cn(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)


def _num_pr(element: Any) -> tuple[str, int] | None:
    found = element.xpath("./w:pPr/w:numPr")
    if not found:
        return None
    num_id = found[0].xpath("./w:numId/@w:val")
    ilvl = found[0].xpath("./w:ilvl/@w:val")
    if not num_id or num_id[0] == "0":
        return None
    return num_id[0], int(ilvl[0]) if ilvl else 0


def _list_level(paragraph: Any) -> tuple[str, int] | None:
    """``(numId, level)`` of an automatically numbered paragraph, from it or its style."""
    from .numbering import detect_marker

    if detect_marker(paragraph.text.strip()) is not None:
        return None  # the number is typed in the text already
    found = _num_pr(paragraph._p)
    style = paragraph.style
    while found is None and style is not None:
        found = _num_pr(style.element)
        style = style.base_style
    return found


def read_paragraphs(path: str | Path, warnings: list[str] | None = None) -> list[str]:
    """The non-empty paragraphs of a source document, cleaned of artefacts.

    Control characters and bidi overrides, which a plan may not hold, are removed; a
    warning saying so is appended to ``warnings``. Raises :class:`PlanError` naming the
    file when it is missing, empty, too large, binary, corrupt, only numbering, or of a
    kind that cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise PlanError("这是一个文件夹，请给出工作安排文档（.txt、.md 或 .docx）", path)
    if refuse_unless_regular(path, "文档") is None:  # a FIFO or device is never opened
        raise PlanError("文件不存在", path)
    if suffix in OFFICE_SUFFIXES or suffix == ".pdf":
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise PlanError(f"文件过大（{_mb(size)}），不像是工作安排文档", path)
        lines = office_lines(path) if suffix in OFFICE_SUFFIXES else pdf_lines(path)
        markdown = False
    elif suffix == ".docx":
        lines = _docx_lines(path)
        markdown = False
    else:
        try:
            size = path.stat().st_size
            if size > MAX_TEXT_BYTES:
                raise PlanError(
                    f"文件过大（{_mb(size)}，上限 {_mb(MAX_TEXT_BYTES)}），不像是工作安排文档", path
                )
            data = path.read_bytes()
        except OSError as exc:
            raise PlanError(f"无法读取（{os_reason(exc)}）", path) from None
        if not data.strip():
            raise PlanError("文件是空的，应为含“XXXX年工作安排”部分的文档", path)
        if data.startswith(b"PK\x03\x04"):
            raise PlanError("这像是 .docx/.zip 文件，请把文件后缀改为 .docx 后再导入", path)
        text = decode_text(data, path)
        lines = text.splitlines()
        markdown = suffix in (".md", ".markdown")
    found = [c for line in lines for c in forbidden_chars(line)]
    if found:
        lines = [strip_forbidden(line) for line in lines]
        if warnings is not None:
            shown = " ".join(dict.fromkeys(visible(c) for c in found[:20]))
            warnings.append(f"文档里有 {len(found)} 个控制字符（{shown}），已删去")
    paragraphs = [clean_line(line, markdown) for line in lines]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise PlanError("文件没有文字内容，应为含“XXXX年工作安排”部分的文档", path)
    if _only_numbering(paragraphs):
        raise PlanError("文档只有编号（如“一、”“（一）”），没有工作事项的文字", path)
    return paragraphs


_NUMERAL = "[一二三四五六七八九十百零〇\\d０-９]+"
_BARE_MARKER = re.compile(rf"^(?:第?{_NUMERAL}[、.．:：是]?|[（(]{_NUMERAL}[）)][、.．]?)$")


def _only_numbering(paragraphs: list[str]) -> bool:
    """Whether every paragraph is a bare numbering marker (``一、``) or a plan heading."""
    from .text_rules import plan_heading

    return all(
        _BARE_MARKER.match(text.replace(" ", "")) or plan_heading(text) for text in paragraphs
    )
