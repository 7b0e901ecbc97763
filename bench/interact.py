"""Child process of the interaction benchmark: time key presses in one app, in process.

``python bench/interact.py plan-tui|baseline PLAN.toml RESULT.json``

The app runs under ``App.run_test(size=(120, 40))``. Each action is one key event
posted to the app, timed from just before posting it until every widget of the current
screen has processed all its messages (including the ones the key caused, such as the
detail pane update or the tree rebuild of a search) and the screen has been composited
(``Screen._on_timer_update``), which is the frame the user would see.

``Pilot.press`` + ``Pilot.pause`` is not used for the timing itself: both wait for the
process to look idle by sleeping in steps of 20 ms (``textual._wait.wait_for_idle``),
so every press would measure at least 40–60 ms of sleep whatever the app does.

Nor is Pilot's ``_wait_for_screen``: it sends a message to every widget of the screen
and waits for all of them to come back, which costs about 0.15 ms per widget, 7 ms on
the 47-widget task form, and would be charged to the app. The timing ends instead when
nothing is ready to run in the event loop, every message pump of the app is waiting on
an empty queue and no asynchronous worker runs. After the timing, ``_wait_for_screen``
runs anyway (untimed), so the next press starts from a settled app, and any repaint it
still brings about is counted as late work (``late`` in the result): work the timing
would have missed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path

from textual import events
from textual.worker import WorkerState

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = date(2024, 6, 15)
_RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)


class Timer:
    """Posts keys and records how long each took, by action name."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.times: dict[str, list[float]] = {}
        self.checks: dict[str, str] = {}
        self.late: dict[str, list[list[str]]] = {}

    def _idle(self) -> bool:
        """True when nothing is ready to run in the event loop, no message is queued or
        being handled by any widget (scrollbars included), and no async worker runs."""
        if asyncio.get_running_loop()._ready:  # type: ignore[attr-defined]
            return False
        app = self.app
        for node in (app, *app._registry):
            queue = node._message_queue  # textual._queue.Queue
            # a pump that is not waiting on its queue is still handling a message
            if queue.values or not queue.ready_event._waiters:
                return False
        return not any(w.state in _RUNNING and not w._thread_worker for w in app.workers)

    async def settle(self) -> None:
        """Wait until the app has handled everything the key caused, then paint; again
        if painting started more work (a layout sends the widgets it resized a
        message, callbacks waiting for the frame run after it)."""
        app = self.app
        for _ in range(20):
            for _ in range(100_000):
                await asyncio.sleep(0)
                if self._idle():
                    break
            app.screen._on_timer_update()
            if self._idle():
                break

    async def _check_settled(self, action: str) -> None:
        """Untimed: let every widget confirm it is done; count any repaint that brings."""
        app = self.app
        for _ in range(50):
            await self.pilot._wait_for_screen()
            nodes = [app, *app.screen.walk_children(with_self=True)]
            if not any(node._message_queue.qsize() for node in nodes):
                break
        screen = app.screen
        dirty = sorted(type(w).__name__ for w in screen._dirty_widgets)
        if dirty or screen._layout_required:
            self.late.setdefault(action, []).append(dirty or ["layout"])
        screen._on_timer_update()

    async def key(self, action: str, key: str, times: int = 1) -> None:
        """Press ``key`` ``times`` times, timing each press under ``action``."""
        for _ in range(times):
            char = key if len(key) == 1 else None
            event = events.Key(key, char)
            event.set_sender(self.app)
            start = time.perf_counter()
            self.app.post_message(event)
            await self.settle()
            self.times.setdefault(action, []).append((time.perf_counter() - start) * 1000)
            await self._check_settled(action)

    async def set_value(self, action: str, widget_id: str, value: object) -> None:
        """Set a field of the current screen as a key in it would, timing it under
        ``action`` until the screen has settled."""
        start = time.perf_counter()
        self.app.screen.query_one(f"#{widget_id}").value = value
        await self.settle()
        self.times.setdefault(action, []).append((time.perf_counter() - start) * 1000)
        await self._check_settled(action)

    async def untimed(self, *keys: str) -> None:
        for key in keys:
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(self.app)
            self.app.post_message(event)
            await self.settle()
            await self._check_settled("")

    async def quiet(self, seconds: float = 0.05) -> None:
        """Let timers and workers run between actions (not timed)."""
        await asyncio.sleep(seconds)
        await self.settle()
        await self._check_settled("")


