"""The account service on its own: teachers and learners made, signed in, kept signed in while
they use the app, signed out when idle, their passwords and classes. Runs on every database.

A strong hash takes about 0.1 s, so accounts here are stored with a cheap one (the service
checks any werkzeug hash), and tests that make new passwords take ``quick_hashes`` unless
they check which hash the service chose.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from quizapp.extensions import db
from quizapp.models import Account, Classroom, Membership
from quizapp.services import accounts, login_cards
from quizapp.services.accounts import SESSION_TOUCH_SECONDS, AccountProblem, SignedIn
from quizapp.services.login_cards import LoginCard
from tests.conftest import PASSWORD, People

IDLE = 60 * 60  # sessions end after an hour unused, in these tests
NOW = 1_750_000_000  # a fixed clock, where a test needs one
CHEAP = "scrypt:1024:8:1"
PASSWORD_HASH = generate_password_hash(PASSWORD, CHEAP)
CARD_PASSWORD = re.compile(r"[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}")  # no 0/o, 1/l/i: read off paper


def person(app: Flask, username: str, role: str = "learner", name: str | None = None,
           email: str | None = None) -> int:
    """An account whose password is PASSWORD and whose session cookie holds 'token-<username>'."""
    with app.app_context(), db.writer() as session:
        account = Account(username=username, email=email, display_name=name or username.title(), role=role,
                          password_hash=PASSWORD_HASH, session_token=f"token-{username}")
        session.add(account)
        session.commit()
        return account.id


def row(app: Flask, account_id: int) -> Account:
    """The account as stored now, read in a session of its own."""
    with app.app_context(), db.writer() as session:
        account = session.get(Account, account_id)
        assert account is not None
        return account


def account_count(app: Flask) -> int:
    with app.app_context(), db.writer() as session:
        return session.scalar(select(func.count()).select_from(Account)) or 0


def store(app: Flask, model: type, key: object, **values: object) -> None:
    """Set columns of one row straight in the database (an archived class, a last-seen time)."""
    with app.app_context(), db.writer() as session:
        item = session.get(model, key)
        assert item is not None
        for name, value in values.items():
            setattr(item, name, value)
        session.commit()


def members(app: Flask, classroom_id: int) -> dict[int, dt.datetime | None]:
    """The class's learners, each with when they were removed (None: still in it)."""
    with app.app_context(), db.writer() as session:
        rows = session.execute(select(Membership.account_id, Membership.removed_at)
                               .where(Membership.classroom_id == classroom_id))
        return {account_id: removed_at for account_id, removed_at in rows}


def live(account_id: int, token: str) -> SignedIn:
    """Who a session cookie (account, token) signs in, inside an app context; fails if no one."""
    signed = accounts.signed_in(db.session, account_id, token, IDLE)
    assert signed is not None
    return signed


def teacher_of(app: Flask, classroom_id: int) -> int:
    with app.app_context(), db.writer() as session:
        return session.scalar(select(Classroom.teacher_id).where(Classroom.id == classroom_id)) or 0


@pytest.fixture
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """New passwords are hashed cheaply, for tests about something else."""
    monkeypatch.setattr(accounts, "CHOSEN_PASSWORD_HASH", CHEAP)
    monkeypatch.setattr(accounts, "CARD_PASSWORD_HASH", CHEAP)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> int:
    """Stop the service's clock at NOW, so idle times are exact."""
    monkeypatch.setattr(accounts, "unix_now", lambda: NOW)
    return NOW


@pytest.fixture
def classroom(app: Flask, people: People) -> int:
    """Class 8B of Ms Rana (account 'ms-rana'), code K7PM3X, with no learner yet."""
    return people.classroom(person(app, "ms-rana", "teacher", "Ms Rana"))


# Creating teachers ---------------------------------------------------------------------------

