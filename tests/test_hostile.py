"""Hostile text through every door and every output (corpus: ``tests/data/hostile/``).

``strings.json`` holds the strings: ``refused`` ones (escape sequences, OSC 52, OSC 8,
BEL, NUL, C1, bidi overrides) no door lets in; ``kept`` ones (emoji, RTL, combining
marks, zero-width joiners, a 5,000-character title, Rich markup, formulas) every door
takes and every output keeps. Text that reached a plan before the rule (an old file)
is put in with :func:`smuggle`, past the model, to try the outputs' own defence.

Checked everywhere: no raw ESC/BEL/C1 (or any C0 but newline and tab) on the terminal,
no formula cell, no traceback, legitimate text intact.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from icalendar import Calendar
from pydantic import ValidationError

from plan_tui import store
from plan_tui.cli import main
from plan_tui.docs.output import render
from plan_tui.exports import export_bytes
from plan_tui.model import Indicator, LogEntry, Plan, Task
from plan_tui.model.text_rule import forbidden_chars, visible
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.review import build_review
from plan_tui.reports.weekly import build_weekly

HOSTILE = Path(__file__).parent / "data" / "hostile"
CORPUS = json.loads((HOSTILE / "strings.json").read_text(encoding="utf-8"))
REFUSED: dict[str, str] = CORPUS["refused"]
KEPT: dict[str, str] = CORPUS["kept"]
TODAY = date(2024, 6, 15)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# what may never reach a terminal: C0 but tab and newline, DEL, C1, bidi overrides
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_safe(text: str) -> None:
    """No control character a terminal would obey, and no Python traceback."""
    found = RAW.findall(text)
    assert not found, f"raw {found!r} in {text[:200]!r}"
    assert "Traceback" not in text


def test_corpus_holds_every_kind_named_in_the_rule() -> None:
    joined = "".join(REFUSED.values())
    for char in ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2066"):
        assert char in joined
    assert "\x1b]52;" in REFUSED["osc52_clipboard"] and "\x1b]8;" in REFUSED["osc8_hyperlink"]
    assert len(KEPT["long_title"]) == 5000
    assert {"=1+1", "@SUM(A1)", "-2+3"} <= set(KEPT.values())
    assert all(forbidden_chars(s) for s in REFUSED.values())
    assert not any(forbidden_chars(s) for s in KEPT.values())


# --- the model: every text field, every way in ------------------------------------------

TASK_TEXT = ["id", "title", "body", "lead", "unit", "owner", "deadline_text", "notes"]
TASK_TEXT += ["carried_from"]
PLAN_TEXT = ["org", "title", "source", "requirements", "targets_text"]


@pytest.mark.parametrize("name", REFUSED)
def test_the_model_refuses_refused_text_in_every_field(name: str) -> None:
    bad = REFUSED[name]
    for field in TASK_TEXT:
        with pytest.raises(ValidationError):
            Task(**{field: bad})
        with pytest.raises(ValidationError):
            setattr(Task(), field, bad)
    for field in ("partners", "tags"):
        with pytest.raises(ValidationError):
            Task(**{field: ["甲", bad]})
    for field in ("text", "author"):
        with pytest.raises(ValidationError):
            LogEntry(date=TODAY, **{field: bad})
    for field in ("name", "target_unit", "target_text", "actual_text"):
        with pytest.raises(ValidationError):
            Indicator(**{"name": "指标", field: bad})
    for field in PLAN_TEXT:
        with pytest.raises(ValidationError):
            Plan(year=2024, **{field: bad})
    with pytest.raises(ValidationError):
        Plan(year=2024, roster={"owner": [bad]})


def test_the_model_keeps_legitimate_text_exactly() -> None:
    for text in KEPT.values():
        task = Task(title=text, notes=text, partners=[text], log=[LogEntry(date=TODAY, text=text)])
        assert (task.title, task.notes, task.partners, task.log[0].text) == (
            text,
            text,
            [text],
            text,
        )
    assert Task(notes="第一行\n\t第二行").notes == "第一行\n\t第二行"


# --- a plan for the doors and outputs -------------------------------------------------


def kept_plan() -> Plan:
    """One area per kept string, its title, notes, people and a log entry all that string."""
    areas = []
    for n, (name, text) in enumerate(KEPT.items(), 1):
        item = Task(
            id=f"i{n}",
            title=text,
            body=text,
            lead=text,
            unit=text,
            owner=text,
            notes=text,
            deadline=date(2024, 6, 1),
            log=[LogEntry(date=date(2024, 6, 10), text=text, author=text)],
        )
        areas.append(Task(id=f"a{n}", title=f"{name}：{text}", children=[item]))
    return Plan(year=2024, title="XX乡2024年工作安排", areas=areas)


def smuggle(task: Task, field: str, value: str) -> None:
    """Put text in a field past the model, as an old file or another program might have."""
    task.__dict__[field] = value


def hostile_plan() -> Plan:
    """The kept plan plus one area whose every text is a refused string."""
    plan = kept_plan()
    for n, (name, text) in enumerate(REFUSED.items(), 1):
        item = Task(id=f"r{n}", deadline=date(2024, 6, 1), log=[LogEntry(date=TODAY)])
        for field in ("title", "body", "lead", "unit", "owner", "notes"):
            smuggle(item, field, text)
        smuggle(item.log[0], "text", text)
        area = Task(id=f"ra{n}")
        smuggle(area, "title", f"{name}{text}")
        area.children.append(item)
        plan.areas.append(area)
    return plan


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- the CLI's doors: set and log -----------------------------------------------------

# NUL cannot be passed in a command-line argument at all (the OS ends the string there)
ARGV_REFUSED = {k: v for k, v in REFUSED.items() if "\x00" not in v}


@pytest.mark.parametrize("name", ARGV_REFUSED)
def test_set_and_log_refuse_with_one_line_naming_the_field(name, tmp_path, capsys) -> None:
    path = tmp_path / "p.toml"
    store.save(path, kept_plan())
    before = path.read_bytes()
    bad = ARGV_REFUSED[name]
    attempts = [
        (["set", str(path), "1.1", "--title", bad], "任务 1.1 标题"),
        (["set", str(path), "1.1", "--notes", bad], "任务 1.1 备注"),
        (["set", str(path), "2.1", "--partners", f"甲、{bad}"], "任务 2.1 配合单位"),
        (["log", str(path), "1.1", bad], "任务 1.1 进展记录 内容"),
        (["log", str(path), "1.1", "走访", "--author", bad], "任务 1.1 进展记录 记录人"),
        (["set", str(path), "1.1", "--owner", "张三", "--author", bad], "任务 1.1 记录人"),
    ]
    for argv, place in attempts:
        code, out, err = run(argv, capsys)
        assert code == 2, argv
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("错误：")
        assert place in err and "不允许的控制字符" in err
        assert_safe(err)
    assert path.read_bytes() == before


def test_no_raw_control_byte_reaches_a_real_terminal_stream(tmp_path) -> None:
    """The same refusals through a real process: the bytes on stdout and stderr."""
    import subprocess
    import sys

    path = tmp_path / "p.toml"
    store.save(path, kept_plan())
    for bad in ARGV_REFUSED.values():
        done = subprocess.run(
            [sys.executable, "-m", "plan_tui", "set", str(path), "1.1", "--title", bad],
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 2 and done.stdout == b""
        text = done.stderr.decode("utf-8")
        assert_safe(text)
        assert b"\x1b" not in done.stderr and b"\xc2\x9b" not in done.stderr


def test_the_weekly_pass_refuses_control_characters_in_notes(tmp_path, capsys) -> None:
    path = tmp_path / "p.toml"
    store.save(path, kept_plan())
    before = path.read_bytes()
    answers = tmp_path / "answers.txt"
    answers.write_text(f"1.1 | 走访{REFUSED['osc8_hyperlink']} | | |\n", encoding="utf-8")
    code, out, err = run(["week", str(path), "--from", str(answers), "--week", "2024-W24"], capsys)
    assert code == 2 and out == ""
    assert "任务 1.1 的进展说明含有不允许的控制字符 \\x1b" in err
    assert_safe(err)
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", KEPT)
def test_set_and_log_take_legitimate_text_and_say_so_safely(name, tmp_path, capsys) -> None:
    path = tmp_path / "p.toml"
    store.save(path, kept_plan())
    text = KEPT[name]
    # --title=… and -- keep argparse from reading "-2+3" as an option
    code, out, err = run(["set", str(path), "1.1", f"--title={text}", f"--notes={text}"], capsys)
    assert code == 0 and err == ""
    assert_safe(out)
    code, out, err = run(["log", "--date", "2024-06-12", "--", str(path), "1.1", text], capsys)
    assert code == 0 and err == ""
    assert_safe(out)
    task = store.load(path).plan.find("1.1")[1]
    assert task.title == task.notes == task.log[-1].text == text


# --- a hand-edited plan file -------------------------------------------------------------

HAND_EDITED = {
    "plan_notes_osc52.toml": ("第67行", "任务 1.2", "notes（备注）", r"\x1b \x07"),
    "plan_log_c1.toml": ("第106行", "任务 2.1", "第1条进展记录", "text（内容）", r"\x9b"),
    "plan_title_bidi.toml": ("第38行", "任务 1.1", "title（标题）", r"\u202e"),
}


@pytest.mark.parametrize("name", HAND_EDITED)
def test_check_names_line_task_and_field_of_a_control_character(name, capsys) -> None:
    for command in ("check", "list"):
        code, out, err = run([command, str(HOSTILE / name)], capsys)
        assert code == 2 and out == ""
        assert err.count("\n") == 1
        for fragment in HAND_EDITED[name]:
            assert fragment in err, (fragment, err)
        assert_safe(err)


# --- terminal outputs ------------------------------------------------------------------


def test_list_show_and_reports_print_legitimate_text_intact(tmp_path, capsys) -> None:
    path = tmp_path / "p.toml"
    store.save(path, kept_plan())
    code, out, _ = run(["list", str(path), "--today", "2024-06-15", "--json"], capsys)
    assert code == 0
    assert_safe(out)
    titles = [r["title"] for r in json.loads(out)]
    assert all(text in titles for text in KEPT.values())
    code, out, _ = run(["list", str(path), "--today", "2024-06-15"], capsys)
    assert code == 0
    assert_safe(out)
    for n, text in enumerate(KEPT.values(), 1):
        code, out, _ = run(["show", str(path), f"{n}.1", "--today", "2024-06-15"], capsys)
        assert code == 0
        assert_safe(out)
        assert text in out
    for argv in (
        ["weekly", str(path), "--week", "2024-W24"],
        ["bulletin", str(path), "--month", "2024-06"],
        ["review", str(path), "--as-of", "2024-12-20"],
    ):
        code, out, err = run(argv, capsys)
        assert code == 0 and err == ""
        assert_safe(out)
        assert KEPT["rich_markup"] in out and KEPT["emoji"] in out


def test_text_that_got_past_the_model_is_written_out_on_the_terminal(capsys) -> None:
    """Every command's output passes visible(): a smuggled title is shown, not obeyed."""
    from plan_tui.commands.listing import render_table
    from plan_tui.commands.terminal import visible_output
    from plan_tui.reports.task_view import as_lines, describe_task

    plan = hostile_plan()
    pairs = list(plan.walk())
    with visible_output():
        lines, _ = render_table(pairs, plan, TODAY, 200, colour=True)
        print("\n".join(lines))  # the cells themselves are already visible()
        for path, task in pairs:
            print("\n".join(as_lines(describe_task(task, plan, path, TODAY))))
        print(REFUSED["osc52_clipboard"])
    out, _ = capsys.readouterr()
    # list's own colours are the only escape sequences, and they are SGR only
    assert_safe(re.sub(r"\x1b\[[0-9;]*m", "", out))
    assert r"\x1b]52;c;ZWNobyBwd25lZA==\x07复制到剪贴板" in out
    assert visible(REFUSED["bidi_override"]) in out


