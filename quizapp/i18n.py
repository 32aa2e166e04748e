"""Locale choice and the template helpers that keep pages ready for right-to-left languages."""

from __future__ import annotations

import functools
from functools import lru_cache
from typing import Any

from flask import Flask, current_app, g, request
from flask_babel import get_locale, get_translations
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def select_locale() -> str:
    """The supported language the browser prefers most, else the default."""
    return _best_language(request.headers.get("Accept-Language", ""),
                          tuple(current_app.config["LANGUAGES"]),
                          current_app.config["BABEL_DEFAULT_LOCALE"])


@lru_cache(maxsize=1024)
def _best_language(header: str, supported: tuple[str, ...], default: str) -> str:
    # Browsers send the same few headers again and again; parse each once.
    return parse_accept_header(header, LanguageAccept).best_match(supported) or default


def text_direction(language: str | None) -> str:
    """'rtl' for languages written right to left, else 'ltr'."""
    base = (language or "en").split("-")[0].lower()
    return "rtl" if base in RIGHT_TO_LEFT else "ltr"


def template_helpers() -> dict[str, Any]:
    """Values every template can use."""
    from quizapp.auth.forms import LogoutForm
    from quizapp.domain.classroom_rules import show_join_code

    locale = str(get_locale() or "en")
    return {"page_language": locale, "page_direction": text_direction(locale),
            "text_direction": text_direction, "show_join_code": show_join_code,
            # Never bound to the request's form: an error page for a body that was too
            # large (or unreadable) must not read that body again.
            "logout_form": functools.partial(LogoutForm, formdata=None)}


def _translations() -> Any:
    translations = g.get("quizapp_translations")
    if translations is None:
        translations = g.quizapp_translations = get_translations()
    return translations


def _template_gettext(string: str) -> str:
    return _translations().ugettext(string)  # type: ignore[no-any-return]


def _template_ngettext(singular: str, plural: str, number: int) -> str:
    return _translations().ungettext(singular, plural, number)  # type: ignore[no-any-return]


def install_template_gettext(app: Flask) -> None:
    """Templates translate through the request's catalog, looked up once per request.

    Flask-Babel resolves the locale and catalog again on every call, about 20 µs each,
    and a page makes dozens of calls. Jinja's newstyle wrappers still escape and format.
    """
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        _template_gettext, _template_ngettext, newstyle=True)
