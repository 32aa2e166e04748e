"""Display names: invisible characters removed, look-alikes found (worked examples)."""

from __future__ import annotations

import pytest

from quizapp.domain.names import clean_name, has_no_letter, look_alike, name_skeleton, same_but_for_marks


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


# The probe's look-alikes of a classmate's "Alice Alpha" (issue #23, item 8).
@pytest.mark.parametrize("twin", [
    "\u0410lice Alpha",  # Cyrillic capital A
    "\u0391lice Alpha",  # Greek capital Alpha
    "Al\u0131ce Alpha",  # dotless i
    "Alice\ufe0f Alpha",  # variation selector 16
    "Alice Alpha\ufe0e",  # variation selector 15
    "Alice\u034f Alpha",  # combining grapheme joiner: a mark that draws nothing
    "Ali\u0307ce Alpha",  # a dot above the i's own dot
    "AIice Alpha",  # capital I for l
    "\u0410l\u0456\u0441\u0435 \u0410lph\u0430",  # Cyrillic А, і, с, е and а
    "\u0391\u217cice Alpha",  # Greek Alpha, small roman numeral fifty
])
def test_confusable_names_look_alike(twin: str) -> None:
    assert look_alike(twin, ["Bilal", "Alice Alpha"]) == "Alice Alpha"
    assert look_alike("Alice Alpha", [twin]) == twin


@pytest.mark.parametrize(("one", "other"), [
    ("Alice Alpha", "Alicia Alpha"), ("Alice Alpha", "Alicé Alpha"), ("Ana", "Anna"),
    ("علی", "عالیہ"), ("Sofía Ramírez", "Sofía Ramos"), ("Ian", "Jan"),
])
def test_names_that_differ_on_screen_do_not_look_alike(one: str, other: str) -> None:
    assert look_alike(other, [one]) is None


@pytest.mark.parametrize("typed", [
    "\u3164", "\u3164\u3164 \u3164",  # Hangul filler
    "\u2800\u2800",  # Braille blank
    "\u0301\u0308\u0327",  # combining marks alone
    "\ufe0f\ufe0f", "\u034f",  # selectors, the grapheme joiner
    "\u3164\u0301\u2800\u200b",
    "007", "-- ! --",  # numbers and signs: no letter
])
def test_a_name_with_no_letter_that_shows_is_refused(typed: str) -> None:
    assert clean_name(typed) == ""
    assert has_no_letter(typed)


def test_blank_letters_read_as_spaces_and_zero_width_alone_is_as_if_nothing_was_typed() -> None:
    assert clean_name("Ali\u3164Khan\u2800") == "Ali Khan"
    assert not has_no_letter("\u200b\u200b") and not has_no_letter("  ") and not has_no_letter("Ali")


def test_urdu_spelling_keeps_its_joiners_and_tells_names_apart() -> None:
    # نیک‌نام with a zero-width non-joiner, and لا‍ with a zero-width joiner after an Arabic letter
    assert clean_name("نیک\u200cنام") == "نیک\u200cنام"
    assert clean_name("ہ\u200dا") == "ہ\u200dا"
    assert look_alike("نیک\u200cنام", ["نیکنام"]) == "نیکنام"
    assert look_alike("عائشہ خان", ["علی خان", "عائشہ"]) is None
