"""The editing session without a screen: every operation, undo/redo, other writers, saving."""

from __future__ import annotations

from datetime import date

import pytest
from tui_plans import sample_plan, write_plan

from plan_tui import store
from plan_tui.model import LogEntry, Status, Task
from plan_tui.session import (
    AddLogEntry,
    AddTask,
    CopyTask,
    DeleteTask,
    Edit,
    Indent,
    MoveTask,
    MoveUnder,
    Outdent,
    PlanSession,
    Refused,
    SaveConflict,
    SetFields,
    SetProgress,
    SetStatus,
    WeekPass,
)
from plan_tui.weekly import WeekAnswer

DAY = date(2024, 5, 15)


@pytest.fixture
def session(tmp_path) -> PlanSession:
    return PlanSession(write_plan(tmp_path))


def task(session: PlanSession, ref: str) -> Task:
    return session.plan.find(ref)[1]


def ids(session: PlanSession, parent: str | None = None) -> list[str]:
    nodes = session.plan.areas if parent is None else task(session, parent).children
    return [t.id for t in nodes]


def colleague(path, ref: str, change) -> None:
    """Another writer: load the file, change one task, save."""
    loaded = store.load(path)
    change(loaded.plan.find(ref)[1])
    store.save(path, loaded.plan, expected=loaded.fingerprint)


def reload(session: PlanSession) -> list:
    loaded = session.changed_on_disk()
    assert loaded is not None
    return session.take_external(loaded)


def undo_redo_round_trip(session: PlanSession, operation) -> None:
    """Apply, undo (back to the start), redo (back to the result); no plan object that
    was replaced changes afterwards (a saver thread or the undo stack may hold it)."""
    first = session.plan
    start = first.model_dump()
    session.apply(operation)
    changed = session.plan
    result = changed.model_dump()
    assert result != start
    assert session.undo() is not None
    assert session.plan.model_dump() == start
    assert session.redo() is not None
    assert session.plan.model_dump() == result
    assert first.model_dump() == start and changed.model_dump() == result


# --- operations ------------------------------------------------------------------------


def test_progress_on_a_task_not_started_makes_it_in_progress(session):
    applied = session.apply(SetProgress("i12", 50))
    assert (task(session, "i12").status, task(session, "i12").progress) == (Status.IN_PROGRESS, 50)
    assert applied.touched == frozenset({"i12"}) and applied.label == "change.progress"
    session.apply(SetProgress("i12", 100))
    assert task(session, "i12").status == Status.DONE


def test_done_makes_progress_100(session):
    session.apply(SetStatus("i12", Status.DONE))
    assert task(session, "i12").progress == 100


def test_form_values_settle_status_from_progress(session):
    session.apply(SetFields("i12", {"owner": "陈静", "progress": 30, "status": Status.NOT_STARTED}))
    changed = task(session, "i12")
    assert (changed.owner, changed.progress, changed.status) == ("陈静", 30, Status.IN_PROGRESS)


def test_a_log_entry_starts_a_task_and_sets_its_progress(session):
    entry = LogEntry(date=date(2024, 5, 15), text="召开推进会", progress=20, author="李秘书")
    session.apply(AddLogEntry("i12", entry))
    changed = task(session, "i12")
    assert changed.log == [entry.model_copy(update={"status": Status.IN_PROGRESS})]
    assert (changed.status, changed.progress) == (Status.IN_PROGRESS, 20)


def test_a_no_progress_entry_starts_nothing_and_records_no_status(session):
    entry = LogEntry(date=date(2024, 5, 15), text="本周无新进展")
    session.apply(AddLogEntry("i12", entry))
    changed = task(session, "i12")
    assert (changed.status, changed.progress) == (Status.NOT_STARTED, 0)
    assert changed.log == [entry]
    session.apply(AddLogEntry("i12", LogEntry(date=date(2024, 5, 16), text="入户走访")))
    assert task(session, "i12").status == Status.IN_PROGRESS


