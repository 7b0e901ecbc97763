"""Chinese deadline phrases (完成时限): ``6月底前``, ``年底前``, ``三季度末``, ``每月`` …

:func:`parse_deadline` reads a phrase typed by a person (``plan-tui set --deadline``, the
task form); :func:`find_deadline` finds the first deadline phrase inside a paragraph of a
plan document. The year always comes from the plan unless the phrase names one, and
every phrase without a year lands inside the plan year: ``一季度前`` and ``1月前`` (which
would fall before the year starts) mean the end of that period, ``元旦前`` the coming
New Year's Eve. Festival phrases (``春节前``, ``端午节前``) are dated for the plan year;
season phrases (``汛期前``) have no date and are found by :func:`find_undated`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .festivals import FESTIVAL, UNDATED, festival_day, fixed_day
from .numerals import CN_NUMERAL, normalize_digits, parse_cn

ACCEPTED = (
    "可用的写法：2024-06-30、6月30日、6月底（前）、6月前、6月上旬/中旬/下旬、2024年6月底、"
    "年底（前）、年内、上半年、下半年、三季度（末）、二季度前、春节前、国庆节前、"
    "每周、每月、每季度、每半年、长期"
)

Cadence = Literal["none", "weekly", "monthly", "quarterly", "half_yearly"]
"""How often a deadline comes round (the values of ``Task.recurrence``)."""


@dataclass(frozen=True)
class Deadline:
    """A deadline read from a phrase: the date, the phrase itself and any cadence."""

    date: date
    phrase: str
    recurrence: Cadence = "none"
    note: str = ""
    """How an unclear phrase was read (``一季度前`` → end of the first quarter), if it was."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _before(day: date) -> date:
    """The last day before the period starting after ``day``'s period (``6月前`` → 5/31)."""
    return date.fromordinal(day.toordinal() - 1)


_NUM = rf"[0-9{CN_NUMERAL}]{{1,3}}"
_BEFORE = r"(?:之前|以前|前)"
_YEAR = r"(?:(?P<year>\d{4})\s*年(?:度)?)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    ("every_week", re.compile(r"每(?:个)?(?:周|星期|礼拜)")),
    ("every_month", re.compile(r"每(?:个)?月(?:度)?")),
    ("every_quarter", re.compile(r"每(?:个)?季(?:度)?")),
    ("every_half", re.compile(r"每(?:个)?半年(?:度)?")),
    ("festival", FESTIVAL),
    (
        "day",
        re.compile(
            rf"{_YEAR}(?P<m>{_NUM})\s*月(?:份)?\s*(?P<d>{_NUM})\s*[日号號](?P<before>{_BEFORE})?"
        ),
    ),
    (
        "month",
        re.compile(
            rf"{_YEAR}(?P<m>{_NUM})\s*月(?:份)?"
            rf"(?P<part>底|末|上旬|中旬|下旬|初)?(?P<before>{_BEFORE})?"
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"{_YEAR}第?(?P<q>[1-4一二三四])\s*季度?(?P<part>末|底|内|中)?(?P<before>{_BEFORE})?"
        ),
    ),
    ("half", re.compile(rf"{_YEAR}(?P<h>上|下)半年(?P<part>末|底|内)?(?P<before>{_BEFORE})?")),
    (
        "year_end",
        re.compile(rf"(?:(?P<year>\d{{4}})\s*)?年(?P<part>底|末|内|中)(?P<before>{_BEFORE})?"),
    ),
    ("whole_year", re.compile(rf"{_YEAR}(?:全年|本年度?|今年内?|当年)(?P<before>{_BEFORE})?")),
    ("ongoing", re.compile(r"长期(?:坚持|推进)?|持续(?:推进|开展)?|常态化(?:推进|开展)?")),
]


_CADENCE: dict[str, Cadence] = {
    "every_week": "weekly",
    "every_month": "monthly",
    "every_quarter": "quarterly",
    "every_half": "half_yearly",
}


def _before_period(start: date, end: date, phrase_year: int | None, year: int) -> tuple[date, str]:
    """``X前`` for a period from ``start`` to ``end``: the day before it starts.

    When that day falls before the plan year (``一季度前``, ``1月前`` in the plan year),
    the phrase can only mean "by the end of that period", and the note says so.
    """
    day = _before(start)
    if phrase_year is None and day.year < year:
        return end, f"按该时段末（{end.isoformat()}）计，以落在计划年度内"
    return day, ""


def _date_for(kind: str, m: re.Match[str], year: int) -> tuple[date, Cadence, str]:
    """The date a matched phrase stands for, its recurrence and a note on how it was read."""
    groups = m.groupdict()
    named = int(groups["year"]) if groups.get("year") else None
    y = named or year
    before = bool(groups.get("before"))
    part = groups.get("part") or ""
    if kind == "iso":
        return date(int(m["y"]), int(m["m"]), int(m["d"])), "none", ""
    if kind in _CADENCE:
        return date(year, 12, 31), _CADENCE[kind], ""
    if kind in ("whole_year", "ongoing"):
        return date(y, 12, 31), "none", ""
    if kind == "festival":
        name = m["name"]
        day = festival_day(name, year)
        if day.year < year or _before(day).year < year:  # 元旦前: the one closing the year
            day = festival_day(name, year + 1)
        note = (
            "" if fixed_day(name) else f"按{day.year}年{name}（{day.month}月{day.day}日）前一天计"
        )
        return _before(day), "none", note
    if kind == "day":
        month, day_of = parse_cn(m["m"]), parse_cn(m["d"])
        if month is None or day_of is None:
            raise ValueError
        return date(y, month, day_of), "none", ""
    if kind == "month":
        month = parse_cn(m["m"])
        if month is None or not 1 <= month <= 12:
            raise ValueError
        ends = {"初": 5, "上旬": 10, "中旬": 20}
        if part in ends:
            return date(y, month, ends[part]), "none", ""
        if part or not before:
            return _month_end(y, month), "none", ""
        # 6月前: before June starts
        return _with_none(_before_period(date(y, month, 1), _month_end(y, month), named, year))
    if kind == "quarter":
        q = parse_cn(m["q"]) or 0
        if before and not part:  # 二季度前: before the quarter starts
            return _with_none(
                _before_period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), named, year)
            )
        if part == "中":
            return _month_end(y, 3 * q - 1), "none", ""
        return _month_end(y, 3 * q), "none", ""
    if kind == "half":
        first = 1 if m["h"] == "上" else 7
        if before and not part:  # 下半年前: before July starts
            return _with_none(
                _before_period(date(y, first, 1), _month_end(y, first + 5), named, year)
            )
        return _month_end(y, first + 5), "none", ""
    if kind == "year_end":
        if part == "中":
            return date(y, 6, 30), "none", ""
        return date(y, 12, 31), "none", ""
    raise ValueError


