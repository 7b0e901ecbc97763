"""The county roll-up against listing every plan: ``python bench/rollup.py``.

30 township plans of 300 tasks each (``bench/generate.py``'s shape, one seed and one
organisation per township) are written to a temporary folder. Two timings are taken,
each the median of several runs, alternating so both see the same machine:

- *commands*: ``plan-tui rollup FOLDER`` (Markdown to stdout) and ``-o .xlsx`` against
  ``plan-tui list PLAN --json`` run for each of the 30 plans, as separate processes;
- *in process*: :func:`build_rollup` plus the Markdown document against loading each
  plan and building ``list --json``'s records, without process start-up.

The target (issue: the roll-up within 3× listing all 30) is a ratio, never a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import make_plan  # noqa: E402

from plan_tui import store  # noqa: E402
from plan_tui.collab.rollup import build_rollup  # noqa: E402
from plan_tui.collab.rollup_report import build_document  # noqa: E402
from plan_tui.commands.listing import task_record  # noqa: E402
from plan_tui.docs.document import to_markdown  # noqa: E402

TOWNS, TASKS = 30, 300
AS_OF = date(2024, 9, 30)


def make_folder(folder: Path) -> list[Path]:
    files = []
    for n in range(TOWNS):
        plan = make_plan(TASKS, seed=1000 + n)
        plan.org = f"第{n + 1}乡"
        path = folder / f"town{n + 1:02d}.toml"
        store.save(path, plan)
        files.append(path)
    return files


def run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "plan_tui", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def list_all(files: list[Path]) -> float:
    return sum(run("list", str(f), "--json", "--today", AS_OF.isoformat()) for f in files)


def in_process_list(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        plan = store.load(f).plan
        json.dumps([task_record(p, t, plan, AS_OF) for p, t in plan.walk()], ensure_ascii=False)
    return time.perf_counter() - start


def in_process_rollup(folder: Path) -> float:
    start = time.perf_counter()
    to_markdown(build_document(build_rollup([folder], AS_OF)))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_folder(folder)
        out = folder / "out"
        out.mkdir()
        timings: dict[str, list[float]] = {k: [] for k in ("list", "md", "xlsx", "ilist", "iroll")}
        for n in range(args.repeat):
            timings["list"].append(list_all(files))
            timings["md"].append(run("rollup", str(folder), "--as-of", AS_OF.isoformat()))
            target = out / f"r{n}.xlsx"
            timings["xlsx"].append(
                run("rollup", str(folder), "--as-of", AS_OF.isoformat(), "-o", str(target))
            )
            timings["ilist"].append(in_process_list(files))
            timings["iroll"].append(in_process_rollup(folder))
        med = {k: statistics.median(v) for k, v in timings.items()}
        print(f"{TOWNS} plans × {TASKS} tasks, median of {args.repeat} runs")
        print(f"  list --json × {TOWNS} (processes)   {med['list']:7.2f} s")
        print(
            f"  rollup → Markdown (1 process)    {med['md']:7.2f} s   ratio {med['md'] / med['list']:.2f}"
        )
        print(
            f"  rollup → .xlsx (1 process)       {med['xlsx']:7.2f} s   ratio {med['xlsx'] / med['list']:.2f}"
        )
        print(f"  load + list records (in process) {med['ilist']:7.2f} s")
        print(
            f"  build_rollup + Markdown (in proc) {med['iroll']:7.2f} s   "
            f"ratio {med['iroll'] / med['ilist']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
