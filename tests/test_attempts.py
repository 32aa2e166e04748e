"""Starting and submitting attempts: once only, nothing lost, nothing half-written."""

from __future__ import annotations

import random
import threading

from flask import Flask
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Answer, Attempt
from quizapp.services import attempts, quiz_pages, results
from quizapp.services.attempts import SubmitStatus

ALL_RIGHT_IN_WRITTEN_ORDER = {1: "2021", 2: "false", 3: "6238"}


def start(app: Flask, slug: str = "sample", seed: int = 7) -> str:
    with app.test_request_context(method="POST"):
        token = attempts.start_attempt(db.session, slug, random.Random(seed))
        assert token is not None
        return token


def right_answers(app: Flask, token: str) -> dict[int, list[str]]:
    """The form values a learner who knows every answer sends, given the shown order."""
    with app.app_context():
        page = quiz_pages.quiz_page(db.session, token)
        assert page is not None
        values: dict[int, list[str]] = {}
        for q in page.questions:
            if q.type == "single":
                values[q.position] = [str(q.entries.index("2021"))]
            elif q.type == "multiple":
                values[q.position] = [str(i) for i, e in enumerate(q.entries) if e != "football clubs"]
            elif q.type == "order":
                right = ["El Salvador adopts bitcoin as legal tender",
                         "Saqib speaks at The Bitcoin Conference",
                         "Pakistan launches its Virtual Assets Regulatory Authority"]
                values[q.position] = [str(right.index(e) + 1) for e in q.entries]
            else:
                values[q.position] = [ALL_RIGHT_IN_WRITTEN_ORDER[q.position]]
        return values


def submit(app: Flask, token: str, values: dict[int, list[str]], blanks: bool = False):
    with app.test_request_context(method="POST"):
        return attempts.submit_attempt(db.session, token, values, allow_blanks=blanks)


def test_all_right_scores_full_marks(app, sample_bank) -> None:
    token = start(app)
    assert submit(app, token, right_answers(app, token)).status is SubmitStatus.RECORDED
    with app.app_context():
        result = results.attempt_result(db.session, token)
        assert result is not None
        assert (result.score, result.max_score) == (6, 6)
        assert all(q.correct for q in result.questions)


def test_unknown_bank_or_token(app, sample_bank) -> None:
    with app.test_request_context(method="POST"):
        assert attempts.start_attempt(db.session, "nope") is None
    assert submit(app, "nope", {}).status is SubmitStatus.NOT_FOUND


def test_blanks_need_confirmation_and_nothing_is_written_until_then(app, sample_bank) -> None:
    token = start(app)
    outcome = submit(app, token, {1: ["0"]})
    assert outcome.status is SubmitStatus.HAS_BLANKS and outcome.blanks == [2, 3, 4, 5]
    with app.app_context():
        assert db.session.scalar(select(Attempt.submitted_at).where(Attempt.token == token)) is None
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert submit(app, token, {1: ["0"]}, blanks=True).status is SubmitStatus.RECORDED


def test_unreadable_answers_are_reported_and_nothing_is_written(app, sample_bank) -> None:
    token = start(app)
    values = right_answers(app, token)
    values[3] = ["about six thousand"]
    outcome = submit(app, token, values)
    assert outcome.status is SubmitStatus.NEEDS_CORRECTION
    assert list(outcome.errors) == [3]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_second_submission_changes_nothing(app, sample_bank) -> None:
    token = start(app)
    assert submit(app, token, right_answers(app, token)).status is SubmitStatus.RECORDED
    assert submit(app, token, {}, blanks=True).status is SubmitStatus.ALREADY_SUBMITTED
    with app.app_context():
        assert db.session.scalar(select(Attempt.score).where(Attempt.token == token)) == 6
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 5


def test_simultaneous_submissions_record_once(app, sample_bank) -> None:
    token = start(app)
    values = right_answers(app, token)
    statuses: list[SubmitStatus] = []
    barrier = threading.Barrier(4)

    def send() -> None:
        barrier.wait()
        statuses.append(submit(app, token, values).status)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(s.value for s in statuses) == ["already_submitted"] * 3 + ["recorded"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 5


def test_the_quiz_page_data_holds_no_answer_key(app, sample_bank) -> None:
    token = start(app)
    with app.app_context():
        page = quiz_pages.quiz_page(db.session, token)
    assert page is not None
    fields = {name for q in page.questions for name in vars(q)}
    assert fields == {"position", "type", "prompt", "points", "entries", "unit", "language"}
    order = next(q for q in page.questions if q.type == "order")
    assert order.entries != ["El Salvador adopts bitcoin as legal tender",
                             "Saqib speaks at The Bitcoin Conference",
                             "Pakistan launches its Virtual Assets Regulatory Authority"]


def test_each_attempt_keeps_its_own_shown_order(app, sample_bank) -> None:
    first, second = start(app, seed=1), start(app, seed=2)
    with app.app_context():
        a = quiz_pages.quiz_page(db.session, first)
        b = quiz_pages.quiz_page(db.session, second)
        again = quiz_pages.quiz_page(db.session, first)
    assert a is not None and b is not None
    assert a == again
    assert [q.entries for q in a.questions] != [q.entries for q in b.questions]
