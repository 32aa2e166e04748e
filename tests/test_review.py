"""Review cards: made on every signed-in submission, due on the Review page, run as a short quiz."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import AssignmentScore, Attempt, Membership, Question, ReviewCard
from tests.conftest import People, bank_yaml
from tests.helpers import soup, whole_quiz_form

# Three true/false questions whose right answer is "true": two on money, one on scams.
FACTS = "".join(f"""
  - id: {slug}
    type: true_false
    prompt: Statement about {slug}.
    explanation: CoinDesk says so.
    answer: true
    tags: [concept:{concept}, skill:recall]
    cite:
      - source: coindesk
        quote: "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
""" for slug, concept in (("tender", "money"), ("law", "money"), ("scam", "scams")))
ALL_RIGHT = {"q1": "true", "q2": "true", "q3": "true"}


@pytest.fixture
def facts(app: Flask, write_bank, load_banks) -> str:  # type: ignore[no-untyped-def]
    app.config.update(WTF_CSRF_ENABLED=False)
    write_bank(bank_yaml("facts", FACTS))
    load_banks()
    return "facts"


@pytest.fixture
def learner(people: People, facts: str, client: FlaskClient) -> FlaskClient:
    account = people.account("ayesha")
    return people.sign_in(client, account, "ayesha")


def take(client: FlaskClient, answers: dict[str, str], bank: str = "facts") -> str:
    """Start a quiz (or follow a started one), answer it and return the result page's address."""
    location = client.post(f"/banks/{bank}", data={"start": "x"}).headers["Location"]
    response = client.post(location, data={**answers, "submit_with_blanks": "x"})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"]


def cards(app: Flask) -> dict[str, ReviewCard]:
    with app.app_context():
        rows = db.session.execute(select(Question.slug, ReviewCard)
                                  .join(ReviewCard, ReviewCard.question_id == Question.id)).all()
        return {slug: card for slug, card in rows}


def move_clock(monkeypatch: pytest.MonkeyPatch, days: float) -> None:
    monkeypatch.setattr(clock, "_offset", dt.timedelta(days=days))


def test_a_right_answer_rates_good_and_a_wrong_one_again(app: Flask, learner: FlaskClient) -> None:
    before = clock.now()
    take(learner, {"q1": "true", "q2": "false"})  # q3 left blank: wrong, too
    made = cards(app)
    assert set(made) == {"tender", "law", "scam"}
    assert made["tender"].stability == pytest.approx(2.3065)  # Good: back in two days
    assert made["tender"].due - before == pytest.approx(dt.timedelta(days=2), abs=dt.timedelta(seconds=5))
    for wrong in ("law", "scam"):  # Again: back tomorrow
        assert made[wrong].stability == pytest.approx(0.212)
        assert made[wrong].lapses == 1
        assert made[wrong].due - before == pytest.approx(dt.timedelta(days=1), abs=dt.timedelta(seconds=5))


def test_answering_again_updates_the_card_and_practice_without_an_account_makes_none(
        app: Flask, learner: FlaskClient, client: FlaskClient) -> None:
    take(learner, ALL_RIGHT)
    take(learner, {"q1": "false", "q2": "true", "q3": "true"})
    made = cards(app)
    assert (made["tender"].reviews, made["tender"].lapses) == (2, 1)
    assert made["law"].reviews == 2 and made["law"].lapses == 0
    anonymous = app.test_client()
    take(anonymous, ALL_RIGHT)
    assert all(card.reviews == 2 for card in cards(app).values())


