"""A small 2024 plan with a scripted year of weekly passes, for the weekly tests.

The year has completions (on time and late), a measure that falls behind and goes
overdue, a monthly task that misses May and August, a quarterly task that misses the
third quarter, a task without a deadline, a suspended task, a task updated twice in
one week (2024-W10), and weeks without any update (e.g. 2024-W33).
"""

from __future__ import annotations

from datetime import date

from plan_tui.model import Plan, Status, Task
from plan_tui.weekly import WeekAnswer, apply_answers

S = Status


def _task(title: str, lead: str, unit: str, owner: str, deadline: str | None = None, **kw) -> Task:
    return Task(
        title=title,
        lead=lead,
        unit=unit,
        owner=owner,
        deadline=date.fromisoformat(deadline) if deadline else None,
        **kw,
    )


def base_plan() -> Plan:
    """The plan on 1 January, before any update."""
    return Plan(
        org="XX乡",
        year=2024,
        title="XX乡2024年工作安排",
        areas=[
            Task(
                id="a1",
                title="抓项目促发展",
                lead="王建国",
                children=[
                    _task(
                        "招商引资",
                        "王建国",
                        "经济发展办",
                        "李明",
                        "2024-06-30",
                        id="t11",
                        deadline_text="6月底前",
                    ),
                    _task(
                        "重点项目建设",
                        "陈立",
                        "规划建设办",
                        "赵强",
                        "2024-12-31",
                        id="t12",
                        deadline_text="年底前",
                        children=[
                            _task(
                                "征地拆迁",
                                "陈立",
                                "规划建设办",
                                "赵强",
                                "2024-03-31",
                                id="t121",
                                deadline_text="3月底前",
                            ),
                            _task(
                                "开工建设",
                                "陈立",
                                "规划建设办",
                                "孙伟",
                                "2024-09-30",
                                id="t122",
                                deadline_text="三季度",
                            ),
                        ],
                    ),
                    _task(
                        "主要领导外出招商",
                        "王建国",
                        "经济发展办",
                        "李明",
                        "2024-12-31",
                        id="t13",
                        deadline_text="每月",
                        recurrence="monthly",
                    ),
                ],
            ),
            Task(
                id="a2",
                title="保民生惠民生",
                lead="刘芳",
                children=[
                    _task(
                        "安全生产检查",
                        "刘芳",
                        "应急管理办",
                        "周敏",
                        "2024-12-31",
                        id="t21",
                        deadline_text="每季度",
                        recurrence="quarterly",
                    ),
                    _task("人居环境整治", "刘芳", "农业农村办", "吴磊", "2024-11-30", id="t22"),
                    _task(
                        "困难群众走访",
                        "刘芳",
                        "社会事务办",
                        "郑丽",
                        id="t23",
                        status=S.IN_PROGRESS,
                        progress=40,
                    ),
                ],
            ),
            Task(
                id="a3",
                title="强党建聚合力",
                lead="张书记",
                children=[
                    _task("基层党组织建设", "张书记", "党建办", "黄静", "2024-12-31", id="t31"),
                    _task("党群服务阵地建设", "张书记", "党建办", "黄静", "2024-08-31", id="t32"),
                ],
            ),
        ],
    )


def note(ref: str, text: str, day: str | None = None) -> WeekAnswer:
    return WeekAnswer(ref, "note", text, date=date.fromisoformat(day) if day else None)


def keep(ref: str) -> WeekAnswer:
    return WeekAnswer(ref, "keep")


def status(ref: str, text: str, st: Status | None, progress: int | None, day: str | None = None):
    return WeekAnswer(ref, "status", text, st, progress, date.fromisoformat(day) if day else None)


SCRIPT: dict[str, list[WeekAnswer]] = {
    "2024-W01": [
        status("1.1", "召开招商引资工作部署会", S.IN_PROGRESS, 5),
        note("1.3", "1月赴东莞对接企业2家"),
        note("2.3", "走访困难群众15户"),
    ],
    "2024-W03": [status("1.2.1", "完成征地摸底调查", S.IN_PROGRESS, 20)],
    "2024-W05": [note("1.3", "2月赴深圳招商", "2024-02-02")],
    "2024-W06": [status("1.1", "签约意向项目1个", None, 25)],
    "2024-W09": [
        status("1.2.1", "完成征地协议签订50%", None, 50),
        status("2.2", "启动村庄清洁行动", S.IN_PROGRESS, 10),
    ],
    "2024-W10": [
        note("1.1", "接待客商考察2批次", "2024-03-05"),
        keep("1.2"),
        status("1.2.1", "完成房屋评估", None, 70),
        note("1.3", "3月外出招商1次，洽谈项目3个"),
        status("2.1", "开展一季度安全生产大检查", S.IN_PROGRESS, 30),
        keep("2.3"),
        note("3.1", "召开党建工作会议"),
        note("1.1", "签订投资框架协议1份", "2024-03-07"),
    ],
    "2024-W13": [note("2.1", "一季度检查隐患整改完毕")],
    "2024-W15": [
        status("1.2.1", "征地拆迁全部完成", S.DONE, None, "2024-04-10"),
        note("1.3", "4月举办招商推介会"),
    ],
    "2024-W18": [status("1.2.2", "项目开工前期准备", S.IN_PROGRESS, 10)],
    "2024-W19": [status("3.2", "因上级政策调整暂缓", S.SUSPENDED, None)],
    "2024-W24": [
        note("1.3", "6月赴广州招商"),
        note("2.1", "二季度安全生产检查"),
        status("1.2.2", "完成场地平整", None, 20),
    ],
    "2024-W26": [status("1.1", "完成全年招商目标", S.DONE, None, "2024-06-28")],
    "2024-W28": [note("1.3", "7月外出招商1次")],
    "2024-W36": [note("1.3", "9月洽谈项目2个"), status("2.2", "完成改厕120户", None, 60)],
    "2024-W40": [note("1.2.2", "施工单位进场", "2024-10-02"), note("1.3", "10月招商")],
    "2024-W44": [note("1.3", "11月赴东莞回访企业")],
    "2024-W48": [status("2.2", "人居环境整治通过验收", S.DONE, None, "2024-11-28")],
    "2024-W50": [note("1.3", "12月招商总结"), note("2.1", "四季度安全生产检查")],
    "2024-W52": [
        status("3.1", "基层党组织建设年度任务完成", S.DONE, None, "2024-12-27"),
        status("1.2", "项目主体完工", S.IN_PROGRESS, 80),
        note("2.3", "开展年终走访慰问"),
        keep("1.2.2"),
    ],
}


def build_year() -> Plan:
    """The base plan after every weekly pass of :data:`SCRIPT`, run in week order."""
    plan = base_plan()
    for week, answers in sorted(SCRIPT.items()):
        apply_answers(plan, answers, author="党政办", week=week, today=date(2025, 1, 1))
    return plan
