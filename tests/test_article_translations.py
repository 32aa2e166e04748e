"""A teacher translates their own article in the browser, checked as seeds/<id>.<lang>.md files are;
My banks says where each translation stands, and learners read it in their language."""

from __future__ import annotations

from flask import Flask

from quizapp.extensions import db
from quizapp.services import authoring
from tests.conftest import People
from tests.helpers import post_form, soup

ARTICLE = """---
title: A letter of intent on bitcoin
language: en
---
Pakistan and El Salvador signed a letter of intent on bitcoin in July 2025.

It speaks of education on crypto literacy.
"""
SPANISH = ["Pakistán y El Salvador firmaron una carta de intención sobre bitcoin en julio de 2025.",
           "Habla de educación sobre criptomonedas."]


def statuses(teacher) -> str:  # type: ignore[no-untyped-def]
    """The article's row of My banks, as text."""
    row = soup(teacher.get("/teach/banks")).find("code", string="letter").find_parent("tr")
    return row.get_text(" ", strip=True)


def test_a_teacher_translates_their_article_and_learners_read_it(app: Flask, people: People) -> None:
    teacher_id = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher_id)
    learner_id = people.account("jose", name="José")
    people.join(classroom, learner_id)
    with app.app_context():
        assert authoring.save_article(db.session, teacher_id, "letter", ARTICLE).problems == []
    teacher = people.sign_in(app.test_client(), teacher_id, "ms-rana")
    assert "Spanish: missing" in statuses(teacher) and "Urdu: missing" in statuses(teacher)

    url = "/teach/articles/letter/translation"
    template = soup(teacher.get(f"{url}?language=es")).find("textarea", {"name": "text"}).get_text().lstrip()
    assert template.startswith("---\ntranslation_of: letter\nlanguage: es\n")
    english = ARTICLE.split("---\n")[2].strip().split("\n\n")
    one_paragraph = template.replace(english[0], SPANISH[0]).replace("\n\n" + english[1], " " + SPANISH[1])
    refused = post_form(teacher, url, {"text": one_paragraph, "submit": "Save"})
    assert refused.status_code == 422
    assert "1 paragraphs and the source 2" in soup(refused).select_one(".problem-listing").get_text()
    assert "Spanish: missing" in statuses(teacher)  # nothing was saved

    translated = template.replace(english[0], SPANISH[0]).replace(english[1], SPANISH[1])
    saved = post_form(teacher, url, {"text": translated, "submit": "Save"})
    assert saved.status_code == 303 and saved.headers["Location"] == "/teach/banks"
    assert "Spanish: up to date" in statuses(teacher)

    learner = people.sign_in(app.test_client(), learner_id, "jose")
    page = soup(learner.get("/sources/letter", headers={"Accept-Language": "es"}))
    assert page.select_one(".article-body")["lang"] == "es"
    assert SPANISH[0] in page.select_one(".article-body").get_text()
    assert page.select_one(".source-language a[hreflang=en]") is not None  # the original, one link away

    with app.app_context():  # the teacher corrects the article: its translation no longer follows it
        corrected = ARTICLE.replace("education", "school programmes")
        assert authoring.save_article(db.session, teacher_id, "letter", corrected).problems == []
    assert "Spanish: out of date" in statuses(teacher)
    page = soup(learner.get("/sources/letter", headers={"Accept-Language": "es"}))
    assert page.select_one(".article-body")["lang"] == "en"  # the original until it follows


def test_only_the_article_s_teacher_may_translate_it(app: Flask, people: People) -> None:
    owner = people.account("ms-rana", "teacher")
    other = people.account("mr-khan", "teacher")
    with app.app_context():
        assert authoring.save_article(db.session, owner, "letter", ARTICLE).problems == []
    stranger = people.sign_in(app.test_client(), other, "mr-khan")
    assert stranger.get("/teach/articles/letter/translation").status_code == 404
    assert stranger.get("/teach/articles/coindesk/translation").status_code == 404  # bundled