def test_the_nav_and_the_review_page_count_the_cards_due(learner: FlaskClient,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    take(learner, {"q1": "true", "q2": "false", "q3": "false"})
    page = soup(learner.get("/review"))
    assert page.select_one("#nav-review").get_text(strip=True) == "Review (0 due)"
    assert page.select_one("#due-count").get_text(strip=True) == "0 questions are due now."
    # Nothing is due on day one, but the two missed today can be practised today.
    assert page.select_one("#missed-count").get_text(" ", strip=True) \
        == "You missed 2 questions today: you can practise them now."
    assert page.select_one("form .button")["value"] == "Review up to 20 questions"
    move_clock(monkeypatch, 1)  # the two wrong ones
    page = soup(learner.get("/review"))
    assert page.select_one("#nav-review").get_text(strip=True) == "Review (2 due)"
    assert page.select_one("#due-count").get_text(strip=True) == "2 questions are due now."
    links = {a.get_text(strip=True): a["href"] for a in page.select(".review-concepts a")}
    assert links == {"Money and legal tender": "/review?concept=money",
                     "Scams and how to spot them": "/review?concept=scams"}
    move_clock(monkeypatch, 7)
    assert soup(learner.get("/")).select_one("#nav-review").get_text(strip=True) == "Review (3 due)"


def test_a_review_run_updates_the_cards_and_leaves_board_and_scores_alone(
        app: Flask, people: People, facts: str, monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    me = people.account("ayesha")
    people.join(classroom, me)
    assignment = people.assign(classroom, "facts")
    client = people.sign_in(app.test_client(), me, "ayesha")
    started = client.post(f"/assignments/{assignment}/start", data={"start": "x"}).headers["Location"]
    client.post(started, data={"q1": "true", "q2": "false", "q3": "true", "submit": "x"})

    def scores() -> tuple[int, int, int]:
        with app.app_context():
            total = db.session.scalar(select(Membership.total).where(Membership.account_id == me))
            best = db.session.get(AssignmentScore, (assignment, me))
            return total, best.best_score, best.attempts

    assert scores() == (2, 2, 1)
    board = client.get(f"/classes/{classroom}/board").get_data(as_text=True)
    move_clock(monkeypatch, 7)
    page = soup(client.get("/review"))
    assert page.select_one("#due-count").get_text(strip=True) == "3 questions are due now."
    response = client.post("/review", data={"start": "x"})
    assert response.status_code == 303
    whole_quiz_form(client, response.headers["Location"])
    quiz = soup(client.get(response.headers["Location"]))
    assert quiz.h1.get_text(strip=True) == "Review"
    assert [f["id"] for f in quiz.select("fieldset.question")] == ["q1", "q2", "q3"]
    done = client.post(response.headers["Location"], data={**ALL_RIGHT, "submit": "x"})
    result = soup(client.get(done.headers["Location"]))
    assert "You scored 3 out of 3." in result.get_text(" ", strip=True)
    assert len(result.select("figure.evidence")) == 3  # the same evidence as any quiz
    assert result.select_one("a.button.secondary")["href"] == "/review"
    made = cards(app)
    assert {card.reviews for card in made.values()} == {2}
    assert all(card.due > clock.now() + dt.timedelta(days=1) for card in made.values())  # 8 after the first
    assert soup(client.get("/review")).select_one("#due-count").get_text(strip=True) \
        == "0 questions are due now."
    listed = [a.get_text(strip=True) for a in soup(client.get("/me/attempts")).select("table a")]
    assert listed == ["Review", "Sample bank"]  # the run is listed as a review, not by a bank's title
    assert scores() == (2, 2, 1)
    assert client.get(f"/classes/{classroom}/board").get_data(as_text=True) == board
    with app.app_context():
        run = db.session.scalar(select(Attempt).where(Attempt.review.is_(True)))
        assert (run.counts, run.assignment_id, run.score) == (False, None, 3)


def test_reviewing_one_concept_asks_only_its_questions(learner: FlaskClient,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    take(learner, ALL_RIGHT)
    move_clock(monkeypatch, 7)
    page = soup(learner.get("/review?concept=scams"))
    assert page.h1.get_text(" ", strip=True) == "Review: Scams and how to spot them"
    assert page.select_one("#due-count").get_text(strip=True) == "One question is due now."
    response = learner.post("/review?concept=scams", data={"start": "x"})
    whole_quiz_form(learner, response.headers["Location"])
    quiz = soup(learner.get(response.headers["Location"]))
    questions = quiz.select("fieldset.question")
    assert len(questions) == 1 and "Statement about scam." in questions[0].get_text(" ", strip=True)
    assert learner.get("/review?concept=nonsense").status_code == 404


def test_nothing_due_sends_the_learner_back_with_a_message(learner: FlaskClient) -> None:
    response = learner.post("/review", data={"start": "x"})
    assert response.headers["Location"] == "/review"
    assert "Nothing is due for review now." in soup(learner.get("/review")).select_one(".flash").get_text()


def test_the_home_page_shows_a_level_and_mastery_by_concept(app: Flask, learner: FlaskClient) -> None:
    take(learner, ALL_RIGHT)
    page = soup(learner.get("/"))
    lines = [li.get_text(" ", strip=True) for li in page.select(".concept-levels li")]
    assert lines == ["Money and legal tender Level: Familiar 2 of 2 questions answered, 0 mastered",
                     "Scams and how to spot them Level: Familiar 1 of 1 questions answered, 0 mastered"]
    with app.app_context(), db.writer() as session:
        card = session.scalar(select(ReviewCard).join(Question).where(Question.slug == "tender"))
        card.stability = 21.0  # three weeks: mastered
        session.commit()
    page = soup(learner.get("/"))
    assert page.select_one("#me-level-money .meta").get_text(" ", strip=True) \
        == "2 of 2 questions answered, 1 mastered"


@pytest.fixture
def taught(app: Flask, people: People, facts: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Ms Rana's class: Ayesha took the quiz, then reviewed it a week on; Bilal did nothing."""
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    ayesha, bilal = people.account("ayesha"), people.account("bilal")
    people.join(classroom, ayesha, bilal)
    client = people.sign_in(app.test_client(), ayesha, "ayesha")
    take(client, {"q1": "true", "q2": "false", "q3": "false"})
    move_clock(monkeypatch, 7)
    run = client.post("/review?concept=money", data={"start": "x"}).headers["Location"]
    client.post(run, data={"q1": "true", "q2": "true", "submit": "x"})
    with app.app_context(), db.writer() as session:
        card = session.scalar(select(ReviewCard).join(Question).where(Question.slug == "tender"))
        card.stability = 30.0
        session.commit()
    return {"teacher": people.sign_in(app.test_client(), teacher, "ms-rana"), "classroom": classroom,
            "ayesha": ayesha, "bilal": bilal}


def test_the_teachers_learner_page_shows_review_activity_and_progress(taught: dict) -> None:
    teacher, classroom = taught["teacher"], taught["classroom"]
    page = soup(teacher.get(f"/teach/classes/{classroom}/learners/{taught['ayesha']}"))
    assert [page.select_one(f"#review-{key}").get_text(strip=True) for key in ("cards", "due", "week")] \
        == ["3", "1", "2"]  # the scam question is still due; two reviewed in the run
    lines = [li.get_text(" ", strip=True) for li in page.select(".concept-progress li")]
    assert lines == ["Money and legal tender: 1 of 2 mastered", "Scams and how to spot them: 0 of 1 mastered"]
    idle = soup(teacher.get(f"/teach/classes/{classroom}/learners/{taught['bilal']}"))
    assert [idle.select_one(f"#review-{key}").get_text(strip=True) for key in ("cards", "due", "week")] \
        == ["0", "0", "0"]


def test_the_class_report_and_its_csv_show_mastery_by_concept(taught: dict) -> None:
    teacher, classroom = taught["teacher"], taught["classroom"]
    table = soup(teacher.get(f"/teach/classes/{classroom}/report")).select_one("#concept-progress")
    assert [th.get_text(strip=True) for th in table.select("thead th")] \
        == ["Learner", "Money and legal tender", "Scams and how to spot them"]
    rows = [[cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
            for tr in table.select("tbody tr")]
    assert rows == [["Ayesha", "1 of 2", "0 of 1"], ["Bilal", "0 of 2", "0 of 1"]]
    lines = teacher.get(f"/teach/classes/{classroom}/report.csv").get_data(as_text=True).lstrip("\ufeff")
    header, *body = [line.split(",") for line in lines.splitlines()]
    assert header == ["name", "username", "Money and legal tender: questions mastered",
                      "Scams and how to spot them: questions mastered"]
    assert body == [["Ayesha", "ayesha", "1", "0"], ["Bilal", "bilal", "0", "0"]]


def test_a_target_retention_fsrs_cannot_use_stops_the_app_from_starting(database_url: str) -> None:
    from quizapp import create_app

    assert create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x",
                       "REVIEW_RETENTION": "0.85"}).config["REVIEW_RETENTION"] == 0.85
    for wrong in (1.5, "lots", None):
        with pytest.raises(RuntimeError, match="REVIEW_RETENTION"):
            create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", "REVIEW_RETENTION": wrong})


def test_a_lower_target_retention_schedules_further_ahead(app: Flask, learner: FlaskClient) -> None:
    app.config["REVIEW_RETENTION"] = 0.8
    before = clock.now()
    take(learner, ALL_RIGHT)
    waited = cards(app)["tender"].due - before
    assert waited == pytest.approx(dt.timedelta(days=8), abs=dt.timedelta(seconds=5))
