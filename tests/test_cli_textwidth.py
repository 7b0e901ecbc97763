"""Column widths of Chinese text, used to line up the tables the command line prints."""

from __future__ import annotations

import pytest

from plan_tui.textwidth import fit, pad, truncate, width


@pytest.mark.parametrize(
    ("text", "columns"),
    [("", 0), ("abc", 3), ("招商引资", 8), ("（一）5G", 8), ("e\u0301", 1), ("a\tb", 2)],
)
def test_width_counts_columns(text: str, columns: int) -> None:
    assert width(text) == columns


def test_truncate_keeps_short_text() -> None:
    assert truncate("招商引资", 8) == "招商引资"


def test_truncate_cuts_with_ellipsis() -> None:
    assert truncate("持续招商引资工作", 9) == "持续招商…"
    assert width(truncate("持续招商引资工作", 9)) == 9
    # a wide character never straddles the limit
    assert truncate("持续招商引资工作", 8) == "持续招…"
    assert width(truncate("持续招商引资工作", 8)) == 7
    assert truncate("abcdef", 4, ellipsis="..") == "ab.."
    assert truncate("招商", 1) == "…"
    assert truncate("招商", 0) == ""


def test_pad_and_fit() -> None:
    assert pad("招商", 6) == "招商  "
    assert pad("招商", 6, "right") == "  招商"
    assert pad("招商", 7, "center") == " 招商  "
    assert pad("招商引资", 2) == "招商引资"
    for text in ("持续招商引资工作", "ab", "招a商b引c"):
        for columns in range(1, 12):
            assert width(fit(text, columns)) == columns
