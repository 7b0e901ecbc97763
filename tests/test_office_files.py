"""Office files as they go up to the county: .docx package and table layout, 期号 kept in
the plan, and the 版记."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from cli_plans import run_cli
from docx.oxml.ns import qn

from plan_tui.docs.document import Document, Table
from plan_tui.docs.docx_tables import column_widths
from plan_tui.docs.docx_writer import docx_bytes, title_lines
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.review import build_review
from plan_tui.reports.weekly import build_weekly
from plan_tui.store import load, save

sys.path.insert(0, str(Path(__file__).parent))
from office_year import office_year


def test_no_writer_name_anywhere_in_the_package() -> None:
    plan = office_year()
    for doc in (
        build_weekly(plan, "2024-W20"),
        build_bulletin(plan, quarter="2024Q2"),
        build_review(plan),
    ):
        data = docx_bytes(doc)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                assert b"python-docx" not in package.read(name).lower(), name
        props = docx.Document(io.BytesIO(data)).core_properties
        assert props.author == "XX乡" and props.last_modified_by == "XX乡"
        assert props.comments == ""


def test_rows_never_split_and_headers_repeat() -> None:
    data = docx_bytes(build_weekly(office_year(), "2024-W51"))
    written = docx.Document(io.BytesIO(data))
    assert written.tables
    for table in written.tables:
        for r, row in enumerate(table.rows):
            trpr = row._tr.trPr
            assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None
            assert (trpr.find(qn("w:tblHeader")) is not None) == (r == 0)


def test_short_columns_are_never_broken_and_long_ones_are_wider() -> None:
    block = Table(
        ["编号", "事项", "责任单位（责任人）", "完成时限", "进度", "情况", "原因"],
        [
            [
                "1.1",
                "瞄准目标，在项目落地上出实招",
                "经济发展办（李明）",
                "9月30日",
                "100%",
                "逾期266天",
                "11月15日：推进公共服务中心主体工程，完成进度45%。",
            ]
        ],
    )
    widths = column_widths(block, 156)
    assert abs(sum(widths) - 156) < 0.01
    char = 10.5 * 25.4 / 72
    assert widths[3] >= 5 * char  # 9月30日 on one line
    assert widths[4] >= 3 * char  # 100%
    assert widths[1] > widths[3] and widths[6] > widths[3]


def test_titles_break_before_the_bracket() -> None:
    assert title_lines("XX乡重点工作推进情况周报（2024年第10周）") == [
        "XX乡重点工作推进情况周报",
        "（2024年第10周）",
    ]
    assert title_lines("XX乡重点工作推进情况季度通报（2024年第三季度）")[1] == "（2024年第三季度）"
    assert title_lines("短标题") == ["短标题"]


def test_issue_number_is_kept_in_the_plan(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    save(plans / "2024.toml", office_year())
    for week in ("2024-W10", "2024-W11"):
        result = run_cli(tmp_path, "weekly", "--week", week, "-o", f"{week}.docx")
        assert result.returncode == 0, result.stderr
    assert load(plans / "2024.toml").plan.settings.issues == {"2024-W10": 1, "2024-W11": 2}
    again = run_cli(tmp_path, "weekly", "--week", "2024-W10")
    assert "第1期" in again.stdout
    first = run_cli(tmp_path, "bulletin", "--month", "2024-03", "-o", "m3.md")
    assert first.returncode == 0, first.stderr
    assert "第1期" in (tmp_path / "m3.md").read_text(encoding="utf-8")


def test_sign_off_and_distribution_from_settings() -> None:
    doc = build_weekly(office_year(), "2024-W51")
    assert doc.closing == ["XX乡党政办公室", "2024年12月22日"]
    assert doc.distribution == ["抄送：县委办，县政府办。", "XX乡党政办公室　　2024年12月22日印发"]
    bare = office_year()
    bare.settings.copy_to = ""
    assert build_weekly(bare, "2024-W51").distribution[0].startswith("抄送：　")
    written = docx.Document(io.BytesIO(docx_bytes(doc)))
    texts = [p.text for p in written.paragraphs]
    assert texts[-2:] == doc.distribution


def test_empty_document_still_renders() -> None:
    assert docx_bytes(Document("标题"))


def test_calendar_repeats_recurring_items_and_marks_completion(tmp_path: Path) -> None:
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    from plan_tui.exports.ics import ics_bytes, left_out

    plan = office_year()
    calendar = Calendar.from_ical(ics_bytes(plan))
    todos = {str(t["summary"]).split()[0]: t for t in calendar.walk("VTODO")}
    assert "1" not in todos  # an area is a heading, never a to-do
    monthly = todos["1.2"]  # 每月
    rule = rrulestr(monthly["rrule"].to_ical().decode(), dtstart=monthly.decoded("dtstart"))
    ends = [d.date().isoformat() for d in rule]
    assert ends[:3] == ["2024-01-31", "2024-02-29", "2024-03-31"]
    assert len(ends) == 12 and ends[-1] == "2024-12-31"
    alarms = list(monthly.walk("VALARM"))
    assert alarms and alarms[0].decoded("trigger").days == -plan.settings.near_days
    done = [t for t in calendar.walk("VTODO") if str(t["status"]) == "COMPLETED"]
    assert done and all("completed" in t for t in done)
    assert left_out(plan) == 4  # the items of office_year without a deadline
    plans = tmp_path / "plans"
    plans.mkdir()
    save(plans / "2024.toml", plan)
    result = run_cli(tmp_path, "export", "-o", "cal.ics")
    assert "另有4项未设时限" in result.stdout


def test_quarterly_items_repeat_each_quarter() -> None:
    from datetime import date

    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    from plan_tui.exports.ics import ics_bytes
    from plan_tui.model import Plan, Task

    plan = Plan(
        year=2024,
        areas=[
            Task(id="a", title="甲", children=[Task(id="q", title="季报", recurrence="quarterly")])
        ],
    )
    todo = Calendar.from_ical(ics_bytes(plan)).walk("VTODO")[0]
    rule = rrulestr(todo["rrule"].to_ical().decode(), dtstart=todo.decoded("dtstart"))
    assert [d.date() for d in rule] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]


def test_a_paragraph_introducing_a_table_stays_with_it() -> None:
    written = docx.Document(io.BytesIO(docx_bytes(build_bulletin(office_year(), quarter="2024Q3"))))
    intro = next(p for p in written.paragraphs if p.text.endswith("到期的事项："))
    assert intro.paragraph_format.keep_with_next
    body = next(p for p in written.paragraphs if p.text.startswith("截至2024年9月30日"))
    assert not body.paragraph_format.keep_with_next


def _kept(paragraph, styles) -> bool:
    """Whether a paragraph is kept with the next one, by its own setting or its style's."""
    own = paragraph.paragraph_format.keep_with_next
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def _chains(data: bytes) -> tuple[list[int], list]:
    """The lengths of the runs of body paragraphs kept with the next one (a table ends a
    run), before the sign-off; and the paragraphs from the text's end on."""
    written = docx.Document(io.BytesIO(data))
    body = written.element.body
    items = [c for c in body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl"))]
    paragraphs = {p._p: p for p in written.paragraphs}
    issuer = next((i for i, c in enumerate(items) if c in paragraphs and
                   paragraphs[c].text == "XX乡党政办公室"), len(items))  # fmt: skip
    chains, run = [], 0
    for child in items[: max(0, issuer - 2)]:
        if child in paragraphs and _kept(paragraphs[child], written.styles):
            run += 1
        else:
            chains.append(run)
            run = 0
    chains.append(run)
    return chains, items[max(0, issuer - 2) :]


def test_headings_are_never_chained_down_the_page() -> None:
    """A heading below 一、 starts its paragraph (run in), and a heading with no text of
    its own is not kept with the next heading: at most 一、 and （一） are kept together."""
    plan = office_year()
    for doc in (
        build_weekly(plan, "2024-W51"),
        build_bulletin(plan, quarter="2024Q4"),
        build_review(plan),
    ):
        chains, _ = _chains(docx_bytes(doc))
        assert max(chains) <= 2, doc.title
    written = docx.Document(io.BytesIO(docx_bytes(build_weekly(plan, "2024-W51"))))
    run_in = next(p for p in written.paragraphs if p.text.startswith("1.筑牢生态文明绿色屏障"))
    assert run_in.text == "1.筑牢生态文明绿色屏障。12月20日：查处违法建设15宗。"
    assert run_in.style.name == "Normal"
    assert run_in.runs[0].text == "1.筑牢生态文明绿色屏障。"
    area = next(p for p in written.paragraphs if p.text.startswith("（一）稳步推进绿美"))
    assert area.style.name == "Heading 2" and _kept(area, written.styles)


def test_the_sign_off_never_stands_alone_on_the_last_page() -> None:
    """The text's last paragraph (or a table's last row) is kept with the issuer, the date
    and the 版记, so that they never start a page of their own."""
    plan = office_year()
    for doc in (build_weekly(plan, "2024-W51"), build_bulletin(plan, month="2024-09")):
        written = docx.Document(io.BytesIO(docx_bytes(doc)))
        paragraphs = written.paragraphs
        issuer = next(i for i, p in enumerate(paragraphs) if p.text == "XX乡党政办公室")
        assert not paragraphs[issuer - 1].text  # the blank line before the issuer
        for paragraph in paragraphs[issuer - 2 : -1]:
            assert _kept(paragraph, written.styles), paragraph.text
        if not paragraphs[issuer - 2].text:  # the text ends with a table
            last_row = written.tables[-1].rows[-1]
            assert all(_kept(c.paragraphs[0], written.styles) for c in last_row.cells)
    table_last = build_weekly(plan, "2024-W51")
    table_last.table(["编号", "事项"], [["1.1", "甲"], ["1.2", "乙"]])
    written = docx.Document(io.BytesIO(docx_bytes(table_last)))
    last_row = written.tables[-1].rows[-1]
    assert all(_kept(c.paragraphs[0], written.styles) for c in last_row.cells)
    assert not any(
        _kept(c.paragraphs[0], written.styles) for c in written.tables[-1].rows[-2].cells
    )