def test_an_edit_never_changes_the_plan_it_started_from(session):
    before = session.plan
    item = before.find("i12")[1]
    session.apply(SetFields("i12", {"owner": "陈静"}))
    assert item.owner == "" and before.find("i12")[1] is item
    assert session.plan is not before
    assert session.plan.find("i11")[1] is before.find("i11")[1]  # untouched tasks shared


def test_add_sibling_child_and_area(session):
    session.apply(AddTask(Task(id="n1", title="新增一"), "i11"))
    assert ids(session, "a1") == ["i11", "n1", "i12", "i13"]
    session.apply(AddTask(Task(id="n2", title="新增二"), "i22", as_child=True))
    assert ids(session, "i22") == ["m221", "m222", "n2"]
    session.apply(AddTask(Task(id="n3", title="新领域")))
    assert ids(session)[-1] == "n3"


def test_move_indent_outdent_and_their_refusals(session):
    session.apply(MoveTask("i13", -1))
    assert ids(session, "a1") == ["i11", "i13", "i12"]
    session.apply(Indent("i13"))
    assert ids(session, "i11") == ["i13"]
    session.apply(Outdent("i13"))
    assert ids(session, "a1") == ["i11", "i13", "i12"]
    for refused in (MoveTask("i11", -1), Indent("i11"), Outdent("a1"), SetProgress("i11", 101)):
        with pytest.raises(Refused):
            session.apply(refused)
    with pytest.raises(Refused) as info:
        session.apply(SetStatus("nope", Status.DONE))
    assert "不存在" in str(info.value)


def test_delete_move_under_and_copy(session):
    session.apply(DeleteTask("i22"))
    assert session.plan.find("m221") is None
    session.apply(MoveUnder("i13", "a3", DAY, "张秘书"))
    assert ids(session, "a3")[-1] == "i13" and "i13" not in ids(session, "a1")
    assert task(session, "i13").changes[-1].author == "张秘书"  # the move is in its history
    with pytest.raises(Refused):
        session.apply(MoveUnder("a1", "i11", DAY))  # under its own child
    session.apply(CopyTask.of(session.plan, "i11", DAY))
    copy = session.plan.find("1.2")[1]
    assert copy.title == task(session, "i11").title and copy.id != "i11" and copy.log == []
    assert (copy.status, copy.progress) == (Status.NOT_STARTED, 0)


def test_week_pass_and_any_edit_are_one_step_each(session):
    answers = (WeekAnswer("i12", "note", text="完成入户走访"),)
    session.apply(WeekPass(answers, "2024-W20", date(2024, 5, 15)))
    assert task(session, "i12").log[-1].text == "完成入户走访"
    session.apply(Edit(lambda p: setattr(p, "title", "新标题")))
    assert session.plan.title == "新标题"
    session.undo()
    session.undo()
    assert session.plan.title != "新标题" and task(session, "i12").log == []


@pytest.mark.parametrize(
    "operation",
    [
        SetFields("i11", {"owner": "陈静", "partners": ["财政所"], "progress": 60}),
        SetStatus("i11", Status.DONE),
        SetProgress("i12", 50),
        AddLogEntry("i11", LogEntry(date=date(2024, 5, 15), text="签约", progress=50)),
        AddTask(Task(id="n1", title="新增"), "i11"),
        AddTask(
            Task(id="n2", title="新增", children=[Task(id="n3", title="措施")]),
            "i22",
            as_child=True,
        ),
        DeleteTask("a2"),
        MoveTask("i12", 1),
        Indent("i13"),
        Outdent("m222"),
        MoveUnder("i11", "a3", date(2024, 5, 15)),
        Edit(lambda p: setattr(p, "requirements", "总体要求")),
    ],
    ids=lambda op: type(op).__name__,
)
def test_every_operation_undoes_and_redoes_exactly(session, operation):
    undo_redo_round_trip(session, operation)


def test_copy_undoes_and_redoes(session):
    undo_redo_round_trip(session, CopyTask.of(session.plan, "i22", DAY))


def test_a_new_edit_drops_the_redo_stack(session):
    session.apply(SetStatus("i12", Status.DONE))
    session.undo()
    session.apply(SetStatus("i13", Status.DONE))
    assert session.redo() is None
    assert session.undo() is not None and session.undo() is None


