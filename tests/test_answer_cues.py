"""Answer cues: the right answer a test-wise learner could find from its length or its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.answer_cues import (
    CueFigures,
    Shown,
    commonest_pattern,
    cues_of,
    key_is_longest,
    keys_apart,
    measure,
    measure_catalog,
    shown_by_language,
    words,
)
from quizapp.domain.bank_translation import with_fingerprints
from quizapp.domain.catalog import check_banks, read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES, _ = read_articles(SEEDS)


def single(prompt: str, key: str, *others: str) -> Shown:
    return Shown("b.yaml", 4, "b/q", "single", prompt, (key, *others), (0,))


def multiple(prompt: str, keys: list[str], others: list[str]) -> Shown:
    return Shown("b.yaml", 9, "b/m", "multiple", prompt, (*keys, *others), tuple(range(len(keys))))


def rendered(shown: Shown, language: str = "en") -> list[str]:
    return [message.render() for message in cues_of(shown, language)]


def test_a_key_longer_by_a_fifth_is_a_cue_and_one_just_under_is_not() -> None:
    assert rendered(single("Which?", "x" * 12, "y" * 10, "z" * 9)) == [
        "warning: the right answer is the longest choice by 20 % or more (12 characters, the next "
        "longest 10): a learner can guess it; shorten it or give a wrong choice as much detail"]
    assert rendered(single("Which?", "x" * 11, "y" * 10)) == []
    # Still counted as the longest for the language's figure, though not warned of.
    assert key_is_longest(single("Which?", "x" * 11, "y" * 10))
    assert not key_is_longest(single("Which?", "x" * 10, "y" * 10))


def test_white_space_runs_count_as_one_character() -> None:
    assert rendered(single("Which?", "a    b  c   d  e", "abcdefghi")) == []


@pytest.mark.parametrize(("keys", "others", "apart"), [
    (["ab", "cd"], ["efgh", "ijklm"], "shorter"),
    (["abcdef", "ghijkl"], ["ab", "cde"], "longer"),
    (["ab", "cdefgh"], ["abc", "defgh"], None),
    (["abcd"], ["abcd", "efgh"], None),  # a tie is no cue
])
def test_keys_all_shorter_or_all_longer_than_the_distractors(keys, others, apart) -> None:
    shown = multiple("Which two?", keys, others)
    assert keys_apart(shown) == apart
    cue = [m for m in rendered(shown) if "every right answer" in m]
    assert len(cue) == (apart is not None)
    if apart:
        assert f"every right answer is {apart} than every wrong one" in cue[0]


def test_a_key_repeating_a_stem_word_no_distractor_repeats_is_a_cue() -> None:
    shown = single("What does a seed phrase protect?", "Your seed coins", "Your bank card", "Your phone")
    assert rendered(shown) == [
        "warning: the right answer repeats 'seed' from the question and no wrong choice does: a "
        "learner can match the words; reword the answer or use the word in a wrong choice too"]
    # A distractor with a stem word too takes the cue away.
    assert rendered(single("What does a seed phrase protect?", "Your seed coins", "A phrase to type")) == []


def test_short_words_stop_words_and_numbers_are_not_cues() -> None:
    shown = single("What is the fee in 2021 for this?", "The fee this 2021", "Nothing, no cost", "Some")
    assert rendered(shown) == []


@pytest.mark.parametrize(("text", "language", "found"), [
    ("Bitcoin's PRICE, which fell", "en", {"bitcoin", "price", "fell"}),
    ("¿Cuál es el precio según ellos?", "es", {"precio"}),
    ("بِجلی کی قیمت کیوں", "ur", {"بجلی", "قیمت"}),  # the zer is not part of the word; کیوں is a stop word
])
def test_words_are_letters_casefolded_without_marks(text: str, language: str, found: set[str]) -> None:
    assert words(text, language) == found


def test_the_figures_count_per_language_and_warnings_come_in_file_order() -> None:
    questions = [
        Shown("b.yaml", 20, "b/late", "single", "Which?", ("x" * 20, "y"), (0,)),
        Shown("b.yaml", 3, "b/early", "single", "Which?", ("x", "y" * 20), (0,)),
        Shown("b.yaml", 9, "b/m", "multiple", "Which?", ("a", "b", "ccc"), (0, 1)),
        Shown("b.yaml", 12, "b/m2", "multiple", "Which?", ("aa", "b", "c"), (0, 2)),
    ]
    warnings, figures = measure("en", questions)
    assert [(w.line, w.subject) for w in warnings] == [(9, "b/m"), (20, "b/late")]
    assert figures == CueFigures("en", single=2, key_longest=1, multiple=2, keys_apart=1, warnings=2,
                                 pattern=(2, 3), pattern_count=2)
    assert figures.longest_share == 0.5 and not figures.goals_met
    assert CueFigures("ur", 10, 3, 3, 0, pattern=(2, 4), pattern_count=1).goals_met
    assert not CueFigures("ur", 10, 4, 3, 0, pattern=(2, 4), pattern_count=1).goals_met
    assert not CueFigures("ur", 10, 3, 3, 0, pattern=(3, 5), pattern_count=2).goals_met


def test_the_commonest_pattern_of_right_answers_is_counted_ties_to_the_most_right() -> None:
    def multiple(right: int, choices: int) -> Shown:
        return Shown("b.yaml", 1, "b/m", "multiple", "Which?", tuple("abcdefg"[:choices]),
                     tuple(range(right)))

    assert commonest_pattern([multiple(3, 5), multiple(3, 5), multiple(2, 4), multiple(1, 4)]) == ((3, 5), 2)
    assert commonest_pattern([multiple(2, 4), multiple(3, 5)]) == ((3, 5), 1)
    assert commonest_pattern([Shown("b.yaml", 1, "b/s", "single", "?", ("a", "b"), (0,))]) == ((0, 0), 0)


BANK = """\
bank: b
title: T
questions:
  - id: q
    type: single
    prompt: Which country?
    explanation: E
    choices: [El Salvador, Peru]
    answer: El Salvador
    cite:
      - source: coindesk
        quote: "doing so in 2021."
  - id: m
    type: multiple
    prompt: Which ones?
    explanation: E
    choices: [aa, bb, cccc]
    answer: [aa, bb]
    cite:
      - source: coindesk
        quote: "doing so in 2021."
