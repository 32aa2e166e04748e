"""Teachers unpublish and delete their own banks and articles; past results stay readable."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db
from quizapp.services import authoring
from tests.conftest import People
from tests.helpers import post_form, soup
from tests.test_access_control import OWN_ARTICLE, OWN_BANK
from tests.test_class_management import flash, text

SPARE_ARTICLE = """---
title: An article nobody quotes
---
Nothing in it is quoted by any question.
"""


@pytest.fixture
def own(app: Flask, people: People, sample_bank: str) -> dict[str, object]:
    """Ms Rana's own article and bank, assigned to her class, and a learner's result on it."""
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    ayesha = people.account("ayesha", name="Ayesha")
    classroom = people.classroom(teacher)
    people.join(classroom, ayesha)
    with app.test_request_context():
        assert authoring.save_article(db.session, teacher, "article-a", OWN_ARTICLE.decode()).problems == []
        assert authoring.save_article(db.session, teacher, "spare", SPARE_ARTICLE).problems == []
        assert authoring.publish_bank(db.session, teacher, OWN_BANK, "own-a.yaml").passed
    assignment = people.assign(classroom, bank="own-a")
    learner = people.sign_in(app.test_client(), ayesha, "ayesha")
    started = post_form(learner, f"/assignments/{assignment}/start", {"start": "Start"}, "/")
    quiz = soup(learner.get(started.headers["Location"]))
    token = quiz.find("input", {"name": "csrf_token"})["value"]
    learner.post(started.headers["Location"], data={"csrf_token": token, "q1": "true",
                                                    "submit": "Submit"})
    result = started.headers["Location"] + "/result"
    assert "You scored" in text(learner, result)
    return {"teacher": people.sign_in(app.test_client(), teacher, "ms-rana"), "learner": learner,
            "result": result, "classroom": classroom}


def bank_rows(teacher: FlaskClient) -> list[str]:
    return [tr.get_text(" ", strip=True) for tr in soup(teacher.get("/teach/banks")).select("tbody tr")]


def test_an_unpublished_bank_leaves_the_library_and_its_results_stay_readable(app, own) -> None:
    teacher, learner = own["teacher"], own["learner"]
    asked = text(teacher, "/teach/banks/own-a/unpublish")
    assert "assignments of it stop and leave learners' lists" in asked
    assert "Results of past attempts stay readable" in asked
    response = post_form(teacher, "/teach/banks/own-a/unpublish", {"submit": "Unpublish the bank"})
    assert "is unpublished." in flash(response, teacher)

    assert learner.get("/banks/own-a").status_code == 404
    assert "Teacher A's quiz" not in text(learner, "/")
    assert "You scored" in text(learner, own["result"])
    assert "unpublished: upload it again to publish it" in " ".join(bank_rows(teacher))
    class_page = soup(teacher.get(f"/teach/classes/{own['classroom']}"))
    assert "own-a" not in [option["value"] for option in class_page.select("#bank option")]

    post_form(teacher, "/teach/banks/new", {"text": OWN_BANK.decode()})  # check, then publish
    republished = post_form(teacher, "/teach/banks/publish", {"text": OWN_BANK.decode()},
                            "/teach/banks/new")
    assert republished.status_code == 303
    assert learner.get("/banks/own-a").status_code == 200


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_an_attempt_started_before_its_bank_was_unpublished_is_kept_as_practice(
        app, people: People, own, runner, withdraw: str) -> None:
    teacher, learner = own["teacher"], own["learner"]
    board = f"/classes/{own['classroom']}/board"
    before = soup(learner.get(board)).select_one("table.board tbody tr").get_text(" ", strip=True)
    assignment = people.assign(own["classroom"], bank="own-a")
    started = post_form(learner, f"/assignments/{assignment}/start", {"start": "Start"}, "/")
    quiz = soup(learner.get(started.headers["Location"]))
    post_form(teacher, f"/teach/banks/own-a/{withdraw}",
              {"submit": f"{withdraw.title()} the bank"})
    sent = learner.post(started.headers["Location"], data={
        "csrf_token": quiz.find("input", {"name": "csrf_token"})["value"], "q1": "true",
        "submit": "Submit"})
    assert sent.status_code == 303
    result = text(learner, sent.headers["Location"])
    assert "You scored" in result
    assert ("Its author unpublished this quiz before you sent it, so it is kept as practice: it "
            "does not count towards the assignment.") in result
    assert soup(learner.get(board)).select_one("table.board tbody tr").get_text(" ", strip=True) == before
    checked = runner.invoke(args=["check"])
    assert checked.exit_code == 0 and checked.output.startswith("every figure matches"), checked.output


def test_a_deleted_bank_leaves_the_teachers_list_and_its_results_stay_readable(app, own) -> None:
    teacher = own["teacher"]
    assert "It also leaves your list of banks" in text(teacher, "/teach/banks/own-a/delete")
    response = post_form(teacher, "/teach/banks/own-a/delete", {"submit": "Delete the bank"})
    assert "is deleted. Results of past attempts stay readable." in flash(response, teacher)
    assert not any("own-a" in row for row in bank_rows(teacher))
    assert "You scored" in text(own["learner"], own["result"])
    assert "You scored" in text(teacher, own["result"])  # the teacher reviews it too
    assert teacher.get("/teach/banks/own-a/delete").status_code == 404


def test_an_article_a_bank_quotes_cannot_be_deleted(app, own) -> None:
    teacher = own["teacher"]
    refused = teacher.get("/teach/articles/article-a/delete")
    said = flash(refused, teacher)
    assert "Teacher A's article cannot be deleted" in said and "Teacher A's quiz" in said
    assert own["learner"].get("/sources/article-a").status_code == 200


def test_an_article_nobody_quotes_is_deleted(app, own) -> None:
    teacher = own["teacher"]
    assert "It is deleted for good." in text(teacher, "/teach/articles/spare/delete")
    response = post_form(teacher, "/teach/articles/spare/delete", {"submit": "Delete the article"})
    assert "The article An article nobody quotes is deleted." in flash(response, teacher)
    assert teacher.get("/sources/spare").status_code == 404


def test_bundled_content_cannot_be_unpublished_or_deleted(app, own) -> None:
    teacher = own["teacher"]
    for url in ("/teach/banks/sample/unpublish", "/teach/banks/sample/delete",
                "/teach/articles/coindesk/delete"):
        assert teacher.get(url).status_code == 404
        assert post_form(teacher, url, {"submit": "Go"}, "/teach/banks").status_code == 404
