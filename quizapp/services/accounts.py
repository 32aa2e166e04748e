"""Teacher and learner accounts: creating them, signing in, passwords, joining classes."""

from __future__ import annotations

import enum
import random
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.database import HotQuery
from quizapp.domain.classroom_rules import (
    PasswordProblem,
    clean_display_name,
    password_problem,
    read_join_code,
    username_base,
)
from quizapp.models import Account, Classroom, Membership

# Checked against when the account does not exist, so both failures take the same time.
_NO_SUCH_ACCOUNT = generate_password_hash("no such account")
_CARD_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AccountProblem(enum.Enum):
    """Why an account could not be created or changed; the views say it in words."""

    USERNAME_TAKEN = "username_taken"
    USERNAME_INVALID = "username_invalid"
    EMAIL_TAKEN = "email_taken"
    NAME_EMPTY = "name_empty"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_LONG = "password_too_long"
    WRONG_PASSWORD = "wrong_password"
    UNKNOWN_CODE = "unknown_code"
    NOT_A_LEARNER = "not_a_learner"


_PASSWORD_PROBLEMS = {PasswordProblem.TOO_SHORT: AccountProblem.PASSWORD_TOO_SHORT,
                      PasswordProblem.TOO_LONG: AccountProblem.PASSWORD_TOO_LONG}


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, as the web layer keeps it.

    ``language`` is the one they chose, ``class_language`` the default of their class
    (the latest they joined that has one); either may be None.
    """

    account_id: int
    display_name: str
    role: str
    session_token: str
    language: str | None = None
    class_language: str | None = None


@dataclass(frozen=True)
class LoginCard:
    """A printable card for a learner made from a roster."""

    display_name: str
    username: str
    password: str


def _signed_in(account: Account) -> SignedIn:
    return SignedIn(account.id, account.display_name, account.role, account.session_token,
                    account.language)


def _new_session_token() -> str:
    return secrets.token_urlsafe(24)


def _unique_username(session: Session, display_name: str, rng: random.Random) -> str:
    base = username_base(display_name)
    while True:
        candidate = f"{base}-{rng.randint(1000, 9999)}"
        if session.scalar(select(Account.id).where(Account.username == candidate)) is None:
            return candidate


def _account(username: str, display_name: str, password: str, role: str,
             email: str | None = None) -> Account:
    return Account(username=username, email=email, display_name=display_name,
                   password_hash=generate_password_hash(password), role=role,
                   session_token=_new_session_token())


def create_teacher(session: Session, username: str, display_name: str, password: str,
                   email: str | None = None) -> SignedIn | AccountProblem:
    """Create a teacher account and commit; usernames and e-mails are unique, any case."""
    username = username.strip().lower()
    email = email.strip().lower() if email and email.strip() else None
    name = clean_display_name(display_name)
    problem = _PASSWORD_PROBLEMS.get(password_problem(password))  # type: ignore[arg-type]
    if not name:
        return AccountProblem.NAME_EMPTY
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        return AccountProblem.USERNAME_INVALID
    if problem:
        return problem
    if session.scalar(select(Account.id).where(Account.username == username)) is not None:
        return AccountProblem.USERNAME_TAKEN
    if email and session.scalar(select(Account.id).where(Account.email == email)) is not None:
        return AccountProblem.EMAIL_TAKEN
    account = _account(username, name, password, "teacher", email)
    session.add(account)
    session.commit()
    return _signed_in(account)


def authenticate(session: Session, login: str, password: str) -> SignedIn | None:
    """The account for a username or e-mail and its password; None for any mismatch."""
    login = login.strip().lower()
    account = session.scalar(select(Account).where(or_(Account.username == login,
                                                       Account.email == login)))
    if account is None:
        check_password_hash(_NO_SUCH_ACCOUNT, password)
        return None
    return _signed_in(account) if check_password_hash(account.password_hash, password) else None


_LARGEST_ID = 2**31 - 1
_CLASS_LANGUAGE = (
    select(Classroom.language).join(Membership, Membership.classroom_id == Classroom.id)
    .where(Membership.account_id == Account.id, Classroom.language.is_not(None))
    .order_by(Membership.joined_at.desc(), Classroom.id.desc()).limit(1)
    .correlate(Account).scalar_subquery())
_SESSION_ACCOUNT = HotQuery(
    # The languages come in the same query: the page's language is chosen on every request.
    select(Account.display_name, Account.role, Account.session_token, Account.language,
           _CLASS_LANGUAGE)
    .where(Account.id == bindparam("account_id")))


def signed_in(engine: Engine, account_id: int, session_token: str) -> SignedIn | None:
    """The account a session cookie names, if that session is still alive.

    Every signed-in request asks this, so it runs straight on the driver.
    """
    if not 0 < account_id <= _LARGEST_ID:  # a forged cookie must not overflow the query
        return None
    row = _SESSION_ACCOUNT.first(engine, account_id=account_id)
    if row is None or not secrets.compare_digest(row[2].encode(), session_token.encode()):
        return None
    return SignedIn(account_id, row[0], row[1], row[2], row[3], row[4])


def set_language(session: Session, account_id: int, language: str | None) -> None:
    """Remember the interface language the person chose (None: follow the browser again)."""
    account = session.get(Account, account_id)
    if account is not None:
        account.language = language
        session.commit()


def end_sessions(session: Session, account_id: int) -> None:
    """Sign the account out everywhere: every existing session cookie stops working."""
    account = session.get(Account, account_id)
    if account is not None:
        account.session_token = _new_session_token()
        session.commit()


def change_password(session: Session, account_id: int, current: str,
                    new: str) -> SignedIn | AccountProblem:
    """Change a password after checking the current one; other sessions end."""
    account = session.get(Account, account_id)
    if account is None or not check_password_hash(account.password_hash, current):
        return AccountProblem.WRONG_PASSWORD
    problem = _PASSWORD_PROBLEMS.get(password_problem(new))  # type: ignore[arg-type]
    if problem:
        return problem
    account.password_hash = generate_password_hash(new)
    account.session_token = _new_session_token()
    session.commit()
    return _signed_in(account)


def _classroom_by_code(session: Session, code: str) -> Classroom | None:
    return session.scalar(select(Classroom).where(Classroom.join_code == read_join_code(code)))


def _add_member(session: Session, classroom: Classroom, account_id: int) -> None:
    if session.get(Membership, (classroom.id, account_id)) is None:
        session.add(Membership(classroom_id=classroom.id, account_id=account_id))


def join_as_new_learner(session: Session, code: str, display_name: str, password: str,
                        rng: random.Random | None = None) -> tuple[SignedIn, str] | AccountProblem:
    """Make a learner account from a display name and password and put it in the code's class.

    Returns the account and its class's name; the username is made from the name.
    """
    rng = rng or random.SystemRandom()
    classroom = _classroom_by_code(session, code)
    name = clean_display_name(display_name)
    problem = _PASSWORD_PROBLEMS.get(password_problem(password))  # type: ignore[arg-type]
    if classroom is None:
        return AccountProblem.UNKNOWN_CODE
    if not name:
        return AccountProblem.NAME_EMPTY
    if problem:
        return problem
    account = _account(_unique_username(session, name, rng), name, password, "learner")
    session.add(account)
    session.flush()
    _add_member(session, classroom, account.id)
    session.commit()
    return _signed_in(account), classroom.name


def join_with_account(session: Session, account_id: int, code: str) -> str | AccountProblem:
    """Put a signed-in learner in the class of a code; returns the class's name."""
    classroom = _classroom_by_code(session, code)
    account = session.get(Account, account_id)
    if classroom is None:
        return AccountProblem.UNKNOWN_CODE
    if account is None or account.role != "learner":
        return AccountProblem.NOT_A_LEARNER
    _add_member(session, classroom, account_id)
    session.commit()
    return classroom.name


