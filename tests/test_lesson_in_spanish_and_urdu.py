"""A whole lesson in Spanish and in Urdu, on a phone, with no script: class, code, quiz, board.

Every control is found by its name, id or place, never by its English label: the labels
are translated. Set QUIZAPP_SCREENSHOTS=1 to save phone screenshots into docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSWORD, PROJECT, People
from tests.helpers import whole_quiz_in_browser
from tests.test_languages_browser import PHONE, box, sideways_scroll

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT / "docs" / "screenshots"
BANK = "el-salvador"
# The screenshots docs/ shows; others are not saved.
SHOTS = {"ur-quiz.png", "ur-result.png", "ur-board.png", "es-quiz.png", "es-result.png",
         "es-teacher-class.png", "ur-teacher-class.png"}

# Per language: the class's clock, the translated bank's title, a prompt it surely has and
# that question's right choice (choices and questions come in a shuffled order).
LESSONS = {
    "es": {
        "zone": "America/El_Salvador",
        "class": "Clase 9A",
        "title": "El Salvador y el bitcoin",
        "prompt": "¿Qué país fue el primero del mundo en adoptar el bitcoin como moneda de curso legal?",
        "right": "El Salvador",
        "learners": ["José Pérez", "María López"],
    },
    "ur": {
        "zone": "Asia/Karachi",
        "class": "جماعت نہم ب",
        "title": "ایل سلواڈور اور بٹ کوائن",
        "prompt": "دنیا میں سب سے پہلے کس ملک نے بٹ کوائن کو قانونی کرنسی کے طور پر اپنایا؟",
        "right": "ایل سلواڈور",
        "learners": ["عائشہ خان", "بلال احمد"],
    },
}

# Interface words that must never show on a translated page: the catalogs have them all.
ENGLISH = ["Submit", "Your result", "Sign in", "Class board", "Right answer"]

# The page's visible words, its buttons' included, leaving out text marked as English
# (a quote as its article published it, a bank's English words).
_VISIBLE_TEXT = """() => {
  const out = [];
  const english = e => {  // the page's own <html lang> does not count: only marked passages
    const l = e.closest('body [lang]'); return l && l.lang.split('-')[0] === 'en'; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || english(e) || !e.checkVisibility()
        || e.closest('.visually-hidden, .skip, script, style')) continue;
    out.push(n.textContent.trim());
  }
  for (const e of document.querySelectorAll('input[type=submit], input[type=button]')) {
    if (e.checkVisibility() && !english(e)) out.push(e.value);
  }
  return out.join('\\n');
}"""


def english_on(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The English interface strings visible on the page."""
    text = page.evaluate(_VISIBLE_TEXT)
    return [words for words in ENGLISH if words in text]


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page phone screenshot, only when QUIZAPP_SCREENSHOTS=1 (CI writes no files)."""
    if os.environ.get("QUIZAPP_SCREENSHOTS") == "1" and name in SHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def go(locator) -> None:  # type: ignore[no-untyped-def]
    """Click a link or a form's button and wait for the page it leads to: no script, a real load."""
    with locator.page.expect_navigation():
        locator.click()


def submit(page) -> None:  # type: ignore[no-untyped-def]
    go(page.locator("main form input[type=submit], main form button[type=submit]").first)


@pytest.fixture
def translated_bank(live_server: str, questions_dir, load_banks) -> str:  # type: ignore[no-untyped-def]
    """The bundled El Salvador bank and its Spanish and Urdu translations, loaded."""
    for suffix in ["", ".es", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"{BANK}{suffix}.yaml",
                        questions_dir / f"{BANK}{suffix}.yaml")
    load_banks()
    return BANK