def test_a_new_teacher_is_stored_tidied_and_signed_in(app: Flask) -> None:
    with app.app_context():
        signed = accounts.create_teacher(db.session, "  Ms-Rana ", " Ms\u200b   Rana ", "a good password",
                                         " Rana@School.ORG ")
        assert isinstance(signed, SignedIn)
        assert live(signed.account_id, signed.session_token) == signed
    account = row(app, signed.account_id)
    assert (account.username, account.email, account.display_name, account.role) == (
        "ms-rana", "rana@school.org", "Ms Rana", "teacher")
    assert signed == SignedIn(account.id, "Ms Rana", "teacher", account.session_token, username="ms-rana")
    assert len(account.session_token) == 32
    assert account.password_hash.startswith("scrypt:32768:8:1$")  # a chosen password: the strong hash
    assert "a good password" not in account.password_hash


@pytest.mark.parametrize(("username", "password", "email"), [
    ("a" * 64, "8 chars!", None),   # the longest username, the shortest password
    ("ms-rana", "p" * 256, "   "),  # the longest password; a blank e-mail is no e-mail
])
def test_a_teacher_at_the_limits_is_accepted(app: Flask, quick_hashes: None, username: str, password: str,
                                             email: str | None) -> None:
    with app.app_context():
        signed = accounts.create_teacher(db.session, username, "R", password, email)
        assert isinstance(signed, SignedIn)
        assert accounts.authenticate(db.session, username, password, IDLE) == signed
    assert row(app, signed.account_id).email is None


@pytest.mark.parametrize(("username", "name", "password", "problem"), [
    ("ms-rana", "\u200b\u2060", "a good password", AccountProblem.NAME_EMPTY),
    ("", "", "", AccountProblem.NAME_EMPTY),  # the name is checked first
    ("   ", "Ms Rana", "a good password", AccountProblem.USERNAME_INVALID),
    ("ms rana", "Ms Rana", "short", AccountProblem.USERNAME_INVALID),  # then the username
    ("ms\trana", "Ms Rana", "a good password", AccountProblem.USERNAME_INVALID),
    ("a" * 65, "Ms Rana", "a good password", AccountProblem.USERNAME_INVALID),
    ("ms-rana", "Ms Rana", "7 chars", AccountProblem.PASSWORD_TOO_SHORT),
    ("ms-rana", "Ms Rana", "p" * 257, AccountProblem.PASSWORD_TOO_LONG),
])
def test_a_teacher_account_is_refused_with_what_to_fix_before_the_database_is_touched(
        username: str, name: str, password: str, problem: AccountProblem) -> None:
    # A session bound to no database fails on any read or write: nothing was stored.
    assert accounts.create_teacher(Session(), username, name, password) is problem


def test_a_username_or_email_already_used_in_any_case_is_refused(app: Flask, quick_hashes: None) -> None:
    person(app, "ms-rana", "teacher", email="rana@school.org")
    with app.app_context():
        assert accounts.create_teacher(db.session, " MS-RANA", "Another Rana", "a good password",
                                       "other@school.org") is AccountProblem.USERNAME_TAKEN
        assert accounts.create_teacher(db.session, "mr-khan", "Mr Khan", "a good password",
                                       "RANA@School.org ") is AccountProblem.EMAIL_TAKEN
    assert account_count(app) == 1


# Signing in ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["  CARLOS-MEJIA-9366 ", "Carlos-Mejía-9366", " Carlos@School.ORG "])
def test_sign_in_takes_the_username_or_email_in_any_case_with_or_without_accents(app: Flask,
                                                                                  typed: str) -> None:
    account = person(app, "carlos-mejia-9366", "teacher", "Carlos Mejía", "carlos@school.org")
    with app.app_context():
        signed = accounts.authenticate(db.session, typed, PASSWORD, IDLE)
    assert signed == SignedIn(account, "Carlos Mejía", "teacher", "token-carlos-mejia-9366",
                              username="carlos-mejia-9366")


