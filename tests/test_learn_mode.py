"""Learn mode: one question at a time, each answer checked at once, the first answer counting."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Assignment, AssignmentScore, Attempt, SavedAnswer
from quizapp.services import attempts, learn_mode, saved_answers
from quizapp.services.learn_mode import AnswerStatus
from tests.conftest import People, bank_yaml
from tests.helpers import csrf, post_form, right_form, soup

NUMBER_HINT = "Write a number in digits, such as 12 or 3.5; a comma may separate thousands."
# Words only the right answers, explanations and evidence of the sample bank carry.
KEY_WORDS = ["CoinDesk says it did so in 2021", "doing so in 2021", "Right answer", "Why"]


@pytest.fixture
def no_csrf(app: Flask) -> None:
    """Posts without a token, for tests about what the server keeps rather than forms."""
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def learner(app: Flask, sample_bank: str) -> FlaskClient:
    """A browser with CSRF checks on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def start(client: FlaskClient) -> str:
    """Start the sample bank as practice; returns the attempt's address."""
    page = soup(client.get("/banks/sample"))
    response = client.post("/banks/sample", data={"csrf_token": csrf(page), "start": "Start"})
    assert response.status_code == 303
    return str(response.headers["Location"])


def question_page(client: FlaskClient, location: str) -> tuple[str, BeautifulSoup]:
    """Follow the attempt's address to the question it asks now."""
    response = client.get(location)
    assert response.status_code == 303
    asked = response.headers["Location"]
    return asked, soup(client.get(asked))


def send(client: FlaskClient, url: str, page: BeautifulSoup, values: dict[str, object]) -> object:
    """Send an answer to the question at ``url``, as its form does."""
    return client.post(f"{url}/answer", data={"csrf_token": csrf(page), "check": "Check my answer", **values})


def right(page: BeautifulSoup) -> dict[str, object]:
    """The right answer to the one question on a learn-mode page."""
    data = right_form(page)
    return {key: value for key, value in data.items() if key.startswith("q")}


def answer_all(client: FlaskClient, location: str, first: dict[str, object] | None = None) -> str:
    """Answer every question, the first with ``first`` (else right); returns the last feedback's URL."""
    feedback = ""
    for number in range(1, 6):
        url, page = question_page(client, location)
        assert url.endswith(f"/questions/{number}")
        response = send(client, url, page, first if first is not None and number == 1 else right(page))
        assert response.status_code == 303
        feedback = response.headers["Location"]
        assert feedback == f"{url}/feedback"
    return feedback


def test_practice_asks_one_question_at_a_time_without_its_key(learner: FlaskClient) -> None:
    location = start(learner)
    url, page = question_page(learner, location)
    assert url == f"{location}/questions/1"
    assert [fieldset["id"] for fieldset in page.select("fieldset.question")] == ["q1"]
    assert page.select_one("#progress-label").get_text(strip=True) == "0 of 5 answered"
    assert [b["value"] for b in page.select("form.learn input[type=submit]")] == ["Check my answer"]
    assert page.select_one("form.learn")["action"] == f"{url}/answer"
    html = learner.get(url).get_data(as_text=True)
    for words in KEY_WORDS:
        assert words not in html
    assert "<script" not in html  # works without JavaScript: one form, post then redirect


def test_an_answer_is_checked_at_once_with_the_right_answer_why_and_the_evidence(
        learner: FlaskClient) -> None:
    location = start(learner)
    url, page = question_page(learner, location)
    choice = {label.get_text(strip=True): label.input["value"] for label in page.select("fieldset label")}
    response = send(learner, url, page, {"q1": choice["2019"]})
    assert (response.status_code, response.headers["Location"]) == (303, f"{url}/feedback")
    shown = soup(learner.get(response.headers["Location"]))
    verdict = shown.select_one(".verdict").get_text(" ", strip=True)
    assert "Not right" in verdict
    answers = [dd.get_text(strip=True) for dd in shown.select("dl.answers dd")]
    assert answers == ["2019", "2021"]
    assert "CoinDesk says it did so in 2021." in shown.select_one(".explanation").get_text()
    assert "doing so in 2021" in shown.select_one("figure.evidence blockquote").get_text()
    source = shown.select_one("figure.evidence a")["href"]
    assert source.startswith("/sources/coindesk?cite=") and source.endswith("#cited")
    assert f"attempt={location.rsplit('/', 1)[1]}" in source
    following = shown.select_one(".actions a.button")
    assert (following.get_text(strip=True), following["href"]) == ("Next", f"{location}/questions/2")
    assert shown.select_one("#progress-label").get_text(strip=True) == "1 of 5 answered"


