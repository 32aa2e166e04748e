"""The learner blueprint and what its pages share: the reading language and the owner-checked attempt."""

from __future__ import annotations

from typing import NoReturn

from flask import Blueprint, abort, redirect, request, url_for
from flask_babel import get_locale

from quizapp.extensions import db
from quizapp.learner.forms import answer_field
from quizapp.services import quiz_pages
from quizapp.web.viewer import viewer_id

learner = Blueprint("learner", __name__)
learner.add_app_template_global(answer_field)


def reading_language() -> str:
    """The page's language, in which banks are shown where a translation exists."""
    return str(get_locale() or "en")


def my_attempt(token: str) -> quiz_pages.AttemptState:
    """The attempt ``token`` if the viewer may take or read it as its learner; 404 otherwise.

    A learner whose session ended (signed out, or idle too long) is sent to sign in and then
    back here, to the answers saved so far: the page exists, it is just theirs.
    """
    state = quiz_pages.attempt_state(db.session, token)
    if state is not None and state.account_id is not None and viewer_id() is None:
        sign_in_first()
    if state is None or not state.open_to(viewer_id):
        abort(404)
    return state


def sign_in_first() -> NoReturn:
    """Go to sign in, and come back to this page afterwards."""
    abort(redirect(url_for("auth.login", next=request.full_path.rstrip("?")), code=303))