def test_list_json_stays_valid_json_with_smuggled_controls(tmp_path, monkeypatch, capsys):
    """Written out as \\uXXXX, not \\x9b (which JSON cannot read)."""
    from plan_tui.commands import listing

    plan = hostile_plan()
    monkeypatch.setattr(listing, "open_plan", lambda arg: (tmp_path, store.Loaded(plan, "")))
    code, out, _ = run(["list", "--json", "--today", "2024-06-15"], capsys)
    assert code == 0
    assert_safe(out)
    titles = {r["id"]: r["title"] for r in json.loads(out)}
    assert titles["r6"] == REFUSED["c1_csi"] and titles["r8"] == REFUSED["bidi_override"]


# --- file outputs -----------------------------------------------------------------------


def test_xlsx_has_no_formula_cell_and_keeps_the_text() -> None:
    notes: list[str] = []
    data = export_bytes(hostile_plan(), ".xlsx", TODAY, notes)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = []
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                values.append(cell.value)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    for text in KEPT.values():
        assert text in values  # =1+1 stays the text "=1+1"
    assert any(v.startswith("=HYPERLINK(") for v in values)
    # control characters (and bidi overrides, which Excel would obey) were dropped, and
    # the export said so
    assert not any(RAW.search(v) for v in values)
    assert notes and "已删去" in notes[0] and ".xlsx" in notes[0]


