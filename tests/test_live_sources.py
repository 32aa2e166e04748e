"""Live games from a concept's questions or from questions picked in several banks: what the teacher
may choose, what the game holds, and that every player's answers are kept, each from its own bank."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import (
    Account,
    Answer,
    Attempt,
    AttemptItem,
    Bank,
    LiveGame,
    Question,
    QuestionVersion,
    ReviewCard,
)
from quizapp.services import live_games
from quizapp.services.live_games import Options
from tests.conftest import People
from tests.helpers import soup

CITE_2021 = """    cite:
      - source: coindesk
        quote: "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
"""
CITE_IMF = """    cite:
      - source: forge-collaboration
        quote: "The IMF rejected a request to offer subsidized power to energy-intensive industries"
"""

ALPHA = f"""bank: alpha
title: Alpha money quiz
tags: [concept:money]
questions:
  - id: a1
    type: single
    prompt: Which year did El Salvador make bitcoin legal tender?
    explanation: In 2021.
    choices: ["2021", "2019"]
    answer: "2021"
{CITE_2021}  - id: a2
    type: true_false
    prompt: El Salvador made bitcoin legal tender in 2021.
    explanation: CoinDesk says so.
    answer: true
{CITE_2021}"""

BETA = f"""bank: beta
title: Beta custody quiz
tags: [concept:custody]
questions:
  - id: b1
    type: single
    prompt: What did the IMF do with the request for subsidized power?
    explanation: It rejected it.
    tags: [concept:money]
    choices: [rejected it, granted it]
    answer: rejected it
{CITE_IMF}  - id: b2
    type: true_false
    prompt: The IMF granted subsidized power to miners.
    explanation: It rejected the request.
    answer: false
{CITE_IMF}"""

ALPHA_UR = """translation_of: alpha
language: ur
title: الفا سوالات
questions:
  - id: a1
    prompt: ایل سلواڈور نے بٹ کوائن کو کس سال قانونی کرنسی بنایا؟
    choices: ["۲۰۲۱", "۲۰۱۹"]
    explanation: ۲۰۲۱ میں۔
  - id: a2
    prompt: ایل سلواڈور نے ۲۰۲۱ میں بٹ کوائن کو قانونی کرنسی بنایا۔
    explanation: کوائن ڈیسک یہی کہتا ہے۔
"""

BETA_UR = """translation_of: beta
language: ur
title: بیٹا سوالات
questions:
  - id: b1
    prompt: آئی ایم ایف نے سستی بجلی کی درخواست کا کیا کیا؟
    choices: [اسے رد کر دیا, اسے منظور کر لیا]
    explanation: اس نے اسے رد کر دیا۔
  - id: b2
    prompt: آئی ایم ایف نے کان کنوں کو سستی بجلی دی۔
    explanation: اس نے درخواست رد کر دی۔
"""


def many_bank() -> str:
    """A bank of 30 true/false questions with no concept: with the others, more than a game holds."""
    questions = "".join(f"""  - id: m{n}
    type: true_false
    prompt: Statement number {n} about 2021.
    explanation: CoinDesk says so.
    answer: true
{CITE_2021}""" for n in range(1, 31))
    return f"bank: many\ntitle: Many statements\nquestions:\n{questions}"


SECRET = f"""bank: secret
title: Another teacher's quiz
questions:
  - id: s1
    type: true_false
    prompt: A question of another teacher's own quiz.
    explanation: E.
    answer: true
{CITE_2021}"""


@pytest.fixture
def moved_clock() -> Iterator[None]:
    yield
    clock.move(dt.timedelta(0))


@pytest.fixture
def banks(app: Flask, write_bank, load_banks, questions_dir, runner,  # type: ignore[no-untyped-def]
          people: People) -> dict[str, int]:
    """alpha (money) and beta (custody, one question on money), both in Urdu; 30 more statements;
    and a bank of another teacher's own, which nobody else may play. Question ids by slug."""
    for text in (ALPHA, BETA, many_bank(), SECRET):
        write_bank(text)
    (questions_dir / "alpha.ur.yaml").write_text(ALPHA_UR, encoding="utf-8")
    (questions_dir / "beta.ur.yaml").write_text(BETA_UR, encoding="utf-8")
    result = runner.invoke(args=["validate", "--fill-fingerprints", str(questions_dir)])
    assert "2 translations: no problems" in result.output, result.output
    load_banks()
    other = people.account("mr-other", "teacher")
    with app.app_context():
        db.session.scalar(select(Bank).where(Bank.slug == "secret")).owner_id = other
        db.session.commit()
        return dict(db.session.execute(select(Question.slug, Question.id)).all())


