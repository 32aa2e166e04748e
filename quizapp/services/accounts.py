"""Teacher and learner accounts: creating them, signing in, passwords, joining classes."""

from __future__ import annotations

import enum
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.database import WRITE_TRANSACTION, HotQuery, write_transaction
from quizapp.domain.classroom_rules import (
    PasswordProblem,
    ascii_folded,
    password_problem,
    read_join_code,
    sign_in_login,
    username_base,
)
from quizapp.domain.names import (
    clean_name,
    has_no_letter,
    look_alike,
    name_without_marks,
    same_but_for_marks,
)
from quizapp.models import Account, Classroom, Membership, unix_now

# Checked against when the account does not exist, so both failures take the same time.
_NO_SUCH_ACCOUNT = generate_password_hash("no such account")
# Passwords people choose may be weak, so they get werkzeug's strong default (scrypt,
# N=2^15: about 75 ms a hash on a 2-core server). A login card's password is 10 random
# letters of 31 (about 49 bits), so a cheaper hash still leaves guessing hopeless:
# scrypt N=2^13, r=8, p=1 takes about 14 ms and 8 MiB, and 200 cards take ~3 s, not 15.
CHOSEN_PASSWORD_HASH = "scrypt"
CARD_PASSWORD_HASH = "scrypt:8192:8:1"
# A live session's last-seen time is written at most this often, so reading pages
# stays free of writes (one small UPDATE per signed-in user every few minutes).
SESSION_TOUCH_SECONDS = 5 * 60


class AccountProblem(enum.Enum):
    """Why an account could not be created or changed; the views say it in words."""

    USERNAME_TAKEN = "username_taken"
    USERNAME_INVALID = "username_invalid"
    EMAIL_TAKEN = "email_taken"
    NAME_EMPTY = "name_empty"
    NAME_NO_LETTER = "name_no_letter"  # typed, but only blanks, marks or invisible characters
    NAME_LOOKS_TAKEN = "name_looks_taken"  # a learner of the class has a name that looks the same
    # Joining: a learner of the class has this name, accents and case aside, and another password.
    NAME_IN_CLASS = "name_in_class"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_LONG = "password_too_long"
    WRONG_PASSWORD = "wrong_password"
    UNKNOWN_CODE = "unknown_code"
    CLASS_CLOSED = "class_closed"  # the code's class is archived
    NOT_A_LEARNER = "not_a_learner"
    # Joining with a classmate's name: that account has had its wrong passwords for now.
    TOO_MANY_TRIES = "too_many_tries"


class PasswordTries(Protocol):
    """Where wrong passwords for an account are counted: the web layer's sign-in limit."""

    def left(self, usernames: Sequence[str]) -> bool:
        """Whether these accounts' passwords may be tried now."""

    def failed(self, usernames: Sequence[str]) -> None:
        """Count one wrong password against each of these accounts."""


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
    username: str = ""  # shown beside the name on every page, so no learner loses it


def _signed_in(account: Account) -> SignedIn:
    return SignedIn(account.id, account.display_name, account.role, account.session_token,
                    account.language, username=account.username)


def name_missing(typed: str) -> AccountProblem:
    """Why a typed name left nothing to keep: nothing typed, or no letter that shows."""
    return AccountProblem.NAME_NO_LETTER if has_no_letter(typed) else AccountProblem.NAME_EMPTY


def new_session_token() -> str:
    """A new random token naming the account's sessions (a new one ends the old ones)."""
    return secrets.token_urlsafe(24)


def unique_username(session: Session, display_name: str, rng: random.Random) -> str:
    """A username from the name in plain ASCII and four digits, not yet taken."""
    base = username_base(display_name)
    while True:
        candidate = f"{base}-{rng.randint(1000, 9999)}"
        if session.scalar(select(Account.id).where(Account.username == candidate)) is None:
            return candidate


def new_account(username: str, display_name: str, password_hash: str, role: str,
             email: str | None = None) -> Account:
    """A new account row (not added), with a fresh session token."""
    return Account(username=username, email=email, display_name=display_name,
                   password_hash=password_hash, role=role, session_token=new_session_token())


def create_teacher(session: Session, username: str, display_name: str, password: str,
                   email: str | None = None) -> SignedIn | AccountProblem:
    """Create a teacher account and commit; usernames and e-mails are unique, any case."""
    username = username.strip().lower()
    email = email.strip().lower() if email and email.strip() else None
    name = clean_name(display_name)
    problem = _PASSWORD_PROBLEMS.get(password_problem(password))  # type: ignore[arg-type]
    if not name:
        return name_missing(display_name)
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        return AccountProblem.USERNAME_INVALID
    if problem:
        return problem
    password_hash = generate_password_hash(password, CHOSEN_PASSWORD_HASH)  # before the lock
    with write_transaction(session):
        if session.scalar(select(Account.id).where(Account.username == username)) is not None:
            return AccountProblem.USERNAME_TAKEN
        if email and session.scalar(select(Account.id).where(Account.email == email)) is not None:
            return AccountProblem.EMAIL_TAKEN
        account = new_account(username, name, password_hash, "teacher", email)
        session.add(account)
    return _signed_in(account)


