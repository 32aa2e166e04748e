"""Every route in the URL map, against anonymous, two learners and two teachers of different classes.

A route that is added without an entry here fails the test: decide who may use it.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import LiveGame, LivePlayer, QuestionFlag
from quizapp.services import attempts, authoring, classrooms, learn_mode, live_games, problem_reports
from tests.conftest import People

ROLES = ("anonymous", "learner_a", "learner_b", "teacher_a", "teacher_b")

# (endpoint, method): (path template, expected status for each role, in ROLES order).
# Paths name things of class A: teacher A's class, learner A's attempts.
# Order matters only at the end, where requests change what later ones would see.
MATRIX: dict[tuple[str, str], tuple[str, tuple[int, ...]]] = {
    ("health.healthz", "GET"): ("/healthz", (200, 200, 200, 200, 200)),
    ("static", "GET"): ("/static/style.css", (200, 200, 200, 200, 200)),
    ("learner.home", "GET"): ("/", (200, 200, 200, 200, 200)),
    ("learner.bank", "GET"): ("/banks/sample", (200, 200, 200, 200, 200)),
    ("learner.start", "POST"): ("/banks/sample", (303, 303, 303, 303, 303)),
    ("learner.source", "GET"): ("/sources/coindesk", (200, 200, 200, 200, 200)),
    # A learner's attempt: signed out, sign in first and come back (it exists: it is someone's);
    # signed in as anyone else, not found.
    ("learner.attempt", "GET"): ("/attempts/{open}", (303, 200, 404, 404, 404)),
    ("learner.submit", "POST"): ("/attempts/{open}", (303, 422, 404, 404, 404)),
    ("learner.result", "GET"): ("/attempts/{done}/result", (303, 200, 404, 200, 404)),
    ("learner.redo", "POST"): ("/attempts/{done}/redo", (303, 303, 404, 404, 404)),
    # Learner A's practice in learn mode, its first question checked: the same rule as its quiz.
    ("learner.learn_question", "GET"): ("/attempts/{learn}/questions/2", (303, 200, 404, 404, 404)),
    # An empty answer is asked again (422); nothing is kept.
    ("learner.check_answer", "POST"): ("/attempts/{learn}/questions/2/answer",
                                       (303, 422, 404, 404, 404)),
    ("learner.feedback", "GET"): ("/attempts/{learn}/questions/1/feedback", (303, 200, 404, 404, 404)),
    # Last of the learn-mode routes: it takes the attempt to the whole-quiz form.
    ("learner.whole_quiz", "POST"): ("/attempts/{learn}/whole", (303, 303, 404, 404, 404)),
    # Only the attempt's learner reports problems (an empty form: 422, the result page again).
    ("learner.flag_question", "POST"): ("/attempts/{done}/questions/1/flag",
                                        (303, 422, 404, 404, 404)),
    ("learner.start_assignment", "POST"): ("/assignments/{assignment}/start",
                                           (302, 303, 404, 404, 404)),
    ("learner.my_attempts", "GET"): ("/me/attempts", (302, 200, 200, 200, 200)),
    ("learner.review", "GET"): ("/review", (302, 200, 200, 403, 403)),
    ("learner.start_review", "POST"): ("/review", (302, 303, 303, 403, 403)),
    # A learner's daily goal (an empty form: 422, their home page again with the message).
    ("learner.set_goal", "POST"): ("/me/goal", (302, 422, 422, 403, 403)),
    ("learner.class_board", "GET"): ("/classes/{classroom}/board", (302, 200, 404, 404, 404)),
    ("projector.board", "GET"): ("/board/{projector}", (200, 200, 200, 200, 200)),
    ("auth.login", "GET"): ("/login", (200, 200, 200, 200, 200)),
    ("auth.login", "POST"): ("/login", (422, 422, 422, 422, 422)),
    ("auth.change_password", "GET"): ("/account/password", (302, 200, 200, 200, 200)),
    ("auth.change_password", "POST"): ("/account/password", (302, 422, 422, 422, 422)),
    ("auth.signup", "GET"): ("/signup", (404, 404, 404, 404, 404)),
    ("auth.signup", "POST"): ("/signup", (404, 404, 404, 404, 404)),
    ("auth.join", "GET"): ("/join", (200, 200, 200, 200, 200)),
    ("auth.join", "POST"): ("/join", (422, 422, 422, 422, 422)),
    ("auth.choose_language", "POST"): ("/language", (400, 400, 400, 400, 400)),
    ("teacher.dashboard", "GET"): ("/teach/", (302, 403, 403, 200, 200)),
    ("teacher.dashboard", "POST"): ("/teach/", (302, 403, 403, 422, 422)),
    ("teacher.classroom", "GET"): ("/teach/classes/{classroom}", (302, 403, 403, 200, 404)),
    ("teacher.report", "GET"): ("/teach/classes/{classroom}/report", (302, 403, 403, 200, 404)),
    ("teacher.report_csv", "GET"): ("/teach/classes/{classroom}/report.csv",
                                    (302, 403, 403, 200, 404)),
    ("teacher.bank_questions", "GET"): ("/teach/banks/own-a/questions", (302, 403, 403, 200, 404)),
    # Learner A's report on a bundled bank: for teacher A (their teacher) only.
    ("teacher.close_flag", "POST"): ("/teach/flags/{flag}/close", (302, 403, 403, 303, 404)),
    ("teacher.assignment_report", "GET"): ("/teach/classes/{classroom}/assignments/{assignment}",
                                           (302, 403, 403, 200, 404)),
    ("teacher.learner_history", "GET"): ("/teach/classes/{classroom}/learners/{learner}",
                                         (302, 403, 403, 200, 404)),
    ("teacher.assign", "POST"): ("/teach/classes/{classroom}/assignments",
                                 (302, 403, 403, 422, 404)),
    ("teacher.settings", "POST"): ("/teach/classes/{classroom}/settings",
                                   (302, 403, 403, 303, 404)),
    ("teacher.board_mode", "POST"): ("/teach/classes/{classroom}/board", (302, 403, 403, 400, 404)),
    ("teacher.roster", "POST"): ("/teach/classes/{classroom}/roster", (302, 403, 403, 303, 404)),
    ("teacher.renew_code", "GET"): ("/teach/classes/{classroom}/code", (302, 403, 403, 200, 404)),
    ("teacher.renew_code", "POST"): ("/teach/classes/{classroom}/code", (302, 403, 403, 303, 404)),
    ("teacher.rename_class", "POST"): ("/teach/classes/{classroom}/name", (302, 403, 403, 422, 404)),
    ("teacher.archive_class", "GET"): ("/teach/classes/{classroom}/archive",
                                       (302, 403, 403, 200, 404)),
    ("teacher.restore_class", "POST"): ("/teach/classes/{classroom}/restore",
                                        (302, 403, 403, 303, 404)),
    ("teacher.rename_learner", "POST"): ("/teach/classes/{classroom}/learners/{learner}/name",
                                         (302, 403, 403, 422, 404)),
    ("teacher.remove_learner", "GET"): ("/teach/classes/{classroom}/learners/{learner}/remove",
                                        (302, 403, 403, 200, 404)),
    ("teacher.new_password", "GET"): ("/teach/classes/{classroom}/learners/{learner}/password",
                                      (302, 403, 403, 200, 404)),
    ("teacher.edit_assignment", "GET"): ("/teach/classes/{classroom}/assignments/{assignment}/edit",
                                         (302, 403, 403, 200, 404)),
    ("teacher.edit_assignment", "POST"): ("/teach/classes/{classroom}/assignments/{assignment}/edit",
                                          (302, 403, 403, 303, 404)),
    ("teacher.delete_assignment", "GET"): (
        "/teach/classes/{classroom}/assignments/{assignment}/delete", (302, 403, 403, 200, 404)),
    ("teacher.projector", "POST"): ("/teach/classes/{classroom}/projector/revoke",
                                    (302, 403, 403, 303, 404)),
    ("teacher.banks", "GET"): ("/teach/banks", (302, 403, 403, 200, 200)),
    ("teacher.problems", "GET"): ("/teach/problems?classroom={classroom}", (302, 403, 403, 200, 404)),
    ("teacher.new_bank", "GET"): ("/teach/banks/new", (302, 403, 403, 200, 200)),
    ("teacher.new_bank", "POST"): ("/teach/banks/new", (302, 403, 403, 422, 422)),
    ("teacher.publish_bank", "POST"): ("/teach/banks/publish", (302, 403, 403, 422, 422)),
    ("teacher.download_bank", "GET"): ("/teach/banks/own-a.yaml", (302, 403, 403, 200, 404)),
    ("teacher.translation_file", "GET"): ("/teach/banks/own-a/translations/es.yaml",
                                          (302, 403, 403, 200, 404)),
    ("teacher.starter_bank", "GET"): ("/teach/starter-bank.yaml", (302, 403, 403, 200, 200)),
    ("teacher.new_article", "GET"): ("/teach/articles/new", (302, 403, 403, 200, 200)),
    ("teacher.new_article", "POST"): ("/teach/articles/new", (302, 403, 403, 422, 422)),
    ("teacher.article_translation", "GET"): ("/teach/articles/article-a/translation",
                                             (302, 403, 403, 200, 404)),
    ("teacher.article_translation", "POST"): ("/teach/articles/article-a/translation",
                                              (302, 403, 403, 422, 404)),
    ("teacher.unpublish_bank", "GET"): ("/teach/banks/own-a/unpublish", (302, 403, 403, 200, 404)),
    ("teacher.delete_bank", "GET"): ("/teach/banks/own-a/delete", (302, 403, 403, 200, 404)),
    # Cited by teacher A's bank: it cannot be deleted, and teacher A is sent back to say so.
    ("teacher.delete_article", "GET"): ("/teach/articles/article-a/delete",
                                        (302, 403, 403, 303, 404)),
    ("teacher.delete_article", "POST"): ("/teach/articles/article-a/delete",
                                         (302, 403, 403, 303, 404)),
    # A live game of class A, learner A playing: teachers host it, learners of the class play.
    ("live.new_game", "GET"): ("/teach/classes/{classroom}/live", (302, 403, 403, 200, 404)),
    ("live.new_game", "POST"): ("/teach/classes/{classroom}/live", (302, 403, 403, 422, 404)),
    ("live.pick_game", "GET"): ("/teach/classes/{classroom}/live/pick", (302, 403, 403, 200, 404)),
    ("live.pick_game", "POST"): ("/teach/classes/{classroom}/live/pick", (302, 403, 403, 422, 404)),
    ("live.host", "GET"): ("/live/{game}/host", (302, 403, 403, 200, 404)),
    ("live.remote", "GET"): ("/live/{game}/remote", (302, 403, 403, 200, 404)),
    ("live.report", "GET"): ("/live/{game}/report", (302, 403, 403, 200, 404)),
    ("live.report_csv", "GET"): ("/live/{game}/report.csv", (302, 403, 403, 200, 404)),
    ("live.control", "POST"): ("/live/{game}/control", (302, 403, 403, 303, 404)),
    # Its teacher is sent to the host screen; nobody outside the class finds the game.
    ("live.play", "GET"): ("/live/{game}", (302, 200, 404, 302, 404)),
    ("live.changed", "GET"): ("/live/{game}/changed", (302, 200, 404, 200, 404)),
    ("live.join", "POST"): ("/live/{game}/join", (302, 303, 404, 302, 404)),
    ("live.answer", "POST"): ("/live/{game}/answer", (302, 303, 404, 302, 404)),
    ("live.remove_player", "POST"): ("/live/{game}/players/{player}/remove",
                                     (302, 403, 403, 303, 404)),
    # From here on, requests change what later ones see (ENDING marks the first of them).
    ("teacher.unpublish_bank", "POST"): ("/teach/banks/own-a/unpublish", (302, 403, 403, 303, 404)),
    ("teacher.delete_bank", "POST"): ("/teach/banks/own-a/delete", (302, 403, 403, 303, 404)),
    ("teacher.delete_assignment", "POST"): (
        "/teach/classes/{classroom}/assignments/{assignment}/delete", (302, 403, 403, 303, 404)),
    ("teacher.remove_learner", "POST"): ("/teach/classes/{classroom}/learners/{learner}/remove",
                                         (302, 403, 403, 303, 404)),
    ("teacher.archive_class", "POST"): ("/teach/classes/{classroom}/archive",
                                        (302, 403, 403, 303, 404)),
    # Near the end: learner A was removed above, so the teacher may no longer give them a
    # password (it would let the teacher sign in as a learner who may be another's now).
    ("teacher.new_password", "POST"): ("/teach/classes/{classroom}/learners/{learner}/password",
                                       (302, 403, 403, 404, 404)),
    ("auth.logout", "POST"): ("/logout", (303, 303, 303, 303, 303)),
}
ENDING = ("teacher.unpublish_bank", "POST")
# More paths for routes above: teacher A's own bank and article are seen by teacher A and
# the learners of teacher A's classes only; bundled ones by everyone.
MATRIX_ALSO: list[tuple[tuple[str, str], str, tuple[int, ...]]] = [
    (("auth.join", "GET"), "/join/{code}", (200, 200, 200, 200, 200)),
    (("learner.review", "GET"), "/review?concept=money", (302, 200, 200, 403, 403)),
    (("learner.review", "GET"), "/review?concept=nonsense", (302, 404, 404, 403, 403)),
    (("learner.bank", "GET"), "/banks/own-a", (404, 200, 404, 200, 404)),
    (("learner.start", "POST"), "/banks/own-a", (404, 303, 404, 303, 404)),
    (("learner.source", "GET"), "/sources/article-a", (404, 200, 404, 200, 404)),
    (("teacher.download_bank", "GET"), "/teach/banks/sample.yaml", (302, 403, 403, 200, 200)),
    (("teacher.bank_questions", "GET"), "/teach/banks/sample/questions", (302, 403, 403, 200, 200)),
]

OWN_ARTICLE = b"""---
title: Teacher A's article
---
Pakistan and El Salvador signed a letter of intent on bitcoin in July 2025.
"""
OWN_BANK = b"""bank: own-a
title: Teacher A's quiz
questions:
  - id: when
    type: true_false
    prompt: The letter of intent was signed in July 2025.
    answer: true
    explanation: The article says so.
    cite:
      - source: article-a
        quote: signed a letter of intent on bitcoin in July 2025