def test_csv_quotes_formula_cells_and_writes_controls_out() -> None:
    data = export_bytes(hostile_plan(), ".csv", TODAY).decode("utf-8-sig")
    assert_safe(data.replace("\r\n", "\n"))
    cells = [c for row in csv.reader(io.StringIO(data)) for c in row]
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), cell
    for text in KEPT.values():
        shown = f"'{text}" if text.startswith(FORMULA_STARTS) else text
        assert shown in cells
    assert '\'=HYPERLINK("http://evil.example","点我")' in cells
    assert visible(REFUSED["ansi_csi"]) in cells


def test_ics_is_escaped_as_rfc_5545_says_and_reads_back() -> None:
    data = export_bytes(hostile_plan(), ".ics", TODAY)
    text = data.decode("utf-8")
    assert_safe(text.replace("\r\n", "\n"))
    summaries = [str(c["SUMMARY"]) for c in Calendar.from_ical(data).walk("VTODO")]
    for n, value in enumerate(KEPT.values(), 1):
        assert f"{n}.1 {value}" in summaries
    assert "SUMMARY:12.1 =cmd|' /C calc'!A0" in text  # no , ; \\ to escape here
    # a comma, a semicolon, a backslash and line breaks are escaped on the wire and come
    # back as they were
    plan = Plan(year=2024, areas=[Task(title="甲,乙;丙\\丁", deadline=date(2024, 3, 1))])
    wire = export_bytes(plan, ".ics").decode()
    assert "SUMMARY:1 甲\\,乙\\;丙\\\\丁" in wire
    assert "DESCRIPTION:牵头领导：—\\n责任单位：—\\n责任人：—" in wire
    back = next(iter(Calendar.from_ical(wire).walk("VTODO")))
    assert str(back["SUMMARY"]) == "1 甲,乙;丙\\丁"


