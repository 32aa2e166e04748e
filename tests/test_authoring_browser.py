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
    learner.locator(".result summary").first.click()  # a right answer's details are folded
    learner.get_by_role("link", name="Read it in the article").click()
    assert learner.locator("mark").inner_text() == QUOTE
    assert "Diario Centroamérica" in learner.locator("body").inner_text()


URDU_BANK_QUOTE = "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
URDU_BANK = f"""bank: urdu-class-bank
title: بٹ کوائن کا کوئز
language: ur
questions:
  - id: first
    type: true_false
    prompt: ایل سلواڈور نے سب سے پہلے بٹ کوائن کو قانونی کرنسی بنایا۔
    answer: true
    explanation: کوائن ڈیسک یہی کہتا ہے۔
    cite:
      - source: coindesk
        quote: "{URDU_BANK_QUOTE}"
"""


def publish_file(page, base: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Upload a bank file, check it, and press Publish, found by name and place, not by label."""
    page.goto(base + "/teach/banks/new")
    page.locator("input[type=file][name=file]").set_input_files(path)
    page.locator("form[action$='/teach/banks/new'] [type=submit]").click()
    assert page.locator("form[action$='/teach/banks/publish']").count() == 2  # the preview
    page.locator("form[action$='/teach/banks/publish'] [type=submit]").first.click()
    page.wait_for_url(base + "/teach/banks")


@pytest.mark.parametrize("script", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_bank_file_and_its_translation_upload_and_publish_in_urdu(
        app, browser, live_server: str, people: People, tmp_path: Path, script: bool) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    people.account("ms-rana", "teacher", "Ms Rana")
    context = browser.new_context(locale="ur", java_script_enabled=script)
    teacher = context.new_page()
    teacher.goto(live_server + "/login")
    teacher.locator("input[name=login]").fill("ms-rana")
    teacher.locator("input[name=password]").fill(PASSWORD)
    teacher.locator("form [type=submit]").last.click()
    assert teacher.locator("html").get_attribute("lang") == "ur"

    bank_file = tmp_path / "urdu-class-bank.yaml"
    bank_file.write_text(URDU_BANK, encoding="utf-8")
    publish_file(teacher, live_server, bank_file)
    assert "بٹ کوائن کا کوئز" in teacher.locator(".flash").inner_text()
    row = teacher.locator("tr", has=teacher.locator("code", has_text="urdu-class-bank"))
    assert row.count() == 1

    # A translation into Spanish, from the file the page offers, uploaded the same way.
    template = context.request.get(live_server + "/teach/banks/urdu-class-bank/translations/es.yaml")
    assert template.ok
    translation = template.text().replace(
        "ایل سلواڈور نے سب سے پہلے بٹ کوائن کو قانونی کرنسی بنایا۔",
        "El Salvador fue el primero en hacer del bitcoin moneda de curso legal.")
    translation_file = tmp_path / "urdu-class-bank.es.yaml"
    translation_file.write_text(translation, encoding="utf-8")
    publish_file(teacher, live_server, translation_file)
    download = context.request.get(live_server + "/teach/banks/urdu-class-bank/translations/es.yaml")
    assert "El Salvador fue el primero en hacer del bitcoin" in download.text()
    context.close()
