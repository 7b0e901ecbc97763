"""Chinese numerals both ways, and the numbering markers of official documents.

:func:`to_cn` writes a number (12 → 十二); :func:`parse_cn` reads one (十二 → 12, also
traditional and full-width forms). The order of levels is ``一、`` → ``（一）`` → ``1.``
→ ``（1）``; enumerations inside a paragraph read ``一是…二是…``.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("０１２３４５６７８９／．－", "0123456789/.-")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "壹": 1,
    "元": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_TENS = "十拾"
CN_NUMERAL = "〇零一壹元二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾"


def normalize_digits(text: str) -> str:
    """Full-width digits and separators as ASCII; every character keeps its position."""
    return text.translate(_FULLWIDTH)


def parse_cn(text: str) -> int | None:
    """The value of a small Chinese or Arabic numeral (``十二`` → 12, ``12`` → 12, ``拾贰`` → 12);
    ``None`` when ``text`` is not one. The reverse of :func:`to_cn`."""
    text = normalize_digits(text.strip())
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c not in _CN_TENS for c in text):
        return None
    if not any(c in _CN_TENS for c in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        return None
    head, _, tail = text.partition(next(c for c in text if c in _CN_TENS))
    if any(c in _CN_TENS for c in tail) or len(head) > 1 or len(tail) > 1:
        return None
    tens = _CN_DIGITS[head] if head else 1
    ones = _CN_DIGITS[tail] if tail else 0
    return tens * 10 + ones


def to_cn(n: int) -> str:
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
        return f"{to_cn(n)}、"
    if level == 2:
        return f"（{to_cn(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def ordinal_shi(n: int) -> str:
    """The in-paragraph enumeration word: 1 → 一是, 2 → 二是."""
    return f"{to_cn(n)}是"
