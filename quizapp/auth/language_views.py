"""Choosing the interface language: kept in a cookie, and on the account when signed in."""

from __future__ import annotations

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from quizapp.auth.views import _safe_next, auth
from quizapp.extensions import db
from quizapp.services import accounts
from quizapp.web.forms import LanguageForm
from quizapp.web.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_AGE


@auth.post("/language")
def choose_language() -> Response:
    """Remember the language chosen in the menu and go back to the page it was chosen on."""
    form = LanguageForm(languages=list(current_app.config["LANGUAGES"]))
    if not form.validate_on_submit():
        abort(400)
    language = form.language.data or ""
    if current_user.is_authenticated:
        accounts.set_language(db.session, current_user.account_id, language)
    response = redirect(_safe_next(form.next.data) or url_for("learner.home"), code=303)
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_AGE, httponly=True,
                        samesite="Lax", secure=request.is_secure)
    return response
