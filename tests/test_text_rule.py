"""The one rule for text."""

from __future__ import annotations

from plan_tui.model.text_rule import forbidden_chars, visible


def test_visible_writes_out_control_characters_and_keeps_the_rest() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\x9b\x07\x00") == "\\x9b\\x07\\x00"
    assert visible("\u202eabc") == "\\u202eabc"
    kept = "招商引资\n第二行\t👍🏽 שלום e\u0301 [bold]x[/]"
    assert visible(kept) == kept


def test_forbidden_chars_lists_what_a_field_may_not_hold() -> None:
    assert forbidden_chars("ok\n\tok") == []
    assert forbidden_chars("a\x1bb\x7f\u2066") == ["\x1b", "\x7f", "\u2066"]


def test_json_escaped_writes_forbidden_characters_as_json_escapes() -> None:
    import json

    from plan_tui.model.text_rule import json_escaped

    raw = json.dumps({"t": "a\x9bb\u202ec\U0001f44d"}, ensure_ascii=False)
    escaped = json_escaped(raw)
    assert escaped == '{"t": "a\\u009bb\\u202ec\U0001f44d"}'
    assert json.loads(escaped) == {"t": "a\x9bb\u202ec\U0001f44d"}


def test_refusal_names_the_characters_written_out() -> None:
    from plan_tui.model.text_rule import refusal, strip_forbidden

    assert refusal("正常\t文字\n") == ""
    assert (
        refusal("a\x1b[2J\x07\x1b")
        == "含有不允许的控制字符 \\x1b \\x07（只能是可见文字、换行和制表符）"
    )
    assert strip_forbidden("a\x1b[2J\u202eb\n\tc") == "a[2Jb\n\tc"


def test_text_fields_refuse_what_the_rule_refuses_and_nothing_else() -> None:
    import pytest
    from pydantic import ValidationError

    from plan_tui.model import Task

    for bad, kind in [
        ("a\x1bb", "string_pattern_mismatch"),
        ("\x85", "string_pattern_mismatch"),
        ("x\u202ey", "string_pattern_mismatch"),
        ("x\ud800", "string_unicode"),
    ]:
        with pytest.raises(ValidationError) as err:
            Task(title="事项", body=bad)
        assert [(e["type"], e["loc"]) for e in err.value.errors()] == [(kind, ("body",))]
    kept = "招商引资\n第二行\t👍🏽 שלום e\u0301"
    assert Task(title="事项", body=kept).body == kept


def test_a_checked_text_carries_no_second_copy() -> None:
    """Checking a field leaves the string as it was: no UTF-8 copy is attached to it,
    which would cost a large plan megabytes for as long as it is open."""
    import sys
    from datetime import date

    from plan_tui.model import LogEntry

    note = "".join(["本周推进项目落地，完成投资", str(id(object()))])  # a new string
    size = sys.getsizeof(note)
    entry = LogEntry(date=date(2024, 3, 1), text=note)
    assert entry.text is note
    assert sys.getsizeof(entry.text) == size