@pytest.fixture
def room(app: Flask, people: People, banks: dict[str, int]) -> dict[str, object]:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    ali, bina = people.account("ali", name="Ali"), people.account("bina", name="Bina")
    people.join(classroom, ali, bina)
    with app.app_context():
        db.session.get(Account, bina).language = "ur"
        db.session.commit()
    return {"classroom": classroom, "teacher_id": teacher_id, "ali_id": ali, "bina_id": bina,
            "teacher": people.sign_in(app.test_client(), teacher_id, "ms-rana"),
            "ali": people.sign_in(app.test_client(), ali, "ali"),
            "bina": people.sign_in(app.test_client(), bina, "bina")}


def game_slugs(app: Flask, game_id: int | None = None) -> list[str]:
    """The questions of a game (the only one, unless named), by slug, in its order."""
    with app.app_context():
        game = db.session.get(LiveGame, game_id) if game_id else db.session.scalar(select(LiveGame))
        assert game is not None
        slugs = dict(db.session.execute(select(QuestionVersion.id, Question.slug).join(
            Question, Question.id == QuestionVersion.question_id)).all())
        return [slugs[q["version"]] for q in game.questions]


def games(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LiveGame)) or 0


def pick_path(room: dict) -> str:
    return f"/teach/classes/{room['classroom']}/live/pick"


def press(teacher: FlaskClient, host: str, button: str) -> None:
    page = soup(teacher.get(host + "?still"))
    version = page.find("input", {"name": "version"})["value"]
    response = teacher.post(f"{host.removesuffix('/host')}/control",
                            data={"version": version, "back": "host", button: "x"})
    assert response.status_code == 303


def test_the_source_select_offers_each_concept_with_its_count(room: dict) -> None:
    page = soup(room["teacher"].get(f"/teach/classes/{room['classroom']}/live"))
    group = page.find("optgroup", {"label": "Concepts"})
    assert [(o["value"], o.get_text()) for o in group.find_all("option")] == [
        ("c:money", "Money and legal tender (3 questions)"), ("c:custody", "Custody and keys (1 question)")]
    every = [o["value"] for o in page.find("optgroup", {"label": "Every quiz"}).find_all("option")]
    assert "b:secret" not in every and "b:alpha" in every


def test_a_concept_game_holds_that_concepts_questions_only_and_never_counts(app: Flask, room: dict) -> None:
    response = room["teacher"].post(f"/teach/classes/{room['classroom']}/live", data={
        "source": "c:money", "seconds": "20", "late_join": "y", "counts": "y"})
    assert response.status_code == 303, response.get_data(as_text=True)
    # The money bank's own questions in its order, then beta's question on money; not b2 (custody).
    assert game_slugs(app) == ["a1", "a2", "b1"]
    with app.app_context():
        game = db.session.scalar(select(LiveGame))
        assert (game.bank_id, game.assignment_id, game.counts) == (None, None, False)


def test_the_picking_page_lists_the_banks_by_concept_and_only_those_the_teacher_may_assign(
        room: dict, banks: dict[str, int]) -> None:
    page = soup(room["teacher"].get(pick_path(room)))
    assert [h.get_text(strip=True) for h in page.select(".pick-questions h2")] == [
        "1. Money and legal tender", "2. Custody and keys", "More quizzes"]
    assert [s.bdi.get_text(strip=True) for s in page.select("details summary")] == [
        "Alpha money quiz", "Beta custody quiz", "Many statements"]
    values = {int(box["value"]) for box in page.select("input[name=questions]")}
    assert banks["a1"] in values and banks["s1"] not in values
    assert len(values) == 34
    assert page.find("input", {"name": "no_timer"}) is not None  # the new-game form's options
    assert page.find("input", {"name": "counts"}) is None  # a picked game never counts


def test_a_picked_game_holds_exactly_the_picked_questions_in_the_order_shown(
        app: Flask, room: dict, banks: dict[str, int]) -> None:
    picked = [banks["m3"], banks["b2"], banks["a2"]]  # sent in another order than shown
    response = room["teacher"].post(pick_path(room), data={
        "questions": [str(q) for q in picked], "seconds": "20", "late_join": "y"})
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/host")
    assert game_slugs(app) == ["a2", "b2", "m3"]  # alpha, then beta, then the others: as listed