"""
URDU = """\
translation_of: b
language: ur
title: T
questions:
  - id: q
    prompt: کون سا ملک؟
    choices: [ایل سلواڈور, جمہوریہ پیرو کا ملک]
    explanation: E
  - id: m
    prompt: کون سے؟
    choices: [الف, ب, ج]
    explanation: E
"""


def test_a_translation_is_measured_in_its_own_words_with_the_banks_answers() -> None:
    bank = check_banks([("b.yaml", "b", BANK.encode())], ARTICLES).banks[0]
    urdu = with_fingerprints(URDU, {"b": bank})
    catalog = check_banks([("b.yaml", "b", BANK.encode()), ("b.ur.yaml", "b.ur", urdu.encode())], ARTICLES)
    assert catalog.problems == []
    shown = shown_by_language(catalog)
    assert sorted(shown) == ["en", "ur"]
    # A translation's choices keep the bank's order, so the keys are found by their positions.
    assert [(s.path, s.subject, s.choices[0], s.keys) for s in shown["ur"]] == [
        ("b.ur.yaml", "b/q", "ایل سلواڈور", (0,)), ("b.ur.yaml", "b/m", "الف", (0, 1))]
    measured = {figures.language: (warnings, figures) for warnings, figures in measure_catalog(catalog)}
    assert measured["en"][1] == CueFigures("en", 1, 1, 1, 1, 2, (2, 3), 1)
    assert [(w.path, w.line) for w in measured["en"][0]] == [("b.yaml", 4), ("b.yaml", 13)]
    # In Urdu the key is shorter than the wrong choice and the keys are not all shorter: no cue.
    assert measured["ur"] == ([], CueFigures("ur", 1, 0, 1, 0, 0, (2, 3), 1))
