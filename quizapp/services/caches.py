"""Every cache the app keeps, in one place: what each holds, how much, and the function that clears it.

Each is a least-recently-used map (cachetools) behind a lock, shared by the threads of one
process. What is cached never changes once written (a question version's content, a page
rendered for an attempt whose questions are fixed), or is checked before use (kept item counts),
so no cache is ever stale; clearing one only costs the work of filling it again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from cachetools import LRUCache, cached
from sqlalchemy import Engine

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")
Result = TypeVar("Result")


class Shared(Generic[Key, Value]):
    """A least-recently-used map of at most ``size`` entries that threads may share."""

    def __init__(self, size: int) -> None:
        self._cache: LRUCache[Key, Value] = LRUCache(size)
        self._lock = threading.Lock()

    def get(self, key: Key) -> Value | None:
        """The value kept for ``key``, or None."""
        with self._lock:
            return self._cache.get(key)

    def put(self, key: Key, value: Value) -> None:
        """Keep ``value`` for ``key``, dropping the least recently used entry when full."""
        with self._lock:
            self._cache[key] = value

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._cache.clear()

    def __len__(self) -> int:
        return len(self._cache)

    def memoise(self, function: Callable[..., Result]) -> Callable[..., Result]:
        """``function`` with its results kept here, by its arguments."""
        return cached(self._cache, lock=self._lock)(function)


# A question version's content, by its hash (which names it in any database).
QUESTION_CONTENTS: Shared[str, Any] = Shared(20_000)
# Quiz pages rendered with their questions blank, cut at the slots for their CSRF token and
# answered count: (attempt, language, page, viewer).
QUIZ_PAGES: Shared[tuple[str, str, int, int | None], tuple[str, ...]] = Shared(2048)
# Those pages as a browser that takes gzip gets them: (attempt, language, page, viewer, the
# session's CSRF token, answered count) -> gzip bytes. About 2 KB each.
COMPRESSED_QUIZ_PAGES: Shared[tuple[Any, ...], bytes] = Shared(4096)
# One question rendered with nothing chosen and a slot for each entry, cut at the slots: the
# same for every attempt that shows it, whatever order its entries were shuffled in.
UNANSWERED_QUESTIONS: Shared[Hashable, Any] = Shared(8192)
# Whether a source translation translates its source's words of today: (source, the source's
# last change, the fingerprint the translation names) -> bool.
CURRENT_TRANSLATIONS: Shared[tuple[str, Any, str], bool] = Shared(4096)
# The signed form of a session's CSRF token (tokens do not expire, so one signature serves).
SIGNED_CSRF_TOKENS: Shared[str, str] = Shared(2048)
# What every phone of a live game shows alike, read once per step of the game: the question in
# a language, and the board at a reveal. Keyed by the game's version (and answers counted),
# which moves with every change, so a kept entry is never stale.
LIVE_SCREENS: Shared[Hashable, Any] = Shared(512)
# QR codes of join links, by link and label (a few KB of SVG each).
QR_CODES: Shared[Hashable, Any] = Shared(64)
# Large scopes' item-analysis counts, per database (a kept scope of 90,000 attempts: about 1 MB).
ITEM_COUNT_SCOPES = 32
_item_counts: WeakKeyDictionary[Engine, Shared[Hashable, Any]] = WeakKeyDictionary()
_item_counts_lock = threading.Lock()


def item_counts(engine: Engine) -> Shared[Hashable, Any]:
    """The item-analysis counts kept for one database."""
    with _item_counts_lock:
        kept = _item_counts.get(engine)
        if kept is None:
            kept = _item_counts[engine] = Shared(ITEM_COUNT_SCOPES)
        return kept


def forget_rendered_pages() -> None:
    """Drop every rendered page and question (after the catalogs or templates change)."""
    QUIZ_PAGES.clear()
    COMPRESSED_QUIZ_PAGES.clear()
    UNANSWERED_QUESTIONS.clear()
    LIVE_SCREENS.clear()
    QR_CODES.clear()


def forget_item_counts() -> None:
    """Drop the kept item-analysis counts of every database."""
    with _item_counts_lock:
        _item_counts.clear()


def forget_everything() -> None:
    """Empty every cache."""
    forget_rendered_pages()
    forget_item_counts()
    QUESTION_CONTENTS.clear()
    SIGNED_CSRF_TOKENS.clear()
    CURRENT_TRANSLATIONS.clear()
