"""Build the offline bundle: wheels for every locked dependency, installers and checksums.

``python packaging/bundle.py [--platform P]… [--python 3.11]… [--out DIR] [--force]``
writes ``DIR/plan-tui-<version>-offline/`` and ``DIR/plan-tui-<version>-offline.zip``.
The wheels come from the package index by exact version and hash (the lock,
``packaging/requirements.txt``); binary wheels only, so a dependency without a wheel for
a platform asked for stops the build with one line naming both. Needs network access;
the bundle it writes installs with none.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import platform_tags

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOCK = HERE / "requirements.txt"
PYTHONS = ("3.11", "3.12", "3.13")
NAMED = ("win_amd64", "linux_x86_64", "linux_aarch64")

# Oldest glibc first; manylinux_2_28 is the newest the domestic desktops (UOS 20,
# Kylin V10: glibc 2.28 and later) are sure to run.
_GLIBC = ("2_5", "2_12", "2_17", "2_24", "2_26", "2_27", "2_28")
_LEGACY = {"2_5": "manylinux1", "2_12": "manylinux2010", "2_17": "manylinux2014"}


def _linux_tags(arch: str) -> list[str]:
    tags = [f"manylinux_{v}_{arch}" for v in _GLIBC]
    tags += [f"{_LEGACY[v]}_{arch}" for v in _GLIBC if v in _LEGACY]
    return tags


# platform name -> (pip --platform tags, marker environment)
PLATFORMS: dict[str, tuple[list[str], dict[str, str]]] = {
    "win_amd64": (
        ["win_amd64"],
        {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
         "platform_machine": "AMD64"},
    ),
    "linux_x86_64": (
        _linux_tags("x86_64"),
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
         "platform_machine": "x86_64"},
    ),
    "linux_aarch64": (
        _linux_tags("aarch64"),
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
         "platform_machine": "aarch64"},
    ),
}  # fmt: skip


class BundleError(Exception):
    """A build that cannot go on; the message is one line."""


def version() -> str:
    """The project's version, from ``pyproject.toml``."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def native() -> tuple[list[str], dict[str, str]]:
    """Platform tags and marker environment of this machine."""
    env = {
        "sys_platform": sys.platform,
        "platform_system": platform.system(),
        "os_name": os.name,
        "platform_machine": platform.machine(),
    }
    return list(dict.fromkeys(platform_tags())), env


def locked_requirements(env: dict[str, str]) -> list[str]:
    """The lock's lines (``name==version --hash=…``) whose markers hold in ``env``."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _, hashes = line.partition(" --hash")
        requirement = Requirement(spec.strip())
        if requirement.marker is None or requirement.marker.evaluate(env):
            lines.append(f"{requirement.name}{requirement.specifier} --hash{hashes}")
    return lines


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def download(lines: list[str], tags: list[str], python: str, name: str, wheels: Path) -> None:
    """Fetch one binary wheel per requirement for one platform and Python into ``wheels``."""
    nodot = python.replace(".", "")
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   "--only-binary=:all:", "--require-hashes", "--dest", str(wheels),
                   "--python-version", python, "--implementation", "cp",
                   "--abi", f"cp{nodot}", "--abi", "abi3", "--abi", "none",
                   "-r", str(requirements)]  # fmt: skip
        for tag in tags:
            command += ["--platform", tag]
        done = _run(command)
    if done.returncode != 0:
        missing = re.search(r"(?:No matching distribution found for|for) ([A-Za-z0-9_.\-]+)==",
                            done.stderr)  # fmt: skip
        what = missing.group(1) if missing else "某个依赖"
        last = (done.stderr.strip().splitlines() or ["pip 没有给出原因"])[-1]
        raise BundleError(f"{what} 没有适用于 {name} / Python {python} 的二进制包（{last[:120]}）")


def project_wheel(wheels: Path) -> Path:
    """Build plan-tui's own wheel into ``wheels``."""
    done = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                 "--wheel-dir", str(wheels), str(ROOT)])  # fmt: skip
    if done.returncode != 0:
        raise BundleError(f"无法构建 plan-tui 的 wheel：{done.stderr.strip()[-200:]}")
    return next(wheels.glob(f"plan_tui-{version()}-*.whl"))


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _template(name: str) -> str:
    return (HERE / "templates" / name).read_text(encoding="utf-8").replace("@VERSION@", version())