@pytest.mark.parametrize("typed", [
    "carlos-mejia-9366",  # the right account, the wrong password
    "carlos-mejia",       # a username is typed whole
    "carlos@school",
])
def test_a_wrong_password_or_unknown_login_signs_no_one_in_and_costs_one_password_check(
        app: Flask, monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    account = person(app, "carlos-mejia-9366", email="carlos@school.org")
    store(app, Account, account, session_seen_at=None)
    checked: list[str] = []
    check = accounts.check_password_hash

    def spy(stored: str, password: str) -> bool:
        checked.append(password)
        return check(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    with app.app_context():
        assert accounts.authenticate(db.session, typed, PASSWORD.upper(), IDLE) is None
    assert checked == [PASSWORD.upper()]  # one hash either way: the time does not tell which
    assert row(app, account).session_seen_at is None  # nothing was written


def test_an_accented_username_signs_in_beside_its_unaccented_twin(app: Flask, quick_hashes: None) -> None:
    with app.app_context():
        # Made in both orders, so the test does not hang on which row the database returns first.
        for first, second, accented in (("jose", "josé", "josé"), ("maría", "maria", "maría")):
            made = [accounts.create_teacher(db.session, name, "T", f"{name}'s password")
                    for name in (first, second)]
            signed = accounts.authenticate(db.session, accented, f"{accented}'s password", IDLE)
            # Either the look-alike username is refused, or the accented one signs its owner in.
            assert isinstance(made[0], SignedIn)
            assert made[1] is AccountProblem.USERNAME_TAKEN or (signed is not None
                                                                and signed.username == accented)


def test_a_teacher_signs_in_with_her_email_even_if_it_is_someone_elses_username(app: Flask,
                                                                                quick_hashes: None) -> None:
    with app.app_context():
        assert isinstance(accounts.create_teacher(db.session, "ana@school.org", "Ana", "ana's password"),
                          SignedIn)
        bea = accounts.create_teacher(db.session, "bea", "Bea", "bea's password", "ana@school.org")
        ana_signed = accounts.authenticate(db.session, "ana@school.org", "ana's password", IDLE)
        bea_signed = accounts.authenticate(db.session, "ana@school.org", "bea's password", IDLE)
    assert ana_signed is not None and ana_signed.username == "ana@school.org"
    assert bea is AccountProblem.EMAIL_TAKEN or (bea_signed is not None and bea_signed.username == "bea")


# Sessions --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("idle_for", "token_kept"), [
    (IDLE, True),              # a live session: signing in on a second device joins it
    (IDLE + 1, False),         # an idle one is over: a fresh token
    (None, False),             # never signed in
])
def test_signing_in_marks_the_session_seen_and_renews_it_only_when_idle(
        app: Flask, clock: int, idle_for: int | None, token_kept: bool) -> None:
    ali = person(app, "ali")
    store(app, Account, ali, session_seen_at=None if idle_for is None else clock - idle_for)
    with app.app_context():
        signed = accounts.authenticate(db.session, "ali", PASSWORD, IDLE)
        assert signed is not None
        assert (signed.session_token == "token-ali") is token_kept
        assert live(ali, signed.session_token) == signed
        assert (accounts.signed_in(db.session, ali, "token-ali", IDLE) is not None) is token_kept
    assert row(app, ali).session_seen_at == clock


def test_a_live_session_and_the_lookups_by_id_say_who_it_is(app: Flask) -> None:
    zara = person(app, "zara-malik-6707", name="Zara Malik")
    teacher = person(app, "ms-rana", "teacher", "Ms Rana")
    with app.app_context():
        assert live(zara, "token-zara-malik-6707") == SignedIn(
            zara, "Zara Malik", "learner", "token-zara-malik-6707", None, None, "zara-malik-6707")
        assert live(teacher, "token-ms-rana") == SignedIn(
            teacher, "Ms Rana", "teacher", "token-ms-rana", None, None, "ms-rana")
        assert (accounts.username_of(db.session, zara), accounts.display_name_of(db.session, zara)) == (
            "zara-malik-6707", "Zara Malik")
        assert accounts.username_of(db.session, 999_999) is None
        assert accounts.display_name_of(db.session, 999_999) is None


