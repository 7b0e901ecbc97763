"""Command palette (``ctrl+p``): every action of the main screen, office commands and
"jump to task" by title, pinyin or path (``3.2``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..model.text_rule import visible
from .i18n import t

if TYPE_CHECKING:
    from .host import PlanHost

_PATH = re.compile(r"^\d+(\.\d+)*$")
MAX_TASK_HITS = 30


def _office_commands(app) -> list[tuple[str, str, Callable[[], None]]]:
    try:
        from .office_screens import office_commands
    except ImportError:
        return []
    return list(office_commands(app))


class PlanCommands(Provider):
    """Actions and tasks of the plan, for the command palette."""

    @property
    def host(self) -> PlanHost:
        """The app, as the screens see it."""
        return cast("PlanHost", self.app)

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        main = getattr(self.app, "main_screen", None)
        if main is None or not main.ready or self.host.load_error is not None:
            return []
        from textual.binding import Binding

        from .help_screen import main_bindings

        commands: list[tuple[str, str, Callable[[], object]]] = []
        keys = dict((d, k) for k, d in main_bindings(main))
        seen: set[str] = set()
        for binding in type(main).BINDINGS:
            if not isinstance(binding, Binding) or binding.action in seen:
                continue
            if main.check_action(binding.action.split("(")[0], ()) is False:
                continue
            seen.add(binding.action)
            name = t(binding.description)
            action = partial(self.app.run_action, binding.action, main)
            commands.append((name, keys.get(name, ""), action))
        commands.extend(_office_commands(self.app))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        async for hit in self._task_hits(query):
            found = True
            yield hit
        if not found and query.strip():
            # in the UI language, instead of the palette's own "No matches found"
            yield Hit(0.01, t("palette.no_match"), lambda: None)

    async def _task_hits(self, query: str) -> Hits:
        main = getattr(self.app, "main_screen", None)
        text = query.strip()
        if main is None or not text or self.host.load_error is not None:
            return
        plan = self.host.plan
        if _PATH.match(text):
            found = plan.find(text)
            if found is not None:
                path, task = found
                yield self._jump(1.0, path, task.title, task.id)
            return
        from ..query import SearchIndex

        if main.index is None:
            main.index = SearchIndex(plan)
        matcher = self.matcher(text)
        count = 0
        for path, task in plan.walk():
            if main.index.matches(task, text):
                score = max(matcher.match(task.title), 0.5)
                yield self._jump(score * 0.9, path, task.title, task.id)
                count += 1
                if count >= MAX_TASK_HITS:
                    return

    def _jump(self, score: float, path: str, title: str, task_id: str) -> Hit:
        label = t("palette.jump", title=visible(title))
        return Hit(
            score,
            Content(label),  # a title is shown as written, never read as markup
            partial(self.host.select_task, task_id),
            text=label,
            help=t("palette.jump_help", path=path),
        )
