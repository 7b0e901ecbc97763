"""Search speed at 10,000 tasks: ``python bench/search.py [N]``.

Builds a plan of N tasks (default 10,000) from sentences of the seed document, warms a
:class:`plan_tui.query.SearchIndex` and times searches with pinyin, Chinese and Latin
queries. The baseline, in the same run, is a bare substring test on every task's title;
the ratio says what the full search (all fields plus pinyin) costs on top of it.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from plan_tui.model import Plan, Task
from plan_tui.query import SearchIndex

SEED = Path(__file__).resolve().parent.parent / "plans" / "sources"
PEOPLE = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]
UNITS = ["党政办", "经发办", "农业农村办", "社会事务办", "综治办"]
QUERIES = ["zsyz", "zhaoshang", "zhao shang", "招商", "党政办", "nongye", "没有的词"]


def make_plan(count: int) -> Plan:
    """A plan of ``count`` tasks: areas of 100 items with 9 measures each."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt")))
    text = text.replace("\n", "")
    rnd = random.Random(1)

    def task(title_len: int) -> Task:
        at = rnd.randrange(0, len(text) - 200)
        return Task(
            title=text[at : at + title_len],
            body=text[at + title_len : at + title_len + 150],
            lead=rnd.choice(PEOPLE),
            unit=rnd.choice(UNITS),
            owner=rnd.choice(PEOPLE),
        )

    areas: list[Task] = []
    made = 0
    while made < count:
        area = Task(title=f"第{len(areas) + 1}个领域")
        made += 1
        while len(area.children) < 100 and made < count:
            item = task(16)
            made += 1
            while len(item.children) < 9 and made < count:
                item.children.append(task(18))
                made += 1
            area.children.append(item)
        areas.append(area)
    return Plan(year=2024, areas=areas)


def best_of(runs: int, action) -> float:
    """Fastest of ``runs`` timings of ``action()``, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    plan = make_plan(count)
    tasks = list(plan.tasks())
    index = SearchIndex(plan)
    start = time.perf_counter()
    index.warm()
    print(f"{len(tasks)} 项任务；预热（计算拼音）{time.perf_counter() - start:.2f} 秒")
    print(f"{'查询':<14}{'命中':>6}{'搜索 ms':>10}{'基线 ms':>10}{'倍数':>8}")
    for query in QUERIES:
        hits = len(index.select(tasks, query))
        took = best_of(5, lambda q=query: index.select(tasks, q))
        base = best_of(5, lambda q=query: [t for t in tasks if q in t.title])
        print(f"{query:<14}{hits:>6}{took:>10.1f}{base:>10.1f}{took / base:>8.1f}")


if __name__ == "__main__":
    main()
