"""Pages translate through the request's catalog, and right-to-left languages turn the page."""

from __future__ import annotations

import pytest

from quizapp.web import i18n
from tests.helpers import soup


class Marked:
    """A stand-in catalog that 'translates' by marking every message."""

    def ugettext(self, message: str) -> str:
        return "T: " + message

    def ungettext(self, singular: str, plural: str, number: int) -> str:
        return "T: " + (singular if number == 1 else plural)


def test_templates_use_the_requests_catalog(client, sample_bank, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "get_translations", Marked)
    page = soup(client.get("/"))
    assert page.h1.get_text() == "T: Quizzes"
    assert page.select_one(".card .meta").get_text(" ", strip=True).startswith("T: 5 questions")


@pytest.mark.parametrize(("language", "direction"), [
    ("en", "ltr"), ("es", "ltr"), ("ur", "rtl"), ("ur-PK", "rtl"), ("ar", "rtl"), (None, "ltr")])
def test_text_direction(language: str | None, direction: str) -> None:
    assert i18n.text_direction(language) == direction


def test_a_bank_in_urdu_is_marked_right_to_left(client, write_bank, load_banks) -> None:
    from tests.conftest import bank_yaml

    write_bank(bank_yaml(language="ur"))
    load_banks()
    card = soup(client.get("/")).select_one(".card")
    assert (card["lang"], card["dir"]) == ("ur", "rtl")


# The language menu and the order of choices ------------------------------------------

def html_language(response) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    root = soup(response).html
    return root["lang"], root["dir"]


def choose(client, language: str, back: str = "/"):  # type: ignore[no-untyped-def]
    from tests.helpers import csrf

    token = csrf(soup(client.get(back)))
    return client.post("/language", data={"csrf_token": token, "language": language, "next": back})


@pytest.mark.parametrize(("header", "expected"), [
    ("", ("en", "ltr")), ("es-SV,es;q=0.9,en;q=0.5", ("es", "ltr")),
    ("ur-PK,ur;q=0.9", ("ur", "rtl")), ("fr-FR", ("en", "ltr"))])
def test_the_page_follows_the_browser_until_a_language_is_chosen(client, header, expected) -> None:
    assert html_language(client.get("/", headers={"Accept-Language": header})) == expected


def test_every_page_has_the_language_menu_in_each_languages_own_name(client, sample_bank) -> None:
    for path in ["/", "/banks/sample", "/login", "/join", "/sources/coindesk", "/no-such-page"]:
        menu = soup(client.get(path)).select_one("nav.languages form")
        assert menu["method"] == "post" and menu["action"] == "/language", path
        assert menu.select_one("input[name=csrf_token]") is not None
        buttons = [(b["value"], b.get_text(strip=True), b["lang"], b["dir"])
                   for b in menu.select("button[name=language]")]
        assert buttons == [("en", "English", "en", "ltr"), ("es", "Español", "es", "ltr"),
                           ("ur", "اردو", "ur", "rtl")], path
        assert menu.select_one("input[name=next]")["value"] == path


def test_choosing_a_language_sets_a_cookie_and_goes_back(csrf_app_client, sample_bank) -> None:
    client = csrf_app_client
    response = choose(client, "ur", "/banks/sample")
    assert (response.status_code, response.headers["Location"]) == (303, "/banks/sample")
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and "language=" in v)
    assert "language=ur" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/banks/sample", headers={"Accept-Language": "es"})
    assert html_language(page) == ("ur", "rtl")  # the choice beats the browser
    current = soup(page).select_one("nav.languages button[aria-current]")
    assert current["value"] == "ur"


