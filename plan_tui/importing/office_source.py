"""Old Word (.doc), WPS (.wps), RTF and OpenDocument (.odt) files, through LibreOffice.

``soffice --headless --convert-to docx`` turns the file into a .docx in a temporary
folder, which is then read like any .docx. Each conversion runs with its own temporary
LibreOffice profile, so that it works while LibreOffice is open on the desktop (a
shared profile would hand the job to the open window and return with no file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model.errors import PlanError
from ..store.files import os_reason

OFFICE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
DEBIAN_PACKAGE = "libreoffice-writer"
TIMEOUT = 180
"""Seconds a conversion may take (the first start of LibreOffice is the slow part)."""

_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice program, from PATH or its usual place on Windows."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.name == "nt":
        return next((p for p in _WINDOWS_PLACES if Path(p).is_file()), None)
    return None


def missing_message(suffix: str) -> str:
    """The one-line message when LibreOffice is not installed."""
    return (
        f"读取 {suffix} 文件需要 LibreOffice，但未安装（Debian/Ubuntu：apt-get install "
        f"{DEBIAN_PACKAGE}）；也可在 Word/WPS 中另存为 .docx 后再导入"
    )


_OLE = b"\xd0\xcf\x11\xe0"  # the start of every Word 97 (.doc/.wps) file
_OLE_HEADER = 512


def _check_bytes(path: Path) -> None:
    """Refuse an empty file or a truncated Word/WPS file before starting LibreOffice."""
    with path.open("rb") as handle:
        head = handle.read(_OLE_HEADER)
    if not head.strip():
        raise PlanError("文件是空的，应为含工作安排的文档", path)
    if head.startswith(_OLE) and len(head) < _OLE_HEADER:
        raise PlanError(
            f"不是完整的 {path.suffix.lower()} 文件，文件可能已损坏；"
            "可在 Word/WPS 中另存为 .docx 后再导入",
            path,
        )


def convert_to_docx(path: Path, work: Path) -> Path:
    """Convert ``path`` into a .docx inside the folder ``work`` and return that file."""
    _check_bytes(path)
    program = find_soffice()
    if program is None:
        raise PlanError(missing_message(path.suffix.lower()), path)
    profile = (work / "profile").as_uri()
    source = work / f"source{path.suffix.lower()}"  # a plain name: no quoting issues
    shutil.copyfile(path, source)
    command = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise PlanError(
            f"LibreOffice 转换超过{TIMEOUT}秒未完成，请在 Word/WPS 中另存为 .docx", path
        ) from None
    except OSError as exc:
        raise PlanError(f"无法启动 LibreOffice（{os_reason(exc)}）", path) from None
    result = work / "out" / "source.docx"
    if not result.is_file() or result.stat().st_size == 0:
        raise PlanError(
            f"LibreOffice 无法转换此 {path.suffix.lower()} 文件，文件可能已损坏；"
            "可在 Word/WPS 中另存为 .docx 后再导入",
            path,
        )
    return result


def office_lines(path: Path) -> list[str]:
    """The paragraph texts of a .doc/.wps/.rtf/.odt file."""
    from .sources import docx_lines

    try:
        with tempfile.TemporaryDirectory(prefix="plan-tui-") as folder:
            converted = convert_to_docx(path, Path(folder))
            try:
                return docx_lines(converted)
            except PlanError as error:  # name the user's file, not the converted copy
                raise PlanError(error.message, path) from None
    except OSError as exc:
        raise PlanError(f"无法读取（{os_reason(exc)}）", path) from None
