"""A small fixed plan for the TUI tests: fixed ids and a fixed today, so screens repeat."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plan_tui import store
from plan_tui.model import LogEntry, Plan, Status, Task

TODAY = date(2024, 5, 15)


def sample_plan() -> Plan:
    """Three areas shaped like the seed document, with people, deadlines and notes."""
    return Plan(
        org="XX乡",
        year=2024,
        title="XX乡2024年工作安排",
        areas=[
            Task(
                id="a1",
                title="保持招商引资良好态势，强化服务对接与要素保障",
                lead="王强",
                children=[
                    Task(
                        id="i11",
                        title="瞄准目标，在项目落地上出实招",
                        body="聚焦产业特色优势，想方设法挖掘招商线索。",
                        lead="王强",
                        unit="招商办",
                        owner="李明",
                        partners=["农业办", "财政所"],
                        deadline=date(2024, 6, 30),
                        deadline_text="6月底前",
                        status=Status.IN_PROGRESS,
                        progress=40,
                        log=[
                            LogEntry(date=date(2024, 4, 10), text="走访两家企业", progress=30),
                            LogEntry(date=date(2024, 5, 8), text="签约一个农业项目", progress=40),
                        ],
                    ),
                    Task(id="i12", title="压实责任，在项目推进上下实劲"),
                    Task(id="i13", title="竭诚服务，在优化环境上求实效", unit="党政办"),
                ],
            ),
            Task(
                id="a2",
                title="统筹深化百县千镇万村高质量发展工程，助力城乡区域协调发展",
                children=[
                    Task(
                        id="i21",
                        title="强化组织领导，落实主体责任",
                        unit="党政办",
                        owner="张华",
                        deadline=date(2024, 3, 31),
                    ),
                    Task(
                        id="i22",
                        title="明确发展目标，做好项目谋划",
                        owner="李明",
                        status=Status.DELAYED,
                        progress=10,
                        deadline=date(2024, 9, 30),
                        children=[
                            Task(id="m221", title="组织全面调研和评估", owner="张华"),
                            Task(id="m222", title="加强与上级部门的沟通协调"),
                        ],
                    ),
                ],
            ),
            Task(
                id="a3",
                title="始终坚持以乡村振兴为使命，不断激活农业发展原动力",
                children=[
                    Task(
                        id="i31",
                        title="持续发力巩固脱贫攻坚成果",
                        unit="农业办",
                        status=Status.DONE,
                        progress=100,
                        deadline=date(2024, 4, 30),
                    ),
                    Task(
                        id="i32",
                        title="坚决保障粮食安全",
                        unit="农业办",
                        owner="赵刚",
                        deadline=date(2024, 12, 31),
                        recurrence="monthly",
                        deadline_text="每月",
                    ),
                ],
            ),
        ],
    )


def write_plan(folder: Path, name: str = "2024.toml", plan: Plan | None = None) -> Path:
    """Save the sample plan (or ``plan``) into ``folder`` and return its path."""
    path = folder / name
    store.save(path, plan or sample_plan())
    return path


def make_app(path: Path, lang: str = "zh"):
    """The app on ``path`` with the fixed today, autosave and polling slowed for tests."""
    from plan_tui.tui.app import PlanApp

    app = PlanApp(path, lang=lang, today=TODAY)
    app.autosave_delay = 3600  # tests save explicitly (see settle) unless they test the timer
    app.poll_interval = 3600
    return app


async def settle(pilot) -> None:
    """Let pending messages, workers (saves, polls) and their callbacks finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def detail_text(app) -> str:
    """Plain text of the detail pane."""
    from plan_tui.tui.detail import DetailPane

    return app.main_screen.query_one(DetailPane).text.plain
