"""Which language a page is shown in: the rule of who chose what, and each language's own name."""

from __future__ import annotations

from collections.abc import Iterable

# Each language written in itself, as a menu shows it to someone who cannot read the page yet.
OWN_NAMES = {"en": "English", "es": "Español", "ur": "اردو"}


def own_name(language: str) -> str:
    """A language's name in that language ('Español'); the code when it is not known."""
    return OWN_NAMES.get(language, language)


def choose_language(supported: Iterable[str], *, account: str | None = None,
                    cookie: str | None = None, class_default: str | None = None,
                    browser: str | None = None, default: str = "en") -> str:
    """The page's language: an explicit choice, then the class's, then the browser's.

    A choice saved on the account wins over one kept in this browser's cookie (the
    cookie may be another person's on a shared phone); a learner's class default comes
    next, then the best match for the browser's Accept-Language, then ``default``.
    Values that are not supported are passed over.
    """
    languages = frozenset(supported)
    for candidate in (account, cookie, class_default, browser):
        if candidate and candidate in languages:
            return candidate
    return default
