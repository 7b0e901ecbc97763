"""Text rules of the importer: plan-section headings, titles, preamble kinds."""

from __future__ import annotations

import re

from ..model.deadlines import find_deadline, find_undated
from ..model.numerals import normalize_digits

_KIND = (
    r"(?:(?:重点|主要)?工作(?:安排|[计計][划劃]|打算|思路|要[点點]|重点|任[务務])"
    r"|重点(?:工作|任[务務])|[计計][划劃]|安排|打算)"
)
_TAIL = r"(?:[及和与與][^\s，。；]{0,8})?[：:]?"
PLAN_HEADING = re.compile(
    rf"^(?P<org>[^\d，。；：,;:！？“”]{{0,20}}?)(?P<year>\d{{4}})\s*年度?的?{_KIND}{_TAIL}$"
)
NEXT_HEADING = re.compile(rf"^(?P<org>)(?:下一步|下步|明年|今后|下一年度?|来年)的?{_KIND}{_TAIL}$")
_NOT_PLAN = re.compile(r"回顾|回顧|总结|總結|情况|情況|完成|落实|落實|执行|執行|报告|報告")

ORG = re.compile(
    r"^(?P<org>[^\d，。；：、\s]{1,20}?(?:街道办事处|街道|社区|乡|鄉|镇|鎮|县|縣|区|區|市|村))"
    r"(?:人民政府|政府|党委|黨委)?(?:\d{4}|关于|關於|下一步|明年|今后|工作)"
)

_TITLE_END = re.compile(r"[。！？!?]|[：:](?!$)")
STRAY = " \t\u3000、，,。；;：:！!？?.．·…-—*"

_REQUIREMENTS = re.compile(r"[总總][体體]要求|指[导導]思想|[总總][体體]思路|[总總][体體]目[标標]")
_TARGETS = re.compile(r"主要(?:预期|預期)?目[标標]|(?:预期|預期)目[标標]|[发發]展目[标標]")
_LEAD_IN = re.compile(r"(?:以下|如下|下列)[^。]{0,12}[：:]$")
_CLOSING = re.compile(
    r"^(?:征途漫漫|征程漫漫|惟有奋斗|唯有奋斗|让我们|讓我們|同志们|同志們|各位代表)|"
    r"让我们|讓我們|[!！]$"
)
_SIGNATURE = re.compile(
    r"^(?:[^\s，。]{2,24}(?:人民政府|委员会|委員會|办公室|辦公室|党委|黨委))$|"
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)
META_AREA = re.compile(
    r"^(?:[总總][体體]要求|指[导導]思想|[总總][体體]思路|主要(?:预期)?目[标標]|工作目[标標]|目[标標]任[务務]"
    r"|[总總][体體]目[标標])(?:[和及与][^\s]{0,8})?$"
)


def plan_heading(text: str) -> re.Match[str] | None:
    """Match ``2024年工作安排``-like heading text (numbering already removed)."""
    text = normalize_digits(text.strip())
    if len(text) > 50 or "。" in text or _NOT_PLAN.search(text):
        return None
    return PLAN_HEADING.match(text) or NEXT_HEADING.match(text)


def find_org(text: str) -> str:
    """The organisation named at the start of a title (``XX乡2024年…`` → ``XX乡``)."""
    text = re.sub(r"^(?:关于|關於|在)", "", normalize_digits(text.strip()))
    m = ORG.match(text)
    if m is None or re.fullmatch(r"[全本我该該][乡鄉镇鎮县縣区區市村]", m.group("org")):
        return ""  # 在全镇…会议上的讲话 names no organisation
    return m.group("org")


def split_title(text: str, also_semicolon: bool = False) -> tuple[str, str]:
    """Title = lead phrase up to the first ``。`` (or ``：``/``！``); body = the rest."""
    pattern = re.compile(r"[。！？!?；;]|[：:](?!$)") if also_semicolon else _TITLE_END
    m = pattern.search(text)
    if m is None:
        return clean_title(text), ""
    title, body = text[: m.start()], text[m.end() :]
    if len(title) > 80 and "；" in title:  # no lead phrase: keep the first clause only
        cut = title.index("；")
        title, body = title[:cut], title[cut + 1 :] + text[m.start() :]
    return clean_title(title), body.strip()


def split_lead_phrase(title: str, body: str) -> tuple[str, str]:
    """``坚持项目为王，全力扩大有效投资，6月底前完成…`` → the lead phrase, the rest to body.

    A point of a lead-in sentence often runs on in commas; its title ends before the
    first clause that holds a figure or a deadline.
    """
    clauses = title.split("，")
    for n in range(1, len(clauses)):
        clause = clauses[n]
        dated = find_deadline(clause, 2000) or find_undated(clause)
        if (re.search(r"[0-9０-９]", clause) or dated) and len("，".join(clauses[:n])) >= 4:
            rest = "，".join(clauses[n:])
            return "，".join(clauses[:n]), f"{rest}。{body}".rstrip("。") if body else rest
    return title, body


def clean_title(title: str) -> str:
    """No numbering leftovers or stray punctuation around a title."""
    title = title.strip(STRAY)
    # Unbalanced quotes or brackets at the edges are leftovers, balanced ones are text.
    for left, right in (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》")):
        if title.endswith(right) and title.count(left) < title.count(right):
            title = title[:-1]
        if title.startswith(left) and title.count(left) > title.count(right):
            title = title[1:]
    return title.strip(STRAY)


def is_requirements(text: str) -> bool:
    """A 总体要求 / 指导思想 paragraph."""
    return bool(_REQUIREMENTS.search(text))


def is_targets(text: str) -> bool:
    """A 主要目标 paragraph."""
    return bool(_TARGETS.search(text[:60]))


def is_lead_in(text: str) -> bool:
    """``…重点抓好以下工作：`` — announces the list, is not a task."""
    return bool(_LEAD_IN.search(text.strip()))


_FRONT_MATTER = re.compile(
    r"^[（(][^）)]*(?:通过|印发|会议|\d{1,2}\s*月\s*\d{1,2}\s*日)[^）)]*[）)]$|^各[^。]{1,40}[：:]$"
)


def is_front_matter(text: str) -> bool:
    """``（2025年1月10日镇人代会通过）`` or ``各村（社区）、镇直各单位：`` under a title."""
    return bool(_FRONT_MATTER.match(normalize_digits(text.strip())))


def is_closing(text: str) -> bool:
    """The rallying close (``征途漫漫，惟有奋斗。…``) or a signature/date line."""
    return bool(_CLOSING.search(text.strip()) or _SIGNATURE.match(normalize_digits(text.strip())))


def sentences(text: str) -> list[str]:
    """Plain sentences of a body, split at ``。；！？``, without the final mark."""
    parts = re.split(r"(?<=[。；;！!？?])", text)
    return [p.strip().rstrip("。；;") for p in parts if p.strip().strip("。；;")]
