"""The note rules: one "no progress" rule, one duplicate rule, one sentence joiner."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from plan_tui.model.notes import (
    is_no_progress,
    join_sentences,
    note_key,
    progress_clause,
    sentence,
    unique_notes,
)

WORDS = st.sampled_from(
    ["开展", "法治培训", "2场", "查处违法建设", "15宗", "10.51亿元", "党员", "1名", "ABC", "项目"]
)
MARKS = st.sampled_from(
    ["", "。", "！", "？", "；", "…", "……", "!", "?", ".", ";", "，", ",", "...", " ", "\n"]
)
NOTES = st.lists(st.tuples(WORDS, MARKS), min_size=1, max_size=6).map(
    lambda parts: "".join(w + m for w, m in parts)
)
BAD_ENDINGS = re.compile(r"[!?.;,，、；：…！？][。]|。。|[!?;]$")


@given(st.lists(NOTES, min_size=1, max_size=5))
def test_joined_notes_read_as_clean_sentences(notes: list[str]) -> None:
    text = join_sentences(notes)
    assert "\n" not in text
    assert text.endswith("。")
    assert not BAD_ENDINGS.search(text), text
    for sentence_text in text.split("。")[:-1]:
        assert sentence_text and sentence_text[-1] not in "!?.;,，、；：…！？ "
    assert text == "".join(sentence(n) for n in notes)
    # every word of every note is kept, in order
    for note in notes:
        kept = sentence(note).replace(".", "")
        position = 0
        for word in re.findall(r"[\u4e00-\u9fffA-Za-z0-9]+", note.replace(".", "")):
            position = kept.index(word, position) + len(word)


@given(NOTES, st.sampled_from(["", "推进中"]), st.one_of(st.none(), st.integers(0, 100)))
def test_progress_clause_has_one_form(note: str, status: str, progress: int | None) -> None:
    clause = progress_clause(status, progress)
    text = sentence(note, clause)
    if clause:
        assert text.endswith(f"（{clause}）。")
        assert "。（" not in text


def test_the_defects_seen_in_reports() -> None:
    assert sentence("查处违法建设15宗!") == "查处违法建设15宗。"
    assert sentence("培训党员1名.") == "培训党员1名。"
    assert join_sentences(["开展活动…", "发放资料100份"]) == "开展活动。发放资料100份。"
    assert sentence("召开会议2次\n印发方案1份") == "召开会议2次，印发方案1份。"
    assert sentence("洽谈项目3个,计划总投资10.51亿元") == "洽谈项目3个，计划总投资10.51亿元。"
    assert sentence("开展培训2场。", "推进中，进度45%") == "开展培训2场（推进中，进度45%）。"


def test_one_no_progress_rule() -> None:
    for text in ("本周无新进展", "本周无进展", "无新进展", "暂无进展。", " 无 ", "", "本月无进展"):
        assert is_no_progress(text), text
    for text in ("无人机巡查3次", "新进展：签约1个", "暂无问题，完成检查"):
        assert not is_no_progress(text), text


def test_one_duplicate_rule() -> None:
    assert note_key("洽谈项目3个，计划总投资10.51亿元") == note_key(
        "洽谈项目3个,计划总投资10.51亿元。"
    )
    assert unique_notes(["甲。", "本周无进展", "甲", "乙"]) == ["甲。", "乙"]
