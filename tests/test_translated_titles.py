"""A Spanish or Urdu teacher and learner see a bank's title in their language wherever a translation
has it: never the English one beside translated labels."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from flask import Flask

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.services import attempts, classrooms, problem_reports
from tests.conftest import PROJECT, People
from tests.helpers import soup

BANK = "el-salvador"
ENGLISH = "El Salvador and bitcoin"
TITLES = {"es": "El Salvador y el bitcoin", "ur": "ایل سلواڈور اور بٹ کوائن"}


@pytest.fixture
def lesson(app: Flask, people: People, questions_dir, load_banks) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The El Salvador bank and its translations, assigned to a class; a learner took it once."""
    for suffix in ["", ".es", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"{BANK}{suffix}.yaml",
                        questions_dir / f"{BANK}{suffix}.yaml")
    load_banks()
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher)
    learner = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner)
    assignment = people.assign(classroom, bank=BANK)
    with app.app_context():
        token = classrooms.start_assignment(db.session, learner, assignment, clock.now())
        assert isinstance(token, str)
        attempts.submit_attempt(db.session, token, {}, allow_blanks=True)
        problem_reports.flag_question(db.session, token, 1, learner, "unclear", None)
    return {"teacher": teacher, "classroom": classroom, "learner": learner, "assignment": assignment}


@pytest.mark.parametrize("language", ["es", "ur"])
def test_teacher_and_learner_pages_show_the_translated_title(app: Flask, people: People,
                                                             lesson: dict[str, int], language: str) -> None:
    title = TITLES[language]
    headers = {"Accept-Language": language}
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    base = f"/teach/classes/{lesson['classroom']}"
    pages = {
        "class page and its assign list": base,
        "class report": f"{base}/report",
        "assignment report": f"{base}/assignments/{lesson['assignment']}",
        "edit assignment": f"{base}/assignments/{lesson['assignment']}/edit",
        "learner's history": f"{base}/learners/{lesson['learner']}",
        "my banks": "/teach/banks",
        "problems learners reported": "/teach/problems",
        "the bank's questions": f"/teach/banks/{BANK}/questions",
    }
    for name, path in pages.items():
        text = soup(teacher.get(path, headers=headers)).get_text(" ", strip=True)
        assert title in text and ENGLISH not in text, name
    rows = list(csv.reader(io.StringIO(teacher.get(f"{base}/report.csv", headers=headers)
                                       .get_data(as_text=True))))
    assert any(title in cell for cell in rows[0]) and not any(ENGLISH in cell for cell in rows[0])
    learner = people.sign_in(app.test_client(), lesson["learner"], "ayesha")
    for path in ["/", "/me/attempts"]:
        text = soup(learner.get(path, headers=headers)).get_text(" ", strip=True)
        assert title in text and ENGLISH not in text, path


def test_the_assign_list_follows_the_curriculum_in_the_teacher_s_language(
        app: Flask, people: People, lesson: dict[str, int]) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    page = soup(teacher.get(f"/teach/classes/{lesson['classroom']}", headers={"Accept-Language": "es"}))
    groups = {group["label"]: [option.get_text() for option in group.find_all("option")]
              for group in page.select("select[name=bank] optgroup")}
    assert groups == {"Casos de estudio: las noticias de julio de 2025": ["El Salvador y el bitcoin"]}


@pytest.mark.parametrize("language", ["es", "ur"])
def test_item_analysis_shows_the_question_in_the_teacher_s_language_with_the_original_a_click_away(
        app: Flask, people: People, lesson: dict[str, int], language: str) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    headers = {"Accept-Language": language}
    page = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/assignments/{lesson['assignment']}",
                            headers=headers))
    stats = page.select("table tbody td[lang]")  # each question's share right
    assert stats and all(cell["lang"] == language for cell in stats)
    page = soup(teacher.get(f"/teach/banks/{BANK}/questions", headers=headers))  # every question
    cards = page.select("section.item")
    assert cards
    for card in cards:
        prompt = card.find("p", attrs={"lang": True})
        assert prompt["lang"] == language  # every bundled question is translated
        original = card.select_one("details.original p")
        assert original["lang"] == "en" and original.get_text(strip=True) != prompt.get_text(strip=True)