async def cursor_actions(timer: Timer, prefix: str = "") -> None:
    """The cursor moves shared by plan-tui and the baseline."""
    await timer.key(f"{prefix}cursor down", "down", 60)
    await timer.key(f"{prefix}cursor up", "up", 20)
    await timer.key(f"{prefix}page down", "pagedown", 10)
    await timer.key(f"{prefix}page up", "pageup", 5)
    for _ in range(3):
        await timer.key(f"{prefix}end / home", "end")
        await timer.key(f"{prefix}end / home", "home")
    await timer.untimed("down", "down")
    await timer.key(f"{prefix}collapse / expand", "space", 10)


async def bench_plan_tui(path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from plan_tui.tui.app import PlanApp
    from plan_tui.tui.filters import FilterScreen
    from plan_tui.tui.main_screen import WARM_DELAY
    from plan_tui.tui.task_form import TaskForm

    app = PlanApp(path, lang="zh", today=TODAY)
    result: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        timer = Timer(pilot)
        await timer.settle()
        main = app.main_screen
        started = time.perf_counter()
        while main.index is None:  # the warm-up timer has not fired yet
            await asyncio.sleep(0.05)
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "warm"])
        # the warm-up starts WARM_DELAY after the first frame; its own duration:
        result["warm_s"] = time.perf_counter() - started - WARM_DELAY
        while not main.prepared:  # then the views and dialogs are built, step by step
            await asyncio.sleep(0.05)
        result["prepared_s"] = time.perf_counter() - started - WARM_DELAY
        result["rows"] = len(main.task_tree.rows)

        await cursor_actions(timer)
        for _ in range(8):
            await timer.key("open task form (e)", "e")
            timer.checks["form"] = type(app.screen).__name__
            assert isinstance(app.screen, TaskForm), app.screen
            await timer.key("close task form (esc)", "escape")
            await timer.untimed("down", "down", "down")

        for query in ("zsyz", "zhaoshang", "招商引资"):
            await timer.key("open search (/)", "slash")
            for char in query:
                await timer.key("search keystroke", char)
            timer.checks[f"search {query}"] = f"{len(main.task_tree.rows)} rows"
            await timer.untimed("enter")  # to the results, in the tree
            await timer.key("cursor down (search result)", "down", 10)
            await timer.key("clear search (esc)", "escape")
            await timer.quiet()

        filters = [
            {"st-in_progress": True},
            {"st-in_progress": True, "st-delayed": True, "f-unit": "党政办"},
            {"f-overdue": True},
            {"f-days": "30", "f-lead": "刘海燕（乡长）"},
        ]
        for values in filters:
            await timer.key("open filter dialog (f)", "f")
            assert isinstance(app.screen, FilterScreen), app.screen
            for widget_id, value in values.items():
                await timer.set_value("set a filter field (live count)", widget_id, value)
            await timer.key("apply filter (ctrl+s)", "ctrl+s")
            timer.checks[f"filter {values}"] = f"{len(main.task_tree.rows)} rows"
            await timer.key("cursor down (filtered)", "down", 10)
            await timer.key("clear filter (esc)", "escape")
            await timer.quiet()

        # Edits: a status change copies the plan for undo, then autosave runs in a thread.
        for _ in range(3):
            await timer.key("change status (s)", "s")
            await asyncio.sleep(1.0)  # past the autosave delay: the save is running
            await timer.key("cursor down while autosaving", "down", 10)
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "save"])
            await timer.quiet()
        await timer.key("undo (ctrl+z)", "ctrl+z", 3)
        await app.workers.wait_for_complete()
        result["times"] = timer.times
        result["checks"] = timer.checks
        result["late"] = timer.late
    return result


async def bench_baseline(path: Path) -> dict:
    sys.path.insert(0, str(HERE))
    from baseline_app import BaselineApp, load_outline

    app = BaselineApp(load_outline(path))
    async with app.run_test(size=(120, 40)) as pilot:
        timer = Timer(pilot)
        await timer.settle()
        await cursor_actions(timer)
        return {"times": timer.times, "checks": {}, "late": timer.late}


def main() -> int:
    kind, path, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    sys.path.insert(0, str(HERE))
    run = bench_plan_tui if kind == "plan-tui" else bench_baseline
    result = asyncio.run(run(path))
    from ready import peak_rss_kib

    result["rss_kib"] = peak_rss_kib()
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
