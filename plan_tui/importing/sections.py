"""Where the plan starts in a document: the three rules and their candidates.

In order of preference:

1. **标题行** — a heading line of its own (``2024年工作安排``, ``三、2025年工作计划``);
2. **文档标题** — a document whose title names a plan (``YY镇2024年度政府工作计划``,
   ``…年工作要点``, ``…年重点工作安排``, ``…工作方案``): the whole body is the plan;
3. **引导语** — a sentence that introduces the work (``今年要重点抓好以下几项工作：``,
   ``下面，我就2025年工作讲几点意见：``, ``重点提出了五个方面重点工作：一是…``) followed by
   numbered points, in the same paragraph or the next ones.

Every match is a :class:`Candidate`; the importer builds a tree for each and keeps the
one that yields a tree in the latest year (the next year of a review-and-plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.numerals import normalize_digits
from . import text_rules as rules
from .numbering import detect_marker, inline_segments

RULE_NAMES = {"heading": "标题行", "title": "文档标题", "lead_in": "引导语"}
RULE_ORDER = ("heading", "title", "lead_in")

_PLAN_KIND = (
    r"(?:重点)?工作(?:计划|計劃|要点|要點|安排|方案|打算|思路|任务|任務)"
    r"|(?:实施|實施|行动|行動)方案|重点工作|重点任务"
)
_TITLE_WITH_YEAR = re.compile(rf"(?P<year>\d{{4}})\s*年度?[^，。；：]{{0,24}}?(?:{_PLAN_KIND})$")
_TITLE_NO_YEAR = re.compile(r"[^，。；：]{2,30}?(?:工作方案|实施方案|行动方案|工作计划|工作要点)$")
_NOT_A_PLAN_TITLE = re.compile(
    r"回顾|回顧|总结|總結|情况|情況|报告|報告|说明|說明|讲话|講話|发言|發言|汇报|匯報|通报|通報"
)
_WRAPPED = re.compile(r"《(?P<inner>[^》]+)》")

_LEAD_VERB = (
    r"(?:重点|主要|着力|集中力量|集中精力|全力|突出|切实|扎实|要|将|必须|需要|努力)"
    r"[^。；：:，,]{0,6}?(?:抓好|做好|抓实|抓牢|干好|办好|推进|落实)"
)
LEAD_IN = re.compile(
    rf"(?P<phrase>(?:{_LEAD_VERB})(?!了|过)[^。；：:]{{0,24}}?"
    r"(?:工作|任务|任務|事项|事項|重点|方面|几点|大事)"
    r"|(?:讲|谈|提|談|講)?(?:几|幾|[两三四五六七八九十]|以下几)点(?:意见|意見|要求)"
    r"|提出了?[^。；：:]{0,16}?(?:工作|任务|方面|举措))"
    r"(?P<colon>[:：])"
)
"""A sentence that introduces numbered work points, ending with its colon."""

_PART = re.compile(r"^第[一二三四五六七八九十\d]{1,3}(?:部分|章|篇)")
_FOREIGN = re.compile(
    r"^(?:附件|附表|抄送|主题词)|^[^。]{0,24}\d{4}\s*年度?[^。]{0,12}?(?:回顾|总结|情况|执行|完成)"
)
_NEXT_YEAR = re.compile(r"明年|下一年|来年")
_UPCOMING = re.compile(r"下一步|下步|新的一年|新一年")
_REVIEW_TITLE = re.compile(r"总结|總結|回顾|回顧|情况|情況")


@dataclass
class Candidate:
    """A place where the plan may start, found by one of the rules."""

    rule: str
    """``heading``, ``title`` or ``lead_in``."""
    index: int
    """Index of the paragraph that starts it (the heading, title or lead-in)."""
    heading: str
    """The text that names it: the heading, the title or the lead-in phrase."""
    year: int | None
    """The year it names, when it names one."""
    org: str = ""
    """The organisation named with it, if any."""
    style: str = ""
    """Numbering style of the heading: the next paragraph of that style ends the plan."""
    body: list[tuple[int, str]] = field(default_factory=list)
    """The paragraphs of the plan after the start, with their index in the document."""
    inferred: str = ""
    """How the year was inferred when the candidate names none (for a warning)."""
    points: bool = False
    """The work points are written in the lead-in's own paragraph (``…：一是…；二是…``)."""

    @property
    def basis(self) -> str:
        """识别依据: which rule found the plan and where."""
        where = f"第{self.index + 1}段"
        if self.rule == "heading":
            return f"标题行“{self.heading}”（{where}）"
        if self.rule == "title":
            return f"文档标题“{self.heading}”（全文即计划）"
        return f"引导语“{self.heading}”（{where}）及其后的编号事项"