@pytest.mark.parametrize("language", ["es", "ur"])
def test_a_whole_lesson_in_the_class_s_language(app, browser, live_server: str, people: People,
                                                translated_bank: str, language: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    lesson = LESSONS[language]
    direction = "rtl" if language == "ur" else "ltr"
    found: dict[str, object] = {}  # page: what is wrong with it; all must be empty at the end

    def check(page, name: str) -> None:  # type: ignore[no-untyped-def]
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction), name
        problems = {"sideways scroll": sideways_scroll(page), "English": english_on(page)}
        wrong = {what: value for what, value in problems.items() if value}
        if wrong:  # each learner sees the same pages: keep what the first found
            found.setdefault(name, wrong)

    def new_page():  # type: ignore[no-untyped-def]
        # Playwright's locale sets both navigator.language and Accept-Language.
        return browser.new_context(viewport=PHONE, java_script_enabled=False,
                                   locale=language).new_page()

    # The teacher: a class on its own clock and in its language, the bank assigned.
    people.account("ms-rana", "teacher", "Ms Rana")
    teacher = new_page()
    teacher.goto(live_server + "/login")
    check(teacher, "sign in")
    teacher.locator("input[name=login]").fill("ms-rana")
    teacher.locator("input[name=password]").fill(PASSWORD)
    submit(teacher)
    assert teacher.url.rstrip("/").endswith("/teach")
    check(teacher, "teacher's classes")
    teacher.locator("input[name=name]").fill(lesson["class"])
    teacher.locator("select[name=timezone]").select_option(lesson["zone"])
    teacher.locator("select[name=language]").select_option(language)
    go(teacher.locator("form[action$='/teach/'] input[type=submit]"))
    assert "/teach/classes/" in teacher.url
    class_page = teacher.url
    assert teacher.locator("select[name=timezone]").input_value() == lesson["zone"]
    assert teacher.locator("select[name=language]").input_value() == language

    due = (dt.datetime.now(ZoneInfo(lesson["zone"])) + dt.timedelta(days=3)).replace(
        hour=15, minute=0, second=0, microsecond=0)
    teacher.locator("select[name=bank]").select_option(translated_bank)
    teacher.locator("input[name=due_at]").fill(due.strftime("%Y-%m-%dT%H:%M"))
    go(teacher.locator("form[action$='/assignments'] input[type=submit]"))
    assert teacher.url == class_page, teacher.locator(".error").all_inner_texts()
    assert teacher.locator(".flash").count() == 1
    assignments = teacher.locator("table tbody tr")
    assert assignments.count() == 1
    # Shown back on the class's clock, as typed: its day, and 15:00 (es) or 3:00 PM (ur).
    shown = assignments.locator("td").nth(2).inner_text()
    assert str(due.day) in shown and str(due.year) in shown, shown
    assert due.strftime("%H:%M") in shown or due.strftime("%-I:%M") in shown, shown
    code = teacher.locator(".code.big").inner_text().strip()
    assert code
    check(teacher, "class")
    shoot(teacher, f"{language}-teacher-class.png")
    classroom_id = class_page.rstrip("/").rsplit("/", 1)[1]

    # Two learners join with the code, with no language chosen, and take the quiz.
    for name in lesson["learners"]:
        learner = new_page()
        learner.goto(live_server + "/join")
        check(learner, "join")
        learner.locator("input[name=code]").fill(code.lower())
        learner.locator("input[name=display_name]").fill(name)
        learner.locator("input[name=password]").fill("learner password")
        submit(learner)
        assert learner.locator(".flash").count() == 1
        check(learner, "learner's classes")
        # The assigned quiz is listed under its title in the class's language.
        listed = learner.locator(".assignments strong")
        if (listed.inner_text(), listed.get_attribute("lang")) != (lesson["title"], language):
            found["learner's classes: assigned quiz's title"] = (
                listed.inner_text(), listed.get_attribute("lang"))
        go(learner.locator(".assignments form input[type=submit]"))

        check(learner, "quiz")
        shoot(learner, f"{language}-quiz.png")
        # The quiz comes a few questions a page; the question may be on any of them.
        answered = False
        while True:
            prompts = learner.locator(".prompt")
            assert set(prompts.evaluate_all("ps => ps.map(p => p.lang)")) == {language}
            question = learner.locator("fieldset.question", has=learner.locator(
                ".prompt", has_text=lesson["prompt"]))
            if question.count():
                if language == "ur":
                    radio = question.locator("input[type=radio]").first
                    label = question.locator("label span").first
                    assert box(radio)["x"] >= box(label)["x"] + box(label)["width"] - 1
                question.locator("label", has_text=lesson["right"]).locator("input").check()
                answered = True
            if not learner.locator("form.quiz input[name=next_page]").count():
                break
            go(learner.locator("form.quiz input[name=next_page]"))
            check(learner, "next page of the quiz")
        assert answered
        go(learner.locator("form.quiz input[name=submit]"))
        check(learner, "quiz with blanks")
        go(learner.locator("form.quiz input[name=submit_with_blanks]"))

        check(learner, "result")
        assert learner.locator(".score-line").count() == 1
        evidence = learner.locator("details[open] .evidence").first  # a missed question's: open
        quote = evidence.locator("blockquote")
        assert quote.get_attribute("lang") == "en"
        assert quote.inner_text().strip()
        gloss = evidence.locator(".quote-translation")
        assert gloss.locator(".label").inner_text().strip()
        assert gloss.locator(f"span[lang={language}]").inner_text().strip()
        assert learner.locator("blockquote[lang=en]").count() == learner.locator(".evidence").count()
        shoot(learner, f"{language}-result.png")
        go(evidence.locator("figcaption a"))
        check(learner, "source")
        cited = learner.locator("mark#cited")
        assert cited.count() == 1 and cited.inner_text().strip()
        assert learner.url.endswith("#cited")

        learner.goto(live_server + "/")
        go(learner.locator(f"a[href$='/classes/{classroom_id}/board']"))
        check(learner, "class board")
        last = learner

    rows = last.locator("table.board tbody tr td:nth-child(2) bdi").all_inner_texts()
    assert sorted(rows) == sorted(lesson["learners"])
    shoot(last, f"{language}-board.png")

    # The teacher prints login cards for a learner without e-mail.
    teacher.goto(class_page)
    teacher.locator("textarea[name=names]").fill("Zara Ahmed")
    go(teacher.locator("form[action$='/roster'] input[type=submit]"))
    assert teacher.locator(".login-card").count() == 1
    check(teacher, "login cards")
    teacher.goto(class_page)
    assert teacher.locator("section[aria-labelledby=members-heading] li").count() == 3
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_the_check_for_english_words_finds_them(browser, live_server: str) -> None:
    # The same check on English pages must find the words, else it proves nothing.
    page = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en").new_page()
    page.goto(live_server + "/login")
    assert "Sign in" in english_on(page)
    page.goto(live_server + "/banks/sample")
    submit(page)
    whole_quiz_in_browser(page)
    assert "Submit" in english_on(page)  # an <input type=submit>'s value counts
    page.context.close()