def test_the_first_answer_is_the_one_that_counts(app: Flask, learner: FlaskClient) -> None:
    location = start(learner)
    url, page = question_page(learner, location)
    wrong = {"q1": next(label.input["value"] for label in page.select("fieldset label")
                        if label.get_text(strip=True) == "2019")}
    send(learner, url, page, wrong)
    again = send(learner, url, page, right(page))  # a second post, from the page kept open
    assert (again.status_code, again.headers["Location"]) == (303, f"{url}/feedback")
    assert "Not right" in soup(learner.get(f"{url}/feedback")).select_one(".verdict").get_text()
    last = answer_all_from(learner, location, 2)
    result = soup(learner.get(last))
    assert "You scored 5 out of 6." in result.get_text(" ", strip=True)
    verdicts = [h2.get_text(" ", strip=True) for h2 in result.select(".verdict")]
    assert "Not right" in verdicts[0] and all("Right" in v for v in verdicts[1:])


def answer_all_from(client: FlaskClient, location: str, number: int) -> str:
    """Answer the questions from ``number`` on, right; returns the result page's address."""
    for position in range(number, 6):
        url, page = question_page(client, location)
        assert url.endswith(f"/questions/{position}")
        send(client, url, page, right(page))
    last = soup(client.get(f"{location}/questions/5/feedback"))
    link = last.select_one(".actions a.button")
    assert link.get_text(strip=True) == "See my result"
    return str(link["href"])


def test_finishing_the_last_question_records_the_attempt(app: Flask, learner: FlaskClient) -> None:
    location = start(learner)
    feedback = answer_all(learner, location)
    token = location.rsplit("/", 1)[1]
    with app.app_context():
        recorded = db.session.scalar(select(Attempt).where(Attempt.token == token))
        assert recorded.submitted_at is not None and recorded.score == recorded.max_score == 6
        assert db.session.scalar(select(SavedAnswer).where(SavedAnswer.attempt_id == recorded.id)) is None
    last = soup(learner.get(feedback))
    assert "Right" in last.select_one(".verdict").get_text()
    assert last.select_one(".actions a.button")["href"] == f"{location}/result"
    assert learner.get(location).headers["Location"] == f"{location}/result"


def test_questions_come_in_order_and_no_key_is_shown_before_its_answer(learner: FlaskClient) -> None:
    location = start(learner)
    ahead = learner.get(f"{location}/questions/3")
    assert (ahead.status_code, ahead.headers["Location"]) == (303, location)
    url, page = question_page(learner, location)
    sent = send(learner, f"{location}/questions/3", page, {"q3": "6238"})
    early = learner.get(sent.headers["Location"])  # the feedback of a question not answered
    assert (early.status_code, early.headers["Location"]) == (303, location)
    assert question_page(learner, location)[0] == url  # still the first question
    assert learner.get(f"{location}/questions/99").headers["Location"] == location


def test_a_blank_or_unreadable_answer_is_asked_again(learner: FlaskClient) -> None:
    location = start(learner)
    url, page = question_page(learner, location)
    blank = send(learner, url, page, {})
    assert blank.status_code == 422
    assert "Choose or type an answer, then check it." in soup(blank).select_one("#problems").get_text()
    send(learner, url, page, right(page))
    send(learner, f"{location}/questions/2", question_page(learner, location)[1], {"q2": "false"})
    url, page = question_page(learner, location)
    unreadable = send(learner, url, page, {"q3": "lots"})
    assert unreadable.status_code == 422
    again = soup(unreadable)
    assert again.select_one("#q3-error").get_text(strip=True) == NUMBER_HINT
    assert again.select_one("input[name=q3]")["value"] == "lots"
    assert question_page(learner, location)[0] == url  # nothing was checked


