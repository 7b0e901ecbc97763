"""Import a work-plan document (工作安排) into a :class:`~plan_tui.model.Plan`.

Only the next year's plan section is read (``2024年工作安排``, ``三、2025年工作计划`` …).
Its 总体要求 and 主要目标 paragraphs fill the plan's fields; its numbered paragraphs become
the task tree. Levels are relative: the first kind of numbering met is the area level,
the next kind the item level, then measures. Task ids derive from year, tree path and
title, so importing the same document twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import importer_text as rules
from .model import Plan, Task
from .model.deadlines import find_deadline
from .model.errors import PlanError
from .model.numerals import normalize_digits
from .numbering import Marker, detect_marker, split_inline
from .sources import read_paragraphs

MAX_DEPTH = 3


@dataclass
class ImportResult:
    """The imported plan and the warnings worth showing to the person importing."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Node:
    """A numbered paragraph while the tree is being built."""

    text: str
    style: str = ""
    value: int = 0
    extra: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    from_inline: bool = False

    def full_text(self) -> str:
        return "\n".join([self.text, *self.extra])

    def title_body(self) -> tuple[str, str]:
        """Title from the numbered paragraph itself; the body takes the rest."""
        title, body = rules.split_title(self.text, also_semicolon=self.from_inline)
        return title, "\n".join(t for t in [body, *self.extra] if t)


@dataclass
class _Section:
    start: int
    year: int
    heading: str
    org: str
    style: str


def _find_section(paras: list[str], year: int | None, path: Path, warnings: list[str]) -> _Section:
    """Locate the plan-section heading; refuse when there is none."""
    found: list[tuple[int, int | None, str, str, str]] = []
    for i, text in enumerate(paras):
        marker = detect_marker(text)
        bare = text[marker.end :] if marker and marker.strong else text
        m = rules.plan_heading(bare)
        if m is None:
            continue
        heading_year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
        found.append((i, heading_year, m.group(0), m.group("org"), marker.style if marker else ""))
    if not found:
        raise PlanError(
            "没有找到工作安排部分：应有一行单独的标题，如“2024年工作安排”或“三、2025年工作计划”",
            path,
        )
    if year is not None and any(f[1] == year for f in found):
        found = [f for f in found if f[1] == year]
    best = max(found, key=lambda f: (f[1] or 0, f[0]))
    index, heading_year, heading, org, style = best
    if heading_year is None:
        heading_year = _year_before(paras[:index])
        if year is None:
            if heading_year is None:
                raise PlanError(
                    f"无法确定计划年度（标题“{heading}”没有年份），请用 --year 指定", path
                )
            heading_year += 1
            warnings.append(f"计划年度按上文推断为{heading_year}年；如不对，请用 --year 指定")
    if year is not None and heading_year is not None and year != heading_year:
        warnings.append(f"文档标题写的是{heading_year}年，已按 --year 作为{year}年计划导入")
    return _Section(index, year or heading_year or 0, heading, org.strip(), style)


def _year_before(paras: list[str]) -> int | None:
    years = [int(y) for p in paras for y in re.findall(r"(\d{4})\s*年", normalize_digits(p))]
    years = [y for y in years if 1900 < y < 2200]
    return max(years) if years else None


def _confirm(
    marker: Marker | None, text: str, levels: dict[str, int], last: dict[str, int]
) -> Marker | None:
    """Trust a bare numeral without 、 only when it is a heading that continues the 一、 run."""
    if marker is None or marker.strong:
        return marker
    heading_like = "。" not in text and len(text) <= 40
    expected = last.get("cn", 0) + 1
    top = not levels or levels.get("cn") == 1
    if heading_like and marker.value == expected and top:
        return marker
    return None


def _build(
    paras: list[str], section: _Section, warnings: list[str]
) -> tuple[list[_Node], list[str], list[str]]:
    """The raw tree of numbered paragraphs, plus the requirement and target paragraphs."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    levels: dict[str, int] = {}
    last: dict[str, int] = {}
    requirements: list[str] = []
    targets: list[str] = []
    bucket = requirements
    deep_warned = False
    for number, text in enumerate(paras[section.start + 1 :], section.start + 2):
        marker = _confirm(detect_marker(text), text, levels, last)
        if marker and section.style and marker.style == section.style and marker.strong:
            rest = len(paras) - number + 1
            warnings.append(f"第{number}段“{text[:12]}…”起属于另一部分，未导入（{rest}段）")
            break
        if marker is None:
            if rules.is_closing(text):
                break
            if not roots:
                if rules.is_lead_in(text):
                    continue
                if rules.is_targets(text):
                    bucket = targets
                elif rules.is_requirements(text):
                    bucket = requirements
                if len(text) > 12 or "。" in text:  # a bare heading like 主要目标 is not kept
                    bucket.append(text)
            else:  # a paragraph continuing the text of the last numbered one
                stack[-1].extra.append(text)
            continue
        level = levels.setdefault(marker.style, len(stack) + 1)
        level = min(level, len(stack) + 1)
        expected = {1, last.get(marker.style, 0) + 1}
        if level > 1 and stack[level - 2].children:
            sibling = stack[level - 2].children[-1]
            if sibling.style == marker.style:
                expected = {sibling.value + 1}
        elif level == 1 and roots and roots[-1].style == marker.style:
            expected = {roots[-1].value + 1}
        if marker.value not in expected and marker.value != last.get(marker.style, 0) + 1:
            warnings.append(f"第{number}段编号“{text[: marker.end].strip()}”与前一项不连续，请核对")
        last[marker.style] = marker.value
        if level > MAX_DEPTH:
            if not deep_warned:
                warnings.append(f"第{number}段起有第四级编号，已并入上一级措施的正文")
                deep_warned = True
            stack[-1].extra.append(text)
            continue
        node = _Node(text[marker.end :].strip(), marker.style, marker.value)
        (stack[level - 2].children if level > 1 else roots).append(node)
        del stack[level - 1 :]
        stack.append(node)
    return roots, requirements, targets


def _lift_meta(roots: list[_Node], requirements: list[str], targets: list[str]) -> list[_Node]:
    """Areas titled 总体要求 / 主要目标 go to the plan's fields; a lone 重点任务 area is unwrapped."""
    kept: list[_Node] = []
    for node in roots:
        title, body = node.title_body()
        if rules.META_AREA.match(title) and len(roots) > 1:
            texts = [body] if body else []
            texts += [_flatten(c) for c in node.children]
            dest = targets if "目标" in title or "目標" in title else requirements
            dest.append("\n".join(texts))
            continue
        kept.append(node)
    if len(kept) == 1 and len(kept[0].children) >= 2 and not kept[0].extra:
        title, body = kept[0].title_body()
        if not body and any(w in title for w in ("任务", "任務", "工作", "措施")):
            return kept[0].children
    return kept


