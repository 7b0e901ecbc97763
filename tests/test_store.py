"""The TOML store: exact round trip, determinism, conflicts and safe saving."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_tui import store
from plan_tui.model import Indicator, LogEntry, Plan, Settings, Status, Task
from plan_tui.model.errors import ConflictError, PlanError
from plan_tui.model.text_rule import strip_forbidden

# Chinese text plus the characters that trouble TOML writers: quotes, backslashes,
# line breaks, tabs and emoji. Control characters (\r included) are drawn too, then
# stripped: the text rule keeps them out of the model.
TRICKY = ['"', "'", "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\u2028", "\ufeff"]
TRICKY += ['"""', "\r\n", "😀", "👨\u200d👩\u200d👧", "[[tasks]]", "# ", "\\n"]
piece = st.one_of(
    st.sampled_from(list("推进乡村振兴项目落地，。；：“”（）、《》１２３abc ")),
    st.sampled_from(TRICKY),
    st.characters(blacklist_categories=("Cs",)),
)
text = st.lists(piece, max_size=12).map("".join).map(strip_forbidden)
titles = text.map(lambda t: t if t.strip() else "题")  # a task's title is never empty
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
names = st.lists(text, max_size=3)

log_entries = st.builds(
    LogEntry,
    date=days,
    text=text,
    status=st.none() | st.sampled_from(list(Status)),
    progress=st.none() | st.integers(0, 100),
    author=text,
)


def tasks(children: st.SearchStrategy[list[Task]]) -> st.SearchStrategy[Task]:
    """A task with every field drawn, holding ``children``."""
    return st.builds(
        Task,
        title=titles,
        body=text,
        lead=text,
        unit=text,
        owner=text,
        partners=names,
        start=st.none() | days,
        deadline=st.none() | days,
        deadline_text=text,
        recurrence=st.sampled_from(["none", "monthly", "quarterly"]),
        status=st.sampled_from(list(Status)),
        progress=st.integers(0, 100),
        tags=names,
        notes=text,
        carried_from=text,
        log=st.lists(log_entries, max_size=3),
        children=children,
    )


task_trees = st.recursive(
    tasks(st.just([])), lambda inner: tasks(st.lists(inner, max_size=3)), max_leaves=12
)
floats = st.none() | st.floats(allow_nan=False, allow_infinity=False)
indicators = st.builds(
    Indicator,
    name=text,
    target_value=floats,
    target_unit=text,
    target_text=text,
    actual_value=floats,
    actual_text=text,
)
plans = st.builds(
    Plan,
    org=text,
    year=st.integers(1900, 2200),
    title=text,
    source=text,
    requirements=text,
    targets_text=text,
    targets=st.lists(indicators, max_size=3),
    roster=st.dictionaries(text, names, max_size=3),
    settings=st.integers(0, 99).flatmap(
        lambda warn: st.builds(
            Settings,
            warn_behind=st.just(warn),
            red_behind=st.integers(warn + 1, 100),
            near_days=st.integers(0, 365),
            start_date=st.none() | days,
        )
    ),
    areas=st.lists(task_trees, max_size=4),
)


def _unique_ids(plan: Plan) -> Plan:
    """Random trees may repeat ids by chance; the store rightly refuses that."""
    for n, task in enumerate(plan.tasks()):
        task.id = f"t{n:04d}"
    return plan


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_round_trip_is_exact_and_deterministic(plan: Plan) -> None:
    plan = _unique_ids(plan)
    text_1 = store.dumps(plan)
    back = store.loads(text_1)
    assert back == plan
    assert [p for p, _ in back.walk()] == [p for p, _ in plan.walk()]
    assert store.dumps(back) == text_1
    assert store.dumps(plan.model_copy(deep=True)) == text_1


def sample_plan() -> Plan:
    """A small plan with two areas, nested items, a measure and a log."""
    plan = Plan(year=2024, title="XX乡2024年工作安排", requirements="总体要求：\n稳中求进。")
    plan.targets.append(Indicator(name="农业生产总值", target_value=6, target_text="增长6％"))
    area = Task(id="a1", title="瞄准目标，在项目落地上出实招")
    item = Task(
        id="i1",
        title="抓招商",
        lead="李乡长",
        unit="经发办",
        owner="王五",
        partners=["财政所"],
        deadline=date(2024, 6, 30),
        deadline_text="6月底前",
        status=Status.IN_PROGRESS,
        progress=40,
        log=[LogEntry(date=date(2024, 3, 1), text="签约 2 个项目", progress=40)],
    )
    item.children.append(Task(id="m1", title="走访企业", deadline=date(2024, 12, 31)))
    area.children.append(item)
    plan.areas = [
        area,
        Task(id="a2", title="坚持民生为本", children=[Task(id="i2", title="办实事")]),
    ]
    return plan


