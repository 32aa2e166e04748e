"""A teacher with only a browser brings a new article and a new bank into a class."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSWORD, People

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
QUOTE = "El Salvador fue el primer país en adoptar el bitcoin como moneda de curso legal, en 2021."
BANK_WITH_A_TYPO = f"""bank: diario-quiz
title: Lo que dice el Diario
language: es
questions:
  - id: primero
    type: true_false
    prompt: El Salvador fue el primer país en adoptar el bitcoin como moneda de curso legal.
    answer: true
    explanation: El artículo lo dice.
    cite:
      - source: diario
        quote: "{QUOTE.replace('primer país', 'primer pais')}"
"""


def sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_article_and_bank_from_the_browser_to_a_learner(app, browser, live_server: str,
                                                        people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id, "Clase 7")
    people.join(classroom, people.account("ayesha", name="Ayesha"))

    teacher = browser.new_context(java_script_enabled=False).new_page()
    sign_in(teacher, live_server, "ms-rana")
    teacher.get_by_role("link", name="My banks").click()
    teacher.get_by_role("link", name="Add an article").click()
    teacher.get_by_label("A saved web page (.html)").set_input_files(FIXTURES / "spanish.html")
    teacher.get_by_role("button", name="Fill in from the page").click()
    assert "Check every field" in teacher.locator(".notice").inner_text()
    assert teacher.get_by_label("Publisher (optional)").input_value() == "Diario Centroamérica"
    teacher.get_by_label("Source id (how your banks cite it)").fill("diario")
    teacher.get_by_role("button", name="Save the article").click()
    assert "“diario”" in teacher.locator(".flash").inner_text()

    teacher.get_by_role("link", name="Add or update a bank").click()
    teacher.get_by_label("Or paste the bank's text").fill(BANK_WITH_A_TYPO)
    teacher.get_by_role("button", name="Check the bank").click()
    mistake = teacher.locator("#line-12")
    assert "the quote is not in the article 'diario'" in mistake.inner_text()
    assert "primer país" in mistake.inner_text()  # the closest passage shows the accent
    text = teacher.get_by_label("Or paste the bank's text")
    text.fill(text.input_value().replace("primer pais", "primer país"))
    teacher.get_by_role("button", name="Check the bank").click()
    assert "passed every check: 1 question" in teacher.locator(".notice").inner_text()
    assert QUOTE in teacher.locator("blockquote").inner_text()
    teacher.get_by_role("button", name="Publish the bank").first.click()
    assert "is published" in teacher.locator(".flash").inner_text()

    teacher.goto(f"{live_server}/teach/classes/{classroom}")
    teacher.get_by_label("Quiz", exact=True).select_option("diario-quiz")
    teacher.get_by_role("button", name="Assign").click()
    assert "Quiz assigned." in teacher.locator(".flash").inner_text()

    learner = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 740}).new_page()
    sign_in(learner, live_server, "ayesha")
    learner.get_by_role("button", name="Start").click()
    learner.get_by_label("True").check()
    learner.get_by_role("button", name="Submit my answers").click()
    assert learner.locator(".score-line").inner_text() == "You scored 1 out of 1."
    learner.get_by_role("link", name="Read it in the article").click()
    assert learner.locator("mark").inner_text() == QUOTE
    assert "Diario Centroamérica" in learner.locator("body").inner_text()