# --- other writers ---------------------------------------------------------------------


def test_reload_when_nothing_is_unsaved_is_not_an_undo_step(session):
    colleague(session.path, "i13", lambda t: setattr(t, "owner", "孙丽"))
    assert reload(session) == []
    assert task(session, "i13").owner == "孙丽" and not session.dirty
    assert session.undo() is None


def test_undo_after_a_colleagues_log_entry_keeps_the_entry(session):
    """The data-loss case: our edit, their log entry on the same task, our undo."""
    session.apply(SetFields("i12", {"owner": "陈静"}))
    session.save()
    entry = LogEntry(date=date(2024, 5, 16), text="同事记录的进展", author="王同事")
    colleague(session.path, "i12", lambda t: t.log.append(entry))
    assert reload(session) == []
    assert session.undo() is not None
    assert task(session, "i12").owner == "" and task(session, "i12").log == [entry]
    session.save()
    saved = store.load(session.path).plan.find("i12")[1]
    assert saved.log == [entry] and saved.owner == ""


def test_undo_of_our_log_entry_keeps_theirs(session):
    ours = LogEntry(date=date(2024, 5, 15), text="我们的")
    theirs = LogEntry(date=date(2024, 5, 16), text="他们的")
    session.apply(AddLogEntry("i11", ours))
    session.save()
    colleague(session.path, "i11", lambda t: t.log.append(theirs))
    reload(session)
    session.undo()
    assert task(session, "i11").log[-1] == theirs and ours not in task(session, "i11").log


def test_undo_is_refused_when_someone_changed_the_same_field(session):
    session.apply(SetFields("i12", {"owner": "陈静"}))
    session.save()
    colleague(session.path, "i12", lambda t: setattr(t, "owner", "孙丽"))
    reload(session)
    before = session.plan
    with pytest.raises(Refused) as info:
        session.undo()
    assert "责任人" in str(info.value) and "他人" in str(info.value)
    assert session.plan is before and task(session, "i12").owner == "孙丽"
    assert len(session.undo_stack) == 1  # still there, nothing lost


def test_undo_of_an_add_is_refused_when_someone_added_a_subtask(session):
    session.apply(AddTask(Task(id="n1", title="新增"), "i11"))
    session.save()
    colleague(session.path, "n1", lambda t: t.children.append(Task(id="c1", title="同事的")))
    reload(session)
    with pytest.raises(Refused):
        session.undo()
    assert session.plan.find("c1") is not None


def test_undo_of_a_delete_comes_back_after_others_edit_elsewhere(session):
    session.apply(DeleteTask("i22"))
    session.save()
    colleague(session.path, "i21", lambda t: setattr(t, "owner", "孙丽"))
    reload(session)
    session.undo()
    assert ids(session, "a2") == ["i21", "i22"] and ids(session, "i22") == ["m221", "m222"]
    assert task(session, "i21").owner == "孙丽"


def test_unsaved_edits_merge_with_others_task_by_task(session):
    session.apply(SetStatus("i12", Status.IN_PROGRESS))
    colleague(session.path, "i12", lambda t: setattr(t, "owner", "孙丽"))  # same task
    colleague(session.path, "i31", lambda t: setattr(t, "notes", "县里已验收"))
    assert reload(session) == []
    assert task(session, "i12").status == Status.IN_PROGRESS
    assert task(session, "i12").owner == "孙丽" and task(session, "i31").notes == "县里已验收"
    assert session.dirty
    session.save()
    saved = store.load(session.path).plan
    assert saved.find("i12")[1].status == Status.IN_PROGRESS
    assert saved.find("i12")[1].owner == "孙丽"


def test_the_same_field_on_both_sides_is_a_conflict_and_changes_nothing(session):
    session.apply(SetStatus("i12", Status.IN_PROGRESS))
    colleague(session.path, "i12", lambda t: setattr(t, "status", Status.DELAYED))
    before = session.plan
    loaded = session.changed_on_disk()
    conflicts = session.take_external(loaded)
    assert [(c.task_id, c.field) for c in conflicts] == [("i12", "status")]
    assert session.plan is before
    session.resolve(loaded, keep_ours=False)
    assert task(session, "i12").status == Status.DELAYED
    session.apply(SetStatus("i12", Status.IN_PROGRESS))
    colleague(session.path, "i12", lambda t: setattr(t, "status", Status.SUSPENDED))
    session.resolve(session.changed_on_disk(), keep_ours=True)
    assert task(session, "i12").status == Status.IN_PROGRESS


