"""Who is signed in: Flask-Login's user, loaded from the account and its live session token."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import UserMixin, login_user

from quizapp.extensions import db, login_manager
from quizapp.services import accounts


class CurrentUser(UserMixin):
    """The signed-in account; its id carries the session token so old cookies die at logout."""

    def __init__(self, signed: accounts.SignedIn) -> None:
        self.account_id = signed.account_id
        self.display_name = signed.display_name
        self.username = signed.username
        self.role = signed.role
        self.language = signed.language
        self.class_language = signed.class_language
        self._token = signed.session_token

    def get_id(self) -> str:
        return f"{self.account_id}:{self._token}"

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    @property
    def is_learner(self) -> bool:
        return self.role == "learner"


@login_manager.user_loader
def load_user(user_id: str) -> CurrentUser | None:
    """The user a session names, if that session has not been ended."""
    account_id, _, token = user_id.partition(":")
    if not (account_id.isascii() and account_id.isdigit()) or not token:
        return None
    signed = accounts.signed_in(db.session, int(account_id), token, idle_seconds())
    return CurrentUser(signed) if signed else None


def idle_seconds() -> int:
    """How long a session may go unused before it is over (SESSION_IDLE_MINUTES)."""
    return int(current_app.config["SESSION_IDLE_MINUTES"]) * 60


def start_session(signed: accounts.SignedIn) -> None:
    """Sign in with a fresh session: nothing from before the sign-in is kept."""
    session.clear()
    login_user(CurrentUser(signed))


class SessionCookies(SecureCookieSessionInterface):
    """Session cookies are HttpOnly, SameSite=Lax, and Secure whenever the request is HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]
                    or (has_request_context() and request.is_secure))
