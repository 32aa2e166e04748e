"""Requests at the same moment that would change scores: a dozen starts of one quiz, a
submission beyond the attempts allowed, six deletions of one assignment. After each race,
every derived figure still matches the rows it comes from (``quizapp check``)."""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import func, select

from quizapp.domain import clock
from quizapp.domain.classroom_rules import AttemptKind
from quizapp.extensions import db
from quizapp.models import AssignmentScore, Attempt, Membership
from quizapp.services import attempts, classrooms
from quizapp.services.integrity import check_derived_figures
from tests.conftest import People
from tests.helpers import right_form, soup
from tests.test_classroom_views import board_rows, learner_client, take
from tests.test_concurrency import Browser

STARTS = 12
DELETES = 6
ROUNDS = 4


def at_once(count: int, browser: Browser, path: str,
            form: dict[str, object]) -> list[tuple[int, str | None, str]]:
    """``count`` threads post ``form`` to ``path`` when all are ready; their responses."""
    barrier = threading.Barrier(count)
    responses: list[tuple[int, str | None, str]] = []

    def send() -> None:
        barrier.wait()
        responses.append(browser.request("POST", path, form))

    threads = [threading.Thread(target=send) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def figures_match(app: Flask) -> None:
    """What ``quizapp check`` checks: no stored figure differs from its rows."""
    with app.app_context():
        found = check_derived_figures(db.session)
        assert [str(difference) for difference in found.differences] == []


def browser_for(app: Flask, people: People, live_server: str, account: int, username: str) -> Browser:
    client = people.sign_in(app.test_client(), account, username)
    client.get("/")
    return Browser(live_server, f"session={client.get_cookie('session').value}")


def test_a_dozen_starts_at_once_make_one_attempt(app: Flask, people: People,
                                                 live_server: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    classroom = people.classroom(people.account("ms-rana", "teacher"))
    ali = people.account("ali", name="Ali")
    people.join(classroom, ali)
    browser = browser_for(app, people, live_server, ali, "ali")
    for _ in range(ROUNDS):
        assignment = people.assign(classroom, attempts_allowed=1)
        start = f"/assignments/{assignment}/start"
        responses = at_once(STARTS, browser, start, {})
        assert {(status, location) for status, location, _ in responses} == {
            (303, responses[0][1])}, responses
        assert responses[0][1].startswith("/attempts/")
        with app.app_context():
            made = db.session.scalar(select(func.count()).select_from(Attempt).where(
                Attempt.assignment_id == assignment, Attempt.account_id == ali))
        assert made == 1
        figures_match(app)

        status, _, _ = browser.request("POST", responses[0][1], {"submit_with_blanks": "Submit"})
        assert status == 303
        again = at_once(STARTS, browser, start, {})
        assert {(status, location) for status, location, _ in again} == {(303, "/")}
        figures_match(app)


def test_no_submission_counts_beyond_the_attempts_allowed(app: Flask, people: People,
                                                          sample_bank: str) -> None:
    """Two attempts left open at once (as racing starts once made them): only one counts."""
    classroom = people.classroom(people.account("ms-rana", "teacher"))
    ali = people.account("ali", name="Ali")
    people.join(classroom, ali)
    assignment = people.assign(classroom, attempts_allowed=1)
    with app.test_request_context():
        first, second = (attempts.start_attempt(db.session, sample_bank, account_id=ali,
                                                assignment_id=assignment, counts=True)
                         for _ in range(2))
        assert first is not None and second is not None
        attempts.submit_attempt(db.session, first, {}, allow_blanks=True)
        attempts.submit_attempt(db.session, second, {3: ["6238"]}, allow_blanks=True)
        best = db.session.get(AssignmentScore, (assignment, ali), populate_existing=True)
        assert best is not None and (best.best_score, best.attempts) == (0, 1)
        assert db.session.get(Membership, (classroom, ali), populate_existing=True).total == 0
        assert db.session.scalar(select(Attempt.counts).where(Attempt.token == second)) is False
        assert classrooms.start_assignment(db.session, ali, assignment, clock.now()) is \
            AttemptKind.NO_ATTEMPTS_LEFT
    figures_match(app)
    rows = soup(learner_client(app, people, ali, "ali").get("/me/attempts")).select("tbody tr")
    assert sorted(row.find_all("td")[-1].get_text(strip=True) for row in rows) == ["practice", "yes"]


def test_six_deletions_at_once_take_the_points_out_once(app: Flask, people: People,
                                                        live_server: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = {name: people.account(name, name=name.title()) for name in ("ayesha", "bilal", "chand")}
    people.join(classroom, *learners.values())
    assignments = [people.assign(classroom) for _ in range(ROUNDS + 1)]
    for n, (name, account) in enumerate(learners.items()):
        client = learner_client(app, people, account, name)
        for a, assignment in enumerate(assignments):
            take(client, assignment, number="1" if (n + a) % 2 else "6,238",
                 blanks=(n, a) == (2, 0))
    teacher_browser = browser_for(app, people, live_server, teacher, "ms-rana")
    ayesha = learner_client(app, people, learners["ayesha"], "ayesha")
    for deleted, assignment in enumerate(assignments[:ROUNDS], start=1):
        delete = f"/teach/classes/{classroom}/assignments/{assignment}/delete"
        responses = at_once(DELETES, teacher_browser, delete, {"submit": "Delete the assignment"})
        assert all(status in (303, 404) for status, _, _ in responses), responses
        assert any(status == 303 for status, _, _ in responses)
        with app.app_context():
            for account in learners.values():
                remaining = db.session.scalar(
                    select(func.coalesce(func.sum(AssignmentScore.best_score), 0))
                    .where(AssignmentScore.account_id == account,
                           AssignmentScore.assignment_id.in_(assignments[deleted:])))
                total = db.session.get(Membership, (classroom, account)).total
                assert total == remaining
        figures_match(app)
    # One assignment is left: Ayesha took it right (6), Bilal missed one (5), Chand right (6).
    assert board_rows(ayesha, classroom) == [["1", "Ayesha (you)", "6"], ["1", "Chand", "6"],
                                             ["3", "Bilal", "5"]]


def test_submissions_during_a_deletion_neither_fail_nor_leave_points(
        app: Flask, people: People, live_server: str) -> None:
    """A submission locks its attempt, then its member; a deletion must not wait the other way."""
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(10)]
    people.join(classroom, *learners)
    kept, deleted = people.assign(classroom), people.assign(classroom)
    quizzes = []
    for n, account in enumerate(learners):
        take(learner_client(app, people, account, f"learner-{n}"), kept, number="1")
        browser = browser_for(app, people, live_server, account, f"learner-{n}")
        _, location, _ = browser.request("POST", f"/assignments/{deleted}/start", {})
        _, _, page = browser.request("GET", location)
        quizzes.append((browser, location, right_form(soup(page))))
    teacher_browser = browser_for(app, people, live_server, teacher, "ms-rana")
    delete = f"/teach/classes/{classroom}/assignments/{deleted}/delete"
    barrier = threading.Barrier(len(quizzes) + DELETES)
    statuses: list[int] = []

    def send(browser: Browser, path: str, form: dict[str, object]) -> None:
        barrier.wait()
        statuses.append(browser.request("POST", path, form)[0])

    threads = [threading.Thread(target=send, args=quiz) for quiz in quizzes] + [
        threading.Thread(target=send, args=(teacher_browser, delete, {"submit": "Delete"}))
        for _ in range(DELETES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) in ([303], [303, 404]), statuses
    figures_match(app)
    with app.app_context():
        totals = db.session.scalars(select(Membership.total).where(
            Membership.classroom_id == classroom)).all()
    assert totals == [5] * len(learners)  # the deleted assignment's points are nowhere
