"""Translate the domain's messages: on a page in the request's language, on the command line in LANG's."""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

from quizapp.domain.messages import Message

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


def in_page_language(message: Message) -> str:
    """``message`` in the language of the current request (Flask-Babel's catalog)."""
    from flask_babel import get_translations

    return message.render(get_translations().ugettext)


def command_line_language(environ: dict[str, str] | None = None) -> str | None:
    """The language the command line asks for, as gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        for choice in value.split(":"):
            code = choice.split(".")[0].split("@")[0]
            if code and code not in ("C", "POSIX"):
                return code
    return None


@lru_cache(maxsize=8)
def catalog_for(language: str | None) -> gettext.NullTranslations:
    """The compiled catalog for ``language`` (``es``, ``ur_PK``...), or no translation at all.

    The standard library's gettext reads the catalogs the app compiles: the command line needs
    no Babel (which costs it a tenth of its start).
    """
    if not language:
        return gettext.NullTranslations()
    return gettext.translation("messages", str(TRANSLATIONS_DIR),
                               languages=[language, language.split("_")[0]], fallback=True)


def command_line_catalog() -> gettext.NullTranslations:
    """The catalog for the command line's language; English when none exists."""
    return catalog_for(command_line_language())


def language_name(code: str) -> str:
    """A language's name in the language of the current page (Babel's CLDR data): "espagnol"."""
    from babel import Locale, UnknownLocaleError
    from flask_babel import get_locale

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(get_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code
