"""The loop with the responsible units from the command palette: 下发反馈表, 导入反馈表
(its dry-run summary first, applied on confirmation) and 生成催办提醒.

The work is :mod:`plan_tui.units`'s, the same as ``plan-tui dispatch/collect/remind``;
files are read and written in workers, off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..docs.document import Document
from ..model.errors import PlanError
from .dialogs import ConfirmScreen
from .i18n import t
from .office_screens import FileNameScreen, _preview, _write_in_worker
from .replace_screen import ReplaceScreen


def open_dispatch(app) -> None:
    """Choose the week, then write one feedback sheet per unit beside the plan."""
    from ..weekly import default_week
    from .pickers import week_picker

    plan, today = app.plan, app.today()

    def chosen(week: str | None) -> None:
        if week is None:
            return
        from ..units.period import Period

        period = Period.of_week(week)
        folder = Path(app.plan_path).parent / f"反馈表-{period.label}"
        if folder.exists() and any(folder.iterdir()):
            app.push_screen(ReplaceScreen(str(folder)), lambda answer: answered(answer, period))
            return
        _write_in_worker(app, _dispatch_job(app.plan, period, folder, force=False))

    def answered(answer: str | None, period) -> None:
        if answer == "replace":
            folder = Path(app.plan_path).parent / f"反馈表-{period.label}"
            _write_in_worker(app, _dispatch_job(app.plan, period, folder, force=True))

    app.push_screen(week_picker(plan, default_week(plan, today), t("units.pick_week")), chosen)


def _dispatch_job(plan, period, folder: Path, force: bool) -> Callable[[], str]:
    def run() -> str:
        from ..docs.output import write_output
        from ..units.dispatch import dispatch_workbook
        from ..units.roster import units_in
        from ..units.sheet import file_name

        units = units_in(plan)
        if not units:
            raise PlanError(t("units.no_units"))
        for unit in units:
            write_output(
                folder / file_name(unit, period.label), dispatch_workbook(plan, unit, period), force
            )
        return t("units.dispatched", n=len(units), folder=str(folder))

    return run


def open_collect(app) -> None:
    """Ask for a returned sheet, show what collecting it would do, apply on confirmation."""

    def named(name: str | None) -> None:
        if name is None:
            return
        from ..units.collect import check_sheet, read_sheet

        try:
            sheet = read_sheet(Path(name))
        except PlanError as exc:
            app.notify(exc.one_line(), severity="error")
            return
        result = check_sheet(app.plan, sheet)
        detail = _summary(result)

        def confirmed(yes: bool | None) -> None:
            if yes:
                apply(name)

        app.push_screen(ConfirmScreen(t("units.collect_ask"), detail), confirmed)

    def apply(name: str) -> None:
        def run() -> str:
            from .. import store
            from ..units.collect import apply_rows, check_sheet, read_sheet

            sheet = read_sheet(Path(name))
            added: list[int] = []
            store.update(
                app.plan_path, lambda plan: added.append(apply_rows(plan, check_sheet(plan, sheet)))
            )
            return t("units.collected", n=sum(added))

        # the file changes on disk; the app's watch of the file takes the entries in
        _write_in_worker(app, run)

    app.push_screen(
        FileNameScreen(t("units.ask_sheet"), _folder(app), (".xlsx", ".csv"), must_exist=True),
        named,
    )


def _summary(result) -> str:
    if result.refused:
        return result.refused
    lines = [
        t(
            "units.summary",
            unit=result.unit or result.sheet.file,
            applied=result.count("applied"),
            unchanged=result.count("unchanged"),
            refused=result.count("refused"),
        )
    ]
    for row in result.rows:
        if row.outcome == "refused":
            lines.append(t("units.refused_row", row=row.row.number, reason=row.reason))
        elif row.outcome == "applied" and row.entry is not None:
            lines.append(f"{row.row.values['工作任务']}：{row.entry.text}")
    return "\n".join(lines[:20])


def open_remind(app) -> None:
    """Preview the reminders of every unit (as of today), then save them."""
    from ..units.remind import message, reminders

    plan, today = app.plan, app.today()
    found = reminders(plan, today)
    if not found:
        app.notify(t("units.nothing_to_remind"))
        return
    doc = Document(title=t("units.remind_title"))
    for reminder in found:
        for line in message(plan, reminder, today).splitlines():
            doc.paragraph(line)
    _preview(app, doc, "remind", str(Path(app.plan_path).with_name("催办提醒.docx")))


def _folder(app) -> str:
    return str(Path(app.plan_path).parent) + "/"


def units_commands(app) -> list[tuple[str, str, Callable[[], None]]]:
    """(name, help, callback) for the command palette."""
    return [
        (t("units.dispatch"), t("units.dispatch.help"), lambda: open_dispatch(app)),
        (t("units.collect"), t("units.collect.help"), lambda: open_collect(app)),
        (t("units.remind"), t("units.remind.help"), lambda: open_remind(app)),
    ]
