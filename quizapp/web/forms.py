"""The base of every form: WTForms' own messages ("This field is required.") from our catalogs.

WTForms ships catalogs for Spanish but not for Urdu, and in words of its own; quizapp's
catalogs hold those messages too (listed below for extraction), translated with the rest.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import AnyOf, DataRequired


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated when WTForms asks for it."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for the catalog."""
    return singular, plural


# The messages WTForms' validators and fields use in quizapp's forms.
WTFORMS_MESSAGES = (
    N_("This field is required."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_("Invalid email address."),
    N_("Invalid URL."),
    N_("Invalid input."),
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Not a valid integer value."),
    N_("Not a valid date value."),
    N_("Not a valid datetime value."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
)
WTFORMS_PLURAL_MESSAGES = (
    N_plural("Field must be at least %(min)d character long.",
             "Field must be at least %(min)d characters long."),
    N_plural("Field cannot be longer than %(max)d character.",
             "Field cannot be longer than %(max)d characters."),
    N_plural("Field must be exactly %(max)d character long.",
             "Field must be exactly %(max)d characters long."),
)


class _CatalogForWTForms:
    """WTForms' translations interface, answered from the request's catalog."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)  # type: ignore[no-any-return]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)  # type: ignore[no-any-return]


class QuizappForm(FlaskForm):
    """A Flask-WTF form (CSRF included) whose built-in messages are in the page's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> _CatalogForWTForms:
            return _CATALOG

        def render_field(self, field: Any, render_kw: dict[str, Any]) -> Any:
            # A button needs no id (no label points at it), and a page with several forms would
            # repeat id="submit".
            if isinstance(field, SubmitField) and "id" not in render_kw:
                render_kw = {**render_kw, "id": False}
            return super().render_field(field, render_kw)


_CATALOG = _CatalogForWTForms()


class LogoutForm(QuizappForm):
    """Sign out (a POST, so no link can sign anyone out)."""

    submit = SubmitField(_l("Sign out"))


class LanguageForm(QuizappForm):
    """Choose the interface language: one button per language, each named in itself.

    The buttons are written in ``_language_menu.html``; ``next`` is the page to go back to.
    """

    language = StringField(validators=[DataRequired()])
    next = HiddenField()

    def __init__(self, *args: object, languages: list[str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if languages is not None:
            self.language.validators = [DataRequired(), AnyOf(languages)]
