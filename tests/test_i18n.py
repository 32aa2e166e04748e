"""Pages translate through the request's catalog, and right-to-left languages turn the page."""

from __future__ import annotations

import pytest

from quizapp import i18n
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