def write_installers(folder: Path, pythons: list[str]) -> None:
    """install.sh (LF), install.bat (GBK, CRLF: what cmd.exe reads on Chinese Windows), 说明."""
    listed = " ".join(sorted(pythons, reverse=True))  # newest first
    sh = _template("install.sh").replace("@PYTHONS@", listed)
    (folder / "install.sh").write_text(sh, encoding="utf-8", newline="\n")
    (folder / "install.sh").chmod(0o755)
    bat = _template("install.bat").replace("@PYTHONS@", listed)
    (folder / "install.bat").write_bytes(bat.replace("\n", "\r\n").encode("gbk"))
    notes = _template("安装说明.txt").replace("@PYTHONS@", "、".join(pythons))
    (folder / "安装说明.txt").write_bytes(notes.replace("\n", "\r\n").encode("utf-8-sig"))


def write_sums(folder: Path) -> None:
    """``SHA256SUMS`` over every other file of the bundle, in ``sha256sum -c`` form."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{sha256(p)}  {p.relative_to(folder).as_posix()}" for p in files]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def zip_path(folder: Path) -> Path:
    """The zip archive written beside a bundle folder."""
    return folder.parent / f"{folder.name}.zip"


def build(platforms: list[str], pythons: list[str], out: Path, force: bool = False) -> Path:
    """Build the bundle folder and its zip; returns the folder."""
    folder = out / f"plan-tui-{version()}-offline"
    archive = zip_path(folder)
    if (folder.exists() or archive.exists()) and not force:
        raise BundleError(f"{folder} 已存在；加 --force 重新生成")
    shutil.rmtree(folder, ignore_errors=True)
    archive.unlink(missing_ok=True)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    own = project_wheel(wheels)
    lines: dict[str, None] = {}
    for name in platforms:
        tags, env = native() if name == "native" else PLATFORMS[name]
        for python in pythons:
            wanted = locked_requirements({**env, "python_version": python,
                                          "python_full_version": f"{python}.0",
                                          "implementation_name": "cpython",
                                          "platform_python_implementation": "CPython"})  # fmt: skip
            download(wanted, tags, python, name, wheels)
            lines.update(dict.fromkeys(wanted))
    pin = f"plan-tui=={version()} --hash=sha256:{sha256(own)}"
    body = "\n".join(sorted(lines, key=str.lower)) + "\n" + pin + "\n"
    (folder / "requirements.txt").write_text(body, encoding="utf-8")
    write_installers(folder, pythons)
    write_sums(folder)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            zipped.write(path, path.relative_to(out).as_posix())
    return folder


def main(argv: list[str] | None = None) -> int:
    """Command line of the bundle builder; returns the exit code."""
    parser = argparse.ArgumentParser(prog="bundle.py", description="生成离线安装包")
    parser.add_argument("--platform", action="append", choices=["native", *NAMED],
                        help="目标平台，可重复（默认 win_amd64、linux_x86_64、linux_aarch64）")  # fmt: skip
    parser.add_argument("--python", action="append", choices=PYTHONS,
                        help="目标 Python 版本，可重复（默认 3.11、3.12、3.13）")  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="输出目录（默认 dist/）")
    parser.add_argument("--force", action="store_true", help="覆盖已有的安装包")
    options = parser.parse_args(argv)
    try:
        folder = build(options.platform or list(NAMED), options.python or list(PYTHONS),
                       options.out, options.force)  # fmt: skip
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    size = zip_path(folder).stat().st_size
    print(f"已生成：{folder}（zip {size / 2**20:.1f} MiB）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
