"""Who is writing: the author of log entries and field changes.

The author comes from the user's settings file (``settings.toml`` in the user's config
folder, set from the TUI's palette), else from the operating system's user name. The
folder can be moved with ``PLAN_TUI_CONFIG_DIR`` (tests and portable installs do).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.errors import PlanError
from ..store.files import os_reason

CONFIG_ENV = "PLAN_TUI_CONFIG_DIR"
"""Environment variable naming the folder of the user's settings file."""
SETTINGS_FILE = "settings.toml"


def settings_path() -> Path:
    """Where the user's settings live (created only when a setting is saved)."""
    folder = os.environ.get(CONFIG_ENV)
    if folder:
        return Path(folder) / SETTINGS_FILE
    import platformdirs

    return Path(platformdirs.user_config_dir("plan-tui", appauthor=False)) / SETTINGS_FILE


def read_settings(path: Path | None = None) -> dict[str, object]:
    """The user's settings as a table; empty when the file is missing or unreadable."""
    import tomllib  # imported on first use: not needed to start the app

    path = path or settings_path()
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def os_user() -> str:
    """The operating system's user name, or ``""`` when it cannot be found."""
    import getpass

    try:
        return getpass.getuser().strip()
    except Exception:  # getpass raises OSError, or KeyError on some systems
        return ""


def default_author(path: Path | None = None) -> str:
    """The author setting when it is set, else the operating system's user name."""
    from ..model.text_rule import forbidden_chars

    value = read_settings(path).get("author")
    if isinstance(value, str) and value.strip() and not forbidden_chars(value):
        return value.strip()
    return os_user()


def chosen_author(given: str | None) -> str:
    """The author a command signs with: ``given`` when it is given (the model checks
    it where it is stored), else :func:`default_author`, as the TUI signs."""
    if given is not None and given.strip():
        return given.strip()
    return default_author()


def check_author(name: str) -> str:
    """``name`` stripped; ``PlanError`` when it is empty or holds control characters."""
    from ..model.text_rule import forbidden_chars

    name = name.strip()
    if not name:
        raise PlanError("记录人不能为空")
    if forbidden_chars(name) or "\n" in name or "\t" in name:
        raise PlanError("记录人不能含控制字符或换行")
    return name


def save_author(name: str, path: Path | None = None) -> Path:
    """Store ``name`` as the author setting, keeping the other settings; returns the file."""
    name = check_author(name)
    path = path or settings_path()
    settings = read_settings(path)
    settings["author"] = name
    import tomli_w

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(path.name + ".tmp")
        temp.write_text(tomli_w.dumps(settings), encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        raise PlanError(f"无法保存设置：{os_reason(exc)}", path) from None
    return path
