"""Locale choice and the template helpers that keep pages ready for right-to-left languages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import current_app, request
from flask_babel import get_locale
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
            "logout_form": LogoutForm}
