"""Toneless pinyin of Chinese text for search: full pinyin and initials.

Readings come from pypinyin's dictionaries, imported on first use. Titles and names are
read word by word (重庆 → ``chong qing``); long paragraphs character by character,
which is rougher for characters with several readings but fast enough for thousands.
ü is written ``u``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALNUM = re.compile(r"[0-9a-z]+")
_TONELESS: dict[str, str] = {}
_WORDWISE_LIMIT = 80  # characters; longer bodies get the fast character-wise reading


def _toneless(syllable: str) -> str:
    """``zhāo`` → ``zhao``; ü is written ``u`` (queries map ``v`` to ``u`` as well)."""
    plain = _TONELESS.get(syllable)
    if plain is None:
        decomposed = unicodedata.normalize("NFD", syllable)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        _TONELESS[syllable] = plain = plain.replace("ü", "u").lower()
    return plain


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin's segmenter and dictionaries, imported on first use (they load slowly)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.seg.simpleseg import seg

    return seg, PHRASES_DICT, PINYIN_DICT, RE_HANS


def _char_syllable(char: str, pinyin_dict: dict[int, str]) -> str:
    reading = pinyin_dict.get(ord(char))
    return _toneless(reading.split(",", 1)[0]) if reading else ""


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """``str.translate`` table from each Chinese character to its commonest reading."""
    _, _, chars, _ = _pypinyin()
    return {code: _toneless(reading.split(",", 1)[0]) for code, reading in chars.items()}


@lru_cache(maxsize=1)
def _initial_table() -> dict[int, str]:
    """``str.translate`` table from each Chinese character to its pinyin initial."""
    return {code: syllable[:1] for code, syllable in _char_table().items()}


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Pinyin syllables (``True``) and runs of Latin letters or digits (``False``)."""
    seg, phrases, chars, re_hans = _pypinyin()
    out: list[tuple[str, bool]] = []
    for word in seg(text):
        if not re_hans.match(word):
            out.extend((run, False) for run in _ALNUM.findall(word.casefold()))
            continue
        readings = phrases.get(word)
        if readings is not None:
            out.extend((_toneless(r[0]), True) for r in readings)
        else:
            out.extend((_char_syllable(c, chars), True) for c in word)
    return [(piece, han) for piece, han in out if piece]


def syllables(text: str) -> list[str]:
    """Toneless pinyin of ``text``, word by word so that 重庆 reads ``chong qing``.

    Runs of Latin letters and digits are kept as one piece; punctuation is dropped.
    This walks pypinyin's segmenter and phrase dictionary directly: it gives the same
    readings as ``lazy_pinyin`` about three times faster.
    """
    return [piece for piece, _ in _pieces(text)]


def _spell(text: str) -> tuple[str, str]:
    pieces = _pieces(text)
    full = "".join(piece for piece, _ in pieces)
    initials = "".join(piece[0] if han else piece for piece, han in pieces)
    return full, initials


def long_pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a body or notes, in ASCII. Short texts are read word by
    word like titles; long ones character by character (rougher for characters with
    several readings, but fast enough for thousands of paragraphs)."""
    if not HAN.search(text):
        return "", ""
    if len(text) <= _WORDWISE_LIMIT:
        return _spell(text)
    folded = text.casefold()
    # ASCII only: punctuation such as ，would make every search of the text slower
    full = folded.translate(_char_table()).encode("ascii", "ignore").decode("ascii")
    initials = folded.translate(_initial_table()).encode("ascii", "ignore").decode("ascii")
    return full, initials


def short_pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a title or a name: ``("zhaoshangyinzi", "zsyz")``."""
    return _spell(text) if HAN.search(text) else ("", "")
