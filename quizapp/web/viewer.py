"""Who is looking: the signed-in account, found without Flask-Login for an anonymous request."""

from __future__ import annotations

from typing import Any

from flask import session
from flask_login import current_user


def signed_in_user() -> Any | None:
    """The signed-in user, or None; a request with no user id in its session skips Flask-Login."""
    if "_user_id" not in session or not current_user.is_authenticated:
        return None
    return current_user


def viewer_id() -> int | None:
    """The signed-in account's id, for content only some may see; None when signed out."""
    user = signed_in_user()
    return None if user is None else int(user.account_id)
