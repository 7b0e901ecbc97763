"""Files on disk: refusing what is not a regular file, atomic writes that keep the file's
identity, recognisable temp files and cleaning those left by a writer that died.

A write goes to ``.<name>.<pid>.<random>.tmp`` in the target's folder, is flushed and
fsynced, takes the target's permission bits, owner and group, and then replaces the
target with ``os.replace``: a writer killed at any moment leaves the old file or the new
one. The temp file's name carries the writer's process id, so the next writer removes
the temp files of processes that are gone. A symlink is kept (the file it points to is
replaced); a file with more than one hard link is refused rather than silently cut off
from its other names, and so is a file that is read-only for its owner.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from ..model.errors import PlanError

_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "所在磁盘只读",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EFBIG: "文件太大，超出系统允许的大小",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EIO: "磁盘读写出错",
    errno.ELOOP: "符号链接循环",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EMFILE: "打开的文件太多",
    errno.EXDEV: "不能跨磁盘替换文件",
    errno.EEXIST: "路径中有一段是文件而不是文件夹",
}


def os_reason(exc: OSError) -> str:
    """A short Chinese reason for an operating-system error (never the English text)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is None:
        winerror = getattr(exc, "winerror", None)
        reason = {5: "没有权限", 32: "文件正被其他程序占用", 112: "磁盘空间已满"}.get(
            winerror or 0, f"系统错误 {exc.errno}" if exc.errno else "系统错误"
        )
    return reason


def real_target(path: Path) -> Path:
    """The file a path names: a symlink's target, so that the link itself is kept."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


_KINDS = (
    (stat.S_ISDIR, "这是一个文件夹，不是文件"),
    (stat.S_ISFIFO, "这是一个命名管道（FIFO），不是普通文件"),
    (stat.S_ISSOCK, "这是一个套接字，不是普通文件"),
    (stat.S_ISCHR, "这是一个设备，不是普通文件"),
    (stat.S_ISBLK, "这是一个设备，不是普通文件"),
)


def refuse_unless_regular(path: Path, what: str = "") -> os.stat_result | None:
    """The file's status when it is a regular file, ``None`` when it does not exist.

    A folder, FIFO, socket or device is refused before it is opened, since reading a
    FIFO would wait for ever.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PlanError(f"无法读取{what}（{os_reason(exc)}）", path) from None
    for test, message in _KINDS:
        if test(info.st_mode):
            raise PlanError(message, path)
    if not stat.S_ISREG(info.st_mode):
        raise PlanError("不是普通文件", path)
    return info


def read_regular(path: str | Path, what: str = "") -> bytes:
    """The bytes of a regular file; a one-line Chinese :class:`PlanError` otherwise."""
    path = Path(path)
    if refuse_unless_regular(path, what) is None:
        raise PlanError("文件不存在", path)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise PlanError(f"无法读取{what}（{os_reason(exc)}）", path) from None
    except MemoryError:
        raise PlanError("文件太大，内存不足，无法读取", path) from None


# --- temp files ----------------------------------------------------------------------


def temp_name(target: Path) -> Path:
    """``.<name>.<pid>.<random>.tmp`` beside the target."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _temp_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[0-9a-f]+\.tmp")


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine (POSIX and Windows)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the target's temp files whose writing process is gone; return them."""
    pattern = _temp_pattern(target)
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent if str(target.parent) else ".")
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or process_alive(pid):
            continue
        stale = target.with_name(name)
        try:
            stale.unlink()
        except OSError:
            continue
        removed.append(stale)
    return removed


# --- writing -------------------------------------------------------------------------


def refuse_if_read_only(target: Path, info: os.stat_result, shown: Path) -> None:
    """A plan its owner made read-only (0444, or Windows' read-only flag) is not rewritten."""
    if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise PlanError(f"计划文件为只读：{shown}（请先取消只读再保存），本次没有保存")


def refuse_if_hard_linked(info: os.stat_result, shown: Path) -> None:
    """Replacing a file with several hard links would cut it off from its other names."""
    if info.st_nlink > 1:
        raise PlanError(
            f"这个文件有 {info.st_nlink} 个硬链接，保存会使其他链接看不到新内容；"
            "请改用符号链接（快捷方式）或复制一份后再保存",
            shown,
        )


def _keep_identity(tmp: Path, info: os.stat_result | None) -> None:
    """Give the temp file the target's permission bits, owner and group."""
    if info is None:
        os.chmod(tmp, 0o644)
        return
    os.chmod(tmp, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner(tmp):
        try:
            os.chown(tmp, info.st_uid, info.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):  # keep at least the group
                os.chown(tmp, -1, info.st_gid)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))  # chown may clear set-id bits


def _owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def atomic_write(target: Path, data: bytes, info: os.stat_result | None = None) -> None:
    """Write ``data`` over ``target`` through a temp file and ``os.replace``.

    ``info`` is the target's status read before (``None`` for a new file); its mode,
    owner and group go to the new file. Raises ``OSError``; the temp file never stays.
    """
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_identity(tmp, info)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