@pytest.mark.parametrize(("account_id", "token"), [
    (None, "wrong-token"),
    (None, "token-bilal"),     # another account's token
    (0, "token-ali"),
    (2**31 - 1, "token-ali"),  # no such account
    (2**31, "token-ali"),      # too large for the id column: a forged cookie
])
def test_a_session_with_a_wrong_token_or_account_signs_no_one_in(
        app: Flask, account_id: int | None, token: str) -> None:
    ali = person(app, "ali")
    person(app, "bilal")
    with app.app_context():
        assert accounts.signed_in(db.session, ali if account_id is None else account_id, token, IDLE) is None


@pytest.mark.parametrize(("seen_ago", "alive", "seen_after"), [
    (SESSION_TOUCH_SECONDS, True, NOW - SESSION_TOUCH_SECONDS),  # recent enough: nothing is written
    (SESSION_TOUCH_SECONDS + 1, True, NOW),                     # older: seen again now
    (IDLE, True, NOW),                                          # the last moment it is alive
    (IDLE + 1, False, NOW - IDLE - 1),                          # over, and nothing is written
    (None, False, None),                                        # never seen: over too
])
def test_a_session_lives_while_used_and_is_marked_seen_at_most_every_few_minutes(
        app: Flask, clock: int, seen_ago: int | None, alive: bool,
        seen_after: int | None) -> None:
    assert SESSION_TOUCH_SECONDS == 5 * 60
    ali = person(app, "ali")
    store(app, Account, ali, session_seen_at=None if seen_ago is None else clock - seen_ago)
    with app.app_context():
        assert (accounts.signed_in(db.session, ali, "token-ali", IDLE) is not None) is alive
    assert row(app, ali).session_seen_at == seen_after


def test_signing_out_everywhere_kills_every_cookie_and_keeps_the_password(app: Flask) -> None:
    ali = person(app, "ali")
    bilal = person(app, "bilal")
    with app.app_context():
        accounts.end_sessions(db.session, ali)
        accounts.end_sessions(db.session, 999_999)  # no such account: nothing happens
        assert accounts.signed_in(db.session, ali, "token-ali", IDLE) is None
        assert live(bilal, "token-bilal").username == "bilal"  # the others stay signed in
        again = accounts.authenticate(db.session, "ali", PASSWORD, IDLE)
        assert again is not None and again.session_token != "token-ali"
        assert live(ali, again.session_token) == again


# Languages ---------------------------------------------------------------------------------------

def test_the_chosen_language_is_remembered_until_it_is_cleared(app: Flask) -> None:
    ali = person(app, "ali")
    bilal = person(app, "bilal")
    with app.app_context():
        accounts.set_language(db.session, ali, "ur")
        assert (live(ali, "token-ali").language, live(bilal, "token-bilal").language) == ("ur", None)
        accounts.set_language(db.session, ali, None)
        assert live(ali, "token-ali").language is None


def test_the_class_language_is_that_of_the_latest_class_joined_that_has_one(app: Flask,
                                                                             people: People) -> None:
    teacher = person(app, "ms-rana", "teacher")
    ali = person(app, "ali")
    classes = {name: people.classroom(teacher, name, code) for name, code in
               (("Spanish", "SPAN22"), ("Urdu", "URDU22"), ("Plain", "PLAN22"))}
    store(app, Classroom, classes["Spanish"], language="es")
    store(app, Classroom, classes["Urdu"], language="ur")
    with app.app_context():
        assert live(ali, "token-ali").class_language is None
    with app.app_context(), db.writer() as session:
        session.add_all([  # Spanish first, then Urdu; the class with no language joined last
            Membership(classroom_id=classes["Spanish"], account_id=ali, joined_at=dt.datetime(2025, 9, 1)),
            Membership(classroom_id=classes["Urdu"], account_id=ali, joined_at=dt.datetime(2025, 9, 2)),
            Membership(classroom_id=classes["Plain"], account_id=ali, joined_at=dt.datetime(2025, 9, 3))])
        session.commit()
    with app.app_context():
        signed = live(ali, "token-ali")
        assert (signed.language, signed.class_language) == (None, "ur")
        accounts.set_language(db.session, ali, "es")
        signed = live(ali, "token-ali")
        assert (signed.language, signed.class_language) == ("es", "ur")


