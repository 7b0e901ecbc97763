"""Open another plan and import a plan document, from the command palette.

The plan in memory is saved first (as on quitting: a running save is awaited, a change
on disk is merged or the plan is kept as a copy beside the file). Each runs as a worker
of the app that reads and writes files in a thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from ..model.errors import PlanError
from .i18n import t
from .office_screens import FileNameScreen, s
from .replace_screen import ReplaceScreen

IMPORT_SUFFIXES = (".docx", ".doc", ".wps", ".txt", ".md", ".markdown", ".pdf")
"""Documents :func:`plan_tui.importer.import_document` reads (by what the name ends in)."""


def _folder(app) -> str:
    """The plan's folder, with a separator, as the start of a name to type."""
    return str(Path(app.plan_path).parent / "_")[:-1]


async def switch_to(app, path: Path, notice: str) -> None:
    """Save the plan in memory, then load ``path`` (in a thread) and show it."""
    if app.save_timer is not None:
        app.save_timer.stop()
    app.resolving = True  # no autosave or reload while switching
    try:
        saves = [w for w in app.workers if w.group == "save"]
        if saves:  # (an empty list would mean every worker, this one included)
            await app.workers.wait_for_complete(saves)
        message = app.save_on_exit()
        if message:
            app.notify(message, severity="warning", timeout=15)
        loaded = await asyncio.to_thread(_load, path)
    finally:
        app.resolving = False
    if isinstance(loaded, PlanError):
        app.notify(loaded.one_line(), severity="error", timeout=15)
        return
    app.open_loaded(path, loaded)
    app.notify(notice)


def _load(path: Path):
    from .. import store

    try:
        return store.load(path)
    except PlanError as exc:
        return exc


def open_plan(app) -> None:
    """Ask for a plan file and open it in place of the current one."""

    def chosen(name: str | None) -> None:
        if name is None:
            return
        path = Path(name)
        app.run_worker(switch_to(app, path, s("done.open_plan", path=path)), group="switch")

    screen = FileNameScreen(
        s("ask.open_plan"), _folder(app), (".toml",), must_exist=True, ok=s("open")
    )
    app.push_screen(screen, chosen)


def open_import(app) -> None:
    """Ask for a document and a new plan file, import the one into the other, open it."""

    def source_chosen(name: str | None) -> None:
        if name is None:
            return
        source = Path(name)
        default = str(Path(app.plan_path).parent / f"{source.stem}.toml")

        def ask_target(name: str) -> None:
            target = FileNameScreen(s("ask.import_target"), name, (".toml",), ok=s("import_ok"))
            app.push_screen(target, target_chosen)

        def target_chosen(target_name: str | None) -> None:
            if target_name is None:
                return
            target = Path(target_name)
            if target.resolve() == Path(app.plan_path).resolve():
                app.notify(s("import_over_open"), severity="warning")
                ask_target(target_name)
            elif target.exists():  # 覆盖 / 另存为 / 取消, as for every output file
                app.push_screen(ReplaceScreen(target_name), lambda a: answered(target, a))
            else:
                app.run_worker(_import(app, source, target, False), group="switch")

        def answered(target: Path, answer: str | None) -> None:
            if answer == "replace":
                app.run_worker(_import(app, source, target, True), group="switch")
            elif answer == "save_as":
                ask_target(str(target))

        ask_target(default)

    screen = FileNameScreen(
        s("ask.import_source"), _folder(app), IMPORT_SUFFIXES, must_exist=True, ok=s("next")
    )
    app.push_screen(screen, source_chosen)


def _import_in_thread(
    source: Path, target: Path, replace: bool
) -> tuple[int, list[str]] | PlanError:
    from ..importer import import_document
    from ..store import save

    try:
        if target.exists() and not replace:
            raise PlanError(s("exists"), target)
        result = import_document(source)
        save(target, result.plan, force=replace)
    except PlanError as exc:
        return exc
    return sum(1 for _ in result.plan.tasks()), result.warnings


async def _import(app, source: Path, target: Path, replace: bool) -> None:
    done = await asyncio.to_thread(_import_in_thread, source, target, replace)
    if isinstance(done, PlanError):
        app.notify(done.one_line(), severity="error", timeout=15)
        return
    count, warnings = done
    await switch_to(app, target, s("done.import", count=count, path=target))
    if warnings:
        app.notify(t("office.import_warnings", text="；".join(warnings)), timeout=15)
