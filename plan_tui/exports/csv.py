"""The ledger as CSV in UTF-8 with a BOM, so that Excel and WPS read the Chinese text.

A cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) gets a leading ``'``, as OWASP advises against CSV
injection: ``=HYPERLINK(…)`` is shown as text, never run. Control characters are
written out (``\\x1b``), as in every text output.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..model import Plan
from ..model.text_rule import visible
from .ledger import COLUMNS, ledger_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def csv_cell(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs: ``'`` before a formula start."""
    if text.startswith(FORMULA_STARTS):
        text = f"'{text}"
    return visible(text)


def csv_bytes(plan: Plan, today: date) -> bytes:
    """The ledger rows under the column headings, CRLF line ends, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)  # fixed headings
    for row in ledger_rows(plan, today):
        writer.writerow([csv_cell(c) for c in row.cells])
    return buffer.getvalue().encode("utf-8-sig")
