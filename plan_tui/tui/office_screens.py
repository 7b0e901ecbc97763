"""Office commands of the command palette: review draft, weekly report, ledger export,
next year's plan.

Each asks for a file name in :class:`FileNameScreen` (and, when that file exists,
whether to replace it: :class:`ReplaceScreen`) and reports where the file went;
the review draft and the weekly report are first shown in :class:`PreviewScreen`. The
files are written in a worker thread through the same domain functions as the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, MarkdownViewer, Static

from ..docs.document import Document, to_markdown
from ..model.errors import PlanError
from ..model.text_rule import visible
from .i18n import t
from .key_bar import KeyBar
from .replace_screen import ReplaceScreen

DOCUMENT_SUFFIXES = (".docx", ".md", ".txt")
EXPORT_SUFFIXES = (".xlsx", ".csv", ".ics", ".json")


def s(key: str, **values: Any) -> str:
    """The catalogue string ``office.<key>`` in the current UI language."""
    return t(f"office.{key}", **values)


class FileNameScreen(ModalScreen[str | None]):
    """Ask for an output file name; dismisses with the name, or ``None`` when cancelled."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = """
    FileNameScreen { align: center middle; }
    FileNameScreen > Vertical {
        width: 80; height: auto; padding: 1 2; border: round $accent; background: $surface;
    }
    FileNameScreen #file-error { color: $error; height: auto; }
    FileNameScreen Horizontal { height: auto; align-horizontal: right; }
    FileNameScreen Button { margin-left: 2; }
    """

    def __init__(
        self,
        prompt: str,
        default: str,
        suffixes: tuple[str, ...],
        refuse_existing: bool = False,
        must_exist: bool = False,
        ok: str = "",
    ) -> None:
        super().__init__()
        self.ok_label = ok or s("ok")
        self.prompt, self.default = prompt, default
        self.suffixes, self.refuse_existing = suffixes, refuse_existing
        self.must_exist = must_exist

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.prompt)
            yield Input(self.default, id="file-name")
            yield Static("", id="file-error")
            with Horizontal():
                yield Button(self.ok_label, variant="primary", id="ok")
                yield Button(s("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def problem(self, name: str) -> str:
        """Why ``name`` cannot be used, or ``""`` when it can."""
        if not name:
            return s("empty")
        if not name.lower().endswith(self.suffixes):
            return s("suffix", suffixes="、".join(self.suffixes))
        if self.refuse_existing and Path(name).exists():
            return s("exists")
        if self.must_exist and not Path(name).is_file():
            return s("missing", path=name)
        return ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        name = self.query_one(Input).value.strip()
        problem = self.problem(name)
        if problem:
            self.query_one("#file-error", Static).update(problem)
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)


class PreviewScreen(Screen[None]):
    """A document as Markdown, with a key to save it to a file."""

    BINDINGS: ClassVar = [
        Binding("s", "save", "office.save", id="preview_save"),
        Binding("escape", "close", "office.close", id="preview_close"),
    ]
    DEFAULT_CSS = """
    PreviewScreen MarkdownViewer { height: 1fr; }
    """

    def __init__(self, doc: Document, on_save: Callable[[], None]) -> None:
        super().__init__()
        self.doc, self.on_save = doc, on_save

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(visible(to_markdown(self.doc)), show_table_of_contents=False)
        yield KeyBar()

    def action_save(self) -> None:
        """Ask for a file name and write the document."""
        self.on_save()

    def action_close(self) -> None:
        """Back to the plan."""
        self.dismiss(None)


def _default(app, name: str) -> str:
    """``name`` next to the plan file, as the user would type it."""
    return str(Path(app.plan_path).with_name(name))


def _write_in_worker(app, job: Callable[[], str]) -> None:
    """Run ``job`` (which writes a file and returns the message) off the UI thread."""

    def work() -> None:
        try:
            message = job()
        except PlanError as exc:
            app.call_from_thread(app.notify, exc.one_line(), severity="error")
            return
        app.call_from_thread(app.notify, message)

    app.run_worker(work, thread=True, exclusive=False, group="office")


def _ask_and_write(
    app,
    kind: str,
    default: str,
    suffixes: tuple[str, ...],
    write: Callable[[str, bool, list[str]], Path],
) -> None:
    """Ask for a file name; if the file exists ask 覆盖 / 另存为 / 取消; then write it.

    ``write(name, force, notes)`` writes the file, appends any warning to ``notes`` and
    returns its path; the notification says where it went (``office.done.<kind>``).
    """

    def job(name: str, force: bool) -> Callable[[], str]:
        def run() -> str:
            notes: list[str] = []
            done = s(f"done.{kind}", path=write(name, force, notes))
            return "；".join([done, *notes])

        return run

    def named(name: str | None) -> None:
        if name is None:
            return
        if Path(name).exists():
            app.push_screen(ReplaceScreen(name), lambda answer: answered(name, answer))
            return
        _write_in_worker(app, job(name, False))

    def answered(name: str, answer: str | None) -> None:
        if answer == "replace":
            _write_in_worker(app, job(name, True))
        elif answer == "save_as":
            app.push_screen(FileNameScreen(s(f"ask.{kind}"), name, suffixes), named)

    app.push_screen(FileNameScreen(s(f"ask.{kind}"), default, suffixes), named)


def _save_document(app, doc: Document, kind: str, default: str) -> None:
    def write(name: str, force: bool, notes: list[str]) -> Path:
        from ..docs.output import write_document

        return write_document(doc, name, force, notes)

    _ask_and_write(app, kind, default, DOCUMENT_SUFFIXES, write)


def _preview(app, doc: Document, kind: str, default: str) -> None:
    app.push_screen(PreviewScreen(doc, lambda: _save_document(app, doc, kind, default)))


def open_review(app) -> None:
    """Preview the year-end review draft, then save it."""
    from ..reports.review import build_review, default_as_of

    plan = app.plan
    doc = build_review(plan, default_as_of(plan, app.today()))
    _preview(app, doc, "review", _default(app, f"{plan.year}年工作回顾.docx"))


def open_weekly(app) -> None:
    """Choose the week (default: this week, or the plan's last week), preview its
    report, then save it."""
    from ..weekly import default_week
    from .pickers import week_picker

    plan, today = app.plan, app.today()

    def chosen(week: str | None) -> None:
        if week is None:
            return
        from ..reports.weekly import build_weekly

        doc = build_weekly(plan, week=week, today=today)
        _preview(app, doc, "weekly", _default(app, f"周报{week}.docx"))

    app.push_screen(week_picker(plan, default_week(plan, today), t("pick.weekly")), chosen)


def open_bulletin(app, quarterly: bool) -> None:
    """Choose the month (quarter), preview its bulletin, then save it."""
    from .pickers import period_picker

    plan = app.plan

    def chosen(period: str | None) -> None:
        if period is None:
            return
        from ..reports.bulletin import build_bulletin

        if quarterly:
            doc = build_bulletin(plan, quarter=period)
        else:
            doc = build_bulletin(plan, month=period)
        _preview(app, doc, "bulletin", _default(app, f"通报{period}.docx"))

    app.push_screen(period_picker(plan, app.today(), quarterly), chosen)


def open_export(app) -> None:
    """Ask for a file name and export the ledger."""
    plan, today = app.plan, app.today()

    def write(name: str, force: bool, notes: list[str]) -> Path:
        from ..exports import export_plan

        return export_plan(plan, name, today, force, notes)

    default = _default(app, f"{plan.year}年重点工作台账.xlsx")
    _ask_and_write(app, "export", default, EXPORT_SUFFIXES, write)


def open_rollover(app) -> None:
    """Ask for a file name and write next year's plan (never over an existing file)."""
    plan = app.plan

    def roll(name: str | None) -> None:
        if name is None:
            return

        def job() -> str:
            from ..rollover import rollover
            from ..store import save

            if Path(name).exists():
                raise PlanError(s("exists"), name)
            new = rollover(plan)
            save(name, new)
            return s("done.rollover", year=new.year, path=name)

        _write_in_worker(app, job)

    default = _default(app, f"{plan.year + 1}.toml")
    app.push_screen(FileNameScreen(s("ask.rollover"), default, (".toml",), True), roll)


def office_commands(app) -> list[tuple[str, str, Callable[[], None]]]:
    """(name, help, callback) for the command palette."""
    from .plan_files import open_import, open_plan
    from .units_screens import units_commands

    return [
        (s("review"), s("review.help"), lambda: open_review(app)),
        (s("weekly"), s("weekly.help"), lambda: open_weekly(app)),
        (s("bulletin_month"), s("bulletin_month.help"), lambda: open_bulletin(app, False)),
        (s("bulletin_quarter"), s("bulletin_quarter.help"), lambda: open_bulletin(app, True)),
        (s("open_plan"), s("open_plan.help"), lambda: open_plan(app)),
        (s("import"), s("import.help"), lambda: open_import(app)),
        (s("set_author"), s("set_author.help"), lambda: app.main_screen.action_set_author()),
        (s("export"), s("export.help"), lambda: open_export(app)),
        (s("rollover"), s("rollover.help"), lambda: open_rollover(app)),
        *units_commands(app),
    ]
