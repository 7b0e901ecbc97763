"""Chinese text in the detail pane breaks where Chinese typesetting allows (避头尾)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from tui_plans import make_app, write_plan

from plan_tui.model import Plan, Task
from plan_tui.tui.line_breaks import NO_LINE_END, NO_LINE_START, break_offsets, wrap

# pieces of real-looking text: characters, a character with the marks that follow it,
# an opening mark with the character after it, short Latin words and numbers
_tokens = st.one_of(
    st.sampled_from("推进项目落地园林村镇乡建设招商引资"),
    st.tuples(
        st.sampled_from("业资镇"), st.sampled_from(["，", "。", "、", "。”", "；", "）", "！"])
    ).map("".join),
    st.tuples(st.sampled_from(["“", "（", "《"]), st.sampled_from("四河林")).map("".join),
    st.sampled_from(["GDP ", "PPP", "2024年", "100%", "Keep ", "the ", "5G"]),
)
_texts = st.lists(_tokens, min_size=1, max_size=80).map("".join)


def _lines(line: str, width: int) -> list[str]:
    offsets = break_offsets(line, width)
    return [line[a:b] for a, b in zip([0, *offsets], [*offsets, len(line)], strict=True)]


@given(line=_texts, width=st.integers(8, 60))
def test_lines_fit_and_never_start_or_end_with_the_wrong_mark(line: str, width: int) -> None:
    lines = _lines(line, width)
    assert "".join(lines) == line  # nothing lost, nothing added
    assert all(cell_len(part.rstrip()) <= width for part in lines)
    assert not any(part[0] in NO_LINE_START for part in lines[1:])
    assert not any(part.rstrip()[-1] in NO_LINE_END for part in lines[:-1] if part.strip())


def test_a_mark_that_would_start_a_line_takes_the_character_before_it() -> None:
    line = "完善污水管网，分类梯次推进农村生活污水治理，提升污水收集处理率；推动农村"
    assert _lines(line, 20) == [
        "完善污水管网，分类梯",
        "次推进农村生活污水治",
        "理，提升污水收集处理",
        "率；推动农村",
    ]


def test_latin_words_break_at_spaces_only() -> None:
    assert _lines("Keep the words together", 10) == ["Keep the ", "words ", "together"]
    assert _lines("推进5G基站建设", 5) == ["推进", "5G基", "站建", "设"]


def test_wrap_keeps_styles_and_drops_the_spaces_at_a_break() -> None:
    text = Text("标题\n")
    text.append("重点工作 围绕现代农业", "bold")
    wrapped = wrap(text, 9)
    assert wrapped.plain == "标题\n重点工作\n围绕现代\n农业"
    assert all(span.style == "bold" for span in wrapped.spans)
    assert wrapped.plain.replace("\n", "") == text.plain.replace("\n", "").replace(" ", "")


async def test_the_detail_pane_starts_no_line_with_closing_punctuation(tmp_path) -> None:
    body = (
        "完善污水管网，分类梯次推进农村生活污水治理，提升全乡污水处理设施运营效率和污水"
        "收集处理率；推动农村生活垃圾源头分类减量，及时清运处置；深入推进村庄绿化美化，"
        "因地制宜打造“四小园”、乡村振兴示范带，改善农村人居环境。"
    )
    plan = Plan(year=2024, areas=[Task(id="a1", title="生态", body=body)])
    app = make_app(write_plan(tmp_path, plan=plan))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from plan_tui.tui.detail import DetailPane

        pane = app.main_screen.query_one(DetailPane)
        shown = [strip.text.rstrip() for strip in pane._strips or []]
        assert "".join(shown).count("完善污水管网") == 1
        assert "".join(shown).replace(" ", "").find(body) >= 0  # all of it, in order
        assert not [line for line in shown if line and line[0] in NO_LINE_START]