def _with_none(found: tuple[date, str]) -> tuple[date, Cadence, str]:
    """A one-off date with its note, as :func:`_date_for` returns it."""
    return found[0], "none", found[1]


def parse_deadline(text: str, year: int) -> Deadline:
    """Read a whole deadline phrase typed by a person.

    Accepts ISO dates and the Chinese forms listed in :data:`ACCEPTED`; raises
    ``ValueError`` with a one-line Chinese message when the phrase is not one of them
    or names an impossible date.
    """
    phrase = " ".join(text.split())
    norm = re.sub(r"\s+", "", normalize_digits(phrase))
    # A trailing verb is common when typing: 6月底前完成.
    core = re.sub(r"\s*(?:完成|办结|结束|到位|为止|止)$", "", norm)
    core = re.sub(r"^(?:于|在|力争|确保|截至|截止)\s*", "", core)
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(core)
        if m is None:
            continue
        try:
            day, recurrence, note = _date_for(kind, m, year)
        except ValueError:
            raise ValueError(f"时限“{phrase}”不是有效的日期。{ACCEPTED}") from None
        return Deadline(day, phrase, recurrence, note)
    if not phrase:
        raise ValueError(f"时限不能为空。{ACCEPTED}")
    raise ValueError(f"无法识别的时限“{phrase}”。{ACCEPTED}")


# --- finding a deadline inside a paragraph --------------------------------------------

_CADENCE_KINDS = ("every_week", "every_month", "every_quarter", "every_half")
_FIND_KINDS = ("iso", *_CADENCE_KINDS, "festival", "day", "month", "quarter", "half", "year_end")
_FINDER = re.compile(
    "|".join(
        f"(?P<k_{k}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', p.pattern)})"
        for k, p in _PATTERNS
        if k in _FIND_KINDS
    )
)
_PAST_BEFORE = re.compile(r"(?:截至|截止|自|从)\s*$")
_PAST_AFTER = re.compile(r"^\s*(?:以来|来|期间|以后|起|开始|[-~～]|已|共|累计)")
_RATE_AFTER = re.compile(
    r"^\s*(?:[0-9０-９]|增|收入|人均|平均|至少|不少于|均|约|可|能|发放|开展[0-9])"
)
_RATE_BEFORE = re.compile(r"(?:平均|人均|每人|每户)\s*$")


def find_deadline(text: str, year: int) -> Deadline | None:
    """The first deadline phrase in a paragraph, or ``None``.

    Skips figures that are not deadlines: dates before the plan year (``截至2023年10月底``),
    spans since a date (``6月以来``), ranges (``1－10月``) and rates (``平均每月增收``).
    """
    norm = normalize_digits(text)
    for m in _FINDER.finditer(norm):
        kind = next(k[2:] for k, v in m.groupdict().items() if k.startswith("k_") and v)
        matched = m.group(0)
        before, after = norm[: m.start()], norm[m.end() :]
        explicit = re.match(r"(\d{4})", matched)
        if explicit and int(explicit.group(1)) < year:
            continue
        if kind in _CADENCE_KINDS:
            if _RATE_BEFORE.search(before) or _RATE_AFTER.match(after):
                continue
        elif kind in ("month", "day"):
            if not re.search(r"(?:底|末|旬|初|前|[日号號])$", matched):
                continue  # a bare month (1－10月) is a figure, not a deadline
            if re.search(r"\d\s*[年-]?\s*$", before) and not explicit:
                continue  # part of a larger figure or range
            if _PAST_BEFORE.search(before[-4:]) and "前" not in matched:
                continue
        if kind not in _CADENCE_KINDS and _PAST_AFTER.match(after):
            continue
        if kind == "year_end" and re.search(r"[多近每往历去前上]$", before):
            continue  # 近年来, 多年内, 往年末
        if kind == "quarter" and re.search(r"[每上下]$", before):
            continue
        phrase = text[m.start() : m.end()]
        try:
            found = parse_deadline(phrase, year)
        except ValueError:
            continue
        if found.date.year > year:  # a later year's date in this year's plan
            end = date(year, 12, 31)
            note = f"超出{year}年计划年度，按{end.isoformat()}计"
            return Deadline(end, found.phrase, found.recurrence, note)
        return found
    return None


def find_undated(text: str) -> str | None:
    """The first season phrase without a fixed day (``汛期前``, ``春耕前``) in a paragraph."""
    m = UNDATED.search(text)
    return m.group(0) if m else None
