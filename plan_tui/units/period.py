"""The period a feedback sheet covers (an ISO week), its name and its reply-by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model.errors import PlanError
from ..weekly import parse_week, week_label, week_of


@dataclass(frozen=True)
class Period:
    """One ISO week of the 交办 → 反馈 loop."""

    week: str
    """ISO week, e.g. ``2024-W10``."""
    first: date
    """Its Monday."""
    last: date
    """Its Sunday: the date of the entries collected for it."""

    @classmethod
    def of_week(cls, week: str) -> Period:
        """The period of an ISO week written ``2024-W10``."""
        first, last = parse_week(week)
        return cls(week_of(first), first, last)

    @classmethod
    def of_day(cls, day: date) -> Period:
        """The period containing ``day``."""
        return cls.of_week(week_of(day))

    @property
    def label(self) -> str:
        """``2024年第10周``."""
        return week_label(self.week)

    @property
    def reply_by(self) -> date:
        """The day units reply by: the week's Friday, when township offices collect figures."""
        return self.first + timedelta(days=4)

    def check_in_year(self, year: int, file: str = "", where: str = "") -> None:
        """Refuse a period that does not overlap the plan's year."""
        if self.last.year < year or self.first.year > year:
            raise PlanError(f"周期 {self.label} 不在计划年度 {year} 年内", file or None, where)


def md(day: date) -> str:
    """``3月8日``."""
    return f"{day.month}月{day.day}日"