def test_leaving_and_coming_back_goes_on_at_the_next_question(app: Flask, people: People,
                                                              sample_bank: str, no_csrf: None) -> None:
    me = people.account("ayesha")
    client = people.sign_in(app.test_client(), me, "ayesha")
    location = client.post("/banks/sample", data={"start": "x"}).headers["Location"]
    for _ in range(2):
        url, page = question_page(client, location)
        send(client, url, page, right(page))
    signed_out = app.test_client().get(location)  # another browser, or the session over
    assert signed_out.status_code == 303 and signed_out.headers["Location"].startswith("/login")
    client = people.sign_in(app.test_client(), me, "ayesha")  # back later, on another phone
    link = soup(client.get("/me/attempts")).select_one(f"a[href='{location}']")
    assert link is not None
    assert question_page(client, location)[0] == f"{location}/questions/3"


def test_a_practice_run_can_switch_to_the_whole_quiz_form_keeping_checked_answers(
        learner: FlaskClient) -> None:
    location = start(learner)
    url, page = question_page(learner, location)
    labels = {label.get_text(strip=True): label.input["value"] for label in page.select("fieldset label")}
    send(learner, url, page, {"q1": labels["2019"]})
    url, page = question_page(learner, location)
    switch = page.select_one("form.switch-mode")
    assert switch.select_one("input[type=submit]")["value"] == "Check my answers at the end instead"
    response = learner.post(switch["action"], data={"csrf_token": csrf(page), "submit": "x"})
    assert (response.status_code, response.headers["Location"]) == (303, location)
    whole = soup(learner.get(location))
    assert [f["id"] for f in whole.select("fieldset.question")] == ["q1", "q2", "q3", "q4", "q5"]
    assert "keep your first answer" in whole.select_one("#checked-here").get_text()
    data = right_form(whole)  # tries to put the first question right after seeing its answer
    result = learner.post(location, data=data)
    assert result.headers["Location"] == f"{location}/result"
    assert "You scored 5 out of 6." in soup(learner.get(result.headers["Location"])).get_text(" ", strip=True)


def test_a_test_mode_assignment_shows_nothing_before_the_end(app: Flask, people: People,
                                                            sample_bank: str, no_csrf: None) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    me = people.account("ayesha")
    people.join(classroom, me)
    assignment = people.assign(classroom)
    client = people.sign_in(app.test_client(), me, "ayesha")
    location = client.post(f"/assignments/{assignment}/start", data={"start": "x"}).headers["Location"]
    quiz = client.get(location)
    assert quiz.status_code == 200
    page = soup(quiz)
    assert len(page.select("fieldset.question")) == 5 and page.select_one("form.switch-mode") is None
    sent = client.post(f"{location}/questions/1/answer", data=right(soup(quiz)) | {"check": "x"})
    assert sent.headers["Location"] == f"{location}/questions/1/feedback"
    shown = client.get(sent.headers["Location"])
    assert (shown.status_code, shown.headers["Location"]) == (303, location)
    assert client.get(f"{location}/questions/1").headers["Location"] == location
    html = client.get(location).get_data(as_text=True)
    for words in KEY_WORDS:
        assert words not in html


def test_a_learn_mode_assignment_checks_each_answer_and_cannot_be_switched(
        app: Flask, people: People, sample_bank: str, no_csrf: None) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    me = people.account("ayesha")
    people.join(classroom, me)
    assignment = people.assign(classroom, mode="learn")
    client = people.sign_in(app.test_client(), me, "ayesha")
    location = client.post(f"/assignments/{assignment}/start", data={"start": "x"}).headers["Location"]
    url, page = question_page(client, location)
    assert page.select_one("form.switch-mode") is None
    client.post(f"{location}/whole", data={"submit": "x"})
    assert question_page(client, location)[0] == url
    answer_all(client, location)
    with app.app_context():
        best = db.session.get(AssignmentScore, (assignment, me))
        assert (best.best_score, best.max_score, best.attempts) == (6, 6, 1)


