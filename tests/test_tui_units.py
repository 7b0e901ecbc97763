"""Unit tests of the TUI's pure parts: language choice, row layout, structure edits, copies."""

from __future__ import annotations

from rich.cells import cell_len
from tui_plans import TODAY, sample_plan

from plan_tui.session import tree_edits as structure
from plan_tui.session.cloning import clone_plan, clone_touching
from plan_tui.tui.i18n import CATALOGUES, detect_language
from plan_tui.tui.rows import fit, numbering, render_row


def test_language_from_option_then_locale(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect_language(None) == "zh"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert detect_language(None) == "en"
    assert detect_language("zh") == "zh"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert detect_language(None) == "zh"


def test_both_catalogues_have_the_same_keys():
    assert set(CATALOGUES["zh"]) == set(CATALOGUES["en"])


def test_rows_line_up_with_chinese_and_cut_long_titles():
    plan = sample_plan()
    rows = [
        render_row(task, plan, TODAY, path, 70)
        for path, task in plan.walk()
        if path.count(".") == 1
    ]
    assert {cell_len(row.plain) for row in rows} == {70}
    area = render_row(plan.areas[1], plan, TODAY, "2", 50).plain
    assert "…" in area and cell_len(area) == 50
    assert fit("招商引资", 5) == "招商…"
    assert (
        numbering("3") == "三、" and numbering("2.12") == "（十二）" and numbering("1.2.3") == "3."
    )


def test_overdue_row_is_red():
    plan = sample_plan()
    overdue = render_row(plan.find("i21")[1], plan, TODAY, "2.1", 70)
    assert any("red" in str(span.style) for span in overdue.spans)


def test_structure_edits_keep_ids():
    plan = sample_plan()
    assert structure.move(plan, "i13", -1)
    assert [t.id for t in plan.find("a1")[1].children] == ["i11", "i13", "i12"]
    assert structure.indent(plan, "i13")
    assert plan.parent_of("i13").id == "i11"
    assert not structure.indent(plan, "i11")
    assert structure.outdent(plan, "i13")
    assert [t.id for t in plan.find("a1")[1].children] == ["i11", "i13", "i12"]
    assert not structure.outdent(plan, "a1")
    structure.delete(plan, "i22")
    assert plan.find("m221") is None


def test_changes_copy_the_plan():
    plan = sample_plan()
    after = clone_plan(plan)
    after.find("i12")[1].owner = "陈静"
    structure.delete(after, "a3")
    assert plan.find("i12")[1].owner == "" and plan.find("a3") is not None


def test_a_change_to_named_tasks_copies_only_them_and_their_ancestors():
    plan = sample_plan()
    item = plan.find("i12")[1]
    after = clone_touching(plan, {"i12"})
    changed = structure.get(after, "i12")
    assert changed is not item and after.find("a1")[1] is not plan.find("a1")[1]
    assert after.find("i11")[1] is plan.find("i11")[1]  # untouched tasks are shared
    assert after.find("a2")[1] is plan.find("a2")[1]
    changed.owner = "陈静"
    changed.tags.append("重点")
    assert item.owner == "" and "重点" not in item.tags
    assert plan.find("i12")[1] is item
    assert after.model_dump()["areas"][0]["children"][1]["owner"] == "陈静"
