"""The benchmark generator makes valid plans of the requested size, the same every time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from plan_tui import store
from plan_tui.model import Status

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _module("generate")


@pytest.mark.parametrize("count", [100, 1000])
def test_plan_has_the_requested_size_and_shape(tmp_path: Path, count: int) -> None:
    path = tmp_path / "plan.toml"
    plan = generate.make_plan(count)
    store.save(path, plan)
    loaded = store.load(path).plan

    paths = [p for p, _ in loaded.walk()]
    assert len(paths) == count
    assert len(loaded.areas) == 7
    assert max(p.count(".") for p in paths) == 2  # areas, items, measures
    seed = store.load(generate.SEED_PLAN).plan
    assert [a.title for a in loaded.areas] == [a.title for a in seed.areas]
    tasks = list(loaded.tasks())
    assert len({t.id for t in tasks}) == count
    measures = [t for p, t in loaded.walk() if p.count(".") == 2]
    assert all(t.title and t.owner and t.unit and t.lead for t in measures)
    assert {t.status for t in tasks} == set(Status)
    assert any(t.log for t in tasks)
    assert any(t.deadline_text for t in tasks)


def test_same_seed_same_plan_other_seed_other_plan() -> None:
    first = store.dumps(generate.make_plan(100))
    assert store.dumps(generate.make_plan(100)) == first
    assert store.dumps(generate.make_plan(100, seed=1)) != first


def test_command_line_writes_the_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "p.toml"
    assert generate.main(["100", "-o", str(target)]) == 0
    assert sum(1 for _ in store.load(target).plan.tasks()) == 100
    assert "100" in capsys.readouterr().out


def test_baseline_outline_has_every_title(tmp_path: Path) -> None:
    baseline = _module("baseline_app")
    path = tmp_path / "plan.toml"
    plan = generate.make_plan(100)
    store.save(path, plan)

    def flatten(items):
        for title, kids in items:
            yield title
            yield from flatten(kids)

    assert list(flatten(baseline.outline_from_toml(path))) == [t.title for t in plan.tasks()]
