"""Which PDF library gives cleaner Chinese lines: pypdf or pdfminer.six.

For each text-layer PDF of the import corpus, both libraries extract the raw text of
every page, and each is compared with the document's source text:

- ``order``: difflib ratio of the source's characters to the extracted characters
  (whitespace removed on both sides, the header and page numbers included on the
  extracted side for both libraries alike); 1.0 means every character in order;
- ``cjk gaps``: spaces or tabs between two Chinese characters or between a Chinese
  character and a digit — spaces a reader must remove before matching words;
- ``ms``: extraction time per document (best of 3).

Run: ``.venv/bin/python bench/pdf_text.py``.
"""

from __future__ import annotations

import difflib
import io
import re
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "import" / "shapes"
_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff0-9])[ \t]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t]+(?=[0-9])"
)


def with_pypdf(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def measure(name: str, extract) -> tuple[float, int, float]:  # type: ignore[no-untyped-def]
    data = (CORPUS / f"{name}.pdf").read_bytes()
    source = re.sub(r"\s", "", (CORPUS / f"{name}.txt").read_text("utf-8"))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        text = extract(data)
        best = min(best, time.perf_counter() - start)
    flat = re.sub(r"\s", "", text)
    ratio = difflib.SequenceMatcher(None, source, flat, autojunk=False).ratio()
    return ratio, len(_GAP.findall(text)), best * 1000


def main() -> None:
    print(f"{'document':<18}{'library':<12}{'order':>8}{'cjk gaps':>10}{'ms':>8}")
    for name in ("title_plan_2024", "speech_2025"):
        for label, extract in (("pypdf", with_pypdf), ("pdfminer", with_pdfminer)):
            ratio, gaps, ms = measure(name, extract)
            print(f"{name:<18}{label:<12}{ratio:>8.3f}{gaps:>10}{ms:>8.1f}")


if __name__ == "__main__":
    main()
