"""Login cards: learner accounts a teacher makes from a list of names, and new card passwords."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from quizapp.database import write_transaction
from quizapp.domain.names import clean_name, look_alike
from quizapp.models import Account, Classroom, Membership
from quizapp.services import accounts
from quizapp.services.accounts import (
    add_member,
    member_names,
    new_account,
    new_session_token,
    unique_username,
)

_CARD_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class LoginCard:
    """A printable card for a learner made from a roster."""

    display_name: str
    username: str
    password: str


@dataclass(frozen=True)
class Roster:
    """The cards a roster made, and the names left out because they look like another's."""

    cards: list[LoginCard]
    look_alikes: list[str]


def _card_password(rng: random.Random) -> str:
    """A password for a printed card: ten letters easy to tell apart, read as 'abcde-fghjk'."""
    letters = "".join(rng.choice(_CARD_PASSWORD_ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"  # the dash is part of it: typed as printed


def reset_learner_password(session: Session, classroom_id: int, account_id: int,
                           rng: random.Random | None = None) -> LoginCard | None:
    """Give a current learner of the class a new card password; their sessions end. None otherwise."""
    # A current member only: a learner the teacher removed may be another teacher's now, and a
    # new password would let this teacher sign in as them.
    account = session.scalar(select(Account).join(Membership, Membership.account_id == Account.id)
                             .where(Membership.classroom_id == classroom_id,
                                    Membership.removed_at.is_(None),
                                    Account.id == account_id, Account.role == "learner"))
    if account is None:
        return None
    password = _card_password(rng or random.SystemRandom())
    password_hash = generate_password_hash(password, accounts.CARD_PASSWORD_HASH)  # before the lock
    with write_transaction(session):
        account.password_hash = password_hash
        account.session_token = new_session_token()  # a lost card must stop working
    return LoginCard(account.display_name, account.username, password)


def create_roster(session: Session, classroom_id: int, names: list[str],
                  rng: random.Random | None = None) -> Roster:
    """Make a learner account for each name and add them to the class; returns their cards.

    A name that looks like a class member's, or like one earlier in the list, gets no
    card: it is returned for the teacher to tell apart. The passwords are made and
    hashed first; the write transaction only stores the rows.
    """
    rng = rng or random.SystemRandom()
    classroom = session.get(Classroom, classroom_id)
    assert classroom is not None
    existing = member_names(session, classroom_id)
    planned: list[tuple[str, str, str]] = []  # name, password, its hash
    look_alikes: list[str] = []
    for raw in names:
        name = clean_name(raw)
        if not name:
            continue
        if look_alike(name, existing + [plan[0] for plan in planned]) is not None:
            look_alikes.append(name)
            continue
        password = _card_password(rng)
        planned.append((name, password, generate_password_hash(password, accounts.CARD_PASSWORD_HASH)))
    cards: list[LoginCard] = []
    with write_transaction(session):
        members = member_names(session, classroom_id)  # again: someone may have joined since
        taken: set[str] = set()
        for name, password, password_hash in planned:
            if look_alike(name, members) is not None:
                look_alikes.append(name)
                continue
            username = unique_username(session, name, rng)
            while username in taken:
                username = unique_username(session, name, rng)
            taken.add(username)
            account = new_account(username, name, password_hash, "learner")
            session.add(account)
            session.flush()
            add_member(session, classroom, account.id)
            cards.append(LoginCard(name, username, password))
    return Roster(cards, look_alikes)
