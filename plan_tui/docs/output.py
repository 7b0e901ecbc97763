"""Writing output files: atomically, keeping the mode of a file replaced, never silently.

Every report and export goes through :func:`write_output`, which refuses an existing
file unless the caller says ``force`` (the CLI's ``--force``, the TUI's 覆盖 answer).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.errors import PlanError
from ..model.text_rule import visible
from ..store import files
from .document import Document, to_markdown, to_text
from .xml_text import dropped_note, xml_document

SUFFIXES = (".md", ".txt", ".docx")


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, as the store writes plans.

    The store's one atomic write: a recognisable temp file in the same folder, fsync,
    ``os.replace``; an existing file keeps its mode, owner and group, a symlink stays a
    symlink, and temp files left by writers that died are removed. Raises ``OSError``.
    """
    target = files.real_target(Path(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    files.remove_stale_temps(target)
    files.atomic_write(
        target, data, info if info is not None and stat.S_ISREG(info.st_mode) else None
    )


class OutputExists(PlanError):
    """The output file exists and the caller did not say to replace it."""


EXISTS_MESSAGE = "文件已存在，未覆盖；确需覆盖请加 --force"


def refuse_existing(path: str | Path, force: bool = False) -> None:
    """Raise :class:`OutputExists` when ``path`` exists and ``force`` is not set."""
    path = Path(path)
    if path.is_dir():
        raise PlanError("这是一个文件夹，请给出输出文件名", path)
    if not force and (path.exists() or path.is_symlink()):
        raise OutputExists(EXISTS_MESSAGE, path)


def write_output(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write an output file atomically; an existing file is replaced only with ``force``."""
    path = Path(path)
    refuse_existing(path, force)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise PlanError(f"无法写入（{files.os_reason(exc)}）", path) from None
    return path


def render(doc: Document, suffix: str, notes: list[str] | None = None) -> bytes:
    """The document as file bytes for ``.md``, ``.txt`` or ``.docx``.

    Control characters are written out (``\\x1b``) in .md and .txt, so that showing the
    file on a terminal is safe, and dropped from .docx, which cannot hold them; a note
    saying so is appended to ``notes``.
    """
    suffix = suffix.lower()
    if suffix == ".md":
        return visible(to_markdown(doc)).encode("utf-8")
    if suffix == ".txt":
        return visible(to_text(doc)).encode("utf-8")
    if suffix == ".docx":
        from .docx_writer import docx_bytes  # python-docx is imported only when needed

        doc, dropped = xml_document(doc)
        if dropped and notes is not None:
            notes.append(dropped_note(dropped, ".docx"))
        return docx_bytes(doc)
    raise PlanError(f"不支持的输出格式“{suffix or '（无扩展名）'}”，可用：{'、'.join(SUFFIXES)}")


def write_document(
    doc: Document, path: str | Path, force: bool = False, notes: list[str] | None = None
) -> Path:
    """Render ``doc`` by the suffix of ``path`` and write it with :func:`write_output`.

    Warnings (characters dropped) are appended to ``notes``.
    """
    path = Path(path)
    refuse_existing(path, force)  # before rendering: say so at once
    return write_output(path, render(doc, path.suffix, notes), force)
