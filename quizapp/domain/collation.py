"""Names in the order a reader of the page's language expects them.

Sorting by code point puts "Ángel" and "Óscar" after "sofia" and "Zara". ICU's collators
(through PyICU) follow the Unicode Collation Algorithm with each language's CLDR rules:
accents and case are secondary, so "Ángel" sorts with A in every language; Spanish puts
"ñ" after "n" ("nube" before "ñandú"); Urdu puts "ٹ" after "ت", before "ث". A language
ICU does not know gets the CLDR root order, which is already right for accents.

PyICU builds against the system's ICU (Debian: libicu-dev, pkg-config, g++), so it is an
extra (``pip install 'quizapp[icu]'``; the tests install it). Without it, names follow the
Unicode Collation Algorithm's default order (pyuca, pure Python): accents and case still
secondary, so "Ángel" still sorts with A; only each language's own tailoring is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

try:
    import icu
except ImportError:  # without the extra: the default order of every language
    icu = None

Item = TypeVar("Item")


@lru_cache(maxsize=32)
def _collator(language: str) -> Callable[[str], object]:
    # One collator per language, shared: ICU's collators are safe for concurrent use of their
    # const methods (getSortKey), which is all that is called on them here.
    if icu is None:
        return _default_order()
    return icu.Collator.createInstance(icu.Locale(language or "root")).getSortKey  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _default_order() -> Callable[[str], object]:
    from pyuca import Collator

    return Collator().sort_key  # type: ignore[no-any-return]


def language_tailored() -> bool:
    """Whether names follow each language's own order (PyICU installed) or the default one."""
    return icu is not None


def name_key(language: str | None) -> Callable[[str], object]:
    """A sort key for names in ``language`` (a tag such as 'es', 'ur', 'en_GB'; None: root)."""
    return _collator((language or "root").replace("-", "_"))


def by_name(items: Iterable[Item], name: Callable[[Item], str], language: str | None,
            then: Callable[[Item], int] = lambda item: 0) -> list[Item]:
    """``items`` sorted by their ``name`` in ``language``'s order, then by ``then`` (an id),
    so that two learners of one name keep one order."""
    key = name_key(language)
    return sorted(items, key=lambda item: (key(name(item)), then(item)))
