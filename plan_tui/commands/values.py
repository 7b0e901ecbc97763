"""Reading option values typed on the command line: dates, statuses, colours, progress.

Every bad value raises :class:`~plan_tui.model.errors.PlanError` with a one-line Chinese
message that names the option, so the command exits with code 2 and writes nothing.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..model import Status, parse_status
from ..model.errors import PlanError
from ..model.schedule import Health

_LIST_SEPARATORS = re.compile(r"[,，、;；]")


def split_list(text: str) -> list[str]:
    """``"司法所、派出所"`` → ``["司法所", "派出所"]`` (commas, 、 and semicolons separate)."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def parse_day(text: str, option: str) -> date:
    """An ISO date (``2024-06-30``) given to ``option``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(f"{option} 的值“{text}”不是日期，请写成 2024-06-30 的形式") from None


def today_from(text: str | None) -> date:
    """The date given with ``--today``, or today's date."""
    return parse_day(text, "--today") if text else date.today()


def parse_statuses(values: list[str] | None) -> frozenset[Status]:
    """Statuses from repeated or comma-separated ``--status`` values (codes or labels)."""
    found: set[Status] = set()
    for value in values or []:
        for part in split_list(value):
            try:
                found.add(parse_status(part))
            except ValueError as exc:
                raise PlanError(f"--status：{exc}") from None
    return frozenset(found)


def parse_health(text: str) -> Health:
    """A schedule colour by code (``warning``), label (``预警``) or colour (``yellow``)."""
    value = text.strip()
    for health in Health:
        if value in (health.value, health.label):
            return health
    by_colour = [h for h in Health if h.colour == value]
    if len(by_colour) == 1:
        return by_colour[0]
    accepted = "、".join(f"{h.value}/{h.label}" for h in Health)
    raise PlanError(f"--health：无法识别的序时状态“{text}”，可用：{accepted}")


def parse_healths(values: list[str] | None) -> frozenset[Health]:
    """Colours from repeated or comma-separated ``--health`` values."""
    return frozenset(parse_health(part) for value in values or [] for part in split_list(value))


def parse_progress(text: str, file: Path | str | None = None, where: str = "") -> int:
    """A progress percentage 0–100; ``40`` and ``40%`` are both accepted."""
    value = text.strip().rstrip("%％").strip()
    if not re.fullmatch(r"[0-9]{1,3}", value) or int(value) > 100:
        raise PlanError(f"进度必须是 0 到 100 之间的整数，得到“{text}”", file, where)
    return int(value)
