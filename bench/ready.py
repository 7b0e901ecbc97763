"""Child process of the start-up benchmark: start one app and report when it is ready.

``python bench/ready.py plan-tui|baseline|baseline-pydantic FILE RESULT.json``

The app starts the way a user starts it (``plan-tui FILE`` through
:func:`plan_tui.cli.main`, or :func:`baseline_app.main`), except that ``App.run`` is
wrapped to run headless at 120×40 with an auto-pilot. Textual starts the auto-pilot once
the app has composed and mounted its screen; the pilot then waits with
``pilot.pause()`` until every widget has processed its pending messages and the screen
has been rendered, and writes to RESULT.json the wall-clock time (``time.time()``) of
that moment and the process's peak RSS so far, then exits the app. The parent took its
own ``time.time()`` just before spawning this process, so the difference is the time
from process start to ready, interpreter start-up included.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peak_rss_kib() -> int:
    """Peak resident set size of this process image (``VmHWM``), in KiB.

    ``ru_maxrss`` is not used: Linux carries it over ``exec`` from the parent, so a child
    of a big benchmark process would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _patch_run(result: Path) -> None:
    from textual.app import App

    original = App.run

    async def ready(pilot) -> None:
        await pilot.pause()
        stamp = time.time()
        rss = peak_rss_kib()
        screen = pilot.app.screen
        result.write_text(
            json.dumps(
                {
                    "ready": stamp,
                    "rss_kib": rss,
                    "screen": type(screen).__name__,
                    "modules": len(sys.modules),
                    "pydantic": "pydantic" in sys.modules,
                    "pypinyin": "pypinyin" in sys.modules,
                }
            ),
            encoding="utf-8",
        )
        pilot.app.exit()

    def run(self, **kwargs):
        kwargs.update(headless=True, size=(120, 40), auto_pilot=ready)
        return original(self, **kwargs)

    App.run = run  # type: ignore[method-assign]


def main() -> int:
    kind, file, result = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    _patch_run(result)
    if kind == "plan-tui":
        from plan_tui.cli import main as cli_main

        return cli_main([file])
    sys.path.insert(0, str(HERE))
    if kind == "baseline-pydantic":
        # the bare Tree plus importing pydantic as plan-tui does (plugins off): the
        # share of the start-up that pydantic alone takes
        import os

        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        from pydantic import BaseModel, ConfigDict, Field  # noqa: F401
    from baseline_app import main as baseline_main

    return baseline_main([file])


if __name__ == "__main__":
    raise SystemExit(main())
