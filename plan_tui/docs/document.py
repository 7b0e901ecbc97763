"""A small document model shared by every report, with plain-text and Markdown renderers.

Reports (weekly report, bulletins, the year-end review) build a :class:`Document`; the
renderers here turn it into stable Markdown or text, and :mod:`plan_tui.docs.docx_writer`
turns it into a .docx in the official-document format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A heading; level 1 is ``一、``, 2 is ``（一）``, 3 is ``1.``, 4 is ``（1）``.

    ``text`` already carries its numbering (e.g. ``一、总体情况``).
    """

    level: int
    text: str


@dataclass
class Paragraph:
    """A body paragraph (first-line indented in the official format)."""

    text: str


@dataclass
class Table:
    """A table with a header row."""

    headers: list[str]
    rows: list[list[str]]


Block = Heading | Paragraph | Table


@dataclass
class Document:
    """A titled document: optional subtitle lines under the title, then blocks."""

    title: str
    subtitle: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def heading(self, level: int, text: str) -> None:
        """Append a heading."""
        self.blocks.append(Heading(level, text))

    def paragraph(self, text: str) -> None:
        """Append a paragraph."""
        self.blocks.append(Paragraph(text))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        """Append a table."""
        self.blocks.append(Table(headers, rows))


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    """Plain, stable Markdown: the same document always gives the same text."""
    out = [f"# {doc.title}", ""]
    for line in doc.subtitle:
        out += [line, ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * min(block.level + 1, 6)} {block.text}", ""]
        elif isinstance(block, Paragraph):
            out += [block.text, ""]
        else:
            out.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            out.append("|" + "---|" * len(block.headers))
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def to_text(doc: Document) -> str:
    """Plain text as a secretary would paste it: title, then lines; tables as tab rows."""
    out = [doc.title, *doc.subtitle, ""]
    for block in doc.blocks:
        if isinstance(block, (Heading, Paragraph)):
            out.append(block.text)
        else:
            out.append("\t".join(block.headers))
            out += ["\t".join(row) for row in block.rows]
    return "\n".join(out).rstrip("\n") + "\n"
