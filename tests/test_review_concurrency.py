"""One learner's two attempts on the same questions, submitted at the same moment to a real server.

Each submission makes or updates the learner's review card for each question it answered.
Two of them at once must not both make the same new card (PostgreSQL would refuse the
second: one submission lost) nor both update it from the same old state (one review lost):
``review_cards.record_answers`` locks the learner's row first. Without that lock this test
fails on PostgreSQL (some of the pairs' second submissions answer 500); SQLite's writers
are serialised at BEGIN, so there it passes either way.
"""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Answer, Attempt, Bank, Question, ReviewCard
from tests.conftest import People
from tests.helpers import right_form, soup
from tests.test_concurrency import Browser

LEARNERS = 6  # each sends their two submissions at once: six chances for a race to show


def test_two_submissions_of_one_learner_at_once_leave_one_card_per_question(
        app: Flask, people: People, live_server: str, sample_bank: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(LEARNERS)]
    sends = []
    for n, account in enumerate(learners):
        client = people.sign_in(app.test_client(), account, f"learner-{n}")
        client.get("/")
        browser = Browser(live_server, f"session={client.get_cookie('session').value}")
        locations = set()
        for _ in range(2):  # two practice attempts of the bank: the same questions
            status, location, _ = browser.request("POST", f"/banks/{sample_bank}", {"start": "x"})
            assert status == 303 and location, status
            browser.request("POST", f"{location}/whole", {"submit": "x"})  # the whole-quiz form
            _, _, page = browser.request("GET", location)
            sends.append((browser, location, right_form(soup(page))))
            locations.add(location)
        assert len(locations) == 2

    barrier = threading.Barrier(len(sends))
    failures: list[str] = []

    def submit(index: int) -> None:
        browser, location, form = sends[index]
        barrier.wait()
        status, target, body = browser.request("POST", location, form)
        if not (status == 303 and target and target.endswith("/result")):
            failures.append(f"submission {index}: {status} {body[:300]}")

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []

    with app.app_context():
        questions = set(db.session.scalars(select(Question.id).join(Bank, Bank.id == Question.bank_id)
                                           .where(Bank.slug == sample_bank)))
        assert db.session.scalar(select(func.count()).select_from(Attempt)
                                 .where(Attempt.submitted_at.is_not(None))) == 2 * LEARNERS
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 2 * LEARNERS * len(questions)
        for account in learners:
            cards = db.session.scalars(select(ReviewCard).where(ReviewCard.account_id == account)).all()
            assert sorted(card.question_id for card in cards) == sorted(questions)
            assert [card.reviews for card in cards] == [2] * len(questions), account