# --- saving ----------------------------------------------------------------------------


def test_save_writes_and_cleans(session):
    session.apply(SetProgress("i12", 50))
    assert session.dirty
    assert session.save() is None
    assert not session.dirty
    assert store.load(session.path).plan.find("i12")[1].progress == 50


def test_save_takes_in_others_changes_to_other_tasks(session):
    session.apply(SetProgress("i12", 50))
    colleague(session.path, "i31", lambda t: setattr(t, "notes", "县里已验收"))
    applied = session.save()
    assert applied is not None  # the plan in memory now holds their change too
    assert task(session, "i31").notes == "县里已验收" and not session.dirty
    saved = store.load(session.path).plan
    assert saved.find("i31")[1].notes == "县里已验收" and saved.find("i12")[1].progress == 50


def test_save_refuses_to_overwrite_the_same_field(session):
    session.apply(SetProgress("i12", 50))
    colleague(session.path, "i12", lambda t: setattr(t, "progress", 70))
    on_disk = session.path.read_bytes()
    with pytest.raises(SaveConflict) as info:
        session.save()
    assert info.value.conflicts[0].field == "progress"
    assert session.path.read_bytes() == on_disk and session.dirty
    session.force_ours()
    session.save()
    assert store.load(session.path).plan.find("i12")[1].progress == 50


def test_edits_made_while_a_save_runs_stay_unsaved(session):
    session.apply(SetProgress("i12", 50))
    job = session.begin_save()
    session.apply(SetFields("i13", {"owner": "陈静"}))
    session.finish_save(job, job.run())
    assert session.dirty
    session.save()
    saved = store.load(session.path).plan
    assert saved.find("i12")[1].progress == 50 and saved.find("i13")[1].owner == "陈静"


def test_a_copy_of_our_version_is_written_beside_the_file(session):
    session.apply(SetProgress("i12", 50))
    copy = session.save_copy()
    assert "我的版本" in copy.name and copy.parent == session.path.parent
    assert store.load(copy).plan.find("i12")[1].progress == 50


def test_plans_of_the_sample_shape_are_what_these_tests_assume():
    plan = sample_plan()
    assert [a.id for a in plan.areas] == ["a1", "a2", "a3"]


# --- the store's update(path, change) ----------------------------------------------------


@pytest.fixture
def store_update(monkeypatch):
    """``store.update`` as its contract says: under a lock, read the file, let ``change``
    edit the plan, save it and return the new Loaded (nothing saved when it raises)."""
    calls: list[str] = []

    def update(path, change):
        calls.append(str(path))
        loaded = store.load(path)
        change(loaded.plan)
        fingerprint = store.save(path, loaded.plan, expected=loaded.fingerprint)
        return store.Loaded(loaded.plan, fingerprint)

    monkeypatch.setattr(store, "update", update, raising=False)
    return calls


def test_saving_goes_through_store_update_when_the_store_has_it(session, store_update):
    session.apply(SetProgress("i12", 50))
    assert session.save() is None  # nobody else wrote: nothing to take in
    assert store_update == [str(session.path)]
    assert store.load(session.path).plan.find("i12")[1].progress == 50
    colleague(session.path, "i31", lambda t: setattr(t, "notes", "县里已验收"))
    session.apply(SetProgress("i13", 20))
    assert session.save() is not None  # their change came in with ours
    assert task(session, "i31").notes == "县里已验收" and not session.dirty
    colleague(session.path, "i13", lambda t: setattr(t, "progress", 90))
    session.apply(SetProgress("i13", 30))
    on_disk = session.path.read_bytes()
    with pytest.raises(SaveConflict):
        session.save()
    assert session.path.read_bytes() == on_disk and session.dirty
