"""A learner's progress pages: levels that rise the same day, the streak and its goal, same-day review."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from quizapp.domain import clock
from quizapp.domain.review_schedule import review
from quizapp.extensions import db
from quizapp.models import Classroom
from tests.conftest import People, bank_yaml
from tests.helpers import soup, whole_quiz_form
from tests.test_review import ALL_RIGHT, FACTS, cards, take

# Bank "facts": q1 tender and q2 law on money, q3 scam on scams; "true" is right for each.
TENDER_RIGHT_LAW_WRONG = {"q1": "true", "q2": "false", "q3": "true"}


def set_now(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    """Move domain.clock so that now() is ``moment`` (naive UTC)."""
    monkeypatch.setattr(clock, "_offset", moment - dt.datetime.now(dt.UTC).replace(tzinfo=None))


@pytest.fixture
def learner_in_karachi(app: Flask, people: People, client: FlaskClient,
                       write_bank, load_banks) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Ayesha, in Ms Rana's class on Karachi's clock; both signed in; the bank "facts" loaded."""
    app.config.update(WTF_CSRF_ENABLED=False)
    write_bank(bank_yaml("facts", FACTS))
    load_banks()
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    ayesha = people.account("ayesha")
    people.join(classroom, ayesha)
    with app.app_context(), db.writer() as session:
        session.execute(update(Classroom).values(timezone="Asia/Karachi"))
        session.commit()
    return {"learner": people.sign_in(client, ayesha, "ayesha"), "ayesha": ayesha,
            "teacher": people.sign_in(app.test_client(), teacher, "ms-rana"), "classroom": classroom}


def levels(client: FlaskClient) -> dict[str, str]:
    page = soup(client.get("/"))
    return {li["id"].removeprefix("me-level-"): li.select_one(".level-name strong").get_text(strip=True)
            for li in page.select(".concept-levels li")}


def next_steps(client: FlaskClient) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(client.get("/")).select("#next-steps li")]


def test_levels_rise_in_one_sitting_from_a_quiz_then_a_review_then_the_quiz_again(
        learner_in_karachi: dict) -> None:
    learner = learner_in_karachi["learner"]
    assert levels(learner) == {"money": "Not started", "scams": "Not started"}
    assert next_steps(learner) == ["Try Money and legal tender next"]
    take(learner, TENDER_RIGHT_LAW_WRONG)
    assert levels(learner) == {"money": "Attempted", "scams": "Familiar"}  # money: one of two right
    assert next_steps(learner) == ["Practise the 1 question you missed today",
                                   "Try Money and legal tender next"]
    bars = soup(learner.get("/")).select("#me-level-scams .level-bar span")
    assert ["filled" in span["class"] for span in bars] == [True, True, False, False]
    run = learner.post("/review", data={"start": "x"}).headers["Location"]
    whole_quiz_form(learner, run)  # review runs start in learn mode: this one takes the whole form
    questions = soup(learner.get(run)).select("fieldset.question")  # the one missed today
    assert len(questions) == 1 and "Statement about law." in questions[0].get_text(" ", strip=True)
    learner.post(run, data={"q1": "true", "submit": "x"})
    assert levels(learner) == {"money": "Attempted", "scams": "Familiar"}  # law right once: not yet again
    take(learner, ALL_RIGHT)  # the quiz again, the same day: each right in a second attempt
    assert levels(learner) == {"money": "Proficient", "scams": "Proficient"}
    assert next_steps(learner) == []
    assert "Mastered" not in levels(learner).values()  # that takes weeks of spaced reviews


