"""Rules of classes: join codes, usernames, passwords, and when an assignment's attempts count."""

from __future__ import annotations

import datetime as dt
import enum
import random
import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

from quizapp.domain.names import MAX_DISPLAY_NAME

__all__ = ["MAX_DISPLAY_NAME"]  # display names themselves: see names.py

# No 0/O, 1/I/l: codes are read aloud and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MIN_PASSWORD, MAX_PASSWORD = 8, 256
# How an assignment is taken: "test" (feedback at the end, the default) or "learn" (each
# answer checked at once, with its explanation and evidence).
ASSIGNMENT_MODES = ("test", "learn")


def new_join_code(rng: random.Random) -> str:
    """A fresh code such as 'K7PM3X'."""
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def read_join_code(typed: str) -> str:
    """A code as typed ('k7p-m3x', ' K7P M3X ') in its stored form ('K7PM3X')."""
    return re.sub(r"[\s-]", "", typed).upper()


def show_join_code(code: str) -> str:
    """A code split in two halves for reading aloud: 'K7P-M3X'."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


class PasswordProblem(enum.Enum):
    """What is wrong with a new password."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


def password_problem(password: str) -> PasswordProblem | None:
    """Check a new password: at least 8 characters, at most 256; any characters allowed."""
    if len(password) < MIN_PASSWORD:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_PASSWORD:
        return PasswordProblem.TOO_LONG
    return None


def username_base(display_name: str) -> str:
    """The start of a username made from a display name: 'José Pérez' -> 'jose-perez'.

    Usernames are typed on any keyboard, so they are ASCII: accents are dropped, and a
    name with no Latin letters or digits at all (Urdu script, say) gives 'learner'.
    Spaces and punctuation become '-'.
    """
    base = re.sub(r"[^a-z0-9]+", "-", ascii_folded(display_name)).strip("-")[:24].strip("-")
    return base or "learner"


def ascii_folded(text: str) -> str:
    """Lower case without accents or other marks: what is compared when people sign in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode("ascii")


def sign_in_login(typed: str) -> str:
    """A username or e-mail as sign-in compares it: without surrounding spaces, lower case."""
    return typed.strip().lower()


def sign_in_key(typed: str) -> str:
    """What every spelling of a login that reaches the same accounts has in common.

    Sign-in matches a login as typed or folded to ASCII ('José', 'JOSE' and a full-width
    'ｊｏｓｅ' all reach 'jose'), so failed sign-ins are counted under the folded form; a
    login with nothing ASCII in it reaches an account only as typed, and is its own key.
    """
    login = sign_in_login(typed)
    return ascii_folded(login) or login


class AttemptKind(enum.Enum):
    """What starting a quiz on an assignment does now."""

    COUNTS = "counts"  # the attempt counts towards the assignment
    PRACTICE = "practice"  # after the due date: it can be taken, it does not count
    NOT_OPEN = "not_open"  # before the opening time
    NO_ATTEMPTS_LEFT = "no_attempts_left"


@dataclass(frozen=True)
class AssignmentWindow:
    """When an assignment opens and is due, and how many attempts count (None: no limit)."""

    opens_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    attempts_allowed: int | None = None


def past_due(due_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether an assignment's due date has come: from then on, attempts are practice."""
    return due_at is not None and now >= due_at


def attempt_kind(window: AssignmentWindow, now: dt.datetime, attempts_used: int) -> AttemptKind:
    """Whether a new attempt counts, is practice only, or cannot start yet."""
    if window.opens_at is not None and now < window.opens_at:
        return AttemptKind.NOT_OPEN
    if past_due(window.due_at, now):
        return AttemptKind.PRACTICE
    if window.attempts_allowed is not None and attempts_used >= window.attempts_allowed:
        return AttemptKind.NO_ATTEMPTS_LEFT
    return AttemptKind.COUNTS


