"""The lock covers every dependency pyproject.toml declares, at a version it allows."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / "packaging" / name).read_text(encoding="utf-8").replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        spec = line.split("--hash", 1)[0].split("#", 1)[0].strip()
        if spec:
            requirement = Requirement(spec)
            (version,) = [s.version for s in requirement.specifier if s.operator == "=="]
            pins[canonicalize_name(requirement.name)] = version
            assert "--hash=sha256:" in line, f"{name}: {requirement.name} has no hash"
    return pins


def test_runtime_and_test_locks_pin_every_declared_dependency() -> None:
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    runtime, test = _pins("requirements.txt"), _pins("requirements-test.txt")
    for declared, pins in (
        (project["dependencies"], runtime),
        (project["dependencies"] + project["optional-dependencies"]["test"], test),
    ):
        for line in declared:
            requirement = Requirement(line)
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} is declared but not locked: refresh the lock"
            assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    assert set(runtime) <= set(test)
    for name, version in runtime.items():
        assert test[name] == version, name
