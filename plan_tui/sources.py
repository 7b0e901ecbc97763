"""Reading a source document (.txt/.md/.docx) into a list of clean paragraphs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .model.errors import PlanError

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


def _docx_lines(path: Path) -> list[str]:
    """Paragraph and table-cell texts of a .docx, in document order."""
    import docx  # python-docx; imported here so that text imports stay light

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanError(
            f"不是有效的 .docx 文件（{type(exc).__name__}），文件可能已损坏", path
        ) from None
    except Exception:  # python-docx and lxml raise many kinds on a broken package
        raise PlanError("不是有效的 .docx 文件，文件可能已损坏", path) from None
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


def _num_pr(element) -> tuple[str, int] | None:  # type: ignore[no-untyped-def]
    found = element.xpath("./w:pPr/w:numPr")
    if not found:
        return None
    num_id = found[0].xpath("./w:numId/@w:val")
    ilvl = found[0].xpath("./w:ilvl/@w:val")
    if not num_id or num_id[0] == "0":
        return None
    return num_id[0], int(ilvl[0]) if ilvl else 0


def _list_level(paragraph) -> tuple[str, int] | None:  # type: ignore[no-untyped-def]
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


def read_paragraphs(path: str | Path) -> list[str]:
    """The non-empty paragraphs of a source document, cleaned of artefacts.

    Raises :class:`PlanError` naming the file when it is missing, empty, binary, corrupt
    or of a kind that cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise PlanError("文件不存在", path)
    if path.is_dir():
        raise PlanError("这是一个文件夹，请给出工作安排文档（.txt、.md 或 .docx）", path)
    if suffix == ".doc" or suffix == ".wps":
        raise PlanError("不支持旧版 Word 格式，请在 Word/WPS 中另存为 .docx 后再导入", path)
    if suffix == ".docx":
        lines = _docx_lines(path)
        markdown = False
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PlanError(f"无法读取（{exc.strerror}）", path) from None
        if not data.strip():
            raise PlanError("文件是空的，应为含“XXXX年工作安排”部分的文档", path)
        if data.startswith(b"PK\x03\x04"):
            raise PlanError("这像是 .docx/.zip 文件，请把文件后缀改为 .docx 后再导入", path)
        text = decode_text(data, path)
        lines = text.splitlines()
        markdown = suffix in (".md", ".markdown")
    paragraphs = [clean_line(line, markdown) for line in lines]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise PlanError("文件没有文字内容，应为含“XXXX年工作安排”部分的文档", path)
    return paragraphs
