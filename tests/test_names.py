"""Display names: invisible characters removed, look-alikes found (worked examples)."""

from __future__ import annotations

import pytest

from quizapp.domain.names import clean_name, look_alike, name_skeleton, same_but_for_marks


@pytest.mark.parametrize(("typed", "kept"), [
    ("  Ayesha   Khan ", "Ayesha Khan"),
    ("Learner1A\u200b", "Learner1A"),  # zero-width space
    ("\u202eevil\u202c name", "evil name"),  # right-to-left override and pop
    ("\u2067Ali\u2069", "Ali"),  # right-to-left isolate
    ("Ｆａｔｉｍａ", "Fatima"),  # full-width letters, NFKC
    ("Jos\u0065\u0301", "José"),  # e + combining acute, composed
    ("Zara\tAhmed\nX", "Zara Ahmed X"),  # control characters separate words
    ("\u00adBilal\ufeff", "Bilal"),  # soft hyphen, byte order mark
    ("عائشہ خان", "عائشہ خان"),  # Urdu stays Urdu
])
def test_names_keep_what_is_visible(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept


@pytest.mark.parametrize("typed", ["\u200b\u200b\u200b", "\u202e\u202c", " \t\n", "\u2066\u2069\u200d", ""])
def test_a_name_of_nothing_visible_is_empty(typed: str) -> None:
    assert clean_name(typed) == ""


def test_names_are_at_most_80_characters() -> None:
    assert len(clean_name("a" * 200)) == 80


@pytest.mark.parametrize(("one", "other"), [
    ("Learner1A", "Learner1A\u200b"),
    ("Learner1A", "LEARNER1A"),
    ("Ali Khan", "ali  khan"),
    ("Fatima", "Ｆａｔｉｍａ"),
    ("Straße", "STRASSE"),
])
def test_look_alike_names_have_one_skeleton(one: str, other: str) -> None:
    assert name_skeleton(one) == name_skeleton(other)
    assert look_alike(other, ["Bilal", one]) == one


@pytest.mark.parametrize(("one", "other"), [("Ali", "Ali K."), ("José", "Jose"), ("Learner1A", "Learner1B")])
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert look_alike(other, [one]) is None


def test_urdu_spelling_keeps_its_zero_width_non_joiner() -> None:
    # نیک‌نام: the non-joiner keeps ک from joining ن; elsewhere it is invisible and goes.
    assert clean_name("نیک\u200cنام") == "نیک\u200cنام"
    assert clean_name("Ali\u200cKhan") == "AliKhan"
    assert clean_name("\u200cعلی") == "علی"
    assert name_skeleton("نیک\u200cنام") == name_skeleton("نیکنام")


@pytest.mark.parametrize(("one", "other"), [
    ("Sofía Ramírez", "Sofia Ramirez"),
    ("Sofía Ramírez", "SOFIA RAMIREZ"),
    ("José", "jose"),
    ("Zoë  Núñez", "zoe nunez"),
    ("Jos\u0065\u0301", "José"),  # composed or not
    ("عَلی", "علی"),  # Urdu with and without its optional vowel mark (zabar)
])
def test_names_without_their_accents_are_the_same_name_to_join_again(one: str, other: str) -> None:
    assert same_but_for_marks(other, ["Bilal", one]) == one


@pytest.mark.parametrize(("one", "other"), [
    ("Sofía Ramírez", "Sofía Ramos"), ("Ali", "Ali K."), ("علی", "عالیہ"), ("Ana", "Anna"),
])
def test_other_names_stay_other_names_without_accents_too(one: str, other: str) -> None:
    assert same_but_for_marks(other, [one]) is None