def test_json_escapes_controls_and_reads_back_the_same() -> None:
    plan = hostile_plan()
    text = export_bytes(plan, ".json").decode("utf-8")
    assert_safe(text)
    back = json.loads(text)
    titles = {t["id"]: t["title"] for t in back["tasks"]}
    assert titles["r1"] == REFUSED["ansi_csi"]  # exactly, through \\u escapes
    assert titles["i6"] == KEPT["rich_markup"]


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx"])
def test_reports_as_files_keep_text_and_hold_no_control_character(suffix) -> None:
    plan = hostile_plan()
    docs = [
        build_weekly(plan, "2024-W24", today=TODAY),
        build_bulletin(plan, month="2024-06"),
        build_review(plan, date(2024, 12, 20)),
    ]
    for doc in docs:
        notes: list[str] = []
        data = render(doc, suffix, notes)
        if suffix == ".docx":
            document = docx.Document(io.BytesIO(data))
            text = "\n".join(p.text for p in document.paragraphs)
            text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
            assert_safe(text)
        else:
            text = data.decode("utf-8")
            assert_safe(text)
            assert notes == []
        assert KEPT["emoji"] in text or KEPT["rich_markup"] in text, doc.title
    review = render(docs[2], suffix, [])
    shown = (
        "\n".join(p.text for p in docx.Document(io.BytesIO(review)).paragraphs)
        if suffix == ".docx"
        else review.decode()
    )
    for name in ("rich_markup", "rtl_text", "combining_marks", "zero_width_joiner"):
        assert KEPT[name] in shown, name


def test_docx_drops_what_xml_cannot_hold_and_says_so() -> None:
    notes: list[str] = []
    data = render(build_review(hostile_plan(), date(2024, 12, 20)), ".docx", notes)
    assert notes == [n for n in notes if "已删去" in n and ".docx" in n] and notes
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert_safe(xml)


# --- the TUI ------------------------------------------------------------------------------


