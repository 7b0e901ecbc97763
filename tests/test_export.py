"""Ledger exports read back: .xlsx with openpyxl, .csv, .ics with icalendar, .json via the store."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from icalendar import Calendar
from review_year import AS_OF, year_plan

from plan_tui.exports import export_bytes, export_plan
from plan_tui.exports.ledger import COLUMNS
from plan_tui.model.errors import PlanError
from plan_tui.model.schedule import Health
from plan_tui.store import from_document, to_document

ROWS = 8  # 6 items and 2 measures of the fixture year


@pytest.fixture(scope="module")
def sheet():
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(year_plan(), ".xlsx", AS_OF)))
    return book.active


def test_xlsx_has_title_headers_and_one_row_per_item_and_measure(sheet):
    assert sheet["A1"].value == "XX乡2024年重点工作任务分解表"
    assert "A1:M1" in {str(r) for r in sheet.merged_cells.ranges}
    assert tuple(c.value for c in sheet[4]) == COLUMNS
    assert sheet.max_row == 4 + ROWS
    numbers = [sheet.cell(r, 1).value for r in range(5, sheet.max_row + 1)]
    assert numbers == ["1.1", "1.2", "1.3", "2.1", "2.1.1", "2.1.2", "2.2", "2.3"]
    row = {h: sheet.cell(5, c).value for c, h in enumerate(COLUMNS, 1)}
    assert row["工作任务"] == "瞄准目标，在项目落地上出实招"
    assert row["牵头领导"] == "张乡长"
    assert row["配合单位"] == "党政办"
    assert row["完成时限"] == "2024-12-31（年底前）"
    assert row["状态"] == "已完成"
    assert row["最新进展"] == "2024-06-14 新签约项目2个，其中已开工1个。"
    measure = {h: sheet.cell(9, c).value for c, h in enumerate(COLUMNS, 1)}
    assert measure["工作任务"] == "强化组织领导，落实主体责任"
    assert measure["具体措施"] == "完善指挥部工作机制"


def test_xlsx_frozen_header_print_settings_widths_and_wrapping(sheet):
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth or 1) == 1  # 1 is the default, written or not
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    assert sheet.cell(5, 4).alignment.wrap_text


def test_xlsx_prints_at_nine_points_or_more_with_rows_tall_enough(sheet):
    from plan_tui.exports.xlsx import FONT_PT, MIN_PRINT_PT, PRINTABLE_MM, units

    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(COLUMNS))]
    printed_mm = sum(w * 7 + 5 for w in widths) * 25.4 / 96
    assert PRINTABLE_MM / printed_mm >= MIN_PRINT_PT / FONT_PT - 0.005
    deadline = COLUMNS.index("完成时限")
    longest = max(
        units(sheet.cell(r, deadline + 1).value or "") for r in range(5, sheet.max_row + 1)
    )
    assert widths[deadline] >= longest  # 2024-09-30（三季度） on one line
    for r in range(5, sheet.max_row + 1):
        assert sheet.row_dimensions[r].height is not None
    # every row is tall enough for its wrapped 板块 cell (about 12 characters a line)
    width_b = sheet.column_dimensions["B"].width
    for r in range(5, sheet.max_row + 1):
        lines = -(-units(sheet.cell(r, 2).value) // (width_b - 1.5))
        assert sheet.row_dimensions[r].height >= 13.5 * lines
    assert sheet["A2"].value.startswith("填报单位：XX乡")
    assert sheet["F2"].value.startswith("联系人：")
    assert sheet["J2"].value == "截至2024年11月30日"
    assert [sheet.cell(3, c).value for c in range(2, 7)] == [
        "正常",
        "预警",
        "滞后/逾期",
        "临近",
        "暂缓",
    ]
    assert sheet.cell(3, 4).fill.start_color.rgb[2:] == "FFC7CE"


def test_latest_progress_skips_no_progress_notes():
    from datetime import date

    from plan_tui.model import LogEntry

    plan = year_plan()
    item = plan.find("1.2")[1]
    item.log.append(LogEntry(date=date(2024, 11, 1), text="本周无新进展"))
    item.log.append(LogEntry(date=date(2024, 11, 8), text="本周无进展"))
    text = export_bytes(plan, ".csv", AS_OF).decode("utf-8-sig")
    assert "本周无" not in text
    assert "2024-12-06 12月的记录不在回顾日期之内。" in text


def test_xlsx_colours_match_the_schedule_colours(sheet):
    schedule = COLUMNS.index("序时进度") + 1
    status = COLUMNS.index("状态") + 1
    fills = {
        sheet.cell(r, 1).value: sheet.cell(r, schedule).fill.start_color.rgb[2:]
        for r in range(5, 13)
    }  # ARGB: the alpha byte, which Excel ignores for a fill, differs between writers
    red = "FFC7CE"
    assert fills["1.2"] == red  # overdue since 30 June
    assert fills["2.2"] == red
    assert sheet.cell(6, schedule).value.startswith(Health.OVERDUE.label)
    assert sheet.cell(5, schedule).value == "—"  # done
    assert sheet.cell(5, status).fill.start_color.rgb[2:] == "C6EFCE"  # done is green
    assert sheet.cell(6, status).fill.start_color.rgb[2:] == "BDD7EE"  # in progress is blue
    assert sheet.cell(7, status).fill.fill_type is None  # not started stays plain


def test_csv_is_utf8_with_bom_and_has_the_same_columns():
    data = export_bytes(year_plan(), ".csv", AS_OF)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 1 + ROWS


def test_ics_has_one_todo_per_task_with_deadline_and_stable_uids():
    plan = year_plan()
    first = Calendar.from_ical(export_bytes(plan, ".ics"))
    todos = list(first.walk("VTODO"))
    assert sorted(str(t["uid"]) for t in todos) == [
        "i11@plan-tui", "i12@plan-tui", "i21@plan-tui", "i22@plan-tui",
    ]  # fmt: skip
    by_uid = {str(t["uid"]): t for t in todos}
    assert str(by_uid["i11@plan-tui"]["status"]) == "COMPLETED"
    assert str(by_uid["i12@plan-tui"]["status"]) == "IN-PROCESS"
    assert by_uid["i12@plan-tui"].decoded("due").isoformat() == "2024-06-30"
    assert str(by_uid["i12@plan-tui"]["summary"]) == "1.2 压实责任，在项目推进上下实劲"
    assert "牵头领导：王书记" in str(by_uid["i12@plan-tui"]["description"])
    again = Calendar.from_ical(export_bytes(year_plan(), ".ics"))
    assert sorted(str(t["uid"]) for t in again.walk("VTODO")) == sorted(by_uid)


def test_json_round_trips_through_the_store():
    plan = year_plan()
    text = export_bytes(plan, ".json").decode("utf-8")
    assert "瞄准目标" in text  # readable Chinese, not \\u escapes
    raw = json.loads(text)
    assert raw["tasks"][1]["deadline"] == "2024-12-31"
    assert from_document(raw, "x.json") == from_document(to_document(plan), "x")


def test_unknown_suffix_is_refused_and_nothing_written(tmp_path):
    target = tmp_path / "ledger.pdf"
    with pytest.raises(PlanError, match="不支持的导出格式"):
        export_plan(year_plan(), target, AS_OF)
    assert not target.exists()
    written = export_plan(year_plan(), tmp_path / "ledger.xlsx", AS_OF)
    assert written.exists() and list(tmp_path.iterdir()) == [written]


def test_xlsx_names_its_issuer_and_no_writer():
    import zipfile

    data = export_bytes(year_plan(), ".xlsx", AS_OF)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            text = package.read(name).lower()
            assert b"openpyxl" not in text and b"xlsxwriter" not in text, name
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert props.creator == "XX乡" and props.title == "XX乡2024年重点工作任务分解表"