def test_a_language_that_is_not_offered_or_an_outside_address_is_refused(csrf_app_client) -> None:
    client = csrf_app_client
    assert choose(client, "fr").status_code == 400
    from tests.helpers import csrf

    token = csrf(soup(client.get("/")))
    response = client.post("/language", data={"csrf_token": token, "language": "es",
                                              "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert client.post("/language", data={"language": "es"}).status_code == 400  # no CSRF token


def test_a_signed_in_choice_is_kept_on_the_account(app, people, csrf_app_client) -> None:
    from quizapp.extensions import db
    from quizapp.models import Account

    ali = people.account("ali")
    people.sign_in(csrf_app_client, ali, "ali")
    choose(csrf_app_client, "es")
    with app.app_context():
        assert db.session.get(Account, ali).language == "es"
    # Another browser, without the cookie, and another cookie: the account's choice wins.
    phone = people.sign_in(app.test_client(), ali, "ali")
    phone.set_cookie("language", "ur")
    assert html_language(phone.get("/", headers={"Accept-Language": "en"})) == ("es", "ltr")


def test_a_class_default_applies_to_its_learners_until_they_choose(app, people, csrf_app_client) -> None:
    from sqlalchemy import update

    from quizapp.extensions import db
    from quizapp.models import Classroom

    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    ayesha = people.account("ayesha")
    people.join(classroom, ayesha)
    with app.app_context(), db.writer() as session:
        session.execute(update(Classroom).where(Classroom.id == classroom).values(language="ur"))
        session.commit()
    learner = people.sign_in(csrf_app_client, ayesha, "ayesha")
    assert html_language(learner.get("/", headers={"Accept-Language": "es"})) == ("ur", "rtl")
    # The teacher is in no class: their browser decides.
    rana = people.sign_in(app.test_client(), teacher, "ms-rana")
    assert html_language(rana.get("/", headers={"Accept-Language": "es"})) == ("es", "ltr")
    # The learner's own choice wins over the class's.
    choose(learner, "en")
    assert html_language(learner.get("/", headers={"Accept-Language": "es"})) == ("en", "ltr")


def test_an_anonymous_page_chooses_its_language_without_the_database(tmp_path) -> None:
    from quizapp import create_app

    # A database that cannot be opened: choosing the language must not need it.
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/db.sqlite"})
    with app.test_request_context("/", headers={"Cookie": "language=es",
                                                "Accept-Language": "ur"}):
        assert i18n.select_locale() == "es"
    with app.test_request_context("/", headers={"Accept-Language": "ur"}):
        assert i18n.select_locale() == "ur"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "December 1, 2026, 3:00\u202fPM"), ("es", "1 de diciembre de 2026, 15:00")])
def test_class_dates_are_written_in_the_page_language_on_the_class_clock(app, language,
                                                                         expected) -> None:
    import datetime as dt

    stored = dt.datetime(2026, 12, 1, 21, 0)  # UTC; 15:00 in El Salvador
    with app.test_request_context("/", headers={"Accept-Language": language}):
        assert i18n.class_datetime(stored, "America/El_Salvador", "long") == expected
        assert i18n.class_datetime(stored, "UTC", "long").startswith(
            "December 1, 2026, 9:00" if language == "en" else "1 de diciembre de 2026, 21:00")
        assert i18n.zone_label("America/El_Salvador") == (
            "El Salvador Time" if language == "en" else "hora de El Salvador")
        assert i18n.zone_label("UTC") == "UTC"


@pytest.mark.parametrize(("hour", "words"), [(4, "9:00 صبح"), (8, "1:00 دوپہر"), (13, "6:00 شام"),
                                            (19, "12:00 آدھی رات")])
def test_urdu_times_say_the_time_of_day_in_urdu_words_not_am_pm(app, hour: int, words: str) -> None:
    import datetime as dt

    stored = dt.datetime(2026, 12, 1, hour, 0)  # UTC; Karachi is 5 hours ahead
    with app.test_request_context("/", headers={"Accept-Language": "ur"}):
        written = i18n.class_datetime(stored, "Asia/Karachi", "long")
    assert written.endswith(words) and "AM" not in written and "PM" not in written


