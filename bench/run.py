"""All plan-tui benchmarks in one run:
``python bench/run.py [--reps 9] [--seed-reps 21] [--runs 3] [--write]``.

1. Start-up: time from process start to ready, plan-tui against the bare ``Tree``
   baseline (``bench/baseline_app.py``) on the same file, for the seed plan and for a
   generated plan of 10,000 tasks. Every run is a fresh process (``bench/ready.py``); the
   apps alternate run by run and the medians are compared.
2. Interaction at 10,000 tasks, in process with Pilot (``bench/interact.py``): each key
   press timed until the screen has settled and been composited, for plan-tui and, for
   the cursor keys, for the baseline in the same run; the journey runs ``--runs`` times
   in fresh processes and each press keeps its fastest run (see ``combine_runs``).
3. Peak RSS of each child.

It prints a table; ``--write`` also rewrites ``BENCHMARKS.md`` with the method, the machine
and the figures. Nothing here asserts a time: the targets are reported as met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from baseline_app import outline_from_toml, outline_json  # noqa: E402
from generate import make_plan  # noqa: E402

from plan_tui import store  # noqa: E402

TODAY = "2024-06-15"
LARGE = 10_000
START_TARGETS = {"seed": 1.4, "10k": 1.5}
ACTION_TARGET_MS = 50.0
TARGET_ACTIONS = [
    "cursor down",
    "cursor up",
    "page down",
    "page up",
    "end / home",
    "collapse / expand",
    "open task form (e)",
    "close task form (esc)",
    "open search (/)",
    "search keystroke",
    "cursor down (search result)",
    "clear search (esc)",
    "open filter dialog (f)",
    "set a filter field (live count)",
    "apply filter (ctrl+s)",
    "cursor down (filtered)",
    "clear filter (esc)",
    "cursor down while autosaving",
]
"""Actions the 50 ms target covers: moving the cursor, opening a task, search, filter."""


def _env() -> dict[str, str]:
    env = dict(os.environ, PLAN_TUI_TODAY=TODAY)
    env.pop("TEXTUAL", None)  # no devtools
    # An installed package runs from compiled bytecode; without this (set in some
    # shells and containers) every edited module would be compiled again at each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode() -> None:
    """Compile plan_tui and bench to bytecode first, as ``pip install`` does for a package."""
    command = [sys.executable, "-m", "compileall", "-q", str(ROOT / "plan_tui"), str(HERE)]
    subprocess.run(command, env=_env(), check=True, capture_output=True)


def prepare(folder: Path) -> dict[str, tuple[Path, Path]]:
    """The plan files (TOML for both apps, JSON outline for the bare floor) per scenario."""
    seed = folder / "seed.toml"
    shutil.copyfile(ROOT / "plans" / "2024.toml", seed)
    large = folder / "plan10k.toml"
    store.save(large, make_plan(LARGE))
    files = {}
    for name, toml in (("seed", seed), ("10k", large)):
        outline = toml.with_suffix(".json")
        outline.write_text(outline_json(outline_from_toml(toml)), encoding="utf-8")
        files[name] = (toml, outline)
    return files


def start_once(kind: str, file: Path, folder: Path) -> dict:
    """One fresh process from spawn to ready; times in ms, RSS in MiB."""
    result = folder / "ready.json"
    result.unlink(missing_ok=True)
    command = [sys.executable, str(HERE / "ready.py"), kind, str(file), str(result)]
    start = time.time()
    proc = subprocess.run(command, env=_env(), capture_output=True, timeout=300)
    done = time.time()
    if proc.returncode != 0 or not result.exists():
        raise RuntimeError(f"{kind} {file} failed: {proc.stderr.decode()[-2000:]}")
    data = json.loads(result.read_text(encoding="utf-8"))
    return {
        "ready": (data["ready"] - start) * 1000,
        "exit": (done - start) * 1000,
        "rss": data["rss_kib"] / 1024,
        "screen": data["screen"],
    }


VARIANTS = [
    ("plan-tui", "plan-tui", 0),
    ("Tree, same TOML", "baseline", 0),
    ("Tree, JSON", "baseline", 1),
    ("Tree + pydantic", "baseline-pydantic", 0),
]
"""(label, kind for ``ready.py``, 0: the TOML file / 1: the JSON outline)."""


def bench_startup(files: dict[str, tuple[Path, Path]], reps: dict[str, int], folder: Path) -> dict:
    """Medians per scenario and variant, runs interleaved (the order rotates each rep);
    ``reps`` says how many runs of each variant a scenario gets."""
    runs: dict[tuple[str, str], list[dict]] = {}
    compile_bytecode()
    for paths in files.values():  # one untimed run each: disk cache, bytecode
        for _label, kind, which in VARIANTS:
            start_once(kind, paths[which], folder)
    for rep in range(max(reps.values())):
        for scenario, paths in files.items():
            if rep >= reps[scenario]:
                continue
            turn = rep % len(VARIANTS)
            order = VARIANTS[turn:] + VARIANTS[:turn]
            for label, kind, which in order:
                run = start_once(kind, paths[which], folder)
                runs.setdefault((scenario, label), []).append(run)
                print(f"  start {scenario:4} {label:16} {run['ready']:8.0f} ms", flush=True)
    summary: dict = {}
    for (scenario, label), items in runs.items():
        summary.setdefault(scenario, {})[label] = {
            "ready": statistics.median(r["ready"] for r in items),
            "ready_min": min(r["ready"] for r in items),
            "ready_max": max(r["ready"] for r in items),
            "exit": statistics.median(r["exit"] for r in items),
            "rss": max(r["rss"] for r in items),
            "screen": items[0]["screen"],
            "n": len(items),
        }
    return summary


def bench_interaction(toml: Path, folder: Path, runs: int) -> dict:
    """Key-press timings for the baseline and for plan-tui (on a copy it may save to),
    ``runs`` fresh processes each, alternating, combined by :func:`combine_runs`."""
    results: dict[str, list[dict]] = {"baseline": [], "plan-tui": []}
    for run in range(runs):
        for kind in ("baseline", "plan-tui"):
            copy = folder / f"interact-{kind}.toml"
            shutil.copyfile(toml, copy)
            result = folder / f"interact-{kind}.json"
            command = [sys.executable, str(HERE / "interact.py"), kind, str(copy), str(result)]
            print(f"  interaction {run + 1}/{runs}: {kind} …", flush=True)
            proc = subprocess.run(command, env=_env(), capture_output=True, timeout=1800)
            if proc.returncode != 0:
                raise RuntimeError(f"interact {kind} failed: {proc.stderr.decode()[-3000:]}")
            results[kind].append(json.loads(result.read_text(encoding="utf-8")))
    return {kind: combine_runs(found) for kind, found in results.items()}


def combine_runs(found: list[dict]) -> dict:
    """One result from several runs of the same journey.

    Every run presses the same keys in the same order on the same plan, so press *i* of
    an action is the same work in each run. ``best`` keeps, press by press, the fastest
    of the runs: a pause that hits one run only (another process, the collector) drops
    out, while a press that is slow in every run (work the app really does) stays slow.
    ``times`` keeps every press of every run.
    """
    first = found[0]
    combined = {k: v for k, v in first.items() if k != "times"}
    combined["runs"] = len(found)
    combined["times"] = {a: [t for f in found for t in f["times"][a]] for a in first["times"]}
    combined["best"] = {
        action: [min(press) for press in zip(*(f["times"][action] for f in found), strict=True)]
        for action in first["times"]
    }
    combined["rss_kib"] = max(f["rss_kib"] for f in found)
    late: dict[str, int] = {}
    for f in found:
        for action, events in f.get("late", {}).items():
            key = action or "(between actions)"
            late[key] = late.get(key, 0) + len(events)
    combined["late"] = late
    return combined


def machine() -> dict:
    import textual

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "system": f"{platform.system()} {platform.release()}",
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


def tables(startup: dict, interaction: dict, info: dict) -> str:
    """The figures as Markdown tables."""
    lines = [
        "### Start-up: process start to ready (median of "
        f"{startup['seed']['plan-tui']['n']} fresh processes each for the seed plan, "
        f"{startup['10k']['plan-tui']['n']} for 10,000 tasks)",
        "",
        "| plan | app | ready ms (median) | min–max ms | to exit ms | peak RSS MiB | ratio "
        "| ratio of fastest | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for scenario, label_plan in (
        ("seed", "seed `plans/2024.toml` (29 tasks)"),
        ("10k", "10,000 tasks"),
    ):
        rows = startup[scenario]
        pt = rows["plan-tui"]
        for label, _, _ in VARIANTS:
            row = rows[label]
            ratio = pt["ready"] / row["ready"]
            fastest = f"{pt['ready_min'] / row['ready_min']:.2f}×"
            if label == "plan-tui":
                cell, target, fastest = "", "", ""
            elif label == "Tree, same TOML":
                cell = f"{ratio:.2f}×"
                target = f"≤ {START_TARGETS[scenario]}× {_ok(ratio <= START_TARGETS[scenario])}"
            elif label == "Tree + pydantic":
                cell, target = f"{ratio:.2f}×", "(pydantic's share, see text)"
            else:
                cell, target = f"{ratio:.2f}×", "(floor, see text)"
            lines.append(
                f"| {label_plan} | {label} | {row['ready']:.0f} | "
                f"{row['ready_min']:.0f}–{row['ready_max']:.0f} | {row['exit']:.0f} | "
                f"{row['rss']:.0f} | {cell} | {fastest} | {target} |"
            )
    pt, base = interaction["plan-tui"], interaction["baseline"]
    lines += [
        "",
        f"### Interaction at {LARGE:,} tasks (in process, 120×40; {pt['rows']:,} rows shown "
        f"at start; {pt['runs']} runs of the journey each; search warm-up "
        f"{pt['warm_s']:.1f} s, all preparation {pt['prepared_s']:.1f} s)",
        "",
        "Per press, the fastest of the runs (*best*); *any run* is the slowest press seen in",
        "any run. The 50 ms column judges the slowest *best* press of each action.",
        "",
        "| action | presses | plan-tui median ms | plan-tui slowest ms | slowest, any run | "
        "Tree median ms | Tree slowest ms | ≤ 50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for action, best in pt["best"].items():
        ref = base["best"].get(action)
        ref_cells = f"{statistics.median(ref):.1f} | {max(ref):.1f}" if ref else "– | –"
        verdict = (
            _ok(max(best) <= ACTION_TARGET_MS) if action in TARGET_ACTIONS else "(not a target)"
        )
        lines.append(
            f"| {action} | {len(best)} | {statistics.median(best):.1f} | {max(best):.1f} | "
            f"{max(pt['times'][action]):.1f} | {ref_cells} | {verdict} |"
        )
    lines += [
        "",
        f"Peak RSS of the interaction process: plan-tui {pt['rss_kib'] / 1024:.0f} MiB, "
        f"bare Tree {base['rss_kib'] / 1024:.0f} MiB.",
        "",
        "Checks recorded during the run (rows shown after each search or filter): "
        + "; ".join(f"{k}: {v}" for k, v in pt["checks"].items()),
        "",
        "Late work (a repaint still due once a timed press had ended, found by the untimed "
        "check after it): "
        + (
            "; ".join(
                f"{app} {action}: {n}"
                for app, result in (("plan-tui", pt), ("Tree", base))
                for action, n in result["late"].items()
            )
            or "none"
        )
        + ".",
    ]
    return "\n".join(lines)


BEGIN, END = "<!-- results: written by bench/run.py --write -->", "<!-- end of results -->"


def write_results(path: Path, text: str, info: dict) -> None:
    """Replace the results block of ``BENCHMARKS.md``, keeping the hand-written text."""
    block = "\n".join(
        [
            BEGIN,
            f"Measured {info['date']} on {info['system']}, {info['cpus']} CPUs, Python "
            f"{info['python']}, Textual {info['textual']}; load average (1/5/15 min) "
            f"{info['load_before']} before the run and {info['load']} after it.",
            "",
            text,
            END,
        ]
    )
    old = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    head, _, rest = old.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(head + block + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="plan-tui benchmarks")
    parser.add_argument(
        "--reps", type=int, default=9, help="fresh processes per app, 10,000 tasks (9)"
    )
    # the seed's start-ups take under a second and vary by a third from run to run
    parser.add_argument(
        "--seed-reps", type=int, default=21, help="fresh processes per app, seed plan (21)"
    )
    parser.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md")
    parser.add_argument("--runs", type=int, default=3, help="interaction journeys per app (3)")
    parser.add_argument("--skip-interaction", action="store_true")
    args = parser.parse_args(argv)
    before = machine()
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as tmp:
        folder = Path(tmp)
        print("generating plans …", flush=True)
        files = prepare(folder)
        print("start-up …", flush=True)
        startup = bench_startup(files, {"seed": args.seed_reps, "10k": args.reps}, folder)
        interaction = (
            {} if args.skip_interaction else bench_interaction(files["10k"][0], folder, args.runs)
        )
    info = machine()
    info["load_before"] = before["load"]
    if not interaction:
        print(json.dumps(startup, indent=1))
        return 0
    text = tables(startup, interaction, info)
    print(text)
    if args.write:
        write_results(ROOT / "BENCHMARKS.md", text, info)
        print("BENCHMARKS.md written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
