"""Generate a realistic plan of N tasks: ``python bench/generate.py 10000 -o /tmp/plan10k.toml``.

The plan has the seed's shape: 7 areas (一、…七、) taken from ``plans/2024.toml``, items
(（一）…) and measures (1. 2. …) under them, so that N = 7 + items + measures exactly.
Titles and bodies are clauses and sentences of the seed document
``plans/sources/*.txt``; leads, units and owners come from a small roster, deadlines
are Chinese phrases read by the core deadline parser, statuses and progress are mixed,
and about a fifth of the tasks carry update-log entries. The same N and seed always give
the same file (ids included). The plan is written with :func:`plan_tui.store.save`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from plan_tui import store  # noqa: E402
from plan_tui.model import LogEntry, Plan, Status, Task  # noqa: E402
from plan_tui.model.deadlines import parse_deadline  # noqa: E402

SEED_PLAN = ROOT / "plans" / "2024.toml"
SEED_TEXTS = ROOT / "plans" / "sources"
YEAR = 2024
SIZES = (100, 1_000, 10_000)

LEADS = [
    "陈志强（党委书记）",
    "刘海燕（乡长）",
    "黄建军（党委副书记）",
    "李文华（副乡长）",
    "张国平（副乡长）",
    "吴晓红（纪委书记）",
    "周永明（武装部长）",
    "郑丽娟（组织委员）",
    "何振东（宣传委员）",
]
UNITS = [
    "党政办",
    "经济发展办",
    "农业农村办",
    "社会事务办",
    "综治办",
    "党建办",
    "规划建设办",
    "应急管理办",
    "财政所",
    "自然资源所",
    "林业站",
    "文化站",
    "退役军人服务站",
    "党群服务中心",
    "派出所",
    "卫生院",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉斌"
DEADLINE_PHRASES = [
    "3月底前",
    "一季度末",
    "4月底前",
    "5月底前",
    "6月底前",
    "上半年",
    "7月中旬",
    "8月底前",
    "三季度末",
    "9月30日前",
    "10月底前",
    "11月底前",
    "年底前",
    "12月20日前",
    "每月",
    "每季度",
    "",
]
STATUS_WEIGHTS = [
    (Status.NOT_STARTED, 30),
    (Status.IN_PROGRESS, 45),
    (Status.DONE, 15),
    (Status.DELAYED, 7),
    (Status.SUSPENDED, 3),
]
TAGS = ["重点项目", "民生实事", "督办", "上级交办", "百千万工程", "年度考核"]


def seed_phrases() -> tuple[list[str], list[str]]:
    """Clauses fit for titles (6–28 characters) and whole sentences fit for bodies."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEED_TEXTS.glob("*.txt")))
    sentences = [s.strip() + "。" for s in re.split(r"[。！？\n]", text) if len(s.strip()) >= 12]
    clauses = []
    for part in re.split(r"[，。；：！？、\n]", text):
        part = part.strip().lstrip("0123456789一二三四五六七八九十（）()、.是").strip()
        balanced = part.count("“") == part.count("”") and part.count("（") == part.count("）")
        if 6 <= len(part) <= 28 and balanced and not re.search(r"^20|^截至|\d{2}", part):
            clauses.append(part)
    return sorted(set(clauses)), sentences


