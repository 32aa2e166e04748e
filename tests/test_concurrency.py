"""Thirty learners of one class submit in the same second to a real server: nothing is lost."""

from __future__ import annotations

import http.client
import threading
import time
import urllib.parse

import pytest
from flask import Flask
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Answer, AssignmentScore, Attempt, Membership
from tests.conftest import People
from tests.helpers import right_form, soup

LEARNERS = 30


class Browser:
    """A learner's browser: one signed-in cookie, plain HTTP to the live server."""

    def __init__(self, base: str, cookie: str) -> None:
        self.host = urllib.parse.urlsplit(base).netloc
        self.cookie = cookie

    def request(self, method: str, path: str, form: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
        connection = http.client.HTTPConnection(self.host, timeout=60)
        body = urllib.parse.urlencode(form or {}, doseq=True)
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request(method, path, body=body if form is not None else None, headers=headers)
        response = connection.getresponse()
        result = (response.status, response.getheader("Location"), response.read().decode())
        connection.close()
        return result


def test_thirty_simultaneous_submissions_lose_nothing(app: Flask, people: People,
                                                      live_server: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(LEARNERS)]
    people.join(classroom, *learners)
    assignment = people.assign(classroom)

    browsers, forms = [], []
    for n, account in enumerate(learners):
        client = people.sign_in(app.test_client(), account, f"learner-{n}")
        client.get("/")
        browser = Browser(live_server, f"session={client.get_cookie('session').value}")
        status, location, _ = browser.request("POST", f"/assignments/{assignment}/start", {})
        assert status == 303, status
        _, _, page = browser.request("GET", location)
        form = right_form(soup(page), number="6238" if n % 3 else "1")  # a third miss one
        forms.append((location, form))
        browsers.append(browser)

    barrier = threading.Barrier(LEARNERS)
    acknowledged: list[tuple[str, int]] = []
    failures: list[str] = []

    def submit(index: int) -> None:
        location, form = forms[index]
        barrier.wait()
        status, target, body = browsers[index].request("POST", location, form)
        if status == 303 and target and target.endswith("/result"):
            acknowledged.append((location.rsplit("/", 1)[1], index))
        else:
            failures.append(f"learner {index}: {status} {body[:200]}")

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(LEARNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(acknowledged) == LEARNERS

    with app.app_context():
        for token, index in acknowledged:
            attempt = db.session.scalar(select(Attempt).where(Attempt.token == token))
            assert attempt is not None and attempt.submitted_at is not None
            answers = db.session.scalars(select(Answer).where(Answer.attempt_id == attempt.id)).all()
            assert len(answers) == 5
            assert attempt.score == sum(a.points_awarded for a in answers)
            assert attempt.score == (6 if index % 3 else 5)
            best = db.session.get(AssignmentScore, (assignment, learners[index]))
            assert best is not None and (best.best_score, best.attempts) == (attempt.score, 1)
            member = db.session.get(Membership, (classroom, learners[index]))
            assert member is not None and member.total == attempt.score
        assert db.session.scalar(select(func.count()).select_from(Answer)) == LEARNERS * 5



def _signed_in_browser(app: Flask, people: People, base: str, account: int, username: str) -> Browser:
    client = people.sign_in(app.test_client(), account, username)
    client.get("/")
    return Browser(base, f"session={client.get_cookie('session').value}")


def _login_cards_for_200(browser: Browser, classroom: int) -> tuple[int, str]:
    names = "\n".join(f"Pupil {n}" for n in range(200))
    status, _, body = browser.request("POST", f"/teach/classes/{classroom}/roster", {"names": names})
    return status, body


def _bank_with_long_wrong_quotes(browser: Browser, classroom: int) -> tuple[int, str]:
    def wrong(n: int) -> str:  # about 580 characters, in neither article, each one different
        return f"Quote {n}: " + "El Salvador and Pakistan agreed on many things " * 12

    questions = "".join(
        f"  - id: q{n}\n    type: true_false\n    prompt: P\n    explanation: E\n    answer: true\n"
        f"    cite:\n      - source: coindesk\n        quote: \"{wrong(n)}\"\n"
        f"      - source: ainvest\n        quote: \"{wrong(n)}\"\n" for n in range(500))
    status, _, body = browser.request("POST", "/teach/banks/new",
                                      {"text": f"bank: long\ntitle: Long\nquestions:\n{questions}"})
    return status, body


def _made_200_cards(status: int, body: str) -> None:
    assert status == 200, body[:300]
    assert body.count('class="login-card"') == 200


def _listed_every_wrong_quote(status: int, body: str) -> None:
    assert status == 422, body[:300]
    assert body.count("the quote is not in the article") == 1000


# Slow teacher requests, and how to tell each went right.
SLOW_TEACHER_REQUESTS = {"login cards for 200": (_login_cards_for_200, _made_200_cards, 200),
                         "a bank check with 1,000 long wrong quotes": (
                             _bank_with_long_wrong_quotes, _listed_every_wrong_quote, 0)}


@pytest.mark.parametrize("teacher_request", sorted(SLOW_TEACHER_REQUESTS))
def test_learners_submit_while_a_teacher_request_runs(app: Flask, people: People, live_server: str,
                                                      teacher_request: str) -> None:
    """A slow teacher request never makes learners wait: the write lock is held for writes only."""
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(LEARNERS)]
    people.join(classroom, *learners)
    assignment = people.assign(classroom)
    forms = []
    for n, account in enumerate(learners):
        browser = _signed_in_browser(app, people, live_server, account, f"learner-{n}")
        status, location, _ = browser.request("POST", f"/assignments/{assignment}/start", {})
        assert status == 303, status
        _, _, page = browser.request("GET", location)
        forms.append((browser, location, right_form(soup(page))))
    teacher_browser = _signed_in_browser(app, people, live_server, teacher, "ms-rana")

    teacher_outcome: list[tuple[int, str]] = []
    make_request, went_right, new_members = SLOW_TEACHER_REQUESTS[teacher_request]
    teacher_thread = threading.Thread(target=lambda: teacher_outcome.append(
        make_request(teacher_browser, classroom)))
    latencies: list[float] = []
    failures: list[str] = []

    def submit(index: int) -> None:
        browser, location, form = forms[index]
        started = time.perf_counter()
        status, target, body = browser.request("POST", location, form)
        latencies.append(time.perf_counter() - started)
        if not (status == 303 and target and target.endswith("/result")):
            failures.append(f"learner {index}: {status} {body[:200]}")

    started = time.perf_counter()
    teacher_thread.start()
    time.sleep(0.3)  # the teacher's request is under way
    learner_threads = [threading.Thread(target=submit, args=(i,)) for i in range(LEARNERS)]
    for thread in learner_threads:
        thread.start()
    for thread in learner_threads:
        thread.join()
    learners_done = time.perf_counter() - started
    teacher_thread.join()
    teacher_done = time.perf_counter() - started

    print(f"\n{teacher_request}: {teacher_done:.2f} s; {LEARNERS} submissions meanwhile, "
          f"slowest {max(latencies):.2f} s, median {sorted(latencies)[LEARNERS // 2]:.2f} s")
    assert failures == []
    assert max(latencies) < 2, f"slowest submission {max(latencies):.2f} s"
    assert learners_done < teacher_done, "the learners did not submit while the teacher's request ran"
    went_right(*teacher_outcome[0])
    with app.app_context():
        submitted = db.session.scalar(select(func.count()).select_from(Attempt)
                                      .where(Attempt.submitted_at.is_not(None)))
        assert submitted == LEARNERS
        assert db.session.scalar(select(func.count()).select_from(Answer)) == LEARNERS * 5
        assert db.session.scalar(select(func.count()).select_from(Membership)
                                 .where(Membership.classroom_id == classroom)) == LEARNERS + new_members
