"""Locale choice and the template helpers that keep pages ready for right-to-left languages."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import flask_babel
from babel import Locale
from babel.dates import get_timezone_location
from babel.numbers import format_decimal
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from quizapp.domain.class_time import DEFAULT_ZONE, utc_to_local, zone
from quizapp.domain.classroom_rules import show_join_code
from quizapp.domain.languages import choose_language, own_name
from quizapp.web.forms import LanguageForm, LogoutForm
from quizapp.web.viewer import signed_in_user

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "sd", "ug", "ur", "yi"})
LANGUAGE_COOKIE = "language"
LANGUAGE_COOKIE_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie


def select_locale() -> str:
    """The page's language: chosen (account, then cookie), the class's, the browser's, else en.

    It runs on every request, so it asks the database nothing: the account's choice and
    its class's default come with the signed-in user, loaded for the page anyway, and an
    anonymous visitor is never looked up.
    """
    config = current_app.config
    if not has_request_context():  # a command: no reader to ask
        return config["BABEL_DEFAULT_LOCALE"]  # type: ignore[no-any-return]
    chosen = g.get("quizapp_language")
    if chosen is None:
        supported = tuple(config["LANGUAGES"])
        user = signed_in_user()
        chosen = g.quizapp_language = choose_language(
            supported, account=getattr(user, "language", None),
            cookie=request.cookies.get(LANGUAGE_COOKIE),
            class_default=getattr(user, "class_language", None),
            browser=_best_language(request.headers.get("Accept-Language", ""), supported),
            default=config["BABEL_DEFAULT_LOCALE"])
    return chosen  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def _best_language(header: str, supported: tuple[str, ...]) -> str | None:
    # Browsers send the same few headers again and again; parse each once.
    return parse_accept_header(header, LanguageAccept).best_match(supported)


def text_direction(language: str | None) -> str:
    """'rtl' for languages written right to left, else 'ltr'."""
    base = (language or "en").split("-")[0].lower()
    return "rtl" if base in RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True)
class LanguageChoice:
    """A language of the menu: its code, its name in itself, its direction."""

    code: str
    name: str
    direction: str


@lru_cache(maxsize=8)
def language_menu(languages: tuple[str, ...]) -> tuple[LanguageChoice, ...]:
    """The language menu's entries, each named in its own language ('Español')."""
    return tuple(LanguageChoice(code, own_name(code), text_direction(code)) for code in languages)


def _language_form() -> Any:
    # Back to this page after choosing; a page that answered a POST has no address to return to.
    back = request.full_path.rstrip("?") if request.method in ("GET", "HEAD") else None
    return LanguageForm(formdata=None, next=back)


@lru_cache(maxsize=64)
def _datetime_pattern(locale: str, width: str) -> str:
    """The locale's date of that width and its short time, joined as the locale joins them.

    Babel's own datetime formats give seconds and a zone offset; a class's due date
    needs neither ('1 de diciembre de 2026, 15:00').
    """
    parsed = Locale.parse(locale)
    time = parsed.time_formats["short"].pattern
    if parsed.language in DAY_PERIOD_WORDS:
        time = time.replace("a", "B")
    return str(parsed.datetime_formats[width]).format(time, parsed.date_formats[width].pattern)


# Languages whose clock reads with the words a school uses for the time of day, not AM/PM:
# CLDR gives Urdu "AM"/"PM" in its short time, in Latin letters, but its flexible day periods
# are the Urdu words (صبح, دوپہر, سہ پہر, شام, رات): "5:00 شام" rather than "5:00 PM".
DAY_PERIOD_WORDS = frozenset({"ur"})


def class_datetime(stored: dt.datetime | None, zone_name: str | None = None,
                   width: str = "medium") -> str:
    """A stored time (naive UTC) on the class's clock, written for the page's language.

    ``width`` is 'medium' ('Dec 1, 2026, 3:00 PM') or 'long' ('December 1, 2026, 3:00 PM');
    '' for no time at all.
    """
    if stored is None:
        return ""
    local = utc_to_local(stored, zone_name or DEFAULT_ZONE)
    pattern = _datetime_pattern(str(get_locale() or "en"), width)
    return flask_babel.format_datetime(local, pattern, rebase=False)  # type: ignore[no-any-return]


def class_time(stored: dt.datetime | None, zone_name: str | None = None,
               width: str = "medium") -> Markup:
    """``class_datetime`` as a ``<time>`` element for pages: machine-readable, marked as data."""
    if stored is None:
        return Markup("")
    local = utc_to_local(stored, zone_name or DEFAULT_ZONE)
    return Markup('<time datetime="{}">{}</time>').format(
        local.isoformat(timespec="minutes"), class_datetime(stored, zone_name, width))


def isolated(text: str) -> Markup:
    """Text of any direction (a name) set apart in a message, so it cannot reorder the words."""
    return Markup("<bdi>{}</bdi>").format(text)


def zone_label(zone_name: str | None) -> str:
    """A time zone as a reader of the page calls it: 'hora de El Salvador', 'Pakistan Time', 'UTC'."""
    if not zone_name or zone_name == DEFAULT_ZONE:
        return "UTC"
    return get_timezone_location(zone(zone_name), locale=get_locale())  # type: ignore[no-any-return]


def long_date(day: dt.date) -> str:
    """A calendar date in the page's language ('17 de julio de 2025')."""
    return flask_babel.format_date(day, "long")  # type: ignore[no-any-return]


def number(value: float) -> str:
    """A score or a count in the page's language ('6,238'; '6.238' in Spanish)."""
    if isinstance(value, int) and 0 <= value < _SMALL:
        return _small_number(value, select_locale())
    return flask_babel.format_number(value)  # type: ignore[no-any-return]


_SMALL = 10_000


@lru_cache(maxsize=4096)
def _small_number(value: int, locale: str) -> str:
    """Counts and scores as pages show them most: formatted once per language."""
    return format_decimal(value, locale=locale)  # type: ignore[no-any-return]


def percent(share: float) -> str:
    """A share from 0 to 1 as a whole percentage in the page's language ('50%'; '50 %')."""
    return flask_babel.format_percent(share)  # type: ignore[no-any-return]


def template_helpers() -> dict[str, Any]:
    """Values every template can use."""
    locale = str(get_locale() or "en")
    return {"page_language": locale, "page_direction": text_direction(locale),
            "text_direction": text_direction, "show_join_code": show_join_code,
            "languages": language_menu(tuple(current_app.config["LANGUAGES"])),
            "language_form": _language_form, "class_time": class_time,
            "zone_label": zone_label, "long_date": long_date, "number": number,
            "percent": percent,
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
