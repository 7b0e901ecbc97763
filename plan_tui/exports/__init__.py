"""Exporting the ledger (工作台账) as .xlsx, .csv, .ics and .json files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..docs.output import refuse_existing, write_output
from ..model import Plan
from ..model.errors import PlanError

SUFFIXES = (".xlsx", ".csv", ".ics", ".json")


def export_bytes(
    plan: Plan, suffix: str, today: date | None = None, notes: list[str] | None = None
) -> bytes:
    """The plan exported in the format named by ``suffix`` (``.xlsx``, ``.csv``, ``.ics``, ``.json``).

    Warnings (characters an .xlsx cannot hold, dropped) are appended to ``notes``.
    """
    today = today or date.today()
    suffix = suffix.lower()
    if suffix == ".xlsx":
        from .xlsx import xlsx_bytes

        return xlsx_bytes(plan, today, notes)
    if suffix == ".csv":
        from .csv import csv_bytes

        return csv_bytes(plan, today)
    if suffix == ".ics":
        from .ics import ics_bytes

        return ics_bytes(plan)
    if suffix == ".json":
        from .json import json_bytes

        return json_bytes(plan)
    raise PlanError(f"不支持的导出格式“{suffix or '（无扩展名）'}”，可用：{'、'.join(SUFFIXES)}")


def export_plan(
    plan: Plan,
    path: str | Path,
    today: date | None = None,
    force: bool = False,
    notes: list[str] | None = None,
) -> Path:
    """Export ``plan`` to ``path`` by its suffix, atomically; nothing is written on error.

    An existing file is replaced only with ``force``; warnings are appended to ``notes``.
    """
    path = Path(path)
    refuse_existing(path, force)
    return write_output(path, export_bytes(plan, path.suffix, today, notes), force)
