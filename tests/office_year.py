"""The seed plan with a year of 50 real-style notes, people and deadlines: the plan the
office files are rendered from and looked at (weekly, bulletins, review, ledger)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from plan_tui.model import LogEntry, Plan, Status
from plan_tui.store import load

SEED = Path(__file__).parent.parent / "plans" / "2024.toml"
LEADS = ["王建国", "陈立", "刘芳", "张书记", "李乡长"]
UNITS = ["经济发展办", "规划建设办", "农业农村办", "党建办", "综治办", "社会事务办"]
OWNERS = ["李明", "赵强", "吴磊", "黄静", "孙伟", "周敏"]
DEADLINES = [
    (date(2024, 3, 31), "一季度末"),
    (date(2024, 6, 30), "6月底前"),
    (date(2024, 9, 30), "三季度末"),
    (date(2024, 12, 31), "年底前"),
    (None, ""),
]
NOTES = [
    "召开专题会议1次，研究部署年度工作",
    "走访企业12家，收集问题8条!",
    "洽谈项目3个，计划总投资10.51亿元.",
    "开展法治培训2场",
    "查处违法建设15宗！",
    "完成房屋评估…",
    "印发实施方案\n明确责任分工",
    "本周无新进展",
    "本周无进展",
    "新签约项目2个，其中已开工1个。",
    "组织党员志愿服务活动3场；",
    "排查矛盾纠纷21宗，化解19宗",
    "完成撂荒地复耕320亩,复种率98%",
    "暂无进展",
    "推进公共服务中心主体工程，完成进度45%",
]


def office_year() -> Plan:
    """The seed plan with people, deadlines and 50 notes dated through 2024."""
    plan = load(SEED).plan
    items = [t for area in plan.areas for t in area.children]
    for n, item in enumerate(items):
        item.lead = LEADS[n % len(LEADS)]
        item.unit = UNITS[n % len(UNITS)]
        item.owner = OWNERS[n % len(OWNERS)]
        if item.recurrence == "none":
            item.deadline, item.deadline_text = DEADLINES[n % len(DEADLINES)]
    day = date(2024, 1, 12)
    for n in range(50):
        item = items[(n * 7) % len(items)]
        text = NOTES[n % len(NOTES)]
        progress = min(100, 10 + 6 * n) if n % 3 == 0 else None
        status = Status.DONE if progress == 100 else None
        item.log.append(LogEntry(date=day, text=text, progress=progress, status=status))
        if progress is not None:
            item.progress = progress
            item.status = Status.DONE if progress == 100 else Status.IN_PROGRESS
        if n == 20:  # the same note twice on one day
            item.log.append(LogEntry(date=day, text=text + "。"))
        day += timedelta(days=7)
    items[4].reason = "用地指标未落实，项目暂缓签约"
    plan.settings.copy_to = "县委办，县政府办"
    plan.settings.issuer = "XX乡党政办公室"
    return plan