# Passwords ---------------------------------------------------------------------------------------

def test_changing_the_password_ends_every_other_session(app: Flask) -> None:
    ali = person(app, "ali")
    with app.app_context():
        signed = accounts.change_password(db.session, ali, PASSWORD, "a brand new password")
        assert isinstance(signed, SignedIn) and signed.session_token != "token-ali"
        assert accounts.signed_in(db.session, ali, "token-ali", IDLE) is None
        assert live(ali, signed.session_token) == signed
        assert accounts.authenticate(db.session, "ali", PASSWORD, IDLE) is None
    stored = row(app, ali)
    assert stored.password_hash.startswith("scrypt:32768:8:1$")  # a chosen password: the strong hash
    assert "a brand new password" not in stored.password_hash


@pytest.mark.parametrize(("current", "new", "problem"), [
    ("wrong password", "short", AccountProblem.WRONG_PASSWORD),  # the current one is checked first
    (PASSWORD, "7 chars", AccountProblem.PASSWORD_TOO_SHORT),
    (PASSWORD, "p" * 257, AccountProblem.PASSWORD_TOO_LONG),
])
def test_a_password_change_is_refused_with_what_to_fix_and_nothing_changes(
        app: Flask, current: str, new: str, problem: AccountProblem) -> None:
    ali = person(app, "ali")
    with app.app_context():
        assert accounts.change_password(db.session, ali, current, new) is problem
        assert accounts.change_password(db.session, 999_999, PASSWORD, new) is AccountProblem.WRONG_PASSWORD
    stored = row(app, ali)
    assert (stored.password_hash, stored.session_token) == (PASSWORD_HASH, "token-ali")


# Learners joining with a code -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "username"), [("  José   PÉREZ ", "jose-perez"),
                                                ("ثنا خان", "learner")])  # no Latin letters
def test_a_new_learner_gets_a_username_made_from_their_name_and_joins(
        app: Flask, classroom: int, quick_hashes: None, name: str, username: str) -> None:
    with app.app_context():
        outcome = accounts.join_as_new_learner(db.session, " k7p-m3x ", name, "zara's secret",
                                               random.Random(7))
        assert isinstance(outcome, tuple)
        signed, class_name = outcome
        assert live(signed.account_id, signed.session_token) == signed
        assert accounts.authenticate(db.session, signed.username, "zara's secret", IDLE) == signed
    number = random.Random(7).randint(1000, 9999)
    assert (class_name, signed.username, signed.role) == ("Class 8B", f"{username}-{number}", "learner")
    assert signed.display_name == " ".join(name.split())
    assert members(app, classroom) == {signed.account_id: None}
    assert row(app, signed.account_id).email is None


@pytest.mark.parametrize(("code", "name", "password", "problem"), [
    ("ZZZZZZ", "Zara", "zara's secret", AccountProblem.UNKNOWN_CODE),
    ("nope", "", "", AccountProblem.UNKNOWN_CODE),  # the code is checked first
    ("K7PM3X", "\u200b", "short", AccountProblem.NAME_EMPTY),  # then the name
    ("K7PM3X", "Zara", "short", AccountProblem.PASSWORD_TOO_SHORT),
    ("K7PM3X", "Zara", "p" * 257, AccountProblem.PASSWORD_TOO_LONG),
])
def test_joining_is_refused_with_what_to_fix(app: Flask, classroom: int, code: str, name: str,
                                             password: str, problem: AccountProblem) -> None:
    with app.app_context():
        assert accounts.join_as_new_learner(db.session, code, name, password) is problem
    assert members(app, classroom) == {}
    assert account_count(app) == 1  # the teacher only


