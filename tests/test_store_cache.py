"""The read cache: a plan whose bytes were parsed before is built from the cached parse.

It must never change what a read gives, never serve an edited file, and stay out of the
way when it is missing, corrupt, unwritable or not the user's own.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from test_store import _unique_ids, plans

from plan_tui import store
from plan_tui.model import LogEntry, Plan, Task
from plan_tui.model.errors import PlanError
from plan_tui.store import read_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLAN_TUI_CACHE_DIR", str(folder))
    return folder


def _plan(title: str = "招商引资") -> Plan:
    return Plan(
        year=2024,
        areas=[
            Task(
                id="a1",
                title="领域",
                children=[
                    Task(
                        id="i1",
                        title=title,
                        deadline=date(2024, 6, 30),
                        recurrence="monthly",
                        log=[LogEntry(date=date(2024, 3, 1), text="签约一个")],
                    )
                ],
            )
        ],
    )


def _saved(folder: Path, plan: Plan) -> Path:
    path = folder / "2024.toml"
    store.save(path, plan)
    return path


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(tomli, "loads", refuse)


def _entries(cache: Path) -> list[str]:
    return sorted(p.suffix for p in cache.iterdir()) if cache.exists() else []


def test_bytes_read_twice_are_cached_and_then_not_parsed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _saved(tmp_path, _plan())
    first = store.load(path)
    assert _entries(cache) == [".seen"]  # read once: only noted
    second = store.load(path)
    assert _entries(cache) == [".plan"]
    _no_parse(monkeypatch)
    third = store.load(path)
    assert first.plan == second.plan == third.plan == _plan()
    assert third.fingerprint == first.fingerprint and third.text == first.text


def test_an_edited_file_is_read_anew(cache: Path, tmp_path: Path) -> None:
    path = _saved(tmp_path, _plan())
    for _ in range(3):
        store.load(path)
    path.write_text(path.read_text(encoding="utf-8").replace("招商引资", "项目落地"), "utf-8")
    assert store.load(path).plan == _plan("项目落地")


def test_a_write_through_update_reads_the_cache_but_adds_nothing(
    cache: Path, tmp_path: Path
) -> None:
    path = _saved(tmp_path, _plan())
    store.update(path, lambda plan: None)
    assert _entries(cache) == []
    store.load(path), store.load(path)
    changed = store.update(path, lambda plan: setattr(plan.find("i1")[1], "owner", "张三"))
    assert changed.plan.find("i1")[1].owner == "张三"
    assert store.load(path).plan == changed.plan


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(first=plans, second=plans)
def test_cached_and_uncached_reads_agree_and_edits_are_never_served(
    first: Plan, second: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _unique_ids(first), _unique_ids(second)
    with tempfile.TemporaryDirectory() as tmp:
        monkeypatch.setenv("PLAN_TUI_CACHE_DIR", str(Path(tmp) / "cache"))
        path = _saved(Path(tmp), first)
        reads = [store.load(path).plan for _ in range(3)]
        assert reads == [first, first, first]
        _saved(Path(tmp), second)
        assert store.load(path).plan == second
        monkeypatch.setenv("PLAN_TUI_NO_CACHE", "1")
        assert store.load(path).plan == second
        monkeypatch.delenv("PLAN_TUI_NO_CACHE")


def test_turned_off_nothing_is_written(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAN_TUI_NO_CACHE", "1")
    path = _saved(tmp_path, _plan())
    for _ in range(3):
        assert store.load(path).plan == _plan()
    assert not cache.exists()


def test_the_users_cache_folder_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("PLAN_TUI_CACHE_DIR")
    folder = read_cache.cache_dir()
    assert folder is not None and folder.parent == Path(user_cache_dir("plan-tui", False))


def test_a_folder_that_cannot_be_made_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("PLAN_TUI_CACHE_DIR", str(blocker / "cache"))
    path = _saved(tmp_path, _plan())
    for _ in range(3):
        assert store.load(path).plan == _plan()


def test_an_unwritable_folder_is_ignored(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_cache, "_write", refuse)
    path = _saved(tmp_path, _plan())
    for _ in range(3):
        assert store.load(path).plan == _plan()
    assert _entries(cache) == []


def _cached_entry(cache: Path, tmp_path: Path) -> tuple[Path, Path]:
    path = _saved(tmp_path, _plan())
    store.load(path), store.load(path)
    (entry,) = cache.glob("*.plan")
    return path, entry


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + b"\xff" * 40,  # damaged at the end (a task row)
        lambda data: data.replace("签约一个".encode(), "签约两个".encode()),  # still unmarshals
        lambda data: b"",
        lambda data: data.replace(b"plan-tui parsed plan 2", b"plan-tui parsed plan 9"),
        lambda data: data[:100] + bytes(range(256)) * 4,  # garbage after the header
    ],
    ids=["truncated", "damaged-row", "changed-text", "empty", "other-format", "garbage"],
)
def test_a_corrupt_entry_is_ignored(cache: Path, tmp_path: Path, spoil) -> None:
    path, entry = _cached_entry(cache, tmp_path)
    entry.write_bytes(spoil(entry.read_bytes()))
    assert store.load(path).plan == _plan()


def test_an_entry_for_other_bytes_is_ignored(cache: Path, tmp_path: Path) -> None:
    _, entry = _cached_entry(cache, tmp_path)
    (tmp_path / "other").mkdir()
    other = _saved(tmp_path / "other", _plan("另一项"))
    digest = store.fingerprint(other.read_bytes())
    entry.rename(cache / f"{digest}.plan")  # its header names the first file's hash
    assert store.load(other).plan == _plan("另一项")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX owner and mode bits")
def test_an_entry_others_could_have_written_is_not_read(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = _cached_entry(cache, tmp_path)
    os.chmod(entry, stat.S_IRUSR | stat.S_IWUSR | stat.S_IWGRP)
    calls = []
    real = tomli.loads
    monkeypatch.setattr(tomli, "loads", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert store.load(path).plan == _plan()
    assert calls  # parsed: the group-writable entry was not trusted


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs and symlinks")
@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_an_entry_that_is_not_a_regular_file_is_not_opened(
    cache: Path, tmp_path: Path, kind: str
) -> None:
    path, entry = _cached_entry(cache, tmp_path)
    real = entry.with_name("elsewhere")
    entry.rename(real)
    if kind == "fifo":
        os.mkfifo(entry)  # opening it to read would wait for a writer for ever
    else:
        entry.symlink_to(real)
    assert store.load(path).plan == _plan()


def test_the_folder_is_pruned_to_its_limits(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_cache, "LIMIT_FILES", 3)
    paths = []
    for n in range(5):
        folder = tmp_path / str(n)
        folder.mkdir()
        paths.append(_saved(folder, _plan(f"第{n}项")))
    for n, path in enumerate(paths):
        store.load(path), store.load(path)
        os.utime(cache / f"{store.fingerprint(path.read_bytes())}.plan", (n, n))
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 3
    newest = {f"{store.fingerprint(p.read_bytes())}.plan" for p in paths[-2:]}
    assert newest <= set(kept)


def test_a_cached_parse_that_is_not_a_valid_plan_is_read_from_the_file(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cached parse is validated on every read (rules may tighten between versions);
    # when it fails, the file itself is read, so any error names its line
    path = _saved(tmp_path, _plan())
    head = {"schema_version": 1, "year": 2024}
    row = {"id": "a1", "parent": "", "title": ""}
    monkeypatch.setattr(read_cache, "fetch", lambda digest: (dict(head), iter([dict(row)])))
    assert store.load(path).plan == _plan()
    path.write_text(path.read_text(encoding="utf-8").replace("招商引资", ""), encoding="utf-8")
    with pytest.raises(PlanError, match=r"第\d+行"):
        store.load(path)


def test_markers_of_files_read_once_do_not_pile_up(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_cache, "LIMIT_FILES", 3)
    path = tmp_path / "2024.toml"
    for n in range(6):  # each edit is other bytes, read once
        store.save(path, _plan(f"第{n}项"))
        store.load(path)
    assert _entries(cache) == [".seen"] * 3