def authenticate(session: Session, login: str, password: str,
                 idle_seconds: int) -> SignedIn | None:
    """The account for a username or e-mail and its password; None for any mismatch.

    Signing in marks the session as seen now. A session idle for longer than
    ``idle_seconds`` is over: it gets a new token, so its old cookies stay dead.
    """
    login = sign_in_login(login)
    # Usernames are made ASCII: 'carlos-mejía-9366' typed with its accent still signs in. So a
    # login can match two accounts ('josé' and 'jose', or one's username and another's e-mail):
    # each one's password is checked, and the account it opens is signed in.
    matches = session.scalars(select(Account).where(or_(
        Account.username.in_({login, ascii_folded(login)}), Account.email == login))
        .order_by(Account.id)).all()
    if not matches:
        check_password_hash(_NO_SUCH_ACCOUNT, password)
        return None
    account = next((match for match in matches  # before the lock
                    if check_password_hash(match.password_hash, password)), None)
    if account is None:
        return None
    return _sign_in(session, account, idle_seconds)


def _sign_in(session: Session, account: Account, idle_seconds: int) -> SignedIn:
    """Mark the account's session as seen now; an idle one gets a new token first."""
    now = unix_now()
    with write_transaction(session):
        session.refresh(account)
        if not _session_alive(account.session_seen_at, now, idle_seconds):
            account.session_token = new_session_token()
        account.session_seen_at = now
    return _signed_in(account)


def _session_alive(seen_at: int | None, now: int, idle_seconds: int) -> bool:
    return seen_at is not None and now - seen_at <= idle_seconds


_LARGEST_ID = 2**31 - 1
_CLASS_LANGUAGE = (
    select(Classroom.language).join(Membership, Membership.classroom_id == Classroom.id)
    .where(Membership.account_id == Account.id, Classroom.language.is_not(None))
    .order_by(Membership.joined_at.desc(), Classroom.id.desc()).limit(1)
    .correlate(Account).scalar_subquery())
_SESSION_ACCOUNT = HotQuery(
    # The languages come in the same query: the page's language is chosen on every request.
    select(Account.display_name, Account.role, Account.session_token, Account.session_seen_at,
           Account.language, _CLASS_LANGUAGE, Account.username)
    .where(Account.id == bindparam("account_id")))


def signed_in(session: Session, account_id: int, session_token: str,
              idle_seconds: int) -> SignedIn | None:
    """The account a session cookie names, if that session is still alive.

    A session unused for longer than ``idle_seconds`` is over. Every signed-in request
    asks this, so it runs straight on the driver, and the last-seen time is written
    only when it is more than SESSION_TOUCH_SECONDS old.
    """
    if not 0 < account_id <= _LARGEST_ID:  # a forged cookie must not overflow the query
        return None
    row = _SESSION_ACCOUNT.first(session, account_id=account_id)
    if row is None or not secrets.compare_digest(row[2].encode(), session_token.encode()):
        return None
    now = unix_now()
    if not _session_alive(row[3], now, idle_seconds):
        return None
    if now - row[3] > SESSION_TOUCH_SECONDS:
        with session.get_bind().execution_options(**WRITE_TRANSACTION).begin() as connection:
            connection.execute(update(Account).where(Account.id == account_id,
                                                     Account.session_token == session_token)
                               .values(session_seen_at=now))
    return SignedIn(account_id, row[0], row[1], row[2], row[4], row[5], row[6])


def set_language(session: Session, account_id: int, language: str | None) -> None:
    """Remember the interface language the person chose (None: follow the browser again)."""
    with write_transaction(session):
        session.execute(update(Account).where(Account.id == account_id).values(language=language))


def end_sessions(session: Session, account_id: int) -> None:
    """Sign the account out everywhere: every existing session cookie stops working."""
    with write_transaction(session):
        account = session.get(Account, account_id)
        if account is not None:
            account.session_token = new_session_token()


def change_password(session: Session, account_id: int, current: str,
                    new: str) -> SignedIn | AccountProblem:
    """Change a password after checking the current one; other sessions end."""
    account = session.get(Account, account_id)
    if account is None or not check_password_hash(account.password_hash, current):
        return AccountProblem.WRONG_PASSWORD
    problem = _PASSWORD_PROBLEMS.get(password_problem(new))  # type: ignore[arg-type]
    if problem:
        return problem
    password_hash = generate_password_hash(new, CHOSEN_PASSWORD_HASH)  # before the lock
    with write_transaction(session):
        account.password_hash = password_hash
        account.session_token = new_session_token()
        account.session_seen_at = unix_now()
    return _signed_in(account)


