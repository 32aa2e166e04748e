"""Problems learners report reach their teacher: counted on the teacher's home, classes and banks,
and listed on one page with each question's figures, to close or to act on."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import QuestionFlag
from quizapp.services import problem_reports
from tests.conftest import People
from tests.helpers import soup
from tests.test_item_reports import (  # noqa: F401  (quality: a fixture)
    class_of,
    position_of,
    publish_own_bank,
    quality,
    send_flag,
)


def reported(app: Flask, people: People, learner: int, username: str, token: str, slug: str,
             comment: str) -> None:
    """The learner reports the question ``slug`` of their attempt as wrongly keyed."""
    client = people.sign_in(app.test_client(), learner, username)
    assert send_flag(client, token, position_of(app, token, slug), "wrong_key",
                     comment).status_code == 303


def two_classes(app: Flask, people: People, quality: dict) -> dict:  # noqa: F811
    """Ms Rana's own bank in class 8C (two reports) and the bundled bank in her first class (one
    report); Mr Khan's learner reports on the bundled bank too, which Ms Rana must not see."""
    owner = quality["teacher"]
    publish_own_bank(app, owner)
    own_class = people.classroom(owner, "Class 8C", "CCCCCC")
    own_assignment = people.assign(own_class, bank="own-quality")
    (ayesha, a_token), (bilal, b_token) = class_of(app, people, {"teacher": owner}, 2, 8,
                                                   own_assignment, own_class)
    ((chen, c_token),) = class_of(app, people, quality, 1, 3)
    other = people.account("mr-khan", "teacher", "Mr Khan")
    other_class = people.classroom(other, "Class 9", "DDDDDD")
    ((dina, d_token),) = class_of(app, people, {"teacher": other}, 1, 5,
                                  people.assign(other_class, bank="quality"), other_class)
    reported(app, people, ayesha, "learner-8", a_token, "bad-key", "2021 is what the article says.")
    reported(app, people, bilal, "learner-9", b_token, "first", "Two years look right.")
    reported(app, people, chen, "learner-3", c_token, "bad-key", "Chen's doubt")
    reported(app, people, dina, "learner-5", d_token, "bad-key", "Dina's doubt")
    return {"owner": owner, "own_class": own_class, "bundled_class": quality["classroom"],
            "other": other, "other_class": other_class}


def test_open_reports_are_counted_per_bank_and_per_class(app, people, quality) -> None:  # noqa: F811
    world = two_classes(app, people, quality)
    with app.test_request_context():
        counts = problem_reports.open_counts(db.session, world["owner"])
        assert counts.total == 3
        assert counts.by_bank == {"own-quality": 2, "quality": 1}
        assert counts.by_class == {world["own_class"]: 2, world["bundled_class"]: 1}
        khan = problem_reports.open_counts(db.session, world["other"])
        assert (khan.total, khan.by_bank, khan.by_class) == (1, {"quality": 1}, {world["other_class"]: 1})
        first = db.session.scalar(select(QuestionFlag.id)
                                  .where(QuestionFlag.comment == "Two years look right."))
        assert problem_reports.close_flag(db.session, world["owner"], first) == "own-quality"
        counts = problem_reports.open_counts(db.session, world["owner"])
        assert counts.total == 2 and counts.by_bank["own-quality"] == 1


def test_the_open_reports_list_each_question_with_its_figures(app, people, quality) -> None:  # noqa: F811
    world = two_classes(app, people, quality)
    with app.test_request_context():
        pages = problem_reports.open_reports(db.session, world["owner"], "en")
        assert [page.slug for page in pages] == ["own-quality", "quality"]  # own banks first
        own = pages[0].report
        assert {q.prompt: [f.comment for f in q.flags] for q in own.questions} == {
            "When did El Salvador adopt bitcoin?": ["Two years look right."],
            "Which year does CoinDesk give for the adoption?": ["2021 is what the article says."]}
        assert all(q.stats.answered == 2 for q in own.questions)
        only_bundled = problem_reports.open_reports(db.session, world["owner"], "en",
                                                    world["bundled_class"])
        assert [page.slug for page in only_bundled] == ["quality"]
        assert [f.comment for q in only_bundled[0].report.questions for f in q.flags] == ["Chen's doubt"]


def test_home_class_and_banks_link_their_count_to_the_page(app, people, quality) -> None:  # noqa: F811
    world = two_classes(app, people, quality)
    teacher = people.sign_in(app.test_client(), world["owner"], "ms-rana")
    home = soup(teacher.get("/teach/"))
    assert home.select_one("#open-reports a").get_text() == "3 open problems reported by learners"
    assert home.select_one("#open-reports a")["href"] == "/teach/problems"
    own_card = next(card for card in home.select("li.card") if "Class 8C" in card.get_text())
    assert own_card.select_one(".reports a").get_text() == "2 open problems reported"
    assert own_card.select_one(".reports a")["href"] == f"/teach/problems?classroom={world['own_class']}"
    class_page = soup(teacher.get(f"/teach/classes/{world['bundled_class']}"))
    assert "1 open problem reported by learners on these quizzes" in class_page.select_one(
        "#open-reports").get_text()
    banks = soup(teacher.get("/teach/banks"))
    row = next(tr for tr in banks.select("tr") if "own-quality" in tr.get_text())
    assert row.select_one("a.reports").get_text() == "2 open problems reported"
    assert row.select_one("a.reports")["href"] == "/teach/problems#bank-own-quality"

    page = soup(teacher.get("/teach/problems"))
    text = page.get_text()
    assert "Which year does CoinDesk give for the adoption?" in text
    assert "2021 is what the article says." in text and "Chen's doubt" in text
    assert "Dina's doubt" not in text  # Mr Khan's learner
    assert "The answer looks wrong" in text
    assert "Answers, one per learner (their first attempt that counts): 2." in text
    go = page.find("a", string="Go to the question among its bank’s questions")
    assert go["href"].startswith("/teach/banks/own-quality/questions#item-")
    form = page.select_one("form[action*='/flags/']")
    assert form["action"].endswith("?back=problems")
    closed = teacher.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    assert closed.status_code == 303 and closed.headers["Location"] == "/teach/problems"
    after = soup(teacher.get("/teach/problems"))
    assert "The report is closed." in after.get_text()
    assert len(after.select("form[action*='/flags/']")) == 2


def test_a_class_filter_shows_only_that_classs_banks_and_refuses_others(app, people, quality) -> None:  # noqa: F811
    world = two_classes(app, people, quality)
    teacher = people.sign_in(app.test_client(), world["owner"], "ms-rana")
    page = soup(teacher.get(f"/teach/problems?classroom={world['own_class']}")).get_text()
    assert "On the banks assigned in" in page and "Class 8C" in page
    assert "Two years look right." in page and "Chen's doubt" not in page
    assert teacher.get(f"/teach/problems?classroom={world['other_class']}").status_code == 404
    assert teacher.get("/teach/problems?classroom=abc").status_code == 404


def test_no_reports_say_so(app, people, quality) -> None:  # noqa: F811
    teacher = people.sign_in(app.test_client(), quality["teacher"], "ms-rana")
    assert "No open reports." in soup(teacher.get("/teach/problems")).get_text()
    home = soup(teacher.get("/teach/"))
    assert home.select_one("#open-reports").get_text().strip() == "0 open problems reported by learners"