def test_file_is_readable_toml_with_schema_version() -> None:
    text = store.dumps(sample_plan())
    raw = tomllib.loads(text)
    assert raw["schema_version"] == 1
    assert [t["id"] for t in raw["tasks"]] == ["a1", "i1", "m1", "a2", "i2"]
    assert [t["parent"] for t in raw["tasks"]] == ["", "a1", "i1", "", "a2"]
    lines = text.splitlines()
    assert 'title = "抓招商"' in lines
    assert 'status = "in_progress"' in lines
    assert "deadline = 2024-06-30" in lines
    assert lines.count("[[tasks.log]]") == 1
    # a multi-line text is written across lines, not as one escaped line
    assert '稳中求进。"""' in lines


def test_long_log_entries_keep_the_same_layout() -> None:
    """The block layout never depends on text length (tomli-w would inline short ones)."""
    plan = sample_plan()
    plan.areas[0].children[0].log.append(LogEntry(date=date(2024, 3, 8), text="长" * 200))
    text = store.dumps(plan)
    assert text.splitlines().count("[[tasks.log]]") == 2
    assert "log = [" not in text


def test_hand_written_inline_log_and_labels_are_accepted() -> None:
    text = store.dumps(sample_plan()).replace('status = "in_progress"', 'status = "推进中"')
    text = text.replace(
        'title = "办实事"',
        'title = "办实事"\nlog = [{ date = 2024-01-05, text = "启动", status = "已完成" }]',
    )
    plan = store.loads(text)
    assert plan.find("1.1")[1].status is Status.IN_PROGRESS
    assert plan.find("2.1")[1].log == [
        LogEntry(date=date(2024, 1, 5), text="启动", status=Status.DONE)
    ]


def test_bom_and_crlf_files_load(tmp_path: Path) -> None:
    plan = sample_plan()
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + store.dumps(plan).replace("\n", "\r\n").encode())
    assert store.load(path).plan == plan


def test_save_then_load_gives_the_same_plan_and_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "2024.toml"
    fp = store.save(path, sample_plan())
    loaded = store.load(path)
    assert loaded.plan == sample_plan()
    assert loaded.fingerprint == fp == store.disk_fingerprint(path)
    assert sorted(p.name for p in path.parent.iterdir()) == [".2024.toml.lock", "2024.toml"]


def test_conflict_refuses_then_force_saves(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    loaded = store.load(path)
    # a colleague changes the file after we loaded it
    other = store.load(path).plan
    other.areas[1].title = "同事改过的标题"
    store.save(path, other)
    before = path.read_bytes()
    mine = loaded.plan
    mine.areas[0].title = "我的修改"
    with pytest.raises(ConflictError) as info:
        store.save(path, mine, expected=loaded.fingerprint)
    message = info.value.one_line()
    assert str(path) in message and "已被其他程序或同事修改" in message and "强制保存" in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]
    # way out 1: reload, apply the change again, save with the new fingerprint
    again = store.load(path)
    again.plan.areas[0].title = "我的修改"
    store.save(path, again.plan, expected=again.fingerprint)
    assert store.load(path).plan.areas[1].title == "同事改过的标题"
    # way out 2: force
    fp = store.save(path, mine, force=True, expected=loaded.fingerprint)
    assert store.load(path).plan == mine
    assert fp == store.disk_fingerprint(path)


def test_saving_over_an_unchanged_file_works_repeatedly(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    fp = store.save(path, sample_plan())
    plan = sample_plan()
    for n in range(3):
        plan.areas[0].progress = n
        fp = store.save(path, plan, expected=fp)
    assert store.load(path).plan.areas[0].progress == 2


def test_save_keeps_permissions_and_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    store.save(real, sample_plan())
    os.chmod(real, 0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    plan = sample_plan()
    plan.title = "新标题"
    store.save(link, plan, expected=store.disk_fingerprint(link))
    assert link.is_symlink()
    assert store.load(real).plan.title == "新标题"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_disk_errors_give_a_chinese_error_and_leave_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    before = path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.files.os, "replace", full_disk)
    with pytest.raises(PlanError) as info:
        store.save(path, sample_plan(), expected=store.disk_fingerprint(path))
    assert "无法保存（磁盘空间已满）" in info.value.one_line()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]


