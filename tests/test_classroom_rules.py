"""Join codes, usernames, passwords and when attempts count."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from quizapp.domain.classroom_rules import (
    AssignmentState,
    AssignmentStatus,
    AssignmentWindow,
    AttemptKind,
    PasswordProblem,
    PracticeReason,
    assignment_status,
    attempt_kind,
    new_join_code,
    password_problem,
    practice_reason,
    read_join_code,
    report_filename,
    show_join_code,
    sign_in_key,
    submission_counts,
    username_base,
)

NOW = dt.datetime(2026, 3, 10, 12, 0)
HOUR = dt.timedelta(hours=1)


def test_join_codes_avoid_letters_that_look_alike() -> None:
    codes = {new_join_code(random.Random(seed)) for seed in range(300)}
    assert len(codes) == 300
    assert not set("".join(codes)) & set("0O1Il")
    assert all(len(code) == 6 for code in codes)


@pytest.mark.parametrize("typed", ["K7PM3X", "k7pm3x", "K7P-M3X", " k7p m3x "])
def test_join_codes_are_read_as_people_type_them(typed: str) -> None:
    assert read_join_code(typed) == "K7PM3X"
    assert show_join_code("K7PM3X") == "K7P-M3X"


@pytest.mark.parametrize(("password", "problem"), [
    ("", PasswordProblem.TOO_SHORT), ("1234567", PasswordProblem.TOO_SHORT),
    ("12345678", None), ("x" * 64, None), ("x" * 256, None), ("x" * 257, PasswordProblem.TOO_LONG),
    ("pässwörd", None), ("كلمة سر طويلة", None)])
def test_password_rules(password: str, problem: PasswordProblem | None) -> None:
    assert password_problem(password) is problem


@pytest.mark.parametrize(("name", "base"), [
    ("Amina Khan", "amina-khan"), ("  José   Pérez ", "jose-perez"), ("Carlos Mejía", "carlos-mejia"),
    ("Ñandú Güiro", "nandu-guiro"), ("عائشہ", "learner"), ("!!!", "learner"), ("O'Neil, Jr.", "o-neil-jr")])
def test_usernames_from_display_names(name: str, base: str) -> None:
    assert username_base(name) == base


@pytest.mark.parametrize(("window", "used", "kind"), [
    (AssignmentWindow(), 0, AttemptKind.COUNTS),
    (AssignmentWindow(), 50, AttemptKind.COUNTS),                      # unlimited by default
    (AssignmentWindow(attempts_allowed=2), 1, AttemptKind.COUNTS),
    (AssignmentWindow(attempts_allowed=2), 2, AttemptKind.NO_ATTEMPTS_LEFT),
    (AssignmentWindow(opens_at=NOW + HOUR), 0, AttemptKind.NOT_OPEN),
    (AssignmentWindow(opens_at=NOW), 0, AttemptKind.COUNTS),            # opens on the minute
    (AssignmentWindow(due_at=NOW + HOUR), 0, AttemptKind.COUNTS),
    (AssignmentWindow(due_at=NOW), 0, AttemptKind.PRACTICE),            # due means closed
    (AssignmentWindow(due_at=NOW - HOUR, attempts_allowed=1), 1, AttemptKind.PRACTICE),
])
def test_when_an_attempt_counts(window: AssignmentWindow, used: int, kind: AttemptKind) -> None:
    assert attempt_kind(window, NOW, used) is kind


@pytest.mark.parametrize(("window", "counted_before", "counts"), [
    (AssignmentWindow(), 7, True),
    (AssignmentWindow(due_at=NOW + HOUR), 0, True),
    (AssignmentWindow(due_at=NOW), 0, False),  # sent at the due date: too late
    (AssignmentWindow(due_at=NOW - HOUR), 0, False),
    (AssignmentWindow(attempts_allowed=2), 1, True),
    (AssignmentWindow(attempts_allowed=2), 2, False),  # a third attempt, opened while two were
    (AssignmentWindow(attempts_allowed=1), 3, False),  # left by racing starts, or a lowered limit
])
def test_when_a_submission_is_recorded_as_counting(window: AssignmentWindow, counted_before: int,
                                                   counts: bool) -> None:
    assert submission_counts(window, NOW, counted_before) is counts


@pytest.mark.parametrize(("name", "filename"), [
    ("8B", "class-8b-report.csv"),
    ("Class 8B", "class-8b-report.csv"),
    ("José's Clase — 2º año", "class-jose-s-clase-2o-ano-report.csv"),
    ("جماعت ہشتم", "class-jmt-hshtm-report.csv"),  # Urdu, transliterated: Latin letters
    ("جماعت نہم ب", "class-jmt-nhm-b-report.csv"),
    ("Класс 9А", "class-klass-9a-report.csv"),
    ("九年级", "class-jiunianji-report.csv"),
    ("Straße 5", "class-strasse-5-report.csv"),
    ("«—»", "class-42-report.csv"),  # nothing left to name it by: the class id
    ('a"b\\c/../d\r\n', "class-a-b-c-d-report.csv"),
    ("Class", "class-42-report.csv"),
])
def test_the_report_file_is_named_after_the_class_in_safe_characters(name: str,
                                                                      filename: str) -> None:
    assert report_filename(name, 42) == filename


@pytest.mark.parametrize("typed", ["jose", "José", "JOSE", " jose ", "ｊｏｓｅ", "ＪＯＳÉ", "jośe"])
def test_every_spelling_that_signs_in_as_jose_has_one_key(typed: str) -> None:
    assert sign_in_key(typed) == "jose"


def test_a_login_with_nothing_ascii_is_its_own_key() -> None:
    assert sign_in_key("علی") == "علی"
    assert sign_in_key("علی") != sign_in_key("احمد")
    assert sign_in_key("Ana@School.org") == "ana@school.org"


@pytest.mark.parametrize(("state", "reason"), [
    (AssignmentState(), None),
    (AssignmentState(class_archived=True), PracticeReason.CLASS_ARCHIVED),
    (AssignmentState(bank_open=False), PracticeReason.BANK_WITHDRAWN),
    (AssignmentState(deleted=True, class_archived=True), PracticeReason.ASSIGNMENT_DELETED),
])
def test_a_submission_after_its_class_or_bank_closed_is_practice(state: AssignmentState,
                                                                 reason: PracticeReason | None) -> None:
    window = AssignmentWindow(due_at=NOW + HOUR, attempts_allowed=2)
    assert practice_reason(window, NOW, 0, state) is reason
    assert submission_counts(window, NOW, 0, state) is (reason is None)


def test_a_late_submission_and_one_beyond_the_attempts_say_why() -> None:
    assert practice_reason(AssignmentWindow(due_at=NOW), NOW, 0) is PracticeReason.LATE
    assert practice_reason(AssignmentWindow(attempts_allowed=1), NOW, 1) is PracticeReason.NO_ATTEMPTS_LEFT


DUE = dt.datetime(2025, 7, 17, 17, 0)


@pytest.mark.parametrize(("turned_in", "in_progress", "due_at", "now", "status"), [
    (False, False, None, DUE, AssignmentStatus.NOT_STARTED),
    (False, False, DUE, DUE - dt.timedelta(seconds=1), AssignmentStatus.NOT_STARTED),
    (False, True, DUE, DUE - dt.timedelta(seconds=1), AssignmentStatus.IN_PROGRESS),
    (False, True, None, DUE + dt.timedelta(days=400), AssignmentStatus.IN_PROGRESS),
    (True, False, DUE, DUE - dt.timedelta(days=1), AssignmentStatus.TURNED_IN),
    (True, True, DUE, DUE + dt.timedelta(days=1), AssignmentStatus.TURNED_IN),  # a second go open
    (False, False, DUE, DUE, AssignmentStatus.MISSING),  # due at 17:00: missing from 17:00
    (False, True, DUE, DUE + dt.timedelta(minutes=1), AssignmentStatus.MISSING),  # cannot count now
])
def test_assignment_status(turned_in: bool, in_progress: bool, due_at: dt.datetime | None,
                           now: dt.datetime, status: AssignmentStatus) -> None:
    assert assignment_status(turned_in=turned_in, in_progress=in_progress, due_at=due_at,
                             now=now) is status