def _year_in(text: str) -> int | None:
    """The last year named in ``text``, except a horizon (``到2027年``) or a past date."""
    norm = normalize_digits(text)
    years = [int(y) for y in re.findall(r"(?<![到至止])(?<!截至)(\d{4})\s*年", norm)]
    years = [y for y in years if 1900 < y < 2200]
    return years[-1] if years else None


def latest_year(paras: list[str]) -> int | None:
    """The latest year named in the paragraphs, if any."""
    years = [int(y) for p in paras for y in re.findall(r"(\d{4})\s*年", normalize_digits(p))]
    years = [y for y in years if 1900 < y < 2200]
    return max(years) if years else None


def _headings(paras: list[str]) -> list[Candidate]:
    found = []
    for i, text in enumerate(paras):
        marker = detect_marker(text)
        bare = text[marker.end :] if marker and marker.strong else text
        m = rules.plan_heading(bare)
        if m is None:
            continue
        year = int(m.group("year")) if m.groupdict().get("year") else None
        style = marker.style if marker else ""
        body = list(enumerate(paras))[i + 1 :]
        found.append(Candidate("heading", i, m.group(0), year, m.group("org").strip(), style, body))
    return found


def plan_title(text: str) -> str | None:
    """The plan named by a document title (``YY镇2024年度政府工作计划``), or ``None``."""
    text = normalize_digits(text.strip())
    wrapped = _WRAPPED.search(text)
    if wrapped:  # 关于印发《XX镇2025年工作要点》的通知
        text = wrapped.group("inner")
    if len(text) > 50 or "。" in text or _NOT_A_PLAN_TITLE.search(text):
        return None
    if _TITLE_WITH_YEAR.search(text) or _TITLE_NO_YEAR.fullmatch(text):
        return text
    return None


def _titles(paras: list[str]) -> list[Candidate]:
    for i, text in enumerate(paras[:3]):
        title = plan_title(text)
        if title is None:
            continue
        body = list(enumerate(paras))[i + 1 :]
        return [Candidate("title", i, title, _year_in(title), rules.find_org(title), "", body)]
    return []


def _parent_style(paras: list[str], index: int) -> str:
    """Style of the nearest numbered heading before ``index`` (the chapter a lead-in is in)."""
    for text in reversed(paras[:index]):
        marker = detect_marker(text)
        if marker and marker.strong and len(text) <= 40 and "。" not in text:
            return marker.style
    return ""


def _lead_ins(paras: list[str]) -> list[Candidate]:
    found = []
    for i, text in enumerate(paras):
        norm = normalize_digits(text)
        for m in LEAD_IN.finditer(norm):
            rest = text[m.end() :].strip()
            intro, segments = inline_segments(rest)
            if len(segments) >= 2 and not intro:
                body = [(i, s) for s in segments]  # the points are in this paragraph
            elif not rest and i + 1 < len(paras):
                marker = detect_marker(paras[i + 1])
                if marker is None or not marker.strong:
                    continue
                body = list(enumerate(paras))[i + 1 :]
            else:
                continue
            sentence = norm[: m.end()]
            start = max(sentence.rfind(c, 0, m.start()) for c in "。；！？")
            phrase = text[start + 1 : m.end()].strip()
            year = _year_in(sentence[start + 1 :])
            if year is None and _year_in(sentence) == latest_year(paras[: i + 1]):
                year = _year_in(sentence)  # 2025年是…之年。为此，我们将…：
            own = detect_marker(text)
            style = own.style if own else _parent_style(paras, i)
            found.append(Candidate("lead_in", i, phrase, year, "", style, body, points=bool(rest)))
            break
    return found


def candidates(paras: list[str]) -> list[Candidate]:
    """Every place where the plan may start, by rule in order of preference."""
    headings = _headings(paras)
    titles = [t for t in _titles(paras) if all(h.index != t.index for h in headings)]
    return headings + titles + _lead_ins(paras)


def resolve_year(candidate: Candidate, paras: list[str]) -> int | None:
    """The candidate's plan year: named, or inferred from the text before it."""
    if candidate.year is not None:
        return candidate.year
    before = latest_year(paras[: candidate.index + 1])
    # 下一步 in a year's review means the year after it; in a speech, the year at hand.
    upcoming = _UPCOMING.search(candidate.heading) and _REVIEW_TITLE.search(paras[0])
    if candidate.rule == "heading" or _NEXT_YEAR.search(candidate.heading) or upcoming:
        if before is not None:
            candidate.inferred = "上文"
            return before + 1
        return None
    # A lead-in without a year speaks of the year of the document (今年要重点抓好…).
    year = before if before is not None else latest_year(paras)
    if year is not None:
        candidate.inferred = "文中年份"
    return year


def ends_plan(text: str) -> bool:
    """A paragraph that is not part of the plan and closes it: a new part, an appendix."""
    norm = normalize_digits(text.strip())
    return bool(_PART.match(norm)) or (
        len(norm) <= 40 and "。" not in norm and bool(_FOREIGN.search(norm))
    )