def test_tree_rows_and_detail_pane_show_controls_written_out() -> None:
    from plan_tui.tui.detail import describe_task
    from plan_tui.tui.rows import render_row

    plan = hostile_plan()
    for path, task in plan.walk():
        row = render_row(task, plan, TODAY, path, 100).plain
        detail = describe_task(task, plan, path, TODAY).plain
        assert_safe(row)
        assert_safe(detail)
    osc52 = plan.find("r2")
    assert osc52 is not None
    detail = describe_task(osc52[1], plan, osc52[0], TODAY).plain
    assert r"\x1b]52;c;ZWNobyBwd25lZA==\x07复制到剪贴板" in detail


async def test_tui_shows_legitimate_text_as_written(tmp_path) -> None:
    from tui_plans import detail_text, make_app

    path = tmp_path / "2024.toml"
    store.save(path, kept_plan())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        for n, text in enumerate(KEPT.values(), 1):
            app.select_task(f"i{n}")
            await pilot.pause()
            shown = detail_text(app)
            assert_safe(shown)
            if n != list(KEPT).index("long_title") + 1:
                assert text in shown  # markup shown literally, emoji and RTL intact
        screen = app.export_screenshot()
        assert "[bold red]加粗[/]" in screen.replace("&#160;", " ")
        assert_safe(screen)


async def test_tui_dialogs_palette_and_week_pass_show_markup_like_titles_as_written(tmp_path):
    """A title like ``[link=http://x]…[/]`` is text: no dialog reads it as markup (which
    failed with MarkupError and closed the app)."""
    from textual.widgets import Label
    from tui_plans import make_app

    path = tmp_path / "2024.toml"
    store.save(path, kept_plan())
    app = make_app(path)
    markup = KEPT["rich_markup"]
    n = list(KEPT).index("rich_markup") + 1
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("p", "n", "x"):  # progress, log entry, delete
            app.select_task(f"i{n}")
            await pilot.press(key)
            await pilot.pause()
            title = str(app.screen.query_one(".dialog-title", Label).content)
            assert markup in title, key
            assert_safe(app.export_screenshot())
            await pilot.press("escape")
            await pilot.pause()
        for keys in (("d",), ("w", "enter")):  # dashboard, week pass (this week)
            await pilot.press(*keys)
            await pilot.pause()
            app.export_screenshot()
            await pilot.press("escape")
            await pilot.pause()
        if app.screen is not app.main_screen:  # the week pass's summary: discard it
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"加粗")
        await pilot.pause(0.3)
        app.export_screenshot()
        await pilot.press("enter")
        await pilot.pause()
        selected = app.plan.find(app.main_screen.task_tree.cursor_id)
        assert selected is not None and markup in selected[1].title


