"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from __future__ import annotations

import threading

from flask import Flask, current_app, g
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from quizapp.database import close_hot_connections, make_engine, make_sessions

csrf = CSRFProtect()
# Every text response compressed when the browser accepts it, in the app itself, so `quizapp run`
# and gunicorn alike send light pages.
compress = Compress()
babel = Babel()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Sign in to see this page.")
# Memory storage by default; RATELIMIT_STORAGE_URI (redis://...) when several workers serve.
limiter = Limiter(key_func=get_remote_address)


class Database:
    """One engine per app; one session per request, closed when the request ends.

    Every request's session reads: its transactions take no write lock, so one slow
    request (hashing 200 passwords, checking a large bank) never holds up the others.
    Services write in a short transaction of their own, ``write_transaction(session)``,
    which takes SQLite's write lock at its BEGIN and only for its writes.
    """

    def init_app(self, app: Flask) -> None:
        """Bind to ``app``; the engine is made on first use, not here."""
        app.extensions["quizapp.database"] = self
        app.teardown_appcontext(self._close_session)

    def _factories(self) -> tuple[Engine, sessionmaker[Session], sessionmaker[Session], threading.local]:
        state = current_app.extensions.get("quizapp.database.state")
        if state is None:
            engine = make_engine(current_app.config["DATABASE_URL"])
            state = (engine, *make_sessions(engine), threading.local())
            current_app.extensions["quizapp.database.state"] = state
        return state  # type: ignore[no-any-return]

    @property
    def engine(self) -> Engine:
        """The app's engine."""
        return self._factories()[0]

    @property
    def session(self) -> Session:
        """This request's (or app context's) session.

        Each thread keeps its session between requests, closed (empty, with no connection):
        making and dropping one per request was a fifth of a cached quiz page's own cost.
        """
        if "db_session" not in g:
            _, readers, _, idle = self._factories()
            kept = getattr(idle, "session", None)
            idle.session = None
            g.db_session = kept if kept is not None else readers()
            g.db_session_home = idle
        return g.db_session  # type: ignore[no-any-return]

    def writer(self) -> Session:
        """A new session for writing outside a request (commands); the caller closes it."""
        return self._factories()[2]()

    def dispose(self) -> None:
        """Close the engine's connections (tests, and before a server forks)."""
        state = current_app.extensions.pop("quizapp.database.state", None)
        if state is not None:
            close_hot_connections(state[0])
            state[0].dispose()

    @staticmethod
    def _close_session(_error: BaseException | None) -> None:
        session = g.pop("db_session", None)
        home = g.pop("db_session_home", None)
        if session is None:
            return
        # A session only handed to the hot queries never connected and holds nothing: closing
        # it would cost a page view more than the query did.
        if session.in_transaction() or session.identity_map or session.new:
            session.close()
        if home is not None:
            home.session = session  # closed, so the thread's next request starts clean


db = Database()
