"""The learner's pages as a browser gets them, CSRF on."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import bank_yaml
from tests.helpers import RIGHT_ORDER, csrf, linked_stylesheets_bytes, right_form, soup, whole_quiz_form

STYLE = Path(__file__).resolve().parent.parent / "quizapp" / "static" / "style.css"
SCRIPT = STYLE.with_name("quiz.js")

NUMBER_HINT = "Write a number in digits, such as 12 or 3.5; a comma may separate thousands."


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def start_quiz(client: FlaskClient) -> tuple[str, BeautifulSoup]:
    page = soup(client.get("/banks/sample"))
    response = client.post("/banks/sample", data={"csrf_token": csrf(page), "start": "Start"})
    assert response.status_code == 303
    location = response.headers["Location"]
    whole_quiz_form(client, location)
    return location, soup(client.get(location))


def test_home_lists_banks_with_their_counts_and_topics(client, write_bank, load_banks) -> None:
    write_bank(bank_yaml(description="Five questions, one of each type.", tags="[IMF, reserves]"))
    load_banks()
    card = soup(client.get("/")).select_one(".card")
    assert card.h3.get_text(strip=True) == "Sample bank"
    assert card.h3.a["href"] == "/banks/sample"
    assert "Five questions, one of each type." in card.get_text()
    assert card.select_one(".meta").get_text(" ", strip=True) == "5 questions · Topics: IMF, reserves"


def test_home_groups_banks_by_concept_in_the_suggested_order(client, write_bank, load_banks) -> None:
    write_bank(bank_yaml("about-scams", tags="[concept:scams, phishing]").replace("Sample bank", "Scams"))
    write_bank(bank_yaml("about-money", tags="[concept:money]").replace("Sample bank", "Money"))
    write_bank(bank_yaml("about-mining", tags="[concept:mining]").replace("Sample bank", "Mining"))
    write_bank(bank_yaml("the-news", tags="[case-study]").replace("Sample bank", "The news"))
    write_bank(bank_yaml("mine", tags="[homework]").replace("Sample bank", "My own"))
    load_banks()
    page = soup(client.get("/"))
    steps = [(step.h3.get_text(" ", strip=True), [a.get_text() for a in step.select(".card h4 a")])
             for step in page.select("ol.steps > li")]
    assert steps == [("1 Money and legal tender Core", ["Money"]), ("2 Mining and energy", ["Mining"]),
                     ("3 Scams and how to spot them Core", ["Scams"])]
    headings = [h2.get_text(strip=True) for h2 in page.select("main h2")]
    assert headings == ["Learn step by step", "Case studies: the news of July 2025", "More quizzes"]
    assert [a.get_text() for a in page.select("h3 > a")] == ["The news", "My own"]
    text = page.get_text(" ", strip=True)
    assert "Topics: phishing" in text and "Topics: homework" in text
    assert "concept:" not in text and "case-study" not in text


def test_competency_tags_are_never_shown_as_topics(client, write_bank, load_banks) -> None:
    write_bank(bank_yaml(tags="[concept:scams, competency:red-flags, phishing]"))
    load_banks()
    for url in ("/", "/banks/sample"):
        text = soup(client.get(url)).get_text(" ", strip=True)
        assert "Topics: phishing" in text, url
        assert "competency" not in text and "red-flags" not in text, url


def test_home_without_banks_says_so(client) -> None:
    assert "No quizzes yet" in client.get("/").get_data(as_text=True)


def test_unknown_pages_get_a_friendly_404(client, sample_bank) -> None:
    for url in ["/banks/nope", "/attempts/nope", "/attempts/nope/result", "/sources/nope", "/x"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in response.get_data(as_text=True)
        assert "Traceback" not in response.get_data(as_text=True)


def test_starting_without_the_csrf_token_is_refused_kindly(csrf_app, client, sample_bank) -> None:
    response = client.post("/banks/sample", data={"start": "Start"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_a_whole_quiz_right_scores_full_marks_and_shows_the_evidence(csrf_app, client,
                                                                     sample_bank) -> None:
    location, quiz = start_quiz(client)
    assert len(quiz.select("fieldset.question")) == 5
    response = client.post(location, data=right_form(quiz))
    assert response.status_code == 303
    assert response.headers["Location"] == location + "/result"

    result = soup(client.get(location + "/result"))
    assert result.select_one(".score-line").get_text(strip=True) == "You scored 6 out of 6."
    assert len(result.select(".result.right")) == 5
    number = result.select(".result")[2]
    assert "6238 BTC" in number.select_one(".answers").get_text(" ", strip=True)
    evidence = number.select_one(".evidence")
    assert evidence.blockquote.get_text(strip=True) == "As of July 2025, the country amassed 6,238 BTC"
    assert evidence.cite.get_text(strip=True) == (
        "[Pakistan launches a crypto alliance with El Salvador: a report from Islamabad]")
    link = evidence.a["href"]
    assert re.fullmatch(r"/sources/islamabad-report\?cite=\d+&attempt=[\w-]+#cited", link)
    source = soup(client.get(link))
    back = source.find("a", string="Back to your result")
    assert back["href"] == location + "/result"
    assert "quizapp gave this article its title" in source.get_text()

    source = soup(client.get(link.split("#")[0]))
    mark = source.select_one("mark#cited")
    assert mark.get_text() == "As of July 2025, the country amassed 6,238 BTC"


def test_the_quiz_page_gives_no_answer_away(csrf_app, client, sample_bank) -> None:
    _, quiz = start_quiz(client)
    html = str(quiz)
    for secret in ["The report gives 6,238 BTC", "The IMF rejected the request", "6238",
                   "El Salvador was the first country"]:
        assert secret not in html
    order = [label.get_text(strip=True) for label in quiz.select("ul.order label")]
    assert sorted(order) == sorted(RIGHT_ORDER) and order != RIGHT_ORDER
    assert {i["value"] for i in quiz.select("input[type=radio]")} <= {"0", "1", "2", "3", "true",
                                                                      "false"}


def test_an_unreadable_answer_keeps_every_other_answer(csrf_app, client, sample_bank) -> None:
    location, quiz = start_quiz(client)
    data = right_form(quiz)
    data["q3"] = "about six thousand"
    response = client.post(location, data=data)
    assert response.status_code == 422
    page = soup(response)
    assert page.select_one("#q3-error").get_text(strip=True) == NUMBER_HINT
    assert page.select_one("#q3 input")["value"] == "about six thousand"
    assert page.select_one("#q1 input[checked]")["value"] == data["q1"]
    assert [o["value"] for o in page.select("#q5 option[selected]")] == data["q5"]
    assert client.get(location + "/result").status_code == 303  # nothing was recorded


def test_blank_answers_ask_for_confirmation(csrf_app, client, sample_bank) -> None:
    location, quiz = start_quiz(client)
    data = right_form(quiz)
    del data["q2"], data["q4"]
    response = client.post(location, data=data)
    assert response.status_code == 422
    page = soup(response)
    assert "You have not answered 2 questions." in page.select_one("#problems").get_text()
    assert [a["href"] for a in page.select("#problems a")] == ["#q2", "#q4"]
    data["csrf_token"] = page.find("input", {"name": "csrf_token"})["value"]
    data["submit_with_blanks"] = "Submit with blank answers"
    del data["submit"]
    assert client.post(location, data=data).status_code == 303
    result = soup(client.get(location + "/result"))
    assert result.select_one(".score-line").get_text(strip=True) == "You scored 4 out of 6."
    assert result.select(".result")[1].select_one(".answers dd").get_text(strip=True) == "No answer"


def test_submitting_again_changes_nothing(csrf_app, client, sample_bank) -> None:
    location, quiz = start_quiz(client)
    data = right_form(quiz)
    client.post(location, data=data)
    wrong = dict(data, q3="1")
    response = client.post(location, data=wrong)
    assert (response.status_code, response.headers["Location"]) == (303, location + "/result")
    assert client.get(location).headers["Location"] == location + "/result"
    result = soup(client.get(location + "/result"))
    assert result.select_one(".score-line").get_text(strip=True) == "You scored 6 out of 6."


def test_the_result_waits_for_submission(client, sample_bank) -> None:
    location, _ = start_quiz(client)
    response = client.get(location + "/result")
    assert (response.status_code, response.headers["Location"]) == (303, location)


def test_source_page_shows_metadata_and_unknown_fields_plainly(client, sample_bank) -> None:
    page = soup(client.get("/sources/ainvest"))
    assert page.h1.get_text(strip=True).startswith("[Pakistan and El Salvador sign a Bitcoin agreement")
    assert page.find("a", string="Back to your result") is None
    meta = page.select_one(".source-meta").get_text(" ", strip=True)
    assert meta == "Publisher AInvest Published not stated"
    assert page.select_one("mark") is None
    assert "pilots.Both countries" in page.select_one(".article-body").get_text()


def test_a_citation_of_another_article_marks_nothing(client, sample_bank) -> None:
    assert soup(client.get("/sources/coindesk?cite=3")).select_one("mark") is None
    assert soup(client.get("/sources/coindesk?cite=abc")).select_one("mark") is None


def test_quiz_page_is_light_and_its_only_script_is_its_own_saver(csrf_app, client, sample_bank) -> None:
    location, _ = start_quiz(client)
    html = client.get(location).get_data()
    scripts = soup(client.get(location)).find_all("script")
    assert [(script["src"].partition("?v=")[0], script.string) for script in scripts] == [
        ("/static/quiz.js", None)]
    assert len(scripts[0]["src"].partition("?v=")[2]) == 12  # its content's version (static_files)
    assert len(html) + linked_stylesheets_bytes(html) + SCRIPT.stat().st_size <= 30 * 1024


def test_health_check(client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "ok")


def test_a_cached_quiz_page_carries_each_browsers_own_csrf_token(csrf_app, client, sample_bank) -> None:
    location, quiz = start_quiz(client)
    other = csrf_app.test_client()  # the same attempt opened in another browser
    other_quiz = soup(other.get(location))  # served from the page cache
    mine = quiz.find("input", {"name": "csrf_token"})["value"]
    theirs = other_quiz.find("input", {"name": "csrf_token"})["value"]
    assert mine != theirs
    assert str(quiz.select_one("form.quiz fieldset")) == str(other_quiz.select_one("form.quiz fieldset"))
    response = other.post(location, data=right_form(other_quiz))
    assert (response.status_code, response.headers["Location"]) == (303, location + "/result")


def test_a_cached_quiz_page_is_sent_gzipped_with_each_browsers_own_token(csrf_app, client,
                                                                         sample_bank) -> None:
    location, quiz = start_quiz(client)
    gzip_only = {"Accept-Encoding": "gzip"}
    other = csrf_app.test_client()  # the same attempt opened in another browser
    other.get(location)  # its first view: the session gets its CSRF secret
    pages = []
    for browser in (client, other, client, other):  # the second round comes from the kept bytes
        response = browser.get(location, headers=gzip_only)
        assert (response.status_code, response.headers["Content-Encoding"]) == (200, "gzip")
        assert "Accept-Encoding" in response.headers["Vary"]
        pages.append(soup_of(gzip.decompress(response.get_data())))
    tokens = [csrf(page) for page in pages]
    assert tokens[0] == tokens[2] == csrf(quiz) and tokens[1] == tokens[3] != tokens[0]
    assert str(pages[1].select_one("form.quiz fieldset")) == str(quiz.select_one("form.quiz fieldset"))
    assert other.post(location, data=right_form(pages[3])).status_code == 303


def soup_of(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_browsers_second_quiz_page_is_cached_without_its_token(csrf_app, client, sample_bank,
                                                                monkeypatch) -> None:
    import itertools

    from itsdangerous.timed import TimestampSigner

    clock = itertools.count(1_800_000_000, 7)  # tokens are stamped to the second: let time pass
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: next(clock))
    start_quiz(client)  # this browser's token gets signed and remembered
    location, quiz = start_quiz(client)  # a second attempt, rendered and cached
    other = csrf_app.test_client()
    other_quiz = soup(other.get(location))
    assert csrf(other_quiz) != csrf(quiz)
    assert other.post(location, data=right_form(other_quiz)).status_code == 303


def test_a_practice_link_opened_by_two_signed_in_people_names_each_its_own_viewer(
        app, client, sample_bank, people) -> None:
    location, _quiz = start_quiz(client)  # anonymous practice: open to whoever has the link
    seen = {}
    for username, name in [("ayesha", "Ayesha Khan"), ("bilal", "Bilal Ahmed")]:
        viewer = people.sign_in(app.test_client(), people.account(username, name=name), username)
        seen[username] = soup(viewer.get(location)).get_text(" ", strip=True)  # the second is cached
    assert "Ayesha Khan" in seen["ayesha"] and "Bilal Ahmed" not in seen["ayesha"]
    assert "Bilal Ahmed" in seen["bilal"] and "Ayesha Khan" not in seen["bilal"]
    assert "Ayesha" not in soup(app.test_client().get(location)).get_text()  # nor a stranger


def test_a_signed_out_learner_opening_their_quiz_signs_in_and_comes_back_to_it(
        app, client, sample_bank, people) -> None:
    from quizapp.domain import clock
    from quizapp.extensions import db
    from quizapp.services import classrooms, saved_answers
    from tests.conftest import PASSWORD

    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learner = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner)
    assignment = people.assign(classroom)
    with app.test_request_context(method="POST"):
        token = classrooms.start_assignment(db.session, learner, assignment, clock.now())
        assert isinstance(token, str)
        saved_answers.save_answers(db.session, token, {3: ["6238"]}, [3])
    quiz = f"/attempts/{token}"
    away = client.get(quiz)  # signed out (or the session ran out): not "Page not found"
    assert away.status_code == 303 and away.headers["Location"] == f"/login?next={quiz}"
    login = soup(client.get(away.headers["Location"]))
    back = client.post(away.headers["Location"], data={"csrf_token": csrf(login), "login": "ayesha",
                                                       "password": PASSWORD})
    assert back.status_code == 303 and back.headers["Location"] == quiz
    page = soup(client.get(quiz))
    assert page.find("input", {"name": "q3"})["value"] == "6238"  # the answer saved before
    assert client.get(quiz + "/result").status_code == 303  # not submitted yet: back to the quiz
    stranger = app.test_client()
    assert stranger.get(quiz + "/result").headers["Location"] == f"/login?next={quiz}/result"