async def test_tui_error_screen_names_a_hand_edited_control_character(tmp_path) -> None:
    """The plan file holds an escape and a markup-like title: the error screen says where,
    with the escape written out and the title as text."""
    from textual.widgets import Static
    from tui_plans import make_app

    text = (HOSTILE / "plan_notes_osc52.toml").read_text(encoding="utf-8")
    path = tmp_path / "2024.toml"
    path.write_text(text.replace("压实责任，在项目推进上下实劲", "[link=http://x]压实[/link] [/]"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        message = str(app.screen.query_one("#error-message", Static).content)
        assert "第67行 任务 1.2（[link=http:/…）" in message
        assert r"notes（备注）含有不允许的控制字符 \x1b \x07" in message
        assert_safe(app.export_screenshot())


async def test_tui_form_and_log_dialog_refuse_pasted_escape_sequences(tmp_path) -> None:
    from textual import events
    from textual.widgets import Input, Static
    from tui_plans import make_app

    path = tmp_path / "2024.toml"
    store.save(path, kept_plan())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i1")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        title = form.query_one("#title", Input)
        title.focus()
        for name, bad in REFUSED.items():
            title.value = ""
            title.post_message(events.Paste(bad))  # as the terminal pastes it
            await pilot.pause()
            error = str(form.query_one("#form-error", Static).content)
            if "\r" in bad or "\n" in bad:
                continue  # a one-line field takes the first line only
            assert forbidden_chars(title.value), name
            assert error.startswith("标题：含有不允许的控制字符 "), (name, error)
            assert visible(forbidden_chars(bad)[0]) in error
            assert form.query_one("#save").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        notes = form.query_one("#notes", Input)
        title.value = "标题"
        notes.value = REFUSED["bidi_override"]
        await pilot.pause()
        assert str(form.query_one("#form-error", Static).content).startswith("备注：")
        await pilot.press("escape")
        await pilot.pause()
        assert app.plan.find("i1")[1].title == KEPT["zero_width_joiner"]
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        for name, bad in REFUSED.items():
            dialog.query_one("#text", Input).value = bad
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog, name
            assert "不允许的控制字符" in str(dialog.query_one("#error", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.plan.find("i1")[1].log) == 1
        assert_safe(app.export_screenshot())


async def test_tui_week_pass_refuses_a_note_with_control_characters(tmp_path) -> None:
    from textual.widgets import Input, Static
    from tui_plans import make_app

    path = tmp_path / "2024.toml"
    store.save(path, kept_plan())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")  # the week: this week
        await pilot.pause()
        screen = app.screen
        for bad in (REFUSED["osc52_clipboard"], REFUSED["c1_csi"]):
            await pilot.press("n")
            await pilot.pause()
            screen.query_one("#wp-note", Input).value = bad
            await pilot.press("enter")
            await pilot.pause()
            error = str(screen.query_one("#wp-error", Static).content)
            assert "不允许的控制字符" in error and screen.answers[0] is None
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")  # end the pass: the summary
        await pilot.pause()
        assert screen.mode == "summary"
        assert_safe(app.export_screenshot())


async def test_tui_asks_before_replacing_an_output_file(tmp_path) -> None:
    from textual.widgets import Input
    from tui_plans import make_app

    from plan_tui.tui.office_screens import FileNameScreen, open_export
    from plan_tui.tui.replace_screen import ReplaceScreen

    path = tmp_path / "2024.toml"
    store.save(path, kept_plan())
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"edited by hand")
    target.chmod(0o600)
    app = make_app(path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)

        async def ask_for(name: Path) -> None:
            open_export(app)
            await pilot.pause()
            app.screen.query_one(Input).value = str(name)
            await pilot.press("enter")
            await pilot.pause()

        await ask_for(target)
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.click("#cancel")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert target.read_bytes() == b"edited by hand"

        await ask_for(target)
        await pilot.click("#save_as")
        await pilot.pause()
        assert isinstance(app.screen, FileNameScreen)
        other = tmp_path / "台账2.xlsx"
        app.screen.query_one(Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert other.exists() and target.read_bytes() == b"edited by hand"

        await ask_for(target)
        await pilot.click("#replace")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert target.read_bytes().startswith(b"PK")
    assert target.stat().st_mode & 0o777 == 0o600
    assert notices == [f"已导出台账：{other}", f"已导出台账：{target}"]


# --- output files are never replaced silently -----------------------------------------

WRITERS = [
    ["export", "{plan}", "-o", "{out}.xlsx"],
    ["export", "{plan}", "-o", "{out}.csv"],
    ["weekly", "{plan}", "--week", "2024-W24", "-o", "{out}.docx"],
    ["bulletin", "{plan}", "--month", "2024-06", "-o", "{out}.md"],
    ["review", "{plan}", "--as-of", "2024-12-20", "-o", "{out}.docx"],
]


@pytest.mark.parametrize("template", WRITERS, ids=lambda t: t[0] + t[-1][-5:])
def test_an_existing_output_needs_force_and_keeps_its_mode(template, tmp_path, capsys) -> None:
    plan = tmp_path / "p.toml"
    store.save(plan, kept_plan())
    argv = [a.format(plan=plan, out=tmp_path / "输出") for a in template]
    out = Path(argv[-1])
    out.write_bytes(b"a secretary's edits")
    out.chmod(0o600)
    code, stdout, err = run(argv, capsys)
    assert code == 2 and stdout == ""
    assert err == f"错误：{out}：文件已存在，未覆盖；确需覆盖请加 --force\n"
    assert out.read_bytes() == b"a secretary's edits"
    code, stdout, err = run([*argv, "--force"], capsys)
    assert code == 0, err
    assert out.read_bytes() != b"a secretary's edits"
    assert out.stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- the importer -----------------------------------------------------------------------


def test_import_strips_control_characters_from_a_document_with_a_warning(tmp_path, capsys) -> None:
    out = tmp_path / "p.toml"
    code, stdout, err = run(
        ["import", str(HOSTILE / "source_with_controls.txt"), "-o", str(out)], capsys
    )
    assert code == 0 and err == ""
    assert_safe(stdout)
    assert r"文档里有 4 个控制字符（\x1b \x07 \x9b \u202e），已删去" in stdout
    titles = [t.title for t in store.load(out).plan.tasks()]
    assert "瞄准目标，在项目落地上出实招31m" in titles
    assert not any(forbidden_chars(t) for t in titles)


def test_import_json_refuses_control_characters_naming_task_and_field(tmp_path, capsys) -> None:
    source = tmp_path / "plan.json"
    plan = kept_plan()
    smuggle(plan.areas[0].children[0], "owner", REFUSED["bel"])
    source.write_bytes(export_bytes(plan, ".json"))
    code, out, err = run(["import", str(source), "-o", str(tmp_path / "p.toml")], capsys)
    assert code == 2 and out == ""
    assert "任务 1.1" in err and "owner（责任人）" in err and r"\x07" in err
    assert_safe(err)
    code, _, err = run(["import", str(source), "--org", REFUSED["c1_csi"]], capsys)
    assert code == 2 and "--org 含有不允许的控制字符 \\x9b" in err


def _docx_package(path: Path, document_xml: str) -> None:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        '" Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document_xml)


def _zip_bomb(path: Path) -> None:
    _docx_package(path, '<w:document xmlns:w="x"/>')
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("word/media/padding.bin", "w", force_zip64=True) as member,
    ):
        block = bytes(1 << 20)
        for _ in range(300):  # 300 MB of zeros, some 300 KB packed
            member.write(block)


MALFORMED = {
    "no_body.docx": (
        lambda p: _docx_package(
            p,
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        ),
        "不是有效的 .docx 文件",
    ),
    "not_a_zip.docx": (lambda p: p.write_bytes(b"plain text, not a zip"), "不是 zip 压缩包"),
    "bomb.docx": (_zip_bomb, "可能是压缩炸弹"),
    "fifty_mb.txt": (
        lambda p: p.write_bytes(("2024年工作安排\n一、工作\n" * 2_500_000).encode()),
        "文件过大",
    ),
    "deep.json": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "嵌套过深"),
    "deep_object.json": (
        lambda p: p.write_text('{"a":' * 100_000 + "1" + "}" * 100_000),
        "嵌套过深",
    ),
    "only_markers.txt": (
        lambda p: p.write_text(
            "2024年工作安排\n一、\n（一）\n1.\n二、\n（二）\n", encoding="utf-8"
        ),
        "只有编号",
    ),
    "only_markers.md": (lambda p: p.write_text("一、\n二、\n三、\n"), "只有编号"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(1, 256)) * 400), "无法识别文字编码"),
    "png_as.txt": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)), "二进制文件"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_import_of_a_malformed_source_gives_one_line(name, tmp_path, capsys) -> None:
    make, fragment = MALFORMED[name]
    source = tmp_path / name
    make(source)
    out = tmp_path / "p.toml"
    code, stdout, err = run(["import", str(source), "-o", str(out)], capsys)
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and err.startswith(f"错误：{source}：")
    assert fragment in err, err
    assert_safe(err)
    assert not out.exists()