def test_a_question_missed_today_can_be_reviewed_today_as_fsrs_reviews_it_the_same_day(
        app: Flask, learner_in_karachi: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    learner = learner_in_karachi["learner"]
    set_now(monkeypatch, dt.datetime(2026, 12, 9, 6, 0))  # 11:00 in Karachi
    take(learner, TENDER_RIGHT_LAW_WRONG)
    first = cards(app)["law"]
    missed_at = first.last_review
    page = soup(learner.get("/review"))
    assert page.select_one("#due-count").get_text(strip=True) == "0 questions are due now."
    assert page.select_one("#missed-count").get_text(" ", strip=True) \
        == "You missed 1 question today: you can practise it now."
    assert soup(learner.get("/review?concept=scams")).select_one("#missed-count") is None
    set_now(monkeypatch, dt.datetime(2026, 12, 9, 9, 0))  # three hours on, the same day
    run = learner.post("/review?concept=money", data={"start": "x"}).headers["Location"]
    whole_quiz_form(learner, run)  # review runs start in learn mode: this one takes the whole form
    assert "Statement about law." in soup(learner.get(run)).get_text(" ", strip=True)
    learner.post(run, data={"q1": "true", "submit": "x"})
    after = cards(app)["law"]
    # Exactly what FSRS makes of a review on the day of the last one: no other rule.
    expected = review(review(None, False, missed_at), True, clock.now())
    assert (after.stability, after.difficulty) == pytest.approx((expected.stability, expected.difficulty))
    assert after.due == pytest.approx(expected.due, abs=dt.timedelta(seconds=5))  # the clock runs on
    assert (after.reviews, after.lapses) == (2, 1)
    assert after.stability > first.stability  # the short-term stability FSRS gives a same-day review
    assert after.due > clock.now() + dt.timedelta(hours=12)  # not due again today
    page = soup(learner.get("/review"))
    assert page.select_one("#missed-count") is None
    assert learner.post("/review", data={"start": "x"}).headers["Location"] == "/review"


def test_a_question_missed_yesterday_waits_until_fsrs_says_it_is_due(
        app: Flask, learner_in_karachi: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    learner = learner_in_karachi["learner"]
    set_now(monkeypatch, dt.datetime(2026, 12, 9, 18, 30))  # 23:30 in Karachi
    take(learner, TENDER_RIGHT_LAW_WRONG)
    assert soup(learner.get("/review")).select_one("#missed-count") is not None
    set_now(monkeypatch, dt.datetime(2026, 12, 9, 19, 30))  # 00:30 the next day in Karachi
    page = soup(learner.get("/review"))
    assert page.select_one("#missed-count") is None
    assert page.select_one("#due-count").get_text(strip=True) == "0 questions are due now."


def test_the_streak_counts_days_on_the_classs_clock_and_the_teacher_sees_it(
        app: Flask, learner_in_karachi: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    learner, teacher = learner_in_karachi["learner"], learner_in_karachi["teacher"]
    teacher_page = f"/teach/classes/{learner_in_karachi['classroom']}/learners/{learner_in_karachi['ayesha']}"
    assert learner.post("/me/goal", data={"goal": "3", "save": "x"}).headers["Location"] == "/#streak"

    def streak_of(client: FlaskClient, url: str) -> tuple[str, str]:
        page = soup(client.get(url))
        return (page.select_one("#streak-days").get_text(strip=True),
                page.select_one("#streak-today").get_text(" ", strip=True))

    set_now(monkeypatch, dt.datetime(2026, 12, 9, 17, 0))  # 22:00 in Karachi
    assert streak_of(learner, "/") == ("0 days in a row", "Today: 0 of 3 questions answered.")
    take(learner, {"q1": "true"})  # two left blank: one answered
    assert streak_of(learner, "/") == ("0 days in a row", "Today: 1 of 3 questions answered.")
    take(learner, TENDER_RIGHT_LAW_WRONG)  # wrong answers count: they are answers
    assert streak_of(learner, "/") == ("1 day in a row", "Today's goal is met: 4 of 3 questions answered.")
    set_now(monkeypatch, dt.datetime(2026, 12, 9, 19, 30))  # 00:30 the next day in Karachi (UTC: same day)
    assert streak_of(learner, "/") == ("1 day in a row", "Today: 0 of 3 questions answered.")
    take(learner, ALL_RIGHT)
    assert streak_of(learner, "/") == ("2 days in a row", "Today's goal is met: 3 of 3 questions answered.")
    assert streak_of(teacher, teacher_page) == ("2 days in a row",
                                                "Today's goal is met: 3 of 3 questions answered.")
    board = learner.get(f"/classes/{learner_in_karachi['classroom']}/board").get_data(as_text=True)
    assert "in a row" not in board  # never on a board
    set_now(monkeypatch, dt.datetime(2026, 12, 11, 19, 30))  # a day missed
    assert streak_of(learner, "/") == ("0 days in a row", "Today: 0 of 3 questions answered.")


def test_the_daily_goal_is_the_learners_to_set_and_bad_input_gets_a_message(
        app: Flask, learner_in_karachi: dict) -> None:
    learner = learner_in_karachi["learner"]
    form = soup(learner.get("/")).select_one("#streak form")
    assert form["action"] == "/me/goal"
    assert form.select_one("label[for=goal]").get_text(strip=True) == "Questions a day"
    assert form.select_one("input[name=goal]")["value"] == "5"  # the default
    for wrong in ("0", "101", "many", ""):
        response = learner.post("/me/goal", data={"goal": wrong, "save": "x"})
        assert response.status_code == 422
        assert soup(response).select_one("#streak .error").get_text(strip=True)
    response = learner.post("/me/goal", data={"goal": "12", "save": "x"}, follow_redirects=True)
    page = soup(response)
    assert "Your daily goal is now 12 questions." in page.select_one(".flash").get_text()
    assert page.select_one("#streak-today").get_text(" ", strip=True) == "Today: 0 of 12 questions answered."
    assert learner_in_karachi["teacher"].post("/me/goal", data={"goal": "3", "save": "x"}).status_code == 403
    assert app.test_client().post("/me/goal", data={"goal": "3"}).status_code == 302


def test_the_teachers_learner_page_shows_levels(learner_in_karachi: dict) -> None:
    take(learner_in_karachi["learner"], TENDER_RIGHT_LAW_WRONG)
    page = soup(learner_in_karachi["teacher"].get(
        f"/teach/classes/{learner_in_karachi['classroom']}/learners/{learner_in_karachi['ayesha']}"))
    assert [li.get_text(" ", strip=True) for li in page.select(".concept-levels li")] == [
        "Money and legal tender Level: Attempted 2 of 2 questions answered, 0 mastered",
        "Scams and how to spot them Level: Familiar 1 of 1 questions answered, 0 mastered"]