def username_of(session: Session, account_id: int) -> str | None:
    """An account's username, to show its owner."""
    return session.scalar(select(Account.username).where(Account.id == account_id))


def display_name_of(session: Session, account_id: int) -> str | None:
    """An account's display name."""
    return session.scalar(select(Account.display_name).where(Account.id == account_id))


def create_roster(session: Session, classroom_id: int, names: list[str],
                  rng: random.Random | None = None) -> list[LoginCard]:
    """Make a learner account for each name and add them to the class; returns their cards."""
    rng = rng or random.SystemRandom()
    classroom = session.get(Classroom, classroom_id)
    assert classroom is not None
    cards: list[LoginCard] = []
    taken: set[str] = set()
    for raw in names:
        name = clean_display_name(raw)
        if not name:
            continue
        username = _unique_username(session, name, rng)
        while username in taken:
            username = _unique_username(session, name, rng)
        taken.add(username)
        letters = "".join(rng.choice(_CARD_PASSWORD_ALPHABET) for _ in range(10))
        password = f"{letters[:5]}-{letters[5:]}"  # the dash is part of it: typed as printed
        account = _account(username, name, password, "learner")
        session.add(account)
        session.flush()
        _add_member(session, classroom, account.id)
        cards.append(LoginCard(name, username, password))
    session.commit()
    return cards