def test_folder_that_is_a_file_gives_a_chinese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plans"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(PlanError, match="无法保存"):
        store.save(blocker / "2024.toml", sample_plan())


def test_invalid_plan_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    before = path.read_bytes()
    broken = sample_plan()
    broken.areas[1].id = "a1"  # duplicate id: the file could not be read back
    with pytest.raises(PlanError, match="重复"):
        store.save(path, broken, force=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]


def test_stale_temp_files_are_never_taken_for_the_plan(tmp_path: Path) -> None:
    from plan_tui.commands.common import plan_candidates

    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    stale = tmp_path / ".2024.toml.abc123.tmp"
    stale.write_text("half a fi", encoding="utf-8")
    assert plan_candidates(tmp_path) == [path]
    assert store.load(path).plan == sample_plan()


def test_json_document_round_trip_and_errors_name_the_task() -> None:
    import json

    plan = sample_plan()
    text = json.dumps(store.to_document(plan), ensure_ascii=False, default=date.isoformat)
    assert store.from_document(json.loads(text), "plan.json") == plan
    raw = json.loads(text)
    raw["tasks"][2]["progress"] = 120
    with pytest.raises(PlanError) as info:
        store.from_document(raw, "plan.json")
    message = info.value.one_line()
    assert message.startswith("plan.json 任务 1.1.1（走访企业）：")
    assert "progress（进度）不能大于 100" in message


def test_errors_are_one_line_even_for_multi_line_values() -> None:
    text = store.dumps(sample_plan()).replace(
        'title = "抓招商"', 'title = """\n第一行\n第二行"""\nlead = 5', 1
    )
    text = text.replace('lead = "李乡长"\n', "", 1)
    with pytest.raises(PlanError) as info:
        store.loads(text, "x.toml")
    message = info.value.one_line()
    assert "\n" not in message
    assert "任务 1.1（第一行）" in message and "lead（牵头领导）应为文字" in message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans, plans)
def test_task_texts_give_the_text_of_dumps_after_any_change(first: Plan, second: Plan) -> None:
    texts = store.TaskTexts()
    plan = _unique_ids(first)
    assert texts.dumps(plan) == store.dumps(plan)
    # the same writer, then another plan whose tasks reuse the same ids
    other = _unique_ids(second)
    assert texts.dumps(other) == store.dumps(other)


def test_task_texts_see_changes_made_in_place(tmp_path: Path) -> None:
    plan = sample_plan()
    texts = store.TaskTexts()
    texts.dumps(plan)
    item = plan.areas[0].children[0]
    item.owner = "赵六"
    item.partners.append("农业办")
    item.log[0].text = "签约 3 个项目"
    item.log.append(LogEntry(date=date(2024, 4, 1), text="开工"))
    measure = item.children.pop()
    plan.areas[1].children.append(measure)  # another parent
    plan.areas.reverse()
    path = tmp_path / "2024.toml"
    store.save(path, plan, texts=texts)
    assert path.read_text(encoding="utf-8") == store.dumps(plan)
    assert store.load(path).plan == plan


def test_task_texts_refuse_what_would_not_read_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    before = path.read_bytes()
    texts = store.TaskTexts()
    broken = sample_plan()
    broken.areas[1].id = "a1"
    with pytest.raises(PlanError, match="重复"):
        store.save(path, broken, force=True, texts=texts)
    plan = sample_plan()
    texts.dumps(plan)
    plan.areas[0].children[0].owner = "王五五"
    # a writer fault on a changed task: its text no longer reads back as its table
    real = store.task_texts.toml_format.table_lines

    def faulty(table, name, array, out):
        real(table, name, array, out)
        if name == "tasks":
            out.append("x")

    monkeypatch.setattr(store.task_texts.toml_format, "table_lines", faulty)
    with pytest.raises(PlanError, match="读回"):
        store.save(path, plan, force=True, texts=texts)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]
