"""Text rules of the importer: plan-section headings, titles, preamble kinds, main targets."""

from __future__ import annotations

import re

from .model import Indicator
from .model.numerals import normalize_digits

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
    m = ORG.match(normalize_digits(text.strip()))
    return m.group("org") if m else ""


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


def is_closing(text: str) -> bool:
    """The rallying close (``征途漫漫，惟有奋斗。…``) or a signature/date line."""
    return bool(_CLOSING.search(text.strip()) or _SIGNATURE.match(normalize_digits(text.strip())))


def sentences(text: str) -> list[str]:
    """Plain sentences of a body, split at ``。；！？``, without the final mark."""
    parts = re.split(r"(?<=[。；;！!？?])", text)
    return [p.strip().rstrip("。；;") for p in parts if p.strip().strip("。；;")]


# --- main targets (主要目标) ------------------------------------------------------------

_VERB = r"增长|增加|提高|提升|下降|降低|减少|达到|达|完成|控制在|保持在|稳定在|超过|不低于|不少于|突破|实现|新增"
_UNIT = (
    r"个百分点|％|%|‰|万元|亿元|元|万吨|吨|万亩|亩|万人次|人次|万人|人|户|个|家|公里|千米|米"
    r"|平方米|项|宗|件|场|次|所|座|条|台|套|处|天|倍|以上"
)
_INDICATOR = re.compile(
    rf"^(?P<name>.*?)(?P<verb>{_VERB})\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>(?:{_UNIT})?)(?P<rest>.*)$"
)
_VERB_FIRST = re.compile(
    rf"^(?P<verb>新增|完成|实现|建成|引进|培训)(?P<name>[^\d]+?)\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>(?:{_UNIT})?)(?P<rest>.*)$"
)
_NAME_NOISE = re.compile(
    r"^(?:全[乡鄉镇鎮县縣区區市]|全年|我[乡鄉镇鎮]|力争|确保|其中)+|(?:比上年|同比|年均|分别|力争|确保|要)+$"
)
_LISTED = re.compile(r"^(?P<names>[^，,；;]+?)等(?:经济|主要|各项)?指[标標](?P<rest>.*)$")


def _name(raw: str) -> str:
    return _NAME_NOISE.sub("", raw.strip(STRAY)).strip(STRAY)


def parse_targets(text: str) -> list[Indicator]:
    """Indicators in a 主要目标 paragraph, best effort; unreadable clauses are skipped."""
    head, sep, rest = text.partition("：")
    body = rest if sep and len(head) < 60 else text
    found: list[Indicator] = []
    for clause in re.split(r"[；;。]", body):
        clause = clause.strip()
        if not clause:
            continue
        listed = _LISTED.match(clause)
        if listed and not re.search(r"\d", listed.group("names")):
            target = clean_title(listed.group("rest").split("，")[0])
            for name in re.split(r"[、，,和及]", listed.group("names")):
                if _name(name):
                    found.append(Indicator(name=_name(name), target_text=target))
            continue
        for piece in re.split(r"[，,、]", clause):
            m = _INDICATOR.match(normalize_digits(piece.strip()))
            if m is None or not _name(m.group("name")):
                m = _VERB_FIRST.match(normalize_digits(piece.strip()))
            if m is None or not _name(m.group("name")):
                continue
            start = piece.strip().find(m.group("verb"))
            target_text = piece.strip()[start:].strip(STRAY)
            found.append(
                Indicator(
                    name=_name(m.group("name")),
                    target_value=float(m.group("value")),
                    target_unit=m.group("unit"),
                    target_text=target_text,
                )
            )
    return found
