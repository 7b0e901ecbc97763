"""The one status rule, as a pure function."""

from __future__ import annotations

import pytest

from plan_tui.model import Status
from plan_tui.model.status_rule import settle

S = Status


@pytest.mark.parametrize(
    ("status", "progress", "change", "expected"),
    [
        (S.NOT_STARTED, 0, {"new_progress": 50}, (S.IN_PROGRESS, 50)),
        (S.NOT_STARTED, 0, {"new_progress": 100}, (S.DONE, 100)),
        (S.IN_PROGRESS, 40, {"new_progress": 100}, (S.DONE, 100)),
        (S.DONE, 100, {"new_progress": 80}, (S.IN_PROGRESS, 80)),
        (S.DONE, 100, {"new_progress": 0}, (S.NOT_STARTED, 0)),
        (S.DELAYED, 20, {"new_progress": 30}, (S.DELAYED, 30)),
        (S.SUSPENDED, 20, {"new_progress": 30}, (S.SUSPENDED, 30)),
        (S.IN_PROGRESS, 40, {"new_status": S.DONE}, (S.DONE, 100)),
        (S.IN_PROGRESS, 40, {"new_status": S.DONE, "new_progress": 90}, (S.DONE, 90)),
        (S.NOT_STARTED, 0, {"new_status": S.DELAYED}, (S.DELAYED, 0)),
        (S.NOT_STARTED, 0, {"noted": True}, (S.IN_PROGRESS, 0)),
        (S.DELAYED, 10, {"noted": True}, (S.DELAYED, 10)),
        (S.NOT_STARTED, 0, {"noted": True, "new_status": S.NOT_STARTED}, (S.NOT_STARTED, 0)),
        (S.NOT_STARTED, 0, {}, (S.NOT_STARTED, 0)),
    ],
)
def test_settle(status: Status, progress: int, change: dict, expected: tuple) -> None:
    settled = settle(status, progress, **change)
    assert (settled.status, settled.progress) == expected
