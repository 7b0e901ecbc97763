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
