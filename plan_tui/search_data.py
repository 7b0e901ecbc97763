"""What a task is searched by, and how a search text is matched against it.

:class:`SearchEntry` holds one task's search data (its words, and the pinyin of its
Chinese text), which :class:`plan_tui.query.SearchIndex` makes. :func:`entry_matches`
tests one entry; :class:`SearchData` searches the entries of many tasks at once, as the
TUI does on every key typed into its search field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Task

SEP = "\x00"  # joins fields so that no match runs across two of them
_LONG_QUERY = 4  # letters; shorter initials would be found by chance in most paragraphs


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What one task is searched by. All but ``words`` are ASCII, which keeps a Latin
    query's substring tests cheap (no widening of the query for each test)."""

    words: str
    """Every searched text, case-folded."""
    latin: str
    """The runs of Latin letters and digits in ``words``."""
    pinyin: str
    """Full pinyin and initials of short fields, full pinyin of body and notes."""
    long_initials: str
    """Initials of body and notes: searched only with longer queries."""


@dataclass(frozen=True)
class Query:
    """A search text, taken apart once for the tests of many tasks."""

    terms: tuple[str, ...]
    """The space-separated terms, case-folded."""
    joined: str
    """The query without spaces, for pinyin (``zhao shang`` → ``zhaoshang``)."""
    latin: bool
    """Only Latin letters, digits and spaces: worth trying as pinyin."""
    long: bool
    """Long enough to look for in the initials of bodies without noise."""

    @property
    def one_word(self) -> str | None:
        """The query itself when a task matches it just by containing it in its Latin
        text, pinyin or (for a long query) body initials; ``None`` otherwise (several
        terms, Chinese, or a ``v`` standing for ``ü``)."""
        if self.latin and self.terms == (self.joined,):
            return self.joined
        return None


@lru_cache(maxsize=256)
def parse_query(query: str) -> Query:
    """The :class:`Query` of a search text (kept: the same text is typed again and again)."""
    terms = tuple(query.casefold().split())
    joined = "".join(terms)
    latin = bool(joined) and joined.isascii() and joined.isalnum()
    if latin:
        joined = joined.replace("v", "u")
    return Query(terms, joined, latin, latin and len(joined) >= _LONG_QUERY)


def entry_matches(entry: SearchEntry, q: Query) -> bool:
    """The whole query (spaces removed) is in the pinyin, or every term is in the words.

    Terms are not matched one by one against pinyin: ``zhao shang`` would then also
    find any task that reads ``zhao`` somewhere and ``shang`` somewhere else.
    """
    if not q.latin:
        return all(t in entry.words for t in q.terms)
    return (
        all(t in entry.latin for t in q.terms)
        or q.joined in entry.pinyin
        or (q.long and q.joined in entry.long_initials)
    )


def select_places(entries: Sequence[SearchEntry], q: Query) -> list[int]:
    """The places of the entries that match ``q`` (which has terms), in one pass: a
    one-off search, where laying the data out as :class:`SearchData` does would cost
    more than it saves. (The test of :func:`entry_matches`, written out.)"""
    word, long = q.joined, q.long
    first, rest = q.terms[0], q.terms[1:]
    if not q.latin:
        return [
            p
            for p, e in enumerate(entries)
            if first in e.words and (not rest or all(t in e.words for t in rest))
        ]
    if q.one_word is not None:
        return [
            p
            for p, e in enumerate(entries)
            if word in e.latin or word in e.pinyin or (long and word in e.long_initials)
        ]
    return [
        p
        for p, e in enumerate(entries)
        if word in e.pinyin
        or (long and word in e.long_initials)
        or (first in e.latin and all(t in e.latin for t in rest))
    ]


class SearchData:
    """The search data of a fixed list of tasks, laid out for searching all of them.

    A search gives the places in the list of the tasks that match. Testing each task's
    data field by field costs about a microsecond per task; here the fields a one-word
    Latin query looks in are joined per task (Latin text, pinyin, and body initials for
    long queries), so that most searches are one substring test per task, and a search
    typed on can test only the places the previous one found.
    """

    def __init__(self, tasks: Sequence[Task], entries: Sequence[SearchEntry]) -> None:
        self.tasks = tasks
        """The tasks, in the order of their places."""
        self.entries = entries
        """Each task's search data."""
        self._ids: list[str] | None = None
        self._places: dict[str, int] | None = None
        self._texts: dict[str, list[str]] = {}

    @property
    def ids(self) -> list[str]:
        """The id of the task at each place."""
        if self._ids is None:
            self._ids = [task.id for task in self.tasks]
        return self._ids

    @property
    def places(self) -> dict[str, int]:
        """The place of each task, by id."""
        if self._places is None:
            ids = self.ids
            self._places = dict(zip(ids, range(len(ids)), strict=True))
        return self._places

    def prepare(self) -> None:
        """Join the texts that searches look in now, rather than on the first search."""
        self.places  # noqa: B018
        for name in ("short", "long", "words"):
            self._text(name)

    def _text(self, name: str) -> list[str]:
        """Per task: its Latin text and pinyin (``short``), those and its body initials
        (``long``), or its words (``words``)."""
        texts = self._texts.get(name)
        if texts is None:
            entries = self.entries
            if name == "short":
                texts = [f"{e.latin}{SEP}{e.pinyin}" for e in entries]
            elif name == "long":
                texts = [f"{e.latin}{SEP}{e.pinyin}{SEP}{e.long_initials}" for e in entries]
            else:
                texts = [e.words for e in entries]
            self._texts[name] = texts
        return texts

    def select(self, query: str, among: Sequence[int] | None = None) -> list[int]:
        """The places of the tasks that match ``query``, in order; only those among the
        places ``among`` (in order) when given. Matches as :func:`entry_matches` does."""
        q = parse_query(query)
        if not q.terms:
            return list(range(len(self.tasks)) if among is None else among)
        word = q.one_word
        if word is not None:
            texts = self._text("long" if q.long else "short")
        elif not q.latin and len(q.terms) == 1:
            word, texts = q.terms[0], self._text("words")
        elif among is None:  # several terms, or a ``v``: rare enough to test field by field
            return select_places(self.entries, q)
        else:
            entries = self.entries
            return [p for p in among if entry_matches(entries[p], q)]
        if among is None:
            return [p for p, text in enumerate(texts) if word in text]
        return [p for p in among if word in texts[p]]

    def ids_at(self, places: Sequence[int]) -> list[str]:
        """The ids of the tasks at ``places``, in order."""
        return list(map(self.ids.__getitem__, places))