def test_import_ids_stay_unique_when_digests_collide() -> None:
    from plan_tui.importing.importer import _unique_ids

    areas = [
        Task(id="tsame", title="甲", children=[Task(id="tsame", title="乙")]),
        Task(id="tsame", title="丙"),
    ]
    _unique_ids(areas, 2024)
    ids = [areas[0].id, areas[0].children[0].id, areas[1].id]
    assert ids[0] == "tsame" and len(set(ids)) == 3
    again = [Task(id="tsame", title="甲", children=[Task(id="tsame", title="乙")])]
    again.append(Task(id="tsame", title="丙"))
    _unique_ids(again, 2024)
    assert [again[0].id, again[0].children[0].id, again[1].id] == ids  # same every time


def test_import_of_many_numbered_lines_gives_unique_ids(tmp_path, capsys) -> None:
    lines = ["XX乡2024年工作安排", "一、重点工作"]
    lines += [f"（{n}）推进第{n}项工作。" for n in range(1, 100)]
    lines += ["二、其他工作", *[f"{n}.落实第{n}项措施。" for n in range(1, 100)]]
    source = tmp_path / "many.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = run(["import", str(source), "-o", str(tmp_path / "p.toml")], capsys)
    assert code == 0, err
    ids = [t.id for t in store.load(tmp_path / "p.toml").plan.tasks()]
    assert len(ids) == len(set(ids)) > 150
