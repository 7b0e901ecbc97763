"""The offline bundle: locked wheels for every platform, checksums, and an install with no network.

These tests build bundles from the package index (the machine reaches it; the installs
they then make do not).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bundle", ROOT / "packaging" / "bundle.py")
assert _spec and _spec.loader
bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle)


def _locked_names() -> set[str]:
    text = (ROOT / "packaging" / "requirements.txt").read_text(encoding="utf-8")
    names = set()
    for line in text.replace("\\\n", " ").splitlines():
        spec = line.split("--hash", 1)[0].split("#", 1)[0].strip()
        if spec:
            names.add(canonicalize_name(Requirement(spec).name))
    return names


@pytest.fixture(scope="session")
def three_platforms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle3")
    return bundle.build(list(bundle.NAMED), list(bundle.PYTHONS), out)


def _wheel_fits(filename: str, python: str, platform_tags: list[str]) -> bool:
    _, _, _, tags = parse_wheel_filename(filename)
    nodot = python.replace(".", "")
    for tag in tags:
        python_ok = tag.interpreter in (f"cp{nodot}", "py3", "py2.py3") or (
            tag.abi == "abi3" and tag.interpreter.startswith("cp3")
            and int(tag.interpreter[3:]) <= int(nodot[1:])
        )  # fmt: skip
        abi_ok = tag.abi in (f"cp{nodot}", "abi3", "none")
        platform_ok = tag.platform == "any" or tag.platform in platform_tags
        if python_ok and abi_ok and platform_ok:
            return True
    return False


def test_every_locked_package_has_a_wheel_for_every_platform_and_python(
    three_platforms: Path,
) -> None:
    wheels = [p.name for p in (three_platforms / "wheels").iterdir()]
    locked = _locked_names()
    assert locked, "the lock names no package"
    for platform in bundle.NAMED:
        tags = bundle.PLATFORMS[platform][0]
        for python in bundle.PYTHONS:
            have = {canonicalize_name(parse_wheel_filename(w)[0]) for w in wheels
                    if _wheel_fits(w, python, tags)}  # fmt: skip
            assert locked <= have, (platform, python, sorted(locked - have))
            assert "plan-tui" in have


def test_sums_cover_every_file_and_match(three_platforms: Path) -> None:
    lines = (three_platforms / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {
        p.relative_to(three_platforms).as_posix()
        for p in three_platforms.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert set(listed) == files
    for name, digest in listed.items():
        assert bundle.sha256(three_platforms / name) == digest, name
    for required in ("install.sh", "install.bat", "安装说明.txt", "requirements.txt"):
        assert required in files


def test_requirements_pin_every_wheel_by_hash_and_the_zip_holds_the_folder(
    three_platforms: Path,
) -> None:
    requirements = (three_platforms / "requirements.txt").read_text(encoding="utf-8")
    for line in requirements.splitlines():
        assert "==" in line and "--hash=sha256:" in line, line
    archive = bundle.zip_path(three_platforms)
    with zipfile.ZipFile(archive) as zipped:
        names = {n.split("/", 1)[1] for n in zipped.namelist() if not n.endswith("/")}
    files = {p.relative_to(three_platforms).as_posix() for p in three_platforms.rglob("*")}
    assert {n for n in names if n} <= files
    assert "wheels/" + next((three_platforms / "wheels").glob("plan_tui-*")).name in names
    bat = (three_platforms / "install.bat").read_bytes()
    assert b"\r\n" in bat and "安装".encode("gbk") in bat


def test_a_platform_without_a_wheel_stops_the_build_with_one_line(tmp_path: Path) -> None:
    tags = bundle.PLATFORMS["linux_aarch64"][0]
    with pytest.raises(bundle.BundleError) as caught:
        # jieba is published as a source archive only: never built from source here.
        bundle.download(["jieba==0.42.1 --hash=sha256:" + "0" * 64], tags, "3.11",
                        "linux_aarch64", tmp_path)  # fmt: skip
    message = str(caught.value)
    assert "jieba" in message and "linux_aarch64" in message and "\n" not in message


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    done = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    return done.returncode == 0


def test_native_bundle_installs_and_runs_with_no_network(tmp_path: Path) -> None:
    if not _can_unshare():
        pytest.skip("this machine forbids network namespaces (unshare -rn), so no offline install")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    folder = bundle.build(["native"], [python], tmp_path / "out")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PIP_NO_CACHE_DIR="1")
    env.pop("XDG_DOCUMENTS_DIR", None)

    def offline(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["unshare", "-rn", *command], capture_output=True, text=True,
                              env=env, cwd=home, check=False, timeout=600)  # fmt: skip

    prefix, bindir = tmp_path / "prefix", tmp_path / "bin"
    install = offline("sh", str(folder / "install.sh"), "--prefix", str(prefix),
                      "--bin-dir", str(bindir))  # fmt: skip
    assert install.returncode == 0, install.stderr
    assert "plan-tui 0.1.0" in install.stdout
    launcher = str(bindir / "plan-tui")
    assert offline(launcher, "--version").stdout.strip().startswith("plan-tui ")
    demo = offline(launcher, "demo", "--no-open")
    assert demo.returncode == 0, demo.stderr
    sample = home / "Documents" / "plan-tui" / "示例-2024.toml"
    assert sample.is_file()
    check = offline(launcher, "check", str(sample))
    assert check.returncode == 0, check.stderr
    listing = offline(launcher, "list")  # no plans/ here: the user's plans folder
    assert listing.returncode == 0, listing.stderr
    assert "保持招商引资良好态势" in listing.stdout
    again = offline("sh", str(folder / "install.sh"), "--prefix", str(prefix),
                    "--bin-dir", str(bindir))  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert sample.is_file(), "an upgrade must not touch the user's plans"
