"""Reading a plan's text task by task gives exactly what reading it whole gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_store import _unique_ids, plans

from plan_tui import store
from plan_tui.model import Plan, Task
from plan_tui.model.errors import PlanError
from plan_tui.store import parsing, pieces, plan_store
from plan_tui.store.document import TASK_SEPARATOR
from plan_tui.store.reader import from_document


def _whole(text: str) -> Plan:
    """The plan as read from the text as one document (the reference)."""
    return from_document(tomli.loads(text), "p.toml", text)


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = parsing._whole
    monkeypatch.setattr(parsing, "_whole", lambda *a: calls.append("whole") or real(*a))
    return calls


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans)
def test_a_written_plan_is_read_by_pieces_as_it_is_whole(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _unique_ids(plan)
    text = store.dumps(plan)
    calls = _spy(monkeypatch)
    assert parsing.parse_plan(text, "p.toml") == _whole(text) == plan
    # read whole only when there is nothing to cut, or a text holds a task's header
    cuttable = 0 < text.count(TASK_SEPARATOR) == len(list(plan.tasks()))
    assert calls == ([] if cuttable else ["whole"])


def _two_tasks(body: str = '""') -> str:
    plan = Plan(year=2024, areas=[Task(id="a1", title="领域"), Task(id="a2", title="领域二")])
    return store.dumps(plan).replace('body = ""', f"body = {body}", 1)


@pytest.mark.parametrize(
    "text",
    [
        # a task header inside a multi-line string: the cut leaves the string open
        _two_tasks('"""前\n\n[[tasks]]\nid = "x"\n后"""'),
        _two_tasks("'''前\n\n[[tasks]]\nid = 'x'\n后'''"),
        # a table after the tasks, as a hand edit may leave it
        _two_tasks() + '\n[roster]\n"张三" = ["党政办"]\n',
        # a task before the first blank-line separator
        _two_tasks().replace("\n\n[[tasks]]\n", "\n[[tasks]]\n", 1),
    ],
    ids=["basic-string", "literal-string", "table-after-tasks", "task-in-head"],
)
def test_texts_that_cannot_be_cut_are_read_whole(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    assert parsing.parse_plan(text, "p.toml") == _whole(text)
    assert calls == ["whole"]


@pytest.mark.parametrize(
    "old, new",
    [
        ('title = "领域二"', 'title = ""'),  # a bad value in the second task
        ('id = "a2"', 'id = "a1"'),  # a repeated id
        ('parent = ""\ntitle = "领域二"', 'parent = "zz"\ntitle = "领域二"'),  # no such parent
        ('title = "领域二"', 'title = "领域二'),  # a TOML error in a piece
        ("year = 2024", 'year = "2024"'),  # a bad value in the head
    ],
)
def test_an_error_is_the_one_the_whole_text_gives(old: str, new: str) -> None:
    text = _two_tasks().replace(old, new, 1)
    assert text != _two_tasks()
    with pytest.raises(PlanError) as whole:
        _reference_error(text)
    with pytest.raises(PlanError) as pieces:
        parsing.parse_plan(text, "p.toml")
    assert str(pieces.value) == str(whole.value)


def _reference_error(text: str) -> None:
    """The error of reading ``text`` as one document, TOML errors included."""
    parsing._whole(text, "p.toml")


def test_a_file_is_read_the_same_either_way(tmp_path: Path) -> None:
    plan = Plan(year=2024, areas=[Task(id=f"t{n}", title=f"任务{n}") for n in range(30)])
    path = tmp_path / "2024.toml"
    store.save(path, plan)
    assert store.load(path).plan == _whole(path.read_text(encoding="utf-8")) == plan


# --- reading a file in chunks ---------------------------------------------------------

_VARIANTS = {
    "lf": lambda data: data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "bom": lambda data: pieces.BOM + data,
    "bom-crlf": lambda data: pieces.BOM + data.replace(b"\n", b"\r\n"),
    "some-crlf": lambda data: data.replace(b"\n", b"\r\n", 7),
}


def _text_pieces(text: str) -> list[str]:
    """The pieces :func:`parsing.parse_plan` cuts the decoded text into."""
    starts = pieces.task_starts(text)
    if not starts:
        return [text]
    return [text[: starts[0]]] + [
        text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
    ]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans, size=st.integers(3, 400), variant=st.sampled_from(sorted(_VARIANTS)))
def test_a_file_read_in_chunks_is_cut_where_its_text_is(
    plan: Plan, size: int, variant: str
) -> None:
    data = _VARIANTS[variant](store.dumps(_unique_ids(plan)).encode())
    chunks = (data[i : i + size] for i in range(0, len(data), size))
    got = [piece.decode() for piece in pieces.byte_pieces(chunks)]
    assert got == _text_pieces(data.decode("utf-8-sig").replace("\r\n", "\n"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans, variant=st.sampled_from(sorted(_VARIANTS)))
def test_load_reads_in_chunks_what_the_whole_text_gives(
    plan: Plan, variant: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    plan = _unique_ids(plan)
    data = _VARIANTS[variant](store.dumps(plan).encode())
    path = tmp_path_factory.mktemp("chunks") / "2024.toml"
    path.write_bytes(data)
    whole = plan_store._load(path)
    loaded = store.load(path)
    assert loaded.plan == whole.plan == plan
    assert (loaded.fingerprint, loaded.bom, loaded.crlf) == (
        whole.fingerprint,
        whole.bom,
        whole.crlf,
    )
    # the whole text is kept only when a task's header stands inside a text
    text = store.dumps(plan)
    cuttable = text.count(TASK_SEPARATOR) == len(list(plan.tasks()))
    assert (loaded.text == "") == cuttable


def _saved(folder: Path, title: str) -> tuple[Plan, Path]:
    """A saved plan of 30 tasks whose titles no other test uses (so it is not cached)."""
    plan = Plan(year=2024, areas=[Task(id=f"t{n}", title=f"{title}{n}") for n in range(30)])
    path = folder / "2024.toml"
    store.save(path, plan)
    return plan, path


def test_a_written_plan_is_never_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, path = _saved(tmp_path, "不整读")
    monkeypatch.setattr(plan_store, "_decode", lambda *a: pytest.fail("decoded whole"))
    assert store.load(path).plan == plan


def test_a_file_changed_while_it_is_read_is_read_again_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path = _saved(tmp_path, "读时改")
    old = path.read_bytes()
    new = old.replace("读时改7".encode(), "事项改7".encode())
    assert len(new) == len(old)
    real = plan_store.parse_chunks

    def edited_meanwhile(*args: object, **kwargs: object) -> Plan:
        with open(path, "r+b") as f:  # written in place, as some editors do
            f.write(new)
        os.utime(path, ns=(0, 0))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_store, "parse_chunks", edited_meanwhile)
    loaded = store.load(path)
    assert loaded.plan.areas[7].title == "事项改7"
    assert loaded.fingerprint == store.fingerprint(new)


def test_an_error_found_in_chunks_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    path.write_text(_two_tasks().replace('title = "领域二"', 'title = ""'), encoding="utf-8")
    with pytest.raises(PlanError) as read:
        store.load(path)
    with pytest.raises(PlanError) as whole:
        _reference_error(path.read_text(encoding="utf-8"))
    assert str(read.value) == str(whole.value).replace("p.toml", str(path))
    assert "第" in str(read.value) and "行" in str(read.value)