"""


@pytest.fixture
def world(app: Flask, people: People, sample_bank: str) -> dict[str, object]:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher_a = people.account("teacher-a", "teacher")
    teacher_b = people.account("teacher-b", "teacher")
    class_a = people.classroom(teacher_a, "Class A", "AAAAAA")
    class_b = people.classroom(teacher_b, "Class B", "BBBBBB")
    learner_a = people.account("learner-a")
    learner_b = people.account("learner-b")
    people.join(class_a, learner_a)
    people.join(class_b, learner_b)
    assignment = people.assign(class_a)
    with app.test_request_context(method="POST"):
        now = clock.now()
        done = classrooms.start_assignment(db.session, learner_a, assignment, now)
        assert isinstance(done, str)
        attempts.submit_attempt(db.session, done, {}, allow_blanks=True)
        problem_reports.flag_question(db.session, done, 1, learner_a, "unclear", "Learner A's doubt")
        flag = db.session.scalar(select(QuestionFlag.id))
        open_token = classrooms.start_assignment(db.session, learner_a, assignment, now)
        learn = attempts.start_attempt(db.session, "sample", account_id=learner_a, learn=True)
        assert learn is not None
        learn_mode.answer_question(db.session, learn, 1, ["2"])
        classroom = classrooms.owned_classroom(db.session, teacher_a, class_a)
        assert classroom is not None
        classrooms.set_projector(db.session, classroom, enabled=True)
        projector = classroom.projector_token
        saved = authoring.save_article(db.session, teacher_a, "article-a", OWN_ARTICLE.decode())
        assert saved.problems == []
        published = authoring.publish_bank(db.session, teacher_a, OWN_BANK, "own-a.yaml")
        assert published.passed, published.problems
        game = live_games.create_game(db.session, teacher_a, class_a, live_games.Options(),
                                      assignment_id=assignment)
        assert game is not None
        live_games.join(db.session, db.session.get(LiveGame, game), learner_a)
        player = db.session.scalar(select(LivePlayer.id))
    ids = {"anonymous": None, "learner_a": (learner_a, "learner-a"),
           "learner_b": (learner_b, "learner-b"), "teacher_a": (teacher_a, "teacher-a"),
           "teacher_b": (teacher_b, "teacher-b")}
    values = {"open": open_token, "done": done, "learn": learn, "assignment": assignment,
              "classroom": class_a, "projector": projector, "learner": learner_a, "code": "AAAAAA",
              "flag": flag, "game": game, "player": player}
    return {"ids": ids, "values": values}


def test_every_route_has_an_entry(app: Flask) -> None:
    routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes - MATRIX.keys() == set(), "add these routes to MATRIX"
    assert MATRIX.keys() - routes == set(), "these entries name no route"


def test_who_may_use_each_route(app: Flask, people: People, world: dict) -> None:
    clients: dict[str, FlaskClient] = {}
    for role in ROLES:
        client = app.test_client()
        if world["ids"][role]:
            people.sign_in(client, *world["ids"][role])
        clients[role] = client
    seen: list[str] = []
    checks = [(key, MATRIX[key]) for key in MATRIX]
    also = [(key, (path, expected)) for key, path, expected in MATRIX_ALSO]
    ending = [key for key, _entry in checks].index(ENDING)
    checks[ending:ending] = also  # before the requests that unpublish, remove and end sessions
    for (_endpoint, method), (template, expected) in checks:
        path = template.format(**world["values"])
        for role, status in zip(ROLES, expected, strict=True):
            response = clients[role].open(path, method=method)
            if response.status_code != status:
                seen.append(f"{method} {path} as {role}: {response.status_code}, expected {status}")
    assert seen == [], "\n".join(seen)
