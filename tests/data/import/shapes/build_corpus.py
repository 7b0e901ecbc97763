"""Build the office-format documents of this corpus from its .txt sources.

Run from anywhere: ``python tests/data/import/shapes/build_corpus.py``. Needs python-docx,
LibreOffice (``soffice``) and poppler (``pdftoppm``). The outputs are committed, so the
tests do not spend conversion time on them; only the .doc/.wps/.rtf/.odt readers convert
live, as they do for a user.

- ``work_points_2025.docx``  from work_points_2025.txt, then ``.doc`` from that .docx;
- ``title_plan_2024.pdf``    a three-page PDF with a header, "— N —" page numbers and lines
  broken by the page width (large type), from a .docx of title_plan_2024.txt;
- ``speech_2025.pdf``        the same for speech_2025.txt, with "第 N 页 共 M 页" footers;
- ``explanation_2025.rtf``, ``concentrate_2025.odt``, ``this_year_2025.wps`` (a Word 97
  file under the WPS name, as WPS Office saves it by default);
- ``scanned_2025.pdf``       page images of speech_2025.pdf without any text layer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def _field(paragraph, code: str) -> None:  # type: ignore[no-untyped-def]
    """A Word field (PAGE, NUMPAGES) in a paragraph."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), ("end", None)):
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def make_docx(source: Path, out: Path, size: int, footer: str, header: str = "") -> None:
    """A .docx of a text: centred title, indented body paragraphs, header and footer."""
    lines = [line for line in source.read_text("utf-8").splitlines() if line.strip()]
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if footer == "dash":
        foot.add_run("— ")
        _field(foot, "PAGE")
        foot.add_run(" —")
    else:
        foot.add_run("第 ")
        _field(foot, "PAGE")
        foot.add_run(" 页 共 ")
        _field(foot, "NUMPAGES")
        foot.add_run(" 页")
    for n, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if n == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.paragraph_format.first_line_indent = Pt(2 * size)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(str(out))


def convert(source: Path, fmt: str, out: Path) -> None:
    """``soffice --headless --convert-to FMT`` into ``out``."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", fmt, "--outdir", work, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(next(Path(work).iterdir())), out)


def image_pdf(pdf: Path, out: Path) -> None:
    """A PDF of page images only, like a scanner makes: no text layer at all."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), f"{work}/p"], check=True)
        pages = []
        for pgm in sorted(Path(work).glob("p*.pgm")):
            data = pgm.read_bytes()
            magic, width, height, depth, pixels = data.split(maxsplit=4)
            assert magic == b"P5" and depth == b"255"
            pages.append((int(width), int(height), pixels[: int(width) * int(height)]))
    objects: list[bytes] = []
    kids = []
    for width, height, pixels in pages:
        image = zlib.compress(pixels)
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
            % (width, height, len(image), image)
        )
        image_id = len(objects) + 2
        draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw))
        content_id = len(objects) + 2
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (content_id, image_id)
        )
        kids.append(len(objects) + 2)
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(head + objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets) + 1,
        xref,
    )
    out.write_bytes(body)


def main() -> None:
    """Write every derived document next to its source."""
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        make_docx(HERE / "work_points_2025.txt", HERE / "work_points_2025.docx", 14, "dash")
        convert(HERE / "work_points_2025.docx", "doc", HERE / "work_points_2025.doc")
        for name, footer in (("title_plan_2024", "dash"), ("speech_2025", "total")):
            make_docx(HERE / f"{name}.txt", tmp / f"{name}.docx", 20, footer, "XX镇人民政府")
            convert(tmp / f"{name}.docx", "pdf", HERE / f"{name}.pdf")
        make_docx(HERE / "explanation_2025.txt", tmp / "explanation_2025.docx", 14, "dash")
        convert(tmp / "explanation_2025.docx", "rtf", HERE / "explanation_2025.rtf")
        make_docx(HERE / "concentrate_2025.txt", tmp / "concentrate_2025.docx", 14, "dash")
        convert(tmp / "concentrate_2025.docx", "odt", HERE / "concentrate_2025.odt")
        make_docx(HERE / "this_year_2025.txt", tmp / "this_year_2025.docx", 14, "dash")
        convert(tmp / "this_year_2025.docx", "doc", HERE / "this_year_2025.wps")
        image_pdf(HERE / "speech_2025.pdf", HERE / "scanned_2025.pdf")


if __name__ == "__main__":
    main()