def _flatten(node: _Node) -> str:
    return "\n".join([node.full_text(), *(_flatten(c) for c in node.children)])


def _expand(node: _Node, depth: int, split_sentences: bool) -> None:
    """Turn inline sub-points (and, if asked, plain sentences) into children."""
    for child in node.children:
        _expand(child, depth + 1, split_sentences)
    if node.children or depth >= MAX_DEPTH:
        return
    title, body = node.title_body()
    intro, points = split_inline(body)
    if points:
        node.text = f"{title}。{intro}" if intro else title
        node.extra = []
        node.children = [_Node(p, from_inline=True) for p in points]
    elif split_sentences and depth == MAX_DEPTH - 1 and body:
        node.text, node.extra = title, []
        node.children = [_Node(s, from_inline=True) for s in rules.sentences(body)]


def _task(node: _Node, path: str, year: int) -> Task:
    title, body = node.title_body()
    if not title:
        title, body = rules.clean_title(body[:40]), body
    digest = hashlib.sha1(f"{year}:{path}:{title}".encode()).hexdigest()[:8]
    task = Task(id=f"t{digest}", title=title, body=body)
    deadline = find_deadline(f"{title}。{body}", year)
    if deadline is not None:
        task.deadline = deadline.date
        task.deadline_text = deadline.phrase
        task.recurrence = deadline.recurrence
    task.children = [_task(child, f"{path}.{n}", year) for n, child in enumerate(node.children, 1)]
    return task


def _unique_ids(areas: list[Task], year: int) -> None:
    """Give a longer id to a task whose 8-digit id an earlier task already has.

    Eight hex digits collide by chance in a document of some 100,000 numbered lines; the
    longer id still derives from year, path and title, so re-imports stay identical.
    """
    seen: set[str] = set()
    stack = [(str(n), task) for n, task in reversed(list(enumerate(areas, 1)))]
    while stack:
        path, task = stack.pop()
        if task.id in seen:
            digest = hashlib.sha1(f"{year}:{path}:{task.title}".encode()).hexdigest()
            task.id = next(
                f"t{digest[:k]}" for k in range(12, 41, 4) if f"t{digest[:k]}" not in seen
            )
        seen.add(task.id)
        stack.extend((f"{path}.{n}", c) for n, c in reversed(list(enumerate(task.children, 1))))


def import_document(
    path: str | Path,
    year: int | None = None,
    org: str | None = None,
    split_sentences: bool = False,
) -> ImportResult:
    """Read a .txt/.md/.docx plan document and build the plan from its plan section.

    Raises :class:`PlanError` with a one-line Chinese message when the file cannot be
    read or holds no recognisable plan section.
    """
    path = Path(path)
    warnings: list[str] = []
    paras = read_paragraphs(path, warnings)
    section = _find_section(paras, year, path, warnings)
    roots, requirements, targets = _build(paras, section, warnings)
    roots = _lift_meta(roots, requirements, targets)
    if not roots:
        raise PlanError(
            f"“{section.heading}”之后没有找到编号的工作事项（应有如“一、”“（一）”“1.”“一是”开头的段落）",
            path,
        )
    for root in roots:
        _expand(root, 1, split_sentences)
    plan_year = section.year
    name = (org or "").strip() or section.org or rules.find_org(paras[0])
    if not name:
        warnings.append("未能从标题识别单位名称，可用 --org 指定")
    heading = rules.clean_title(normalize_digits(section.heading))
    if section.org and heading.startswith(section.org):
        heading = heading[len(section.org) :]
    if not heading.startswith(str(plan_year)):
        heading = f"{plan_year}年工作安排"
    areas = [_task(root, str(n), plan_year) for n, root in enumerate(roots, 1)]
    _unique_ids(areas, plan_year)
    targets_text = "\n".join(targets)
    plan = Plan(
        org=name,
        year=plan_year,
        title=f"{name}{heading}",
        source=path.name,
        requirements="\n".join(requirements),
        targets_text=targets_text,
        targets=rules.parse_targets(targets_text) if targets_text else [],
        areas=areas,
    )
    for _, task in plan.walk():
        if not task.title:
            warnings.append(f"任务 {task.id} 没有标题，请补上")
    if not requirements:
        warnings.append("没有找到总体要求段落")
    if not targets:
        warnings.append("没有找到主要目标段落")
    return ImportResult(plan, warnings)