def test_an_archived_class_cannot_be_joined(app: Flask, classroom: int) -> None:
    store(app, Classroom, classroom, archived_at=dt.datetime(2025, 6, 30))
    ali = person(app, "ali")
    with app.app_context():
        assert accounts.join_as_new_learner(db.session, "K7PM3X", "Zara", "zara's secret") \
            is AccountProblem.CLASS_CLOSED
        assert accounts.join_with_account(db.session, ali, "K7PM3X") is AccountProblem.CLASS_CLOSED
    assert members(app, classroom) == {}


def test_a_name_like_a_classmates_is_refused_unless_it_is_them_with_their_password(
        app: Flask, people: People, classroom: int, quick_hashes: None) -> None:
    zara = person(app, "zara-malik-6707", name="Zara Malik")
    people.join(classroom, zara)
    store(app, Membership, (classroom, zara), removed_at=dt.datetime(2025, 10, 1))
    with app.app_context():
        # The same name but for case and spacing, with another password: a learner of that name
        # is in the class (the join form says so, and what to do).
        assert accounts.join_as_new_learner(db.session, "K7PM3X", "ZARA  malik\u200b", "another secret") \
            is AccountProblem.NAME_IN_CLASS
        outcome = accounts.join_as_new_learner(db.session, "K7PM3X", "zara malik", PASSWORD)
    assert isinstance(outcome, tuple)
    signed, class_name = outcome
    assert (signed.account_id, signed.username, class_name) == (zara, "zara-malik-6707", "Class 8B")
    assert members(app, classroom) == {zara: None}  # back in the class she was removed from
    assert account_count(app) == 2  # no twin was made


# Signed-in learners joining another class -------------------------------------------------------

def test_a_signed_in_learner_joins_another_class_by_its_code(app: Flask, people: People,
                                                             classroom: int) -> None:
    ali = person(app, "ali")
    people.join(classroom, ali)
    other = people.classroom(person(app, "mr-khan", "teacher"), "Class 9C", "H4TR2W")
    with app.app_context():
        assert accounts.join_with_account(db.session, ali, "h4t-r2w") == "Class 9C"
        assert accounts.join_with_account(db.session, ali, "H4TR2W") == "Class 9C"  # again: no change
    assert members(app, other) == {ali: None}
    assert members(app, classroom) == {ali: None}


def test_a_removed_learner_who_joins_again_is_back_in_the_class(app: Flask, people: People,
                                                                 classroom: int) -> None:
    ali = person(app, "ali")
    people.join(classroom, ali)
    store(app, Membership, (classroom, ali), removed_at=dt.datetime(2025, 10, 1))
    with app.app_context():
        assert accounts.join_with_account(db.session, ali, "K7PM3X") == "Class 8B"
    assert members(app, classroom) == {ali: None}


@pytest.mark.parametrize(("who", "code", "problem"), [
    ("ali", "ZZZZZZ", AccountProblem.UNKNOWN_CODE),
    ("ms-rana", "K7PM3X", AccountProblem.NOT_A_LEARNER),
    ("no one", "K7PM3X", AccountProblem.NOT_A_LEARNER),
    ("ayesha", "K7PM3X", AccountProblem.NAME_LOOKS_TAKEN),  # 'AYESHA' is in the class already
])
def test_joining_another_class_is_refused_with_why(app: Flask, people: People, classroom: int, who: str,
                                                   code: str, problem: AccountProblem) -> None:
    ids = {"ali": person(app, "ali"), "ayesha": person(app, "ayesha", name="Ayesha"),
           "ms-rana": teacher_of(app, classroom), "no one": 999_999}
    people.join(classroom, person(app, "ayesha-k", name="AYESHA"))
    before = members(app, classroom)
    with app.app_context():
        assert accounts.join_with_account(db.session, ids[who], code) is problem
    assert members(app, classroom) == before