def _split(total: int, parts: int, rnd: random.Random, spread: float) -> list[int]:
    """``total`` split into ``parts`` non-negative counts that vary by about ``spread``."""
    weights = [1 + rnd.uniform(-spread, spread) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rnd.sample(range(parts), total - sum(counts)):
        counts[i] += 1
    return counts


class _Maker:
    """Builds tasks from the seed phrases with one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.clauses, self.sentences = seed_phrases()
        self.owners = sorted(
            {a + b + (c if i % 3 else "") for i, (a, b, c) in enumerate(self._name_parts())}
        )
        self.ids: set[str] = set()

    def _name_parts(self):
        rnd = random.Random(7)
        for _ in range(160):
            yield rnd.choice(SURNAMES), rnd.choice(GIVEN), rnd.choice(GIVEN)

    def new_id(self) -> str:
        while True:
            value = f"t{self.rnd.getrandbits(32):08x}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def title(self) -> str:
        rnd = self.rnd
        first = rnd.choice(self.clauses)
        if len(first) < 12 and rnd.random() < 0.6:
            return f"{first}，{rnd.choice(self.clauses)}"
        return first

    def body(self, sentences: int) -> str:
        at = self.rnd.randrange(len(self.sentences))
        return "".join(self.sentences[(at + i) % len(self.sentences)] for i in range(sentences))

    def task(self, level: int, title: str | None = None, body: str | None = None) -> Task:
        """A task at ``level`` (1 area, 2 item, 3 measure) with people, deadline and status."""
        rnd = self.rnd
        task = Task(
            id=self.new_id(),
            title=title if title is not None else self.title(),
            body=body if body is not None else (self.body(rnd.randint(1, 2)) if level > 1 else ""),
            lead=rnd.choice(LEADS),
            unit=rnd.choice(UNITS) if level > 1 else "",
        )
        if level == 1:
            return task
        if level == 3 or rnd.random() < 0.5:
            task.owner = rnd.choice(self.owners)
        if rnd.random() < 0.25:
            task.partners = rnd.sample(UNITS, rnd.randint(1, 2))
        phrase = rnd.choice(DEADLINE_PHRASES)
        if phrase:
            deadline = parse_deadline(phrase, YEAR)
            task.deadline, task.deadline_text = deadline.date, deadline.phrase
            task.recurrence = deadline.recurrence
        task.status = rnd.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        task.progress = {
            Status.NOT_STARTED: 0,
            Status.DONE: 100,
        }.get(task.status, rnd.randrange(5, 95, 5))
        if rnd.random() < 0.1:
            task.tags = rnd.sample(TAGS, rnd.randint(1, 2))
        if rnd.random() < 0.05:
            task.notes = self.title()
        if task.status != Status.NOT_STARTED and rnd.random() < 0.4:
            task.log = self.log(task)
        return task

    def log(self, task: Task) -> list[LogEntry]:
        """One to four weekly entries, oldest first, ending at the task's progress."""
        rnd = self.rnd
        count = rnd.randint(1, 4)
        day = date(YEAR, 3, 4) + timedelta(weeks=rnd.randint(0, 20))
        entries = []
        for n in range(1, count + 1):
            last = n == count
            entries.append(
                LogEntry(
                    date=day,
                    text=self.title() + "。",
                    status=task.status if last else Status.IN_PROGRESS,
                    progress=task.progress if last else task.progress * n // (count + 1),
                    author=rnd.choice(self.owners) if rnd.random() < 0.5 else "",
                )
            )
            day += timedelta(weeks=rnd.randint(1, 3))
        return entries


def make_plan(count: int, seed: int = 2024) -> Plan:
    """A plan of exactly ``count`` tasks (at least 7): 7 areas, items and measures."""
    if count < 7:
        raise ValueError("至少需要 7 项任务（7 个领域）")
    maker = _Maker(seed)
    rnd = maker.rnd
    base = store.load(SEED_PLAN).plan
    seed_areas = base.areas[:7]
    rest = count - 7
    items_total = min(rest, max(14, rest // 10))
    measures_total = rest - items_total
    items_per_area = _split(items_total, 7, rnd, 0.4)
    areas: list[Task] = []
    items: list[Task] = []
    for n, per_area in enumerate(items_per_area):
        source = seed_areas[n] if n < len(seed_areas) else None
        area = maker.task(1, title=source.title if source else None)
        seed_items = source.children if source else []
        for k in range(per_area):
            # the seed's own items come first, so the plan reads like the document
            own = seed_items[k] if k < len(seed_items) else None
            item = maker.task(2, own.title if own else None, own.body if own else None)
            area.children.append(item)
            items.append(item)
        areas.append(area)
    if items:
        for item, measures in zip(items, _split(measures_total, len(items), rnd, 0.8), strict=True):
            item.children.extend(maker.task(3) for _ in range(measures))
    plan = base.model_copy(deep=True)
    plan.areas = areas
    plan.title = f"{plan.org}{YEAR}年工作安排（{count}项任务）"
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成一个有 N 项任务的计划文件（用于基准测试）")
    parser.add_argument("count", type=int, help="任务数，如 100、1000、10000")
    parser.add_argument("-o", "--output", type=Path, help="输出文件（默认 /tmp/planN.toml）")
    parser.add_argument("--seed", type=int, default=2024, help="随机种子（默认 2024）")
    args = parser.parse_args(argv)
    output = args.output or Path(f"/tmp/plan{args.count}.toml")
    plan = make_plan(args.count, args.seed)
    store.save(output, plan)
    print(f"{output}: {sum(1 for _ in plan.tasks())} 项任务")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
