"""Reading the text layer of a PDF into the paragraphs a person sees.

pypdf (a maintained pure-Python library) extracts each page in its layout mode, which
keeps the indentation of every line: a paragraph's first line is indented (首行缩进) or
preceded by a blank line, while a line broken by the page width starts at the margin,
so such lines are joined back into their paragraph, across pages too. Lines that repeat
at the top or bottom of the pages (a header such as ``XX镇人民政府``) and page numbers
(``— 1 —``, ``第 1 页 共 3 页``, ``1/3``) are dropped. ``bench/pdf_text.py`` compares pypdf
with pdfminer.six on the corpus PDFs; see BENCHMARKS.md.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..model.errors import PlanError

NO_TEXT_LAYER = "此PDF没有文字层（可能是扫描件），请先转换为文字或.docx"

_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$"
)
_WIDE = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’、，。；：！？（）《》—…"
_GAP = re.compile(rf"(?<=[{_WIDE}])\s+|\s+(?=[{_WIDE}])")


def _pages(path: Path) -> list[list[str]]:
    """The layout-mode text lines of every page."""
    import pypdf  # imported here so that text imports stay light
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanError("PDF 已加密，请先用密码打开并另存为未加密的 PDF 或 .docx", path)
        return [page.extract_text(extraction_mode="layout").splitlines() for page in reader.pages]
    except PlanError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise PlanError(
            f"不是有效的 PDF 文件（{type(exc).__name__}），文件可能已损坏", path
        ) from None
    except Exception:  # a damaged PDF can fail deep inside the parser in many ways
        raise PlanError("不是有效的 PDF 文件，文件可能已损坏", path) from None


def _edge_lines(page: list[str]) -> list[int]:
    """Indexes of the first two and last two non-empty lines: where headers and footers sit."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return filled[:2] + filled[-2:]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their page numbers and the headers/footers repeated on most pages."""
    counts = Counter(
        _shape(pages[p][i]) for p in range(len(pages)) for i in set(_edge_lines(pages[p]))
    )
    repeated = {
        s for s, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2 + 1)
    }
    cleaned = []
    for page in pages:
        edges = set(_edge_lines(page))
        cleaned.append(
            [
                ""
                if i in edges and (_PAGE_NUMBER.match(line.strip()) or _shape(line) in repeated)
                else line
                for i, line in enumerate(page)
            ]
        )
    return cleaned


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000"))


def _tidy(text: str) -> str:
    """No spaces the layout put around Chinese characters; single spaces elsewhere."""
    return _GAP.sub("", re.sub(r"[ \t\u3000]+", " ", text)).strip()


def pdf_lines(path: Path) -> list[str]:
    """The paragraphs of a PDF with a text layer; :data:`NO_TEXT_LAYER` when it has none."""
    pages = _pages(path)
    if not any(line.strip() for page in pages for line in page):
        raise PlanError(NO_TEXT_LAYER, path)
    paragraphs: list[str] = []
    for page in _drop_running_lines(pages):
        filled = [line for line in page if line.strip()]
        margin = min((_indent(line) for line in filled), default=0)
        seen = blank = False  # blank: an empty line since the last line of this page
        for line in page:
            if not line.strip():
                blank = seen
                continue
            if blank or _indent(line) > margin or not paragraphs:
                paragraphs.append(_tidy(line))
            else:  # at the margin: the rest of a line broken by the page width
                paragraphs[-1] += _tidy(line)
            seen, blank = True, False
    return [p for p in paragraphs if p]
