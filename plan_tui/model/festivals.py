"""Festival days of a year (春节, 端午, 中秋, 清明, 国庆 …) for deadline phrases like ``春节前``.

Lunar festivals move every year; they are computed with lunardate (a small lunar calendar
library, 1900–2099) for the plan year. The 清明 solar term is April 4 or 5, given by the
usual formula for the 21st century. Phrases that name
a season rather than a day (``汛期前``, ``春耕前``) have no date: :data:`UNDATED` lists them
so that the importer keeps them as text and asks for a date.
"""

from __future__ import annotations

import re
from datetime import date

# Festival name (with its usual short forms) → how to find its day in a given year.
_LUNAR = {"春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "中秋": (8, 15), "重阳": (9, 9)}
_SOLAR = {
    "元旦": (1, 1),
    "五一": (5, 1),
    "劳动节": (5, 1),
    "七一": (7, 1),
    "八一": (8, 1),
    "国庆": (10, 1),
}

FESTIVAL = re.compile(
    r"(?P<name>春节|元宵|端午|中秋|重阳|清明|元旦|五一|劳动节|七一|八一|国庆)"
    r"(?:节|節)?(?:假期)?(?P<before>之前|以前|前)(?!后|後)"
)
"""``春节前``, ``国庆节前``, ``端午节之前`` … (``前后`` is a span, not a deadline)."""

UNDATED = re.compile(
    r"(?:主汛期|汛期|入汛|汛|春耕|春播|夏收|三夏|秋收|三秋|秋冬|入冬|冬季|雨季|开学|农忙)"
    r"(?:之前|以前|前)(?!后|後)"
)
"""Season phrases whose day differs by place and year: kept as text, never dated."""


def fixed_day(name: str) -> bool:
    """Whether the festival falls on the same solar day every year (国庆, 元旦 …)."""
    return name in _SOLAR


def festival_day(name: str, year: int) -> date:
    """The day of festival ``name`` (as matched by :data:`FESTIVAL`) in ``year``."""
    if name in _SOLAR:
        month, day = _SOLAR[name]
        return date(year, month, day)
    if name == "清明":
        return date(year, 4, qingming_day(year))
    from lunardate import LunarDate  # only loaded when a festival phrase appears

    month, day = _LUNAR[name]
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def qingming_day(year: int) -> int:
    """The April day of 清明 in ``year`` (2000–2099): ``[Y×0.2422+4.81]−[Y/4]``, Y = year − 2000."""
    y = year % 100
    return int(y * 0.2422 + 4.81) - y // 4
