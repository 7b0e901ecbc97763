"""Writing a rendered document to a file chosen by its suffix, atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model.errors import PlanError
from .document import Document, to_markdown, to_text

SUFFIXES = (".md", ".txt", ".docx")


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(doc: Document, suffix: str) -> bytes:
    """The document as file bytes for ``.md``, ``.txt`` or ``.docx``."""
    suffix = suffix.lower()
    if suffix == ".md":
        return to_markdown(doc).encode("utf-8")
    if suffix == ".txt":
        return to_text(doc).encode("utf-8")
    if suffix == ".docx":
        from .docx_writer import docx_bytes  # python-docx is imported only when needed

        return docx_bytes(doc)
    raise PlanError(f"不支持的输出格式“{suffix or '（无扩展名）'}”，可用：{'、'.join(SUFFIXES)}")


def write_document(doc: Document, path: str | Path) -> Path:
    """Render ``doc`` by the suffix of ``path`` and write it atomically; return the path."""
    path = Path(path)
    data = render(doc, path.suffix)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise PlanError(f"无法写入（{exc.strerror}）", path) from None
    return path
