"""A small document model shared by every report, with plain-text and Markdown renderers.

Reports (weekly report, bulletins, the year-end review) build a :class:`Document`; the
renderers here turn it into stable Markdown or text, and :mod:`plan_tui.docs.docx_writer`
turns it into a .docx in the official-document format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .numbering import Outline


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
    outline: Outline = field(default_factory=Outline, repr=False, compare=False)
    """The numbering of the headings added with :meth:`section`."""
    closing: list[str] = field(default_factory=list)
    """Lines after the text: issuing office and date, right-aligned."""
    distribution: list[str] = field(default_factory=list)
    """The 抄送/印发 lines at the foot of the last page."""
    author: str = ""
    """Who issues the document (the plan's organisation); written as the file's author."""

    def heading(self, level: int, text: str) -> None:
        """Append a heading whose text already carries its marker (or none)."""
        self.blocks.append(Heading(level, text))

    def section(self, level: int, title: str) -> None:
        """Append a heading numbered by the document's :class:`Outline` (一、 （一） 1. （1））."""
        self.blocks.append(Heading(level, self.outline.next(level) + title))

    def part(self, title: str) -> None:
        """Append an unnumbered part heading; numbering starts afresh after it."""
        self.outline.restart()
        self.blocks.append(Heading(1, title))

    def headings(self) -> list[tuple[int, str]]:
        """Every heading as ``(level, text)``, in order."""
        return [(b.level, b.text) for b in self.blocks if isinstance(b, Heading)]

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
    for line in doc.closing:
        out += [line, ""]
    if doc.distribution:
        out += ["---", ""]
        for line in doc.distribution:
            out += [line, ""]
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
    out += [*doc.closing, *doc.distribution]
    return "\n".join(out).rstrip("\n") + "\n"