def test_numbers_follow_the_page_language(app) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        assert (i18n.number(6238), i18n.percent(0.5)) == ("6.238", "50\xa0%")
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert (i18n.number(6238), i18n.percent(0.5)) == ("6,238", "50%")


# Each block of bank or article text reads in its own direction --------------------------

def test_an_urdu_bank_on_an_english_page_and_the_reverse(client, write_bank, load_banks) -> None:
    from tests.conftest import bank_yaml
    from tests.helpers import csrf, whole_quiz_form

    write_bank(bank_yaml("urdu-bank", language="ur"))
    write_bank(bank_yaml())
    load_banks()
    for page_language, bank, direction in [("en", "urdu-bank", "rtl"), ("ur", "sample", "ltr")]:
        headers = {"Accept-Language": page_language}
        form = soup(client.get(f"/banks/{bank}", headers=headers))
        started = client.post(f"/banks/{bank}", data={"csrf_token": csrf(form), "start": "Start"})
        whole_quiz_form(client, started.headers["Location"], headers)
        quiz = soup(client.get(started.headers["Location"], headers=headers))
        assert quiz.html["dir"] == i18n.text_direction(page_language)
        language = "ur" if bank == "urdu-bank" else "en"
        for block in [quiz.h1, *quiz.select(".prompt"), *quiz.select("#q1 .choices"),
                      *quiz.select("#q5 .order label")]:
            assert (block["lang"], block["dir"]) == (language, direction), block
        # The page's own words around them stay in the page's language: no lang of their own.
        assert quiz.select_one("#q1 legend").get("lang") is None
        assert quiz.select_one("#q2 .choices").get("dir") is None  # True / False
        assert quiz.select_one("#q3-input")["dir"] == "ltr"  # numbers are typed left to right


def test_quotes_take_their_articles_language_and_hints_the_pages(client, sample_bank) -> None:
    from tests.helpers import right_form
    from tests.test_learner_views import start_quiz

    location, quiz = start_quiz(client)
    result = soup(client.get(client.post(location, data=right_form(quiz)).headers["Location"]))
    quote = result.select_one("#q1 .evidence blockquote")
    assert (quote["lang"], quote["dir"]) == ("en", "ltr")
    answers = result.select_one("#q1 .answers")
    assert answers.get("lang") is None and answers.dd["lang"] == "en"  # labels are the page's
    link = result.select_one("#q3 .evidence a")["href"].split("#")[0]
    source = soup(client.get(link, headers={"Accept-Language": "ur"}))
    assert (source.html["lang"], source.html["dir"]) == ("ur", "rtl")
    assert (source.select_one(".article-body")["lang"], source.select_one(".article-body")["dir"]) == (
        "en", "ltr")
    hint = source.select_one("p.hint")
    assert hint.find_parent(attrs={"lang": "en"}) is None  # the page's words, not the article's


def test_names_are_isolated(app, people) -> None:
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher, "کلاس 8B")
    ayesha = people.account("ayesha", name="عائشہ خان")
    people.join(classroom, ayesha)
    client = people.sign_in(app.test_client(), ayesha, "ayesha")
    header = soup(client.get("/")).select_one("nav.account bdi")
    assert header.get_text() == "عائشہ خان"
    board = soup(client.get(f"/classes/{classroom}/board"))
    assert board.h1.bdi.get_text() == "کلاس 8B"
    assert [bdi.get_text() for bdi in board.select("table.board td bdi")] == ["عائشہ خان"]


@pytest.mark.parametrize(("language", "required"), [
    ("es", "Este campo es obligatorio."), ("ur", "یہ خانہ بھرنا ضروری ہے۔"),
    ("en", "This field is required.")])
def test_form_errors_of_wtforms_itself_are_in_the_page_language(app, people, language: str,
                                                                required: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    client = people.sign_in(app.test_client(), people.account("ms-rana", "teacher"), "ms-rana")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = soup(client.post("/teach/", data={"name": ""}))  # WTForms' own "required" message
    assert required in [error.get_text(strip=True) for error in page.select(".error")]
