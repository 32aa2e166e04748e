"""Asking first: a page that says what an action will do, and the button that does it."""

from __future__ import annotations

from flask import abort, render_template, request
from markupsafe import Markup, escape

from quizapp.teacher.forms import ButtonForm
from quizapp.web.i18n import isolated


def say(message: str, **names: str) -> Markup:
    """A translated message with each name set apart (``isolated``), safe to flash or show."""
    return escape(message) % {key: isolated(value) for key, value in names.items()}


def confirm_page(title: Markup, what_happens: list[str], button: str, back: str) -> str:
    """A page that says what an action does, with the button that does it and a way back.

    The button posts to the page's own address: a GET asks, a POST does.
    """
    return render_template("teacher/confirm.html", title=title, what_happens=what_happens,
                           button_label=button, action=request.path, back=back, form=ButtonForm())


def confirmed() -> bool:
    """True for a POST from the confirmation page; False for the GET that asks; 400 without CSRF."""
    if request.method != "POST":
        return False
    if not ButtonForm().validate_on_submit():
        abort(400)
    return True
