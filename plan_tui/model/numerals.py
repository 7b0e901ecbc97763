"""Chinese numerals and the numbering markers of official documents.

The order of levels is ``一、`` → ``（一）`` → ``1.`` → ``（1）``; enumerations inside a
paragraph read ``一是…二是…``.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """``n`` in Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九.

    From 100 on the Arabic number is kept (``（142）``): official numbering never gets
    that far, but a generated or imported plan may, and must not fail on it.
    """
    if n < 1:
        raise ValueError(f"中文序号从 1 开始，得到 {n}")
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def marker(level: int, n: int) -> str:
    """The numbering marker for the ``n``-th entry at ``level`` (1: 一、 2: （一） 3: 1. 4: （1））."""
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def ordinal_shi(n: int) -> str:
    """The in-paragraph enumeration word: 1 → 一是, 2 → 二是."""
    return f"{cn_numeral(n)}是"
