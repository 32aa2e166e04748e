"""Names in the order of the page's language (worked examples), and board ties in that order."""

from __future__ import annotations

import pytest

from quizapp.domain.collation import by_name, name_key
from quizapp.domain.standings import Member, standings

NAMES = ["sofia", "Zara", "Óscar", "Ángel", "bilal", "Émile"]


@pytest.mark.parametrize("language", [None, "en", "es", "ur", "en-GB", "es_SV", "xx"])
def test_accented_capitals_sort_with_their_letter_in_every_language(language: str | None) -> None:
    # By code point, "Ángel", "Émile" and "Óscar" come after "sofia" and "Zara".
    assert by_name(NAMES, str, language) == ["Ángel", "bilal", "Émile", "Óscar", "sofia", "Zara"]


def test_spanish_puts_enye_after_n_and_english_reads_it_as_n() -> None:
    names = ["Ñandú", "Nube", "Olga", "Mario"]
    assert by_name(names, str, "es") == ["Mario", "Nube", "Ñandú", "Olga"]
    assert by_name(names, str, "en") == ["Mario", "Ñandú", "Nube", "Olga"]


def test_urdu_follows_the_urdu_alphabet() -> None:
    # Urdu's alphabet runs ا ب پ ت ٹ ث ... ع ... ی: ٹ (tteh) comes after پ, before ث, where
    # the root order (for Arabic) puts it after ث.
    names = ["یاسر", "ثنا", "ٹیپو", "بلال", "عائشہ", "پروین", "احمد"]
    assert by_name(names, str, "ur") == ["احمد", "بلال", "پروین", "ٹیپو", "ثنا", "عائشہ", "یاسر"]
    assert by_name(names, str, None).index("ٹیپو") > by_name(names, str, None).index("ثنا")


def test_one_name_twice_keeps_one_order_by_id() -> None:
    rows = [(3, "Ali"), (1, "Ali"), (2, "ali")]
    assert by_name(rows, lambda row: row[1], "en", lambda row: row[0]) == [
        (2, "ali"), (1, "Ali"), (3, "Ali")]


def test_sort_keys_are_bytes_that_compare_as_the_language_does() -> None:
    key = name_key("es")
    assert key("Ángel") < key("Bilal") < key("Óscar") < key("sofia")


def test_board_ties_are_listed_in_the_languages_order() -> None:
    members = [Member(1, "sofia", 0), Member(2, "Óscar", 0), Member(3, "Ángel", 0),
               Member(4, "Zara", 5)]
    assert [(s.rank, s.display_name) for s in standings(members, "es")] == [
        (1, "Zara"), (2, "Ángel"), (2, "Óscar"), (2, "sofia")]


def test_without_pyicu_names_follow_the_default_order_accents_with_their_letter(monkeypatch) -> None:
    from quizapp.domain import collation

    monkeypatch.setattr(collation, "icu", None)
    collation._collator.cache_clear()
    try:
        assert not collation.language_tailored()
        assert by_name(NAMES, str, "es") == ["Ángel", "bilal", "Émile", "Óscar", "sofia", "Zara"]
        assert by_name(["Ñandú", "Nube"], str, "es") == ["Ñandú", "Nube"]  # no Spanish tailoring
    finally:
        collation._collator.cache_clear()
