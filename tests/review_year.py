"""A fixture year for the review and export tests: notes on some items, none on others,
delayed and done tasks, indicators with and without actual values."""

from __future__ import annotations

from datetime import date

from plan_tui.model import Indicator, LogEntry, Plan, Status, Task

AS_OF = date(2024, 11, 30)


def entry(day: str, text: str, **kw) -> LogEntry:
    return LogEntry(date=date.fromisoformat(day), text=text, **kw)


def year_plan() -> Plan:
    """The fixture plan (ids fixed so that exports are stable)."""
    return Plan(
        org="XX乡",
        year=2024,
        title="XX乡2024年工作安排",
        targets=[
            Indicator(name="农业生产总值", target_value=6, target_unit="％", target_text="增长6％"),
            Indicator(
                name="财政收入",
                target_value=2000,
                target_unit="万元",
                target_text="2000万元",
                actual_value=2105.3,
            ),
            Indicator(name="固定资产投资", target_text="按县下达的目标任务执行"),
        ],
        areas=[
            Task(
                id="a1",
                title="保持招商引资良好态势，强化服务对接与要素保障",
                children=[
                    Task(
                        id="i11",
                        title="瞄准目标，在项目落地上出实招",
                        lead="张乡长",
                        unit="经济发展办",
                        owner="李四",
                        partners=["党政办"],
                        deadline=date(2024, 12, 31),
                        deadline_text="年底前",
                        status=Status.DONE,
                        progress=100,
                        log=[
                            entry("2024-03-08", "洽谈项目3个，计划总投资10.51亿元"),
                            entry("2024-03-15", "本周无新进展"),
                            entry("2024-03-22", "洽谈项目3个，计划总投资10.51亿元。"),
                            entry(
                                "2024-06-14",
                                "新签约项目2个，其中已开工1个。",
                                status=Status.DONE,
                                progress=100,
                            ),
                        ],
                    ),
                    Task(
                        id="i12",
                        title="压实责任，在项目推进上下实劲",
                        lead="王书记",
                        unit="经济发展办",
                        owner="赵六",
                        deadline=date(2024, 6, 30),
                        deadline_text="6月底前",
                        status=Status.IN_PROGRESS,
                        progress=30,
                        log=[
                            entry("2024-05-10", "乡主要领导外出招商2次"),
                            entry(
                                "2024-07-05", "因用地指标未落实，东莞转移项目暂缓签约", progress=30
                            ),
                            entry("2024-12-06", "12月的记录不在回顾日期之内"),
                        ],
                    ),
                    Task(id="i13", title="竭诚服务，在优化环境上求实效。"),
                ],
            ),
            Task(
                id="a2",
                title="统筹深化“百县千镇万村高质量发展工程”，助力城乡区域协调发展",
                children=[
                    Task(
                        id="i21",
                        title="强化组织领导，落实主体责任",
                        lead="王书记",
                        unit="百千万工程指挥部",
                        deadline=date(2024, 12, 31),
                        deadline_text="年底前",
                        status=Status.IN_PROGRESS,
                        progress=90,
                        children=[
                            Task(
                                id="m211",
                                title="完善指挥部工作机制",
                                log=[entry("2024-04-01", "召开指挥部会议4次；")],
                            ),
                            Task(
                                id="m212",
                                title="细化任务分工",
                                status=Status.DONE,
                                progress=100,
                                log=[entry("2024-03-01", "印发七个专班任务分工方案")],
                            ),
                        ],
                    ),
                    Task(
                        id="i22",
                        title="明确发展目标，做好项目谋划",
                        unit="百千万工程指挥部",
                        deadline=date(2024, 9, 30),
                        deadline_text="三季度",
                        status=Status.DELAYED,
                        progress=40,
                        log=[entry("2024-08-02", "完成7个项目前期调研；受台风影响，可研报告推迟")],
                    ),
                    Task(
                        id="i23",
                        title="强化宣传推广，营造良好氛围",
                        status=Status.SUSPENDED,
                    ),
                ],
            ),
        ],
    )