def test_31_picked_are_refused_with_the_message_and_the_ticks_kept(
        app: Flask, room: dict, banks: dict[str, int]) -> None:
    picked = [banks[f"m{n}"] for n in range(1, 31)] + [banks["a1"]]
    response = room["teacher"].post(pick_path(room), data={
        "questions": [str(q) for q in picked], "seconds": "20"})
    assert response.status_code == 422
    page = soup(response)
    assert "You ticked 31 questions: a game holds at most 30. Untick some." in \
        page.select_one(".pick-questions .error").get_text()
    assert {int(box["value"]) for box in page.select("input[name=questions][checked]")} == set(picked)
    assert {s.bdi.get_text(strip=True) for s in page.select("details[open] summary")} == {
        "Alpha money quiz", "Many statements"}
    assert games(app) == 0


def test_nothing_ticked_says_so(app: Flask, room: dict) -> None:
    response = room["teacher"].post(pick_path(room), data={"seconds": "20"})
    assert response.status_code == 422
    assert "Tick at least one question." in soup(response).select_one(".error").get_text()
    assert games(app) == 0


@pytest.mark.parametrize("forged", ["s1", "not a number", "99999"])
def test_a_question_the_teacher_may_not_assign_cannot_be_smuggled_in(
        app: Flask, room: dict, banks: dict[str, int], forged: str) -> None:
    value = str(banks[forged]) if forged in banks else forged
    response = room["teacher"].post(pick_path(room), data={
        "questions": [str(banks["a1"]), value], "seconds": "20"})
    assert response.status_code == 422
    assert "cannot be played" in soup(response).select_one(".error").get_text()
    assert games(app) == 0
    with app.test_request_context():  # nor by calling the service with it
        assert live_games.create_game(db.session, room["teacher_id"], room["classroom"], Options(),
                                      question_ids=[banks["a1"], banks["s1"]]) is None
        assert games(app) == 0


RECEIVED = {"en": "Answer received.", "ur": "آپ کا جواب مل گیا ہے۔"}


def answer_right(app: Flask, phone: FlaskClient, game: str, position: int, language: str) -> None:
    """Send the right answer to the question at ``position`` (single or true/false), from a
    phone that reads ``language``."""
    page = soup(phone.get(game))
    form = page.select_one("form.live-answer-form")
    with app.app_context():
        current = db.session.scalar(select(LiveGame))
        version = db.session.get(QuestionVersion, current.questions[position - 1]["version"])
        shown = current.questions[position - 1]["shown"]
        value = (str(shown.index(0)) if version.type == "single"
                 else "true" if version.key["answer"] else "false")
    data = {"position": str(position), "shown": form.find("input", {"name": "shown"})["value"],
            "answer": value}
    assert phone.post(f"{game}/answer", data=data).status_code == 303
    assert RECEIVED[language] in soup(phone.get(game)).text


