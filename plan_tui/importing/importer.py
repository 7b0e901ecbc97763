"""Import a work-plan document (工作安排) into a :class:`~plan_tui.model.Plan`.

Only the plan is read: found by a heading line, a title naming a plan or a lead-in
sentence (:mod:`.sections`), the one in the latest year when there are several.
Its 总体要求 and 主要目标 paragraphs fill the plan's fields; its numbered paragraphs become
the task tree. Levels are relative: the first kind of numbering met is the area level,
the next kind the item level, then measures. Task ids derive from year, tree path and
title, so importing the same document twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Plan, Task
from ..model.deadlines import find_deadline, find_undated
from ..model.errors import PlanError
from ..model.numerals import normalize_digits
from . import text_rules as rules
from .numbering import Marker, detect_marker, split_inline
from .sections import RULE_ORDER, Candidate, candidates, ends_plan, resolve_year
from .sources import read_paragraphs
from .targets import looks_like_target, parse_targets

MAX_DEPTH = 3


@dataclass
class ImportResult:
    """The imported plan and the warnings worth showing to the person importing."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)
    basis: str = ""
    """识别依据: which rule found the plan, and where."""


@dataclass
class _Node:
    """A numbered paragraph while the tree is being built."""

    text: str
    style: str = ""
    value: int = 0
    extra: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    from_inline: bool = False
    lead_point: bool = False
    """A point of a lead-in sentence: its title is the lead phrase before the figures."""

    def full_text(self) -> str:
        return "\n".join([self.text, *self.extra])

    def title_body(self) -> tuple[str, str]:
        """Title from the numbered paragraph itself; the body takes the rest."""
        inline = self.from_inline or self.lead_point
        title, body = rules.split_title(self.text, also_semicolon=inline)
        if self.lead_point:
            title, body = rules.split_lead_phrase(title, body)
        return title, "\n".join(t for t in [body, *self.extra] if t)


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


@dataclass
class _Tree:
    """What one candidate yields: the raw tree, the preamble texts and the span it read."""

    roots: list[_Node]
    requirements: list[str]
    targets: list[str]
    warnings: list[str]
    end: int
    """Index of the last document paragraph that belongs to the plan."""


def _build(candidate: Candidate, stops: frozenset[int] = frozenset()) -> _Tree:
    """The raw tree of numbered paragraphs, plus the requirement and target paragraphs."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    levels: dict[str, int] = {}
    last: dict[str, int] = {}
    requirements: list[str] = []
    targets: list[str] = []
    warnings: list[str] = []
    bucket = requirements
    deep_warned = False
    stop_style = candidate.style
    end = candidate.index
    for index, text in candidate.body:
        number = index + 1
        marker = _confirm(detect_marker(text), text, levels, last)
        if candidate.rule == "lead_in" and marker and not roots and marker.style == stop_style:
            stop_style = ""  # the points use the chapter's own numbering
        if marker and stop_style and marker.style == stop_style and marker.strong:
            rest = candidate.body[-1][0] - index + 1
            warnings.append(f"第{number}段“{text[:12]}…”起属于另一部分，未导入（{rest}段）")
            break
        if roots and (ends_plan(text) or index in stops):
            rest = candidate.body[-1][0] - index + 1
            warnings.append(f"第{number}段“{text[:12]}…”起不属于计划，未导入（{rest}段）")
            break
        if marker is None:
            if rules.is_closing(text):
                break
            end = index
            if not roots:
                if rules.is_lead_in(text) or rules.is_front_matter(text):
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
        end = index
        if not roots and bucket is targets and looks_like_target(text):
            targets.append(text)  # 1.地区生产总值增长8%: a target line, not a work item
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
        node.lead_point = candidate.points
        (stack[level - 2].children if level > 1 else roots).append(node)
        del stack[level - 1 :]
        stack.append(node)
    return _Tree(roots, requirements, targets, warnings, end)


def _lift_meta(roots: list[_Node], requirements: list[str], targets: list[str]) -> list[_Node]:
    """Areas titled 总体要求 / 主要目标 go to the plan's fields; a lone 重点任务 area is unwrapped."""
    kept: list[_Node] = []
    for node in roots:
        title, body = node.title_body()
        if rules.META_AREA.match(title) and len(roots) > 1:
            dest = targets if "目标" in title or "目標" in title else requirements
            kept_texts: list[str] = []
            texts = [body, *(_flatten(c) for c in node.children)]
            for line in (t for text in texts for t in text.split("\n") if t):
                if dest is requirements and rules.is_targets(line) and len(line) <= 12:
                    if kept_texts:  # a 主要目标 heading inside 总体要求: what follows are targets
                        dest.append("\n".join(kept_texts))
                    dest, kept_texts = targets, []
                    continue
                kept_texts.append(line)
            if kept_texts:
                dest.append("\n".join(kept_texts))
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


