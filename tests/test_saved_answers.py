"""Answers kept as the learner goes: a quiz paged a few questions at a time, each page saved."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import SavedAnswer
from tests.conftest import bank_yaml
from tests.helpers import csrf, soup, whole_quiz_form

# Twelve true/false questions: three pages of four. The right answer to each is "true".
TWELVE = "".join(f"""
  - id: q{n}
    type: true_false
    prompt: Statement number {n}.
    explanation: CoinDesk says so.
    answer: true
    cite:
      - source: coindesk
        quote: "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
""" for n in range(1, 13))


@pytest.fixture
def twelve(app: Flask, write_bank, load_banks) -> FlaskClient:  # type: ignore[no-untyped-def]
    app.config["WTF_CSRF_ENABLED"] = True
    write_bank(bank_yaml("twelve", TWELVE))
    load_banks()
    return app.test_client()


def start(client: FlaskClient) -> str:
    page = soup(client.get("/banks/twelve"))
    response = client.post("/banks/twelve", data={"csrf_token": csrf(page), "start": "Start"})
    whole_quiz_form(client, response.headers["Location"])
    return response.headers["Location"]


def shown(page: BeautifulSoup) -> list[str]:
    return [fieldset["id"] for fieldset in page.select("fieldset.question")]


def checked(page: BeautifulSoup) -> dict[str, str]:
    return {box["name"]: box["value"] for box in page.select("input[type=radio][checked]")}


def answer(client: FlaskClient, location: str, page: BeautifulSoup, button: str,
           values: dict[str, str]) -> object:
    number = page.find("input", {"name": "page"})["value"]
    return client.post(location, data={"csrf_token": csrf(page), "page": number, button: "x", **values})


def test_a_quiz_shows_a_few_questions_at_a_time_with_its_progress(twelve: FlaskClient) -> None:
    location = start(twelve)
    first = soup(twelve.get(location))
    assert shown(first) == ["q1", "q2", "q3", "q4"]
    assert first.select_one("#progress-label").get_text(" ", strip=True) == "Page 1 of 3 · 0 of 12 answered"
    buttons = [b["value"] for b in first.select("form.quiz input[type=submit]")]
    assert buttons == ["Save and go on"]
    response = answer(twelve, location, first, "next_page", {"q1": "true", "q2": "false"})
    assert (response.status_code, response.headers["Location"]) == (303, location + "?page=2")
    second = soup(twelve.get(response.headers["Location"]))
    assert shown(second) == ["q5", "q6", "q7", "q8"]
    assert "2 of 12 answered" in second.select_one("#progress-label").get_text()
    again = soup(twelve.get(response.headers["Location"]))  # served from the page cache
    assert "2 of 12 answered" in again.select_one("#progress-label").get_text()
    assert again.select_one("progress")["value"] == "2"
    assert again.find("input", {"name": "csrf_token"})["value"]
    assert [b["value"] for b in second.select("form.quiz input[type=submit]")] == ["Save and go on", "Back"]


def test_a_reload_or_coming_back_later_keeps_every_answer(twelve: FlaskClient) -> None:
    location = start(twelve)
    first = soup(twelve.get(location))
    answer(twelve, location, first, "next_page", {"q1": "true", "q2": "false", "q4": "true"})
    second = soup(twelve.get(location + "?page=2"))
    answer(twelve, location, second, "previous_page", {"q5": "true"})
    assert checked(soup(twelve.get(location + "?page=1"))) == {"q1": "true", "q2": "false", "q4": "true"}
    resumed = soup(twelve.get(location))  # no page asked: the first page with a question left
    assert shown(resumed) == ["q1", "q2", "q3", "q4"]
    answer(twelve, location, resumed, "next_page", {f"q{n}": "true" for n in range(1, 5)})
    assert shown(soup(twelve.get(location))) == ["q5", "q6", "q7", "q8"]
    assert checked(soup(twelve.get(location + "?page=2"))) == {"q5": "true"}


def test_clearing_an_answer_on_a_page_clears_what_was_saved(twelve: FlaskClient) -> None:
    location = start(twelve)
    first = soup(twelve.get(location))
    answer(twelve, location, first, "next_page", {"q1": "true", "q2": "false"})
    again = soup(twelve.get(location + "?page=1"))
    answer(twelve, location, again, "next_page", {"q2": "true"})
    assert checked(soup(twelve.get(location + "?page=1"))) == {"q2": "true"}


def test_the_pages_script_saves_in_the_background_without_leaving_the_page(twelve: FlaskClient) -> None:
    location = start(twelve)
    first = soup(twelve.get(location))
    response = answer(twelve, location, first, "save", {"q3": "false"})
    assert response.status_code == 204
    assert checked(soup(twelve.get(location))) == {"q3": "false"}


def test_submitting_on_the_last_page_grades_every_saved_answer_and_keeps_no_draft(twelve: FlaskClient,
                                                                                  app: Flask) -> None:
    location = start(twelve)
    for number in (1, 2):
        page = soup(twelve.get(f"{location}?page={number}"))
        answer(twelve, location, page, "next_page", {name: "true" for name in shown(page)})
    last = soup(twelve.get(location + "?page=3"))
    assert [b["value"] for b in last.select("form.quiz input[type=submit]")] == ["Submit my answers", "Back"]
    response = answer(twelve, location, last, "submit", {name: "true" for name in shown(last)})
    assert (response.status_code, response.headers["Location"]) == (303, location + "/result")
    result = soup(twelve.get(location + "/result"))
    assert "12 out of 12" in result.get_text(" ", strip=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SavedAnswer)) == 0


def test_blanks_on_an_earlier_page_are_shown_there_and_need_confirming(twelve: FlaskClient) -> None:
    location = start(twelve)
    first = soup(twelve.get(location))
    answer(twelve, location, first, "next_page", {"q1": "true", "q2": "true", "q3": "true"})  # q4 left blank
    second = soup(twelve.get(location + "?page=2"))
    answer(twelve, location, second, "next_page", {name: "true" for name in shown(second)})
    last = soup(twelve.get(location + "?page=3"))
    response = answer(twelve, location, last, "submit", {name: "true" for name in shown(last)})
    assert response.status_code == 422
    page = soup(response)
    assert shown(page) == ["q1", "q2", "q3", "q4"]  # the page with the blank, every answer kept
    assert checked(page) == {"q1": "true", "q2": "true", "q3": "true"}
    notice = page.select_one("#problems")
    assert "You have not answered one question" in notice.get_text()
    assert notice.a["href"] == "#q4"
    assert twelve.get(location).status_code == 200  # nothing recorded yet
    confirmed = answer(twelve, location, page, "submit_with_blanks",
                       {"q1": "true", "q2": "true", "q3": "true"})
    assert confirmed.headers["Location"] == location + "/result"
    assert "11 out of 12" in soup(twelve.get(location + "/result")).get_text(" ", strip=True)


def test_after_submitting_a_page_cannot_change_anything(twelve: FlaskClient) -> None:
    location = start(twelve)
    page = soup(twelve.get(location))
    form = {"csrf_token": csrf(page), "submit_with_blanks": "x", "q1": "true"}
    twelve.post(location, data=form)
    late = twelve.post(location, data={"csrf_token": csrf(page), "page": "1", "next_page": "x", "q2": "true"})
    assert late.headers["Location"] == location + "/result"
    assert "1 out of 12" in soup(twelve.get(location + "/result")).get_text(" ", strip=True)


@pytest.mark.parametrize("values", [
    {"q1": "x" * 5000}, {"q1": ["true"] * 500}, {"q99": "true"}, {"q0": "true"}, {"page": "-4"},
    {"page": "zz"},
])
def test_odd_saves_are_cut_to_their_limits_or_ignored(twelve: FlaskClient, app: Flask, values: dict) -> None:
    location = start(twelve)
    page = soup(twelve.get(location))
    response = twelve.post(location, data={"csrf_token": csrf(page), "page": "1", "save": "x", **values})
    assert response.status_code in (204, 400)
    with app.app_context():
        saved = db.session.scalars(select(SavedAnswer.values)).all()
    assert all(len(values) <= 8 and all(len(v) <= 64 for v in values) for values in saved)
    assert twelve.get(location).status_code == 200
