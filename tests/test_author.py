"""The author of log entries: the user's setting, else the operating system's user."""

from __future__ import annotations

import getpass

import pytest

from plan_tui.model.errors import PlanError
from plan_tui.session import author


def test_without_a_setting_the_os_user_signs(tmp_path, monkeypatch):
    monkeypatch.setenv(author.CONFIG_ENV, str(tmp_path))
    monkeypatch.setattr(getpass, "getuser", lambda: "zhangsan")
    assert author.default_author() == "zhangsan"


def test_the_setting_wins_and_is_kept_with_other_settings(tmp_path, monkeypatch):
    monkeypatch.setenv(author.CONFIG_ENV, str(tmp_path / "配置"))
    monkeypatch.setattr(getpass, "getuser", lambda: "zhangsan")
    path = author.save_author("  张秘书 ")
    assert path == tmp_path / "配置" / "settings.toml"
    assert author.default_author() == "张秘书"
    path.write_text(path.read_text(encoding="utf-8") + 'lang = "zh"\n', encoding="utf-8")
    author.save_author("李秘书")
    assert author.read_settings() == {"author": "李秘书", "lang": "zh"}


def test_an_os_without_a_user_name_gives_an_empty_author(tmp_path, monkeypatch):
    monkeypatch.setenv(author.CONFIG_ENV, str(tmp_path))

    def fail() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", fail)
    assert author.default_author() == ""


def test_a_broken_settings_file_falls_back_to_the_os_user(tmp_path, monkeypatch):
    monkeypatch.setenv(author.CONFIG_ENV, str(tmp_path))
    monkeypatch.setattr(getpass, "getuser", lambda: "zhangsan")
    (tmp_path / "settings.toml").write_text("author = [", encoding="utf-8")
    assert author.default_author() == "zhangsan"


@pytest.mark.parametrize("name", ["", "   ", "张\x1b[31m", "张\n三"])
def test_empty_or_control_names_are_refused(tmp_path, monkeypatch, name):
    monkeypatch.setenv(author.CONFIG_ENV, str(tmp_path))
    with pytest.raises(PlanError):
        author.save_author(name)
    assert not (tmp_path / "settings.toml").exists()
