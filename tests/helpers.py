"""Reading pages and filling forms the way a browser would, for view tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

RIGHT_ORDER = ["El Salvador adopts bitcoin as legal tender", "Saqib speaks at The Bitcoin Conference",
               "Pakistan launches its Virtual Assets Regulatory Authority"]


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    """The HTML of a response (or a string of HTML), parsed."""
    html = response if isinstance(response, str) else response.get_data(as_text=True)
    return BeautifulSoup(html, "html.parser")


def csrf(page: BeautifulSoup) -> str:
    """The first CSRF token on a page; empty where the app runs without CSRF (some tests)."""
    field = page.find("input", {"name": "csrf_token"})
    return field["value"] if field else ""


def post_form(client: FlaskClient, url: str, data: dict[str, object], page_url: str | None = None):  # type: ignore[no-untyped-def]
    """Post a form with the CSRF token read from the page that shows it (``url`` by default)."""
    token = csrf(soup(client.get(page_url or url)))
    return client.post(url, data={"csrf_token": token, **data})


def right_form(quiz: BeautifulSoup, number: str = "6,238") -> dict[str, object]:
    """Form data of a learner who answers the sample bank right, read off the quiz page."""
    data: dict[str, object] = {"csrf_token": csrf(quiz), "submit": "Submit"}
    for fieldset in quiz.select("fieldset.question"):
        name = fieldset["id"]
        labels = {label.get_text(" ", strip=True): label for label in fieldset.find_all("label")}
        if fieldset.select("input[type=text]"):
            data[name] = number
        elif fieldset.select("select"):
            data[name] = [str(RIGHT_ORDER.index(text) + 1) for text in labels]
        elif "True" in labels:
            data[name] = "false"
        elif fieldset.select("input[type=checkbox]"):
            data[name] = [label.input["value"] for text, label in labels.items()
                          if text != "football clubs"]
        else:
            data[name] = labels["2021"].input["value"]
    return data


def whole_quiz_form(client: FlaskClient, location: str, headers: dict[str, str] | None = None) -> None:
    """Take a practice or review run (they start in learn mode) on the whole-quiz form."""
    page = soup(client.get(location, headers=headers, follow_redirects=True))
    switched = client.post(f"{location}/whole", data={"csrf_token": csrf(page), "submit": "x"},
                           headers=headers)
    assert switched.status_code == 303, switched.status_code


def whole_quiz_in_browser(page) -> None:  # type: ignore[no-untyped-def]
    """In a browser, take the practice or review run just started on the whole-quiz form."""
    page.locator("form.switch-mode input[type=submit]").click()


STATIC = Path(__file__).resolve().parent.parent / "quizapp" / "static"


def linked_stylesheets_bytes(html: str | bytes) -> int:
    """The size of every stylesheet the page links (as /static/<name>?v=...), in bytes."""
    page = BeautifulSoup(html, "html.parser")
    hrefs = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert hrefs and all(href.startswith("/static/") for href in hrefs), hrefs
    return sum((STATIC / href.removeprefix("/static/").split("?")[0]).stat().st_size for href in hrefs)