def test_a_mixed_game_played_to_the_end_keeps_every_answer_each_in_its_own_bank(
        app: Flask, room: dict, banks: dict[str, int], moved_clock: None) -> None:
    picked = [banks["a1"], banks["b1"], banks["b2"]]
    host = room["teacher"].post(pick_path(room), data={
        "questions": [str(q) for q in picked], "no_timer": "y", "late_join": "y"}).headers["Location"]
    game = host.removesuffix("/host")
    ali, bina, teacher = room["ali"], room["bina"], room["teacher"]
    for phone in (ali, bina):
        assert phone.post(f"{game}/join").status_code == 303
    press(teacher, host, "start")
    seen_urdu = []
    for position in (1, 2, 3):
        clock.move(dt.timedelta(seconds=6 + 10 * position))
        seen_urdu.append(soup(bina.get(game)).select_one(".prompt").get_text(" ", strip=True))
        answer_right(app, ali, game, position, "en")
        if position != 3:  # Bina leaves the last one unanswered
            answer_right(app, bina, game, position, "ur")
        press(teacher, host, "reveal")
        if position == 2:  # the reveal's evidence is the question's own bank's
            evidence = soup(teacher.get(host)).select_one(".live-evidence").get_text(" ", strip=True)
            assert "The IMF rejected a request" in evidence
        press(teacher, host, "next")
    # An Urdu player reads each question in its own bank's Urdu translation.
    assert seen_urdu[:2] == ["ایل سلواڈور نے بٹ کوائن کو کس سال قانونی کرنسی بنایا؟",
                             "آئی ایم ایف نے سستی بجلی کی درخواست کا کیا کیا؟"]
    assert seen_urdu[2] == "آئی ایم ایف نے کان کنوں کو سستی بجلی دی۔"
    with app.app_context():
        assert db.session.scalar(select(LiveGame)).ended_at is not None
        attempts = db.session.execute(select(Attempt.account_id, Bank.slug, Attempt.score, Attempt.max_score,
                                             Attempt.counts, Attempt.assignment_id)
                                      .join(Bank, Bank.id == Attempt.bank_id).order_by(Attempt.id)).all()
        # One practice attempt per bank the game asked from, never on an assignment or the board.
        assert sorted(attempts) == sorted([
            (room["ali_id"], "alpha", 1, 1, False, None), (room["ali_id"], "beta", 2, 2, False, None),
            (room["bina_id"], "alpha", 1, 1, False, None), (room["bina_id"], "beta", 1, 2, False, None)])
        items = db.session.execute(
            select(Bank.slug, AttemptItem.position, Question.slug)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id).join(Bank, Bank.id == Attempt.bank_id)
            .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
            .join(Question, Question.id == QuestionVersion.question_id)
            .where(Attempt.account_id == room["bina_id"])).all()
        assert sorted(items) == [("alpha", 1, "a1"), ("beta", 1, "b1"), ("beta", 2, "b2")]
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 6
        cards = dict(db.session.execute(
            select(Question.slug, ReviewCard.concept).join(Question, Question.id == ReviewCard.question_id)
            .where(ReviewCard.account_id == room["bina_id"])).all())
        assert cards == {"a1": "money", "b1": "money"}  # b1's own concept; b2 was not answered
    report = soup(teacher.get(f"{game}/report"))
    assert [li.get_text(" ", strip=True) for li in report.select(".live-report-questions li")] == [
        "Which year did El Salvador make bitcoin legal tender? Alpha money quiz",
        "What did the IMF do with the request for subsidized power? Beta custody quiz",
        "The IMF granted subsidized power to miners. Beta custody quiz"]
    rows = {row.th.get_text(strip=True): [" ".join(td.get_text(" ").split()) for td in row.find_all("td")]
            for row in report.select("tbody tr")}
    assert rows["Bina"][2] == "No answer" and rows["Ali"][2].endswith("✓ right")
    csv_lines = teacher.get(f"{game}/report.csv").get_data(as_text=True).splitlines()
    assert csv_lines[0] == "\ufeffname,question 1,question 2,question 3,points"
    assert csv_lines[1] == "Ali,2021,rejected it,False,300"
    assert csv_lines[2] == "Bina,2021,rejected it,,200"
    # Each attempt's result page shows its own bank's questions.
    with app.app_context():
        token = db.session.scalar(select(Attempt.token).join(Bank, Bank.id == Attempt.bank_id).where(
            Attempt.account_id == room["ali_id"], Bank.slug == "beta"))
    result = soup(ali.get(f"/attempts/{token}/result"))
    assert "Beta custody quiz" in result.get_text(" ", strip=True)


def test_a_game_from_one_bank_still_names_its_bank(app: Flask, room: dict, banks: dict[str, int]) -> None:
    with app.test_request_context():
        game_id = live_games.create_game(db.session, room["teacher_id"], room["classroom"],
                                         Options(seconds=None), bank_slug="beta", rng=random.Random(1))
        assert game_id is not None
        assert db.session.get(LiveGame, game_id).bank_id is not None
    assert game_slugs(app, game_id) == ["b1", "b2"]


def test_going_back_before_0021_gives_a_mixed_game_the_bank_of_its_first_question(
        app: Flask, room: dict, banks: dict[str, int], database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from quizapp.database import make_engine
    from quizapp.schema import alembic_config

    if not database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL database is shared by the whole run: going down once is enough")
    with app.test_request_context():
        assert live_games.create_game(db.session, room["teacher_id"], room["classroom"], Options(),
                                      question_ids=[banks["b1"], banks["a1"]]) is not None
        beta = db.session.scalar(select(Bank.id).where(Bank.slug == "beta"))
        db.session.close()
    config = alembic_config(database_url)
    command.downgrade(config, "0020")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT bank_id FROM live_game")).scalar() == beta
    engine.dispose()
    command.upgrade(config, "head")
