"""Rate limits that fit a school: what each limit counts, and where the counts live.

Sign-in failures are counted per account *and* address, so a correct password from
the classroom still works while someone elsewhere guesses at the account (ASVS 6.3.1;
CTFd counts the same way); a cap per address slows down spraying many accounts.
Joins into a class are counted per class code and address, and only those that went
through: a burst of new accounts from one place is slowed, a class behind one school router
joins freely, and no failed join (a stranger's flood with the code from the projector wall, a
learner's typing mistakes) closes the class to anyone else. Unknown codes are counted per
address, so guessing codes stays slow. A wrong password with the name of a learner of the
class is a guess at that learner's password: it counts against their account's sign-in limit
(``SignInTries``), under the same key as the sign-in form (the login folded as sign-in folds it).

Counts kept in memory are each process's own: with several workers, each would let
through its own share. ``refuse_memory_storage_with_workers`` stops that at start-up.
When Redis cannot be reached, each worker counts in its own memory until it answers
again (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED in config.py): the limits loosen for a while,
sign-in and joining go on.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from werkzeug.wrappers import Response

from quizapp.domain.classroom_rules import read_join_code, sign_in_key
from quizapp.extensions import limiter
from quizapp.web.viewer import viewer_id

# The bucket of the per-account sign-in limit, shared by signing in and joining a class with
# the name of a learner in it: both guess the same password.
SIGN_IN_SCOPE = "sign-in"


def account_key(login: str) -> str:
    """Failed sign-ins are counted for this account, however its name is spelled, from this address."""
    return f"login:{sign_in_key(login)[:254]}:{get_remote_address()}"


def login_key() -> str:
    """The sign-in form's account key."""
    return account_key(request.form.get("login", ""))


def _sign_in_counts(logins: Sequence[str]) -> list[tuple[RateLimitItem, list[str]]]:
    """The per-account sign-in limit and its storage keys, as the login view's limit makes them."""
    item = parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])
    prefix = [str(current_app.config["RATELIMIT_KEY_PREFIX"])] if current_app.config.get(
        "RATELIMIT_KEY_PREFIX") else []
    return [(item, [*prefix, key, SIGN_IN_SCOPE]) for key in dict.fromkeys(map(account_key, logins))]


def sign_in_tries_left(logins: Sequence[str]) -> bool:
    """False when any of these accounts has had its failed sign-ins from this address."""
    if not limiter.enabled:
        return True
    try:
        return all(limiter.limiter.test(item, *keys) for item, keys in _sign_in_counts(logins))
    except Exception:  # storage gone mid-request: counted in memory from the next request on
        current_app.logger.warning("Rate limit storage unreachable: a join password was not counted")
        return True


def count_failed_sign_in(logins: Sequence[str]) -> None:
    """A wrong password for these accounts, given outside the sign-in form (when joining)."""
    if not limiter.enabled:
        return
    try:
        for item, keys in _sign_in_counts(logins):
            limiter.limiter.hit(item, *keys)
    except Exception:
        current_app.logger.warning("Rate limit storage unreachable: a join password was not counted")


def failed_sign_in(response: Response) -> bool:
    """Only failed sign-ins count."""
    return response.status_code == 401


class SignInTries:
    """Wrong passwords given when joining, counted under the accounts' sign-in limit."""

    def left(self, usernames: Sequence[str]) -> bool:
        """Whether these accounts' passwords may be tried now from this address."""
        return sign_in_tries_left(usernames)

    def failed(self, usernames: Sequence[str]) -> None:
        """Count one wrong password against each of these accounts."""
        count_failed_sign_in(usernames)


def join_code_key() -> str:
    """Joins are counted per class code and address: a burst from one place into one class."""
    return f"join:{read_join_code(request.form.get('code', ''))[:16]}:{get_remote_address()}"


def joined(response: Response) -> bool:
    """Only joins that went through count per class: a learner's mistakes (a short password, a
    closed class's code, a wrong password, counted by the sign-in limit) do not."""
    return response.status_code == 303


def note_unknown_join_code() -> None:
    """The view calls this when the code names no class; only those count per address."""
    g.unknown_join_code = True


def unknown_join_code(_response: Response) -> bool:
    """True when the join named no class."""
    return bool(g.get("unknown_join_code"))


class SharedCountsNeeded(RuntimeError):
    """Several workers would each keep their own rate-limit counts in memory."""


def serving_workers(argv: Sequence[str] | None = None,
                    environ: dict[str, str] | os._Environ[str] | None = None) -> int:
    """How many worker processes serve this app, as far as can be told.

    Under gunicorn, its ``--workers`` (from the command line or GUNICORN_CMD_ARGS);
    otherwise, or when gunicorn is given none, WEB_CONCURRENCY (gunicorn's default too).
    A ``workers`` line in a gunicorn config file is not seen: set WEB_CONCURRENCY too.
    """
    argv = list(sys.argv if argv is None else argv)
    environ = os.environ if environ is None else environ
    workers: int | None = None
    program = argv[0] if argv else ""
    if "gunicorn" in os.path.basename(program) or program.endswith("gunicorn/__main__.py"):
        from gunicorn.config import Config

        arguments = shlex.split(environ.get("GUNICORN_CMD_ARGS", "")) + argv[1:]
        try:
            workers = Config().parser().parse_known_args(arguments)[0].workers
        except SystemExit:  # not gunicorn's arguments after all
            workers = None
    if workers is None:
        try:
            workers = int(environ.get("WEB_CONCURRENCY", "1"))
        except ValueError:
            workers = 1
    return workers


def refuse_memory_storage_with_workers(app: Flask, workers: int | None = None) -> None:
    """Refuse to start when several workers would each count in their own memory."""
    workers = serving_workers() if workers is None else workers
    storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if workers > 1 and storage.startswith("memory://") and app.config.get("RATELIMIT_ENABLED", True):
        message = (f"{workers} workers would each count failed sign-ins and joins on their own "
                   f"(RATELIMIT_STORAGE_URI is {storage}), so every limit would be {workers} "
                   "times looser. Keep the counts in Redis: set QUIZAPP_RATELIMIT_STORAGE_URI="
                   "redis://127.0.0.1:6379 (or RATELIMIT_STORAGE_URI in instance/config.py), "
                   "or serve with one worker.")
        app.logger.critical(message)
        raise SharedCountsNeeded(message)


def signed_in() -> bool:
    """Writes by a signed-in account are not counted against their address."""
    return viewer_id() is not None


# Redis that stops answering (a host gone from the network, not just a restart) holds a
# request this long at most before it counts in memory instead.
REDIS_WAIT_SECONDS = 1.0


def bound_storage_waits(app: Flask) -> None:
    """Give a Redis storage connect and read timeouts, unless the settings chose their own."""
    storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "")
    if storage.startswith(("redis://", "rediss://", "redis+unix://")):
        options = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        options.setdefault("socket_connect_timeout", REDIS_WAIT_SECONDS)
        options.setdefault("socket_timeout", REDIS_WAIT_SECONDS)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = options


def start_on_reachable_storage(limiter: Limiter) -> None:
    """Take a new app's storage as reachable until it fails.

    The limiter is one object per process, shared by every app made in it (the tests make
    many), and ``init_app`` gives it the new app's storage but keeps the last one's finding
    that its storage was down; Flask-Limiter has no public way to clear it.
    """
    if hasattr(limiter, "_storage_dead"):
        limiter._storage_dead = False