class AssignmentStatus(enum.Enum):
    """Where a learner is with an assignment, as their teacher's report says it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    TURNED_IN = "turned_in"
    MISSING = "missing"


def assignment_status(*, turned_in: bool, in_progress: bool, due_at: dt.datetime | None,
                      now: dt.datetime) -> AssignmentStatus:
    """Turned in once an attempt counted; else missing from the due date on (an attempt still
    open then can no longer count), in progress while one is open, and not started before."""
    if turned_in:
        return AssignmentStatus.TURNED_IN
    if past_due(due_at, now):
        return AssignmentStatus.MISSING
    return AssignmentStatus.IN_PROGRESS if in_progress else AssignmentStatus.NOT_STARTED


def transliterated(text: str) -> str:
    """Text of any script in lower-case ASCII: 'جماعت نہم ب' -> 'jmt nhm b', 'Niñas' -> 'ninas'.

    anyascii romanises each character that is not ASCII (Urdu gives its consonants, as the
    script writes them); the apostrophes and backticks it writes for hamza and ain are
    dropped, so that a word stays one word. ASCII characters stay as typed.
    """
    return "".join(char if char.isascii() else re.sub(r"['`]", "", anyascii(char))
                   for char in unicodedata.normalize("NFC", text)).lower()


class PracticeReason(enum.Enum):
    """Why a submission of an attempt started to count was kept as practice."""

    ASSIGNMENT_DELETED = "assignment_deleted"
    CLASS_ARCHIVED = "class_archived"
    BANK_WITHDRAWN = "bank_withdrawn"  # unpublished or deleted by its author
    LATE = "late"
    NO_ATTEMPTS_LEFT = "no_attempts_left"


@dataclass(frozen=True)
class AssignmentState:
    """What became of an assignment, its class and its bank while an attempt was open."""

    deleted: bool = False
    class_archived: bool = False
    bank_open: bool = True  # published and not deleted


STILL_OPEN = AssignmentState()


def practice_reason(window: AssignmentWindow, submitted_at: dt.datetime, attempts_counted: int,
                    state: AssignmentState = STILL_OPEN) -> PracticeReason | None:
    """Why a submission of an attempt started to count does not count; None when it counts.

    It counts only while the assignment is live, its class open and its bank published,
    before the due date, and while fewer than the attempts allowed have counted: two
    attempts started at once, or kept open while the limit was lowered, cannot count
    beyond it. One started before the class was archived or the bank unpublished, and sent
    afterwards, is practice.
    """
    if state.deleted:
        return PracticeReason.ASSIGNMENT_DELETED
    if state.class_archived:
        return PracticeReason.CLASS_ARCHIVED
    if not state.bank_open:
        return PracticeReason.BANK_WITHDRAWN
    if past_due(window.due_at, submitted_at):
        return PracticeReason.LATE
    if window.attempts_allowed is not None and attempts_counted >= window.attempts_allowed:
        return PracticeReason.NO_ATTEMPTS_LEFT
    return None


def submission_counts(window: AssignmentWindow, submitted_at: dt.datetime,
                      attempts_counted: int, state: AssignmentState = STILL_OPEN) -> bool:
    """Whether a submission of an attempt started to count is recorded as counting."""
    return practice_reason(window, submitted_at, attempts_counted, state) is None


def report_filename(class_name: str, class_id: int) -> str:
    """The CSV report's file name, from the class's name in plain ASCII: ``class-8b-report.csv``.

    Any script is transliterated ('جماعت نہم ب' -> ``class-jmt-nhm-b-report.csv``). Only
    lower-case letters, digits and hyphens: safe in a Content-Disposition header and on
    every file system. A name with nothing left (punctuation alone, say) uses the class id.
    """
    stem = re.sub(r"[^a-z0-9]+", "-", transliterated(class_name)).strip("-")[:60].strip("-")
    stem = stem.removeprefix("class-") if stem != "class" else ""
    return f"class-{stem or class_id}-report.csv"
