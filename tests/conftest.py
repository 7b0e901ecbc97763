"""Set-up shared by every test: the plans' read cache lives in a temporary folder.

Tests read thousands of plans, in this process and in child processes (which inherit
the environment); none of them may fill the cache folder of the user running them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="plan-tui-test-cache-")
os.environ["PLAN_TUI_CACHE_DIR"] = _CACHE
os.environ.pop("PLAN_TUI_NO_CACHE", None)
atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture(autouse=True)
def chinese_after_each_test():
    """A test that switches the interface to English leaves the next one in Chinese, the
    language every command starts in."""
    yield
    from plan_tui.labels import set_language

    set_language("zh")
