"""The base of every form: WTForms' own messages ("This field is required.") from our catalogs,
and a check that each field got a value of its kind.

WTForms ships catalogs for Spanish but not for Urdu, and in words of its own; quizapp's
catalogs hold those messages too (listed below for extraction), translated with the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, g, request, session
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import CombinedMultiDict, FileStorage, MultiDict
from wtforms import FileField, HiddenField, StringField, SubmitField
from wtforms.validators import AnyOf, DataRequired

from quizapp.services.caches import SIGNED_CSRF_TOKENS


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


NOT_TEXT = _l("This field takes text, not a file.")
NOT_A_FILE = _l("This field takes a file, not text.")


def values_of_their_kind(form: Any, formdata: Any) -> tuple[MultiDict[str, Any] | None, dict[str, Any]]:
    """The form's data with every value of the wrong kind left out, and a message per field
    that had one (by the field's name in the form, without its prefix).

    A text field takes text, a file field a file: a file part sent for a text field (or text
    for a file field) would reach validators and views that cannot read it. Keys that are
    no field of the form pass unchanged. An empty text for a file field is no file, as a
    browser sends when none is chosen.
    """
    if formdata is None:
        return None, {}
    fields = {field.name: field for field in form}  # by the name sent, its prefix included
    kept: MultiDict[str, Any] = MultiDict()
    wrong: dict[str, Any] = {}
    for name, values in formdata.lists():
        field = fields.get(name)
        if field is None:
            kept.setlist(name, values)
            continue
        if isinstance(field, FileField):
            right = [value for value in values if isinstance(value, FileStorage)]
            if any(value for value in values if not isinstance(value, FileStorage)):
                wrong[field.short_name] = NOT_A_FILE
        else:
            right = [value for value in values if isinstance(value, str)]
            if len(right) < len(values):
                wrong[field.short_name] = NOT_TEXT
        if right:
            kept.setlist(name, right)
    return kept, wrong


class QuizappForm(FlaskForm):
    """A Flask-WTF form (CSRF included) whose built-in messages are in the page's language,
    and whose fields each get values of their kind (see ``values_of_their_kind``)."""

    wrong_kinds: dict[str, Any] = {}  # noqa: RUF012  (replaced per form, never changed in place)

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> _CatalogForWTForms:
            return _CATALOG

        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            # What an HTML form sends, its fields and its files. Flask-WTF would also read a
            # JSON body, where a field may hold a number, a list or an object: no quizapp form
            # is sent so.
            if formdata is None or isinstance(formdata, Mapping):
                return formdata
            if not form.is_submitted():
                return None
            return CombinedMultiDict((request.files, request.form))

        def render_field(self, field: Any, render_kw: dict[str, Any]) -> Any:
            # A button needs no id (no label points at it), and a page with several forms would
            # repeat id="submit".
            if isinstance(field, SubmitField) and "id" not in render_kw:
                render_kw = {**render_kw, "id": False}
            return super().render_field(field, render_kw)

    def process(self, formdata: Any = None, obj: Any = None, data: Any = None,
                extra_filters: Any = None, **kwargs: Any) -> None:
        """Fill the fields, each from the values of its kind only."""
        formdata, self.wrong_kinds = values_of_their_kind(self, self.meta.wrap_formdata(self, formdata))
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)

    def validate(self, extra_validators: Any = None) -> bool:
        """Validate; a field sent a value of the wrong kind says only that."""
        valid = super().validate(extra_validators)
        for name, message in self.wrong_kinds.items():
            self[name].errors = [message]
        return valid and not self.wrong_kinds


_CATALOG = _CatalogForWTForms()


def form_token() -> str:
    """This browser's CSRF token for forms, signed once per session token in this process.

    Tokens do not expire (WTF_CSRF_TIME_LIMIT is None), so one signature serves every view;
    signing anew on each request was a tenth of a quiz page's cost.
    """
    raw = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if raw is None or current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return generate_csrf()
    signed = SIGNED_CSRF_TOKENS.get(raw)
    if signed is None:
        signed = generate_csrf()
        SIGNED_CSRF_TOKENS.put(raw, signed)
    return signed


def sign_form_token_once() -> None:
    """Before each request of a session that has a CSRF token: its signature, where Flask-WTF
    looks for this request's, so that no form signs it again (a third of an answer's post
    was building its form)."""
    if request.endpoint == "static":  # no form, and reading the session would add Vary: Cookie
        return
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    if field in session and current_app.config["WTF_CSRF_TIME_LIMIT"] is None:
        setattr(g, field, form_token())


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