def test_the_teacher_chooses_learn_or_test_when_assigning(app: Flask, people: People,
                                                         sample_bank: str) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    client = people.sign_in(app.test_client(), teacher, "ms-rana")
    form = soup(client.get(f"/teach/classes/{classroom}")).select_one("select[name=mode]")
    assert [option["value"] for option in form.select("option")] == ["test", "learn"]
    assert form.select_one("option[selected]")["value"] == "test"
    assert form.find_previous("label").get_text(strip=True) == "How learners take it"
    for mode in ("learn", None):
        sent = post_form(client, f"/teach/classes/{classroom}/assignments",
                         {"bank": "sample", **({"mode": mode} if mode else {})},
                         f"/teach/classes/{classroom}")
        assert sent.status_code == 303
    with app.app_context():
        modes = db.session.scalars(select(Assignment.mode).order_by(Assignment.id)).all()
    assert modes == ["learn", "test"]
    rows = soup(client.get(f"/teach/classes/{classroom}")).select("table tbody tr")
    assert ["learn mode" in row.get_text() for row in rows] == [True, False]


def test_a_second_answer_to_a_checked_question_changes_nothing(app: Flask, sample_bank: str) -> None:
    with app.app_context():
        token = attempts.start_attempt(db.session, "sample", learn=True)
        assert token is not None
        assert learn_mode.answer_question(db.session, token, 2, ["true"]).status is AnswerStatus.NOT_YET
        first = learn_mode.answer_question(db.session, token, 1, ["0"])
        second = learn_mode.answer_question(db.session, token, 1, ["2"])
        assert (first.status, second.status) == (AnswerStatus.CHECKED, AnswerStatus.ALREADY_CHECKED)
        kept = saved_answers.saved_answers(db.session, token)
        assert (kept.values, kept.locked) == ({1: ["0"]}, frozenset({1}))
        # The whole-quiz form cannot replace it either, saved or submitted.
        saved_answers.save_answers(db.session, token, {1: ["2"], 2: ["true"]}, [1, 2])
        kept = saved_answers.saved_answers(db.session, token)
        assert kept.values == {1: ["0"], 2: ["true"]}
        assert saved_answers.with_saved(kept, {1: ["2"]}, [1]) == {1: ["0"], 2: ["true"]}


def test_feedback_waits_for_the_answer_and_a_test_attempt_checks_nothing(app: Flask,
                                                                       sample_bank: str) -> None:
    with app.app_context():
        token = attempts.start_attempt(db.session, "sample", learn=True)
        test = attempts.start_attempt(db.session, "sample")
        assert token is not None and test is not None
        assert learn_mode.feedback(db.session, token, 1) is None
        assert learn_mode.answer_question(db.session, test, 1, ["2"]).status is AnswerStatus.NOT_LEARN
        assert learn_mode.feedback(db.session, test, 1) is None
        assert learn_mode.answer_question(db.session, token, 1, []).status is AnswerStatus.BLANK
        learn_mode.answer_question(db.session, token, 1, ["2"])
        shown = learn_mode.feedback(db.session, token, 1)
        assert shown is not None and not shown.is_last and not shown.submitted
        assert shown.question.right == "2021" and shown.question.evidence
        assert learn_mode.feedback(db.session, token, 2) is None
        assert learn_mode.switch_to_whole_quiz(db.session, token)
        assert not learn_mode.switch_to_whole_quiz(db.session, token)  # once is enough
        assert learn_mode.answer_question(db.session, token, 2, ["true"]).status is AnswerStatus.NOT_LEARN


def test_review_and_redo_runs_start_in_learn_mode(app: Flask, people: People, write_bank, load_banks,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch, no_csrf: None) -> None:
    from tests.test_review import FACTS, move_clock

    write_bank(bank_yaml("facts", FACTS))
    load_banks()
    client = people.sign_in(app.test_client(), people.account("ayesha"), "ayesha")
    location = client.post("/banks/facts", data={"start": "x"}).headers["Location"]
    result = client.post(location, data={"q1": "true", "q2": "false", "q3": "true", "submit": "x"})
    redo = client.post(result.headers["Location"].replace("/result", "/redo"), data={"start": "x"})
    url, page = question_page(client, redo.headers["Location"])
    assert url.endswith("/questions/1") and "Statement about law." in page.select_one(".prompt").get_text()
    move_clock(monkeypatch, 7)
    run = client.post("/review", data={"start": "x"}).headers["Location"]
    url, page = question_page(client, run)
    assert url == f"{run}/questions/1" and page.h1.get_text(strip=True) == "Review"
    send(client, url, page, {"q1": "true"})
    shown = soup(client.get(f"{url}/feedback"))
    assert shown.h1.get_text(strip=True) == "Review" and shown.select_one(".verdict .mark-correct")
