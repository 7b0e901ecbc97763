"""Pinyin used by search: the same readings as pypinyin's lazy_pinyin, without tones."""

from __future__ import annotations

from pathlib import Path

from pypinyin import lazy_pinyin

from plan_tui.pinyin import HAN, long_pinyin, short_pinyin, syllables

SEED = Path(__file__).resolve().parent.parent / "plans" / "sources"


def test_short_pinyin() -> None:
    assert short_pinyin("招商引资") == ("zhaoshangyinzi", "zsyz")
    assert short_pinyin("重庆") == ("chongqing", "cq")
    assert short_pinyin("文旅") == ("wenlu", "wl")  # ü as u
    assert short_pinyin("5G基站，ABC") == ("5gjizhanabc", "5gjzabc")
    assert short_pinyin("no chinese") == ("", "")


def test_long_pinyin_reads_character_by_character() -> None:
    text = "持续优化营商环境，" * 12
    full, initials = long_pinyin(text)
    assert full.startswith("chixuyouhuayingshanghuanjingchixu")
    assert initials.startswith("cxyhyshjcx")
    assert full.isascii() and initials.isascii()
    assert long_pinyin("短文本：招商引资") == ("duanwenbenzhaoshangyinzi", "dwbzsyz")


def test_same_readings_as_lazy_pinyin_on_the_seed() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in SEED.glob("*.txt"))
    lines = [line for line in text.splitlines() if line.strip()][:60]
    for line in lines:
        line = "".join(c for c in line if HAN.match(c))
        expected = [
            s.replace("ü", "u").replace("v", "u")
            for s in lazy_pinyin(line, errors="ignore")
            if s.isalpha()
        ]
        got = [s for s in syllables(line) if s.isalpha()]
        assert got == expected, line
