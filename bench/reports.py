"""Reports and exports against their plain-text baselines, in one run: ``python bench/reports.py``.

At 1,000 tasks each report (weekly, month and quarter bulletins, review) is built once
and rendered as .md and as .docx; at 10,000 tasks the ledger is exported as .csv and as
.xlsx, twice: in process (the writer alone, on a plan already in memory) and as the
command a secretary runs (``plan-tui export PLAN -o FILE``, a fresh process that also
reads the plan). Each figure is the median of ``--repeat`` runs; the ratio .docx/.md and
.xlsx/.csv is what the targets are about (3× or less), since the machine is shared.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import make_plan  # noqa: E402

from plan_tui.docs.output import render  # noqa: E402
from plan_tui.exports import export_bytes  # noqa: E402
from plan_tui.reports.bulletin import build_bulletin  # noqa: E402
from plan_tui.reports.review import build_review  # noqa: E402
from plan_tui.reports.weekly import build_weekly  # noqa: E402
from plan_tui.store import save  # noqa: E402

TODAY = date(2024, 9, 20)


def _median(repeat: int, job) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1_000)
    parser.add_argument("--export-tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    plan = make_plan(args.tasks)
    reports = {
        "weekly": lambda: build_weekly(plan, "2024-W38"),
        "bulletin --month": lambda: build_bulletin(plan, month="2024-08"),
        "bulletin --quarter": lambda: build_bulletin(plan, quarter="2024Q3"),
        "review": lambda: build_review(plan, TODAY),
    }
    print(f"{'report':<20}{'.md s':>10}{'.docx s':>10}{'ratio':>8}   ({args.tasks} tasks)")
    for name, build in reports.items():
        md = _median(args.repeat, lambda b=build: render(b(), ".md"))
        docx = _median(args.repeat, lambda b=build: render(b(), ".docx"))
        print(f"{name:<20}{md:>10.3f}{docx:>10.3f}{docx / md:>7.2f}×")

    big = make_plan(args.export_tasks)
    repeat = max(1, args.repeat // 2)
    csv = _median(repeat, lambda: export_bytes(big, ".csv", TODAY))
    xlsx = _median(repeat, lambda: export_bytes(big, ".xlsx", TODAY))
    print(f"{'export':<20}{'.csv s':>10}{'.xlsx s':>10}{'ratio':>8}   ({args.export_tasks} tasks)")
    print(f"{'ledger':<20}{csv:>10.3f}{xlsx:>10.3f}{xlsx / csv:>7.2f}×")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.toml"
        save(source, big)

        def command(suffix: str) -> None:
            argv = [sys.executable, "-m", "plan_tui", "export", str(source)]
            argv += ["-o", str(Path(folder) / f"out{suffix}"), "--force", "--as-of", str(TODAY)]
            subprocess.run(argv, check=True, capture_output=True)

        csv_cmd = _median(repeat, lambda: command(".csv"))
        xlsx_cmd = _median(repeat, lambda: command(".xlsx"))
    print(f"{'plan-tui export':<20}{csv_cmd:>10.3f}{xlsx_cmd:>10.3f}{xlsx_cmd / csv_cmd:>7.2f}×")


if __name__ == "__main__":
    main()
