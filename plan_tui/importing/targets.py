"""Main targets (主要目标): indicators read from a target paragraph, every figure kept.

``地区生产总值增长8%，城镇和农村居民人均可支配收入分别增长6%、9%以上；森林覆盖率保持在97%以上``
gives four indicators: 地区生产总值 增长8%, 城镇居民人均可支配收入 增长6%以上,
农村居民人均可支配收入 增长9%以上, 森林覆盖率 保持在97%以上. A clause's further figures
(``增长8%，力争达到10%``) stay in its indicator's text; a clause that names no figure
(``按县下达的目标任务执行``) is kept as text.
"""

from __future__ import annotations

import re

from ..model import Indicator
from ..model.numerals import normalize_digits

STRAY = " \t\u3000、，,。；;：:！!？?.．·…-—*"

_VERB = (
    r"增长|增加|提高|提升|下降|降低|减少|达到|达|完成|控制在|保持在|稳定在|超过|不低于|不少于"
    r"|不超过|突破|实现|新增"
)
_UNIT = (
    r"个百分点|％|%|‰|万元|亿元|元|万吨|吨|万亩|亩|万人次|人次|万人|人|户|个|家|公里|千米|米"
    r"|平方米|万平方米|项|宗|件|场|次|所|座|条|台|套|处|天|倍|公顷|立方米|千瓦|辆|栋|间"
)
_QUALIFIER = r"以上|左右|以内|以下|上下"
_FIGURE = rf"\d+(?:\.\d+)?\s*(?:{_UNIT})?"
_INDICATOR = re.compile(
    rf"^(?P<name>.*?)(?P<verb>{_VERB})\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>(?:{_UNIT})?)"
    rf"(?P<rest>.*)$",
    re.S,
)
_VERB_FIRST = re.compile(
    rf"^(?P<verb>新增|完成|实现|建成|引进|培训|创建|打造)(?P<name>[^\d]+?)\s*(?P<value>\d+(?:\.\d+)?)"
    rf"\s*(?P<unit>(?:{_UNIT})?)(?P<rest>.*)$",
    re.S,
)
_NAME_THEN_FIGURE = re.compile(
    rf"^(?P<name>[^\d]{{2,}}?)(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})(?P<rest>.*)$", re.S
)
_RESPECTIVELY = re.compile(
    rf"^(?P<names>[^\d]+?)分别(?P<verb>{_VERB})?\s*(?P<values>{_FIGURE}(?:\s*(?:、|和|与|及)\s*"
    rf"{_FIGURE})+)\s*(?P<rest>.*)$",
    re.S,
)
_NAME_NOISE = re.compile(
    r"^(?:\d{4}\s*年度?|全[乡鄉镇鎮县縣区區市街]|全年|今年|明年|我[乡鄉镇鎮]|力争|确保|其中|实现|"
    r"[^，,]{0,16}?目[标標](?:任[务務])?(?:是|为|為)|经济社会发展|的)+"
    r"|(?:比上年|同比|年均|分别|力争|确保|要|的)+$"
)
_LISTED = re.compile(r"^(?P<names>[^，,；;]+?)等(?:经济|主要|各项)?指[标標](?P<rest>.*)$")
_MARK = re.compile(r"^(?:[（(]?\s*[一二三四五六七八九十\d]{1,3}\s*[）)、.．]|[①-⑳])\s*")


def _name(raw: str) -> str:
    name = raw.strip(STRAY)
    for _ in range(3):  # noise can nest: 2025年全镇…目标是
        cleaned = _NAME_NOISE.sub("", name).strip(STRAY)
        if cleaned == name:
            break
        name = cleaned
    return name


def _figures(values: str) -> list[str]:
    """``6%、9%以上`` → ``["6%", "9%"]`` (the trailing qualifier is handled by the caller)."""
    return [v.strip() for v in re.split(r"、|和|与|及", values) if v.strip()]


def _names(raw: str, count: int) -> list[str]:
    """``城镇和农村居民人均可支配收入`` → the two full names, sharing the last one's tail."""
    names = [n for n in (_name(n) for n in re.split(r"[、和与及]", raw)) if n]
    if len(names) != count:
        return []
    last = names[-1]
    heads = names[:-1]
    if heads and all(len(h) == len(heads[0]) <= 3 for h in heads) and len(last) > len(heads[0]) + 1:
        tail = last[len(heads[0]) :]
        names = [h + tail for h in heads] + [last]
    return names


