"""The ledger as CSV in UTF-8 with a BOM, so that Excel and WPS read the Chinese text."""

from __future__ import annotations

import csv
import io
from datetime import date

from ..model import Plan
from .ledger import COLUMNS, ledger_rows


def csv_bytes(plan: Plan, today: date) -> bytes:
    """The ledger rows under the column headings, CRLF line ends, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in ledger_rows(plan, today):
        writer.writerow(row.cells)
    return buffer.getvalue().encode("utf-8-sig")
