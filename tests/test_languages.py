"""Which language a page speaks: an explicit choice, then the class's, then the browser's."""

from __future__ import annotations

import pytest

from quizapp.domain.languages import choose_language, own_name

SUPPORTED = ["en", "es", "ur"]


@pytest.mark.parametrize(("given", "chosen"), [
    ({}, "en"),
    ({"browser": "es"}, "es"),
    ({"class_default": "ur", "browser": "es"}, "ur"),
    ({"cookie": "es", "class_default": "ur", "browser": "en"}, "es"),
    ({"account": "ur", "cookie": "es", "class_default": "en", "browser": "es"}, "ur"),
    ({"account": "fr", "cookie": "es"}, "es"),        # not supported: passed over
    ({"cookie": "xx", "class_default": "ur"}, "ur"),
    ({"account": None, "cookie": "", "browser": "ur"}, "ur"),
])
def test_choose_language(given: dict[str, str | None], chosen: str) -> None:
    assert choose_language(SUPPORTED, **given) == chosen


def test_languages_are_named_in_themselves() -> None:
    assert [own_name(code) for code in SUPPORTED] == ["English", "Español", "اردو"]
    assert own_name("pt") == "pt"