def _respectively(piece: str) -> list[Indicator]:
    """``A和B分别增长6%、9%以上`` → two indicators, unit and qualifier shared."""
    m = _RESPECTIVELY.match(piece)
    if m is None:
        return []
    values = _figures(m["values"])
    names = _names(m["names"], len(values))
    if not names:
        return []
    units = [re.sub(r"^[\d.\s]+", "", v) for v in values]
    shared_unit = next((u for u in reversed(units) if u), "")
    qualifier = re.match(rf"^(?:{_QUALIFIER})", m["rest"].strip())
    tail = qualifier.group(0) if qualifier else ""
    verb = m["verb"] or ""
    found = []
    for name, value, unit in zip(names, values, units, strict=True):
        number = re.match(r"\d+(?:\.\d+)?", value)
        unit = unit or shared_unit
        found.append(
            Indicator(
                name=name,
                target_value=float(number.group(0)) if number else None,
                target_unit=unit,
                target_text=f"{verb}{number.group(0) if number else value}{unit}{tail}",
            )
        )
    return found


def _one(piece: str) -> Indicator | None:
    """One indicator in a clause piece, or ``None`` when it names none."""
    for pattern in (_INDICATOR, _VERB_FIRST, _NAME_THEN_FIGURE):
        m = pattern.match(piece)
        if m is None or not _name(m["name"]):
            continue
        if pattern is _NAME_THEN_FIGURE and re.search(_VERB, m["name"]):
            continue  # 力争达到10%: a further figure of the indicator before
        start = piece.find(m["verb"]) if "verb" in m.groupdict() else m.start("value")
        return Indicator(
            name=_name(m["name"]),
            target_value=float(m["value"]),
            target_unit=m["unit"],
            target_text=piece[start:].strip(STRAY),
        )
    return None


def _pieces(clause: str) -> list[str]:
    """Comma pieces of a clause; ``A增长8%、B增长10%`` is two pieces, ``增长6%、9%`` one."""
    pieces: list[str] = []
    for piece in re.split(r"[，,]", clause):
        parts = [p for p in piece.split("、") if p.strip()]
        if len(parts) > 1 and all(
            (m := _INDICATOR.match(p.strip())) and _name(m["name"]) for p in parts
        ):
            pieces.extend(parts)
        else:
            pieces.append(piece)
    return [p.strip() for p in pieces if p.strip(STRAY)]


def parse_targets(text: str) -> list[Indicator]:
    """Indicators in a 主要目标 paragraph; each keeps every figure of its words."""
    text = normalize_digits(text)
    head, sep, rest = text.partition("：")
    body = rest if sep and len(head) < 60 and "\n" not in head else text
    found: list[Indicator] = []
    for clause in re.split(r"[；;。\n]", body):
        clause = _MARK.sub("", clause.strip()).strip()
        if not clause:
            continue
        if "：" in clause[:30]:
            clause = clause.split("：", 1)[1]
        listed = _LISTED.match(clause)
        if listed and not re.search(r"\d", listed["names"]):
            target = listed["rest"].split("，")[0].strip(STRAY)
            for name in re.split(r"[、，,和及]", listed["names"]):
                if _name(name):
                    found.append(Indicator(name=_name(name), target_text=target))
            continue
        last: Indicator | None = None
        for piece in _pieces(clause):
            many = _respectively(piece)
            if many:
                found.extend(many)
                last = many[-1]
                continue
            one = _one(piece)
            if one is not None:
                found.append(one)
                last = one
            elif last is not None and re.search(r"\d", piece):
                last.target_text += f"，{piece.strip(STRAY)}"  # 力争达到10%: same indicator
    return found


def looks_like_target(text: str) -> bool:
    """A short line naming one indicator with a figure (``1.地区生产总值增长8%；``)."""
    norm = normalize_digits(text)
    return len(norm) <= 60 and "。" not in norm.rstrip("。") and bool(parse_targets(norm))
