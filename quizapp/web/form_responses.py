"""The status a page answers with when it shows a form again."""

from __future__ import annotations

from flask_wtf import FlaskForm


def form_status(form: FlaskForm) -> int:
    """422 when the form is shown again because of mistakes in it, 200 otherwise."""
    return 422 if form.errors else 200
