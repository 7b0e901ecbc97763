"""Importing plan documents: sources (.txt/.md/.docx…), numbering marks, text rules, the importer.

The rest of the program uses :func:`import_document` and :class:`ImportResult`; the
numbering primitives are public for the tests and for tools that read marks.
"""

from .importer import ImportResult, import_document
from .numbering import Marker, detect_marker, split_inline
from .sources import read_paragraphs

__all__ = [
    "ImportResult",
    "Marker",
    "detect_marker",
    "import_document",
    "read_paragraphs",
    "split_inline",
]