# Login cards ----------------------------------------------------------------------------------------

def test_a_new_card_password_works_and_the_old_password_and_sessions_stop(app: Flask, people: People,
                                                                          classroom: int) -> None:
    ali = person(app, "ali", name="Ali Khan")
    people.join(classroom, ali)
    with app.app_context():
        card = login_cards.reset_learner_password(db.session, classroom, ali, random.Random(3))
        assert card is not None and card == LoginCard("Ali Khan", "ali", card.password)
        assert accounts.signed_in(db.session, ali, "token-ali", IDLE) is None  # a lost card stops working
        assert accounts.authenticate(db.session, "ali", PASSWORD, IDLE) is None
        assert accounts.authenticate(db.session, "ali", card.password, IDLE) is not None
    assert CARD_PASSWORD.fullmatch(card.password), card.password
    assert row(app, ali).password_hash.startswith("scrypt:8192:8:1$")  # the cheaper hash of a card


@pytest.mark.parametrize("who", ["learner of another class", "the teacher", "no one"])
def test_only_a_learner_of_the_class_gets_a_new_card(app: Flask, people: People, classroom: int,
                                                     who: str) -> None:
    other = people.classroom(person(app, "mr-khan", "teacher"), "Class 9C", "H4TR2W")
    learner = person(app, "ali")
    people.join(other, learner)
    teacher = teacher_of(app, classroom)
    account = {"learner of another class": learner, "the teacher": teacher, "no one": 999_999}[who]
    with app.app_context():
        assert login_cards.reset_learner_password(db.session, classroom, account) is None
    for unchanged in (learner, teacher):
        stored = row(app, unchanged)
        assert (stored.password_hash, stored.session_token) == (PASSWORD_HASH, f"token-{stored.username}")


def test_a_roster_makes_a_card_for_each_new_name_and_sets_look_alikes_aside(
        app: Flask, people: People, classroom: int, quick_hashes: None) -> None:
    people.join(classroom, person(app, "ayesha", name="Ayesha"))
    names = ["Zara Malik", "  ", "zara  MALIK", "\u200b", "Bilal Ahmed", "AYESHA", "José", "Jose"]
    with app.app_context():
        roster = login_cards.create_roster(db.session, classroom, names, random.Random(5))
        for card in roster.cards:
            assert accounts.authenticate(db.session, card.username, card.password, IDLE) is not None
    assert [card.display_name for card in roster.cards] == ["Zara Malik", "Bilal Ahmed", "José", "Jose"]
    assert roster.look_alikes == ["zara MALIK", "AYESHA"]
    assert [re.sub(r"-\d{4}$", "", card.username) for card in roster.cards] == [
        "zara-malik", "bilal-ahmed", "jose", "jose"]
    assert len({card.username for card in roster.cards}) == 4
    assert all(CARD_PASSWORD.fullmatch(card.password) for card in roster.cards)
    assert len(members(app, classroom)) == 5


def test_two_names_that_make_the_same_username_get_different_numbers(
        app: Flask, classroom: int, quick_hashes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1)
    numbers = iter([1111, 1111, 2222])  # the second name draws the first one's number again
    monkeypatch.setattr(rng, "randint", lambda low, high: next(numbers))
    with app.app_context():
        roster = login_cards.create_roster(db.session, classroom, ["José", "Jose", "", "\u200b"], rng)
    assert [(card.display_name, card.username) for card in roster.cards] == [
        ("José", "jose-1111"), ("Jose", "jose-2222")]
    assert roster.look_alikes == []
