"""Pilot tests: choosing the week for the weekly pass, a log entry and the weekly report,
and the warning when today is outside the plan's year."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Select, Static
from tui_plans import TODAY, make_app, settle, write_plan

from plan_tui.tui.office_screens import PreviewScreen, open_weekly
from plan_tui.tui.week_pass import WeekPassScreen
from plan_tui.weekly import parse_week

AFTER_YEAR = date(2026, 12, 4)


def task(app, ref: str):
    found = app.plan.find(ref)
    assert found is not None, ref
    return found[1]


def shown(widget: Static) -> str:
    return str(widget.content)


def app_on(tmp_path, today: date, author: str = "张秘书"):
    app = make_app(write_plan(tmp_path))
    app.fixed_today = today
    app.author = author
    return app


async def test_weekly_pass_for_a_chosen_earlier_week_dates_its_entries_in_that_week(tmp_path):
    app = app_on(tmp_path, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted).id == "2024-W20"  # this week
        assert "默认：本周（2024年第20周）" in shown(app.screen.query_one("#pick-note", Static))
        await pilot.press("up", "up", "enter")  # two weeks back
        await pilot.pause()
        assert isinstance(app.screen, WeekPassScreen)
        assert app.screen.week == "2024-W18"
        assert "记录人：张秘书" in shown(app.screen.query_one("#wp-dated", Static))
        await pilot.press("k", "q", "enter")  # 本周无新进展 for the first task, end, confirm
        await pilot.pause()
        first = app.plan.find(app.plan.areas[0].id)[1]
        entry = first.log[-1]
        monday, sunday = parse_week("2024-W18")
        assert monday <= entry.date <= sunday and entry.author == "张秘书"


async def test_outside_the_plan_year_the_app_warns_and_offers_the_plans_last_week(tmp_path):
    app = app_on(tmp_path, AFTER_YEAR)
    notices: list[str] = []
    app.notify = lambda message, **kw: notices.append(message)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notices == [
            "注意：今天（2026-12-04）不在计划年度2024年内，周调度和进展记录默认记在2024年第52周"
        ]
        await pilot.press("w")
        await pilot.pause()
        picker = app.screen
        warning = shown(picker.query_one("#pick-warning", Static))
        assert warning == "注意：今天（2026-12-04）不在计划年度2024年内，请确认周次"
        note = shown(picker.query_one("#pick-note", Static))
        assert note == "计划年度已过，默认为计划的最后一周：2024年第52周"
        await pilot.press("down", "enter", "k", "q", "enter")  # the week of 30 and 31 December
        await pilot.pause()
        entry = app.plan.areas[0].log[-1]
        assert entry.date == date(2024, 12, 31)  # inside the plan's year, not 2026 or 2025


async def test_log_dialog_offers_the_week_and_signs_the_entry(tmp_path):
    app = app_on(tmp_path, AFTER_YEAR)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert "不在计划年度" in shown(dialog.query_one("#log-warning", Static))
        assert dialog.query_one("#week", Select).value == "2024-W52"
        assert dialog.query_one("#date", Input).value == "2024-12-27"  # that week's Friday
        assert "记录人：张秘书" in shown(dialog.query_one("#log-author", Static))
        dialog.query_one("#week", Select).value = "2024-W48"
        await pilot.pause()
        assert dialog.query_one("#date", Input).value == "2024-11-29"  # that week's Friday
        dialog.query_one("#text", Input).value = "完成年度总结"
        dialog.query_one("#text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        entry = task(app, "i12").log[-1]
        assert (entry.date, entry.text, entry.author) == (
            date(2024, 11, 29),
            "完成年度总结",
            "张秘书",
        )
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#date", Input).value = "2026-12-04"
        app.screen.query_one("#text", Input).value = "不应记到计划外"
        app.screen.query_one("#text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "日期应在计划年度2024年内" in shown(app.screen.query_one("#error", Static))
        assert task(app, "i12").log[-1].text == "完成年度总结"


async def test_entries_show_their_author_in_the_detail_pane(tmp_path):
    from tui_plans import detail_text

    app = app_on(tmp_path, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "完成调研"
        await pilot.press("enter")
        await pilot.pause()
        assert "2024-05-15 [推进中] 张秘书 完成调研" in detail_text(app)  # the note started it
        await settle(pilot)


async def test_weekly_report_from_the_palette_is_for_the_chosen_week(tmp_path):
    app = app_on(tmp_path, AFTER_YEAR)
    async with app.run_test(size=(120, 40)) as pilot:
        open_weekly(app)
        await pilot.pause()
        assert "默认为计划的最后一周" in shown(app.screen.query_one("#pick-note", Static))
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.doc.title == "XX乡重点工作推进情况周报（2024年第51周）"
        await pilot.press("escape")
        await pilot.pause()
        open_weekly(app)
        await pilot.pause()
        await pilot.press("escape")  # no week, no report
        await pilot.pause()
        assert not isinstance(app.screen, PreviewScreen)


async def test_week_changes_after_the_year_offer_todays_week_for_todays_edits(tmp_path):
    app = app_on(tmp_path, AFTER_YEAR)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("s")  # a change made today, dated 2026-12-04
        await pilot.press("W")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        last = options.get_option_at_index(options.option_count - 1)
        assert last.id == "2026-W49" and "（本周）" in str(last.prompt)
        assert options.get_option_at_index(options.highlighted).id == "2024-W52"
        await pilot.press("end", "enter")
        await pilot.pause()
        summary = shown(app.screen.query_one("#changes-summary", Static))
        assert summary == "1项任务有变化：进展记录0条，修改1处"
