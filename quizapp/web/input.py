"""Text no field may hold: a NUL character (code 0) cannot be stored by PostgreSQL."""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import BadRequest


class NulCharacter(BadRequest):
    """A form or address held a NUL character; errors.py says what to do about it."""


def refuse_nul_characters() -> None:
    """Before every request: no form field or query value may hold a NUL character."""
    sources = [request.args]
    if request.method == "POST":
        sources.append(request.form)
    for values in sources:
        for _, value in values.items(multi=True):
            if "\x00" in value:
                raise NulCharacter()