def _task(node: _Node, path: str, year: int, warnings: list[str]) -> Task:
    title, body = node.title_body()
    if not title:
        title, body = rules.clean_title(body[:40]), body
    digest = hashlib.sha1(f"{year}:{path}:{title}".encode()).hexdigest()[:8]
    task = Task(id=f"t{digest}", title=title, body=body)
    text = f"{title}。{body}"
    deadline = find_deadline(text, year)
    if deadline is not None:
        task.deadline = deadline.date
        task.deadline_text = deadline.phrase
        task.recurrence = deadline.recurrence
        if deadline.note:
            warnings.append(f"{path} 完成时限“{deadline.phrase}”{deadline.note}，请核对")
    elif (season := find_undated(text)) is not None:
        task.deadline_text = season
        warnings.append(
            f"{path} 完成时限“{season}”没有固定日期，已保留原文，请用 set --deadline 填写日期"
        )
    task.children = [
        _task(child, f"{path}.{n}", year, warnings) for n, child in enumerate(node.children, 1)
    ]
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


NO_PLAN = (
    "没有找到工作安排部分：应有一行单独的标题（如“2024年工作安排”“三、2025年工作计划”），"
    "或以计划为题的文档（如“XX镇2025年工作要点”），"
    "或引出编号事项的句子（如“今年要重点抓好以下几项工作：”）"
)


@dataclass
class _Choice:
    candidate: Candidate
    year: int
    tree: _Tree


def _choose(
    paras: list[str], found: list[Candidate], year: int | None, path: Path
) -> tuple[_Choice, int]:
    """Build every candidate; keep the one whose tree lies in the latest (or the asked) year."""
    built: list[_Choice] = []
    no_year: Candidate | None = None
    for candidate in found:
        named = resolve_year(candidate, paras)
        if named is None and year is None:
            no_year = no_year or candidate
            continue
        # Another year's plan starting further on ends this one.
        stops = frozenset(
            c.index for c in found if c.year is not None and c.year != (named or year)
        )
        tree = _build(candidate, stops)
        tree.roots = _lift_meta(tree.roots, tree.requirements, tree.targets)
        if tree.roots:
            built.append(_Choice(candidate, named or year or 0, tree))
    # A lead-in that lies inside a plan found by a heading or title is part of that plan.
    outer = [c for c in built if c.candidate.rule != "lead_in"]
    built = [
        c
        for c in built
        if c.candidate.rule != "lead_in"
        or c.candidate.year is not None
        or not any(o.candidate.index < c.candidate.index <= o.tree.end for o in outer)
    ]
    if not built:
        if no_year is not None:
            raise PlanError(
                f"无法确定计划年度（“{no_year.heading}”没有年份），请用 --year 指定", path
            )
        first = found[0]
        raise PlanError(
            f"“{first.heading}”之后没有找到编号的工作事项"
            "（应有如“一、”“（一）”“1.”“一是”开头的段落）",
            path,
        )
    if year is not None and any(c.year == year for c in built):
        built = [c for c in built if c.year == year]
    best = max(
        built,
        key=lambda c: (c.year, -RULE_ORDER.index(c.candidate.rule), c.candidate.index),
    )
    return best, len(built) - 1


def import_document(
    path: str | Path,
    year: int | None = None,
    org: str | None = None,
    split_sentences: bool = False,
) -> ImportResult:
    """Read a plan document (.txt/.md/.docx/.pdf/.doc …) and build the plan it holds.

    The plan is found by a heading line, a title naming a plan or a lead-in sentence
    (see :mod:`.sections`); the result says which in :attr:`ImportResult.basis`.
    Raises :class:`PlanError` with a one-line Chinese message when the file cannot be
    read or holds no recognisable plan.
    """
    path = Path(path)
    read_warnings: list[str] = []
    paras = read_paragraphs(path, read_warnings)
    found = candidates(paras)
    if not found:
        raise PlanError(NO_PLAN, path)
    choice, others = _choose(paras, found, year, path)
    section, tree = choice.candidate, choice.tree
    warnings = read_warnings + tree.warnings
    if section.inferred and year is None:
        warnings.append(
            f"计划年度按{section.inferred}推断为{choice.year}年；如不对，请用 --year 指定"
        )
    if year is not None and choice.year != year:
        warnings.append(f"文档写的是{choice.year}年，已按 --year 作为{year}年计划导入")
    plan_year = year or choice.year
    for root in tree.roots:
        _expand(root, 1, split_sentences)
    name = (org or "").strip() or section.org or rules.find_org(paras[0])
    if not name:
        warnings.append("未能从标题识别单位名称，可用 --org 指定")
    heading = rules.clean_title(normalize_digits(section.heading))
    if section.org and heading.startswith(section.org):
        heading = heading[len(section.org) :]
    if section.rule == "lead_in" or not heading.startswith(str(plan_year)):
        heading = f"{plan_year}年工作安排"
    areas = [_task(root, str(n), plan_year, warnings) for n, root in enumerate(tree.roots, 1)]
    _unique_ids(areas, plan_year)
    targets_text = "\n".join(tree.targets)
    plan = Plan(
        org=name,
        year=plan_year,
        title=f"{name}{heading}",
        source=path.name,
        requirements="\n".join(tree.requirements),
        targets_text=targets_text,
        targets=parse_targets(targets_text) if targets_text else [],
        areas=areas,
    )
    for _, task in plan.walk():
        if not task.title:
            warnings.append(f"任务 {task.id} 没有标题，请补上")
    if not tree.requirements:
        warnings.append("没有找到总体要求段落")
    if not tree.targets:
        warnings.append("没有找到主要目标段落")
    basis = section.basis + (f"；另有{others}处候选未采用" if others else "")
    return ImportResult(plan, warnings, basis)