def _classroom_by_code(session: Session, code: str) -> Classroom | None:
    return session.scalar(select(Classroom).where(Classroom.join_code == read_join_code(code)))


def member_names(session: Session, classroom_id: int) -> list[str]:
    """The display names of the class's current members."""
    return list(session.scalars(select(Account.display_name)
                                .join(Membership, Membership.account_id == Account.id)
                                .where(Membership.classroom_id == classroom_id)))


def _namesakes(session: Session, classroom_id: int, name: str) -> list[Account]:
    """The class's learners, removed ones too, with ``name`` but for accents and case: the
    learner joining again, or someone else of the same name."""
    members = session.scalars(select(Account).join(Membership, Membership.account_id == Account.id)
                              .where(Membership.classroom_id == classroom_id))
    bare = name_without_marks(name)
    return [member for member in members if name_without_marks(member.display_name) == bare]


def add_member(session: Session, classroom: Classroom, account_id: int) -> None:
    """Put the learner in the class; one removed from it comes back, with their history."""
    membership = session.get(Membership, (classroom.id, account_id))
    if membership is None:
        session.add(Membership(classroom_id=classroom.id, account_id=account_id))
    else:
        membership.removed_at = None


def join_as_new_learner(session: Session, code: str, display_name: str, password: str,
                        rng: random.Random | None = None, *, idle_seconds: int = 36_000,
                        tries: PasswordTries | None = None) -> tuple[SignedIn, str] | AccountProblem:
    """Make a learner account from a display name and password and put it in the code's class.

    Returns the account and its class's name; the username is made from the name. A
    learner of the class who joins again with their name and password is signed in as
    themselves instead: no twin is made. The name is compared without accents and case
    ('Sofia Ramirez' finds 'Sofía Ramírez'); with another password, such a name is refused
    (NAME_IN_CLASS), so a learner who mistypes their password makes no second account.
    Such a password is a sign-in to the namesakes' accounts, so ``tries`` counts the wrong
    ones under their sign-in limit and, once it is reached, none is checked (TOO_MANY_TRIES).
    """
    rng = rng or random.SystemRandom()
    classroom = _classroom_by_code(session, code)
    name = clean_name(display_name)
    problem = _PASSWORD_PROBLEMS.get(password_problem(password))  # type: ignore[arg-type]
    if classroom is None:
        return AccountProblem.UNKNOWN_CODE
    if classroom.archived_at is not None:
        return AccountProblem.CLASS_CLOSED
    if not name:
        return name_missing(display_name)
    if problem:
        return problem
    namesakes = _namesakes(session, classroom.id, name)
    usernames = [member.username for member in namesakes]
    if namesakes and tries is not None and not tries.left(usernames):
        return AccountProblem.TOO_MANY_TRIES
    for member in namesakes:
        if check_password_hash(member.password_hash, password):
            with write_transaction(session):
                add_member(session, classroom, member.id)  # back in the class if removed
            return _sign_in(session, member, idle_seconds), classroom.name
    if namesakes:
        if tries is not None:
            tries.failed(usernames)
        return AccountProblem.NAME_IN_CLASS
    password_hash = generate_password_hash(password, CHOSEN_PASSWORD_HASH)  # before the lock
    with write_transaction(session):
        members = member_names(session, classroom.id)
        if same_but_for_marks(name, members) is not None:
            return AccountProblem.NAME_IN_CLASS  # they joined while the password was hashed
        if look_alike(name, members) is not None:  # 'AIi' with a capital I beside 'Ali'
            return AccountProblem.NAME_LOOKS_TAKEN
        account = new_account(unique_username(session, name, rng), name, password_hash, "learner")
        session.add(account)
        session.flush()
        add_member(session, classroom, account.id)
    return _signed_in(account), classroom.name


def join_with_account(session: Session, account_id: int, code: str) -> str | AccountProblem:
    """Put a signed-in learner in the class of a code; returns the class's name."""
    classroom = _classroom_by_code(session, code)
    account = session.get(Account, account_id)
    if classroom is None:
        return AccountProblem.UNKNOWN_CODE
    if classroom.archived_at is not None:
        return AccountProblem.CLASS_CLOSED
    if account is None or account.role != "learner":
        return AccountProblem.NOT_A_LEARNER
    with write_transaction(session):
        if session.get(Membership, (classroom.id, account_id)) is not None:
            add_member(session, classroom, account_id)  # back in the class if removed
            return classroom.name
        if look_alike(account.display_name, member_names(session, classroom.id)) is not None:
            return AccountProblem.NAME_LOOKS_TAKEN
        add_member(session, classroom, account_id)
    return classroom.name


def username_of(session: Session, account_id: int) -> str | None:
    """An account's username, to show its owner."""
    return session.scalar(select(Account.username).where(Account.id == account_id))


def display_name_of(session: Session, account_id: int) -> str | None:
    """An account's display name."""
    return session.scalar(select(Account.display_name).where(Account.id == account_id))
